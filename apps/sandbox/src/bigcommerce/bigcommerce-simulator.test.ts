import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newBigCommerceCustomer } from './bigcommerce-seed';
import { type BigCommerceSimulator, startBigCommerceSimulator } from './bigcommerce-simulator';
import type { BigCommerceCustomerRecord } from './bigcommerce-types';

let simulator: BigCommerceSimulator;
const token = 'tok_test';

beforeAll(async () => {
  simulator = await startBigCommerceSimulator({
    count: 60,
    accessToken: token,
    storeHash: 'abc123',
    rateLimit: false,
  });
});
afterEach(() => {
  simulator.seed({ count: 60 });
  simulator.reset();
});
afterAll(() => simulator.close());

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json<T = unknown>(): T;
}

async function call(
  path: string,
  init: RequestInit & { token?: string | null; target?: BigCommerceSimulator; json?: unknown } = {},
): Promise<Answer> {
  const { token: sent = token, target = simulator, json, ...rest } = init;
  const response = await fetch(`${target.url}${path}`, {
    ...rest,
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    headers: {
      accept: 'application/json',
      ...(sent === null ? {} : { 'x-auth-token': sent }),
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      ...rest.headers,
    },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
}

interface CustomerPage {
  data: (Omit<BigCommerceCustomerRecord, 'addresses'> & { addresses?: unknown[]; address_count: number })[];
  meta: Record<string, unknown>;
}

async function customers(query: string): Promise<CustomerPage> {
  const answer = await call(`/stores/abc123/v3/customers?${query}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.json<CustomerPage>();
}

const ids = (page: CustomerPage) => page.data.map((customer) => customer.id);
const storedCustomers = () =>
  simulator.customerIds().map((id) => simulator.stored(id) as BigCommerceCustomerRecord);

const customer = (id: number, fields: Partial<BigCommerceCustomerRecord>) =>
  newBigCommerceCustomer(id, new Date('2024-05-14T09:34:00Z'), {
    email: `c${id}@example.com`,
    first_name: 'First',
    last_name: 'Last',
    ...fields,
  });

describe('authentication', () => {
  it('refuses a missing or wrong token, and the right token on another store hash, with 401', async () => {
    const expected = {
      status: 401,
      title:
        'Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.',
      type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
      errors: {},
    };
    for (const answer of [
      await call('/stores/abc123/v3/customers', { token: null }),
      await call('/stores/abc123/v3/customers', { token: 'wrong' }),
      await call('/stores/zzz999/v3/customers'),
    ]) {
      expect([answer.status, answer.json()]).toStrictEqual([401, expected]);
    }
  });

  it('refuses the old token once the credentials are revoked', async () => {
    simulator.revokeCredentials();
    expect((await call('/stores/abc123/v3/customers')).status).toBe(401);
    expect(
      (await call('/stores/abc123/v3/customers', { token: simulator.credentials.accessToken })).status,
    ).toBe(200);
  });
});

describe('GET /v3/customers', () => {
  it('answers customers without addresses unless include=addresses, with both pagination metas on page 1', async () => {
    const plain = await customers('limit=2');
    expect(plain.data.map((item) => 'addresses' in item)).toStrictEqual([false, false]);
    expect(plain.data[0]?.address_count).toBe(simulator.stored(String(plain.data[0]?.id))?.addresses.length);
    expect(Object.keys(plain.meta)).toStrictEqual(['pagination', 'cursor_pagination']);
    const withAddresses = await customers('limit=2&include=addresses');
    expect(withAddresses.data.map((item) => item.addresses)).toStrictEqual(
      withAddresses.data.map((item) => simulator.stored(String(item.id))?.addresses),
    );
  });

  it('pages by page and limit, with only pagination after page 1', async () => {
    const all = storedCustomers().map((record) => record.id);
    const second = await customers('page=2&limit=25');
    expect(ids(second)).toStrictEqual(all.slice(25, 50));
    expect(second.meta).toStrictEqual({
      pagination: {
        total: all.length,
        count: 25,
        per_page: 25,
        current_page: 2,
        total_pages: Math.ceil(all.length / 25),
        links: { previous: '?page=1&limit=25', current: '?page=2&limit=25', next: '?page=3&limit=25' },
      },
    });
    expect((await customers('page=99&limit=25')).data).toStrictEqual([]);
  });

  it('walks id order with after cursors, ignoring page, and ends without a next link', async () => {
    const all = storedCustomers().map((record) => record.id);
    const seen: number[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await customers(after === undefined ? 'limit=20' : `limit=20&page=3&after=${after}`);
      seen.push(...ids(page));
      const cursor = page.meta.cursor_pagination as { end_cursor: string; links: { next?: string } };
      if (cursor.links.next === undefined) break;
      after = cursor.end_cursor;
    }
    expect(seen).toStrictEqual(all);
  });

  it('pages backwards with before, and refuses after and before together', async () => {
    const all = storedCustomers().map((record) => record.id);
    const first = await customers('limit=20');
    const end = (first.meta.cursor_pagination as { end_cursor: string }).end_cursor;
    const second = await customers(`limit=20&after=${end}`);
    const start = (second.meta.cursor_pagination as { start_cursor: string }).start_cursor;
    expect(ids(await customers(`limit=5&before=${start}`))).toStrictEqual(all.slice(15, 20));
    expect((await call(`/stores/abc123/v3/customers?after=${end}&before=${start}`)).status).toBe(422);
  });

  it('refuses a limit over 250 and a non-positive one with 422', async () => {
    expect((await call('/stores/abc123/v3/customers?limit=251')).status).toBe(413);
    expect((await call('/stores/abc123/v3/customers?limit=0')).status).toBe(422);
  });

  it('matches email:in as whole values, case-insensitively', async () => {
    simulator.seed({
      customers: [
        customer(1, { email: 'ana@example.com' }),
        customer(2, { email: 'juliana@example.com' }),
        customer(3, { email: 'ANA@example.com.au' }),
      ],
    });
    expect(ids(await customers('email:in=ANA@Example.com'))).toStrictEqual([1]);
  });

  it('matches name:like loosely: accents, case, wildcards, and comma-separated values OR-ed', async () => {
    simulator.seed({
      customers: [
        customer(1, { first_name: 'Ana', last_name: 'Núñez' }),
        customer(2, { first_name: 'Sherlock', last_name: 'Holmes' }),
        customer(3, { first_name: 'James', last_name: 'Moriarty' }),
        customer(4, { first_name: 'Ana', last_name: 'Reyes' }),
      ],
    });
    expect(ids(await customers('name:like=NUNEZ'))).toStrictEqual([1]);
    expect(ids(await customers('name:like=moriarty,sherlock'))).toStrictEqual([2, 3]);
    expect(ids(await customers('name:like=a_a'))).toStrictEqual([1, 4]);
    expect(ids(await customers('name:like=ana%20re'))).toStrictEqual([4]);
  });

  it('applies inclusive date bounds in whole seconds, dropping fractions', async () => {
    simulator.seed({
      customers: [
        customer(1, { date_created: '2024-05-14T09:33:59Z' }),
        customer(2, { date_created: '2024-05-14T09:34:00Z' }),
        customer(3, { date_created: '2024-05-14T09:34:01Z' }),
      ],
    });
    expect(ids(await customers('date_created:min=2024-05-14T09:34:00Z'))).toStrictEqual([2, 3]);
    expect(ids(await customers('date_created:max=2024-05-14T09:34:00Z'))).toStrictEqual([1, 2]);
    expect(ids(await customers('date_created:min=2024-05-14T09:34:00.900Z'))).toStrictEqual([2, 3]);
    expect(ids(await customers('date_created:min=2024-05-14T05:34:00-04:00'))).toStrictEqual([2, 3]);
    expect(ids(await customers('date_created:max=1715679240'))).toStrictEqual([1, 2]);
    expect(ids(await customers('date_created=2024-05-14'))).toStrictEqual([1, 2, 3]);
  });

  it('cannot read a percent-encoded date or a raw + offset: 422 naming the filter', async () => {
    const encoded = await call('/stores/abc123/v3/customers?date_created:min=2024-05-14T09%3A34%3A00Z');
    expect([encoded.status, encoded.json<{ errors: object }>().errors]).toStrictEqual([
      422,
      { 'date_created:min': "'2024-05-14T09:34:00Z' is not a valid date" },
    ]);
    expect(
      (await call('/stores/abc123/v3/customers?date_created:min=2024-05-14T09:34:00+02:00')).status,
    ).toBe(422);
  });

  it('ignores unknown parameters and refuses an unknown sort', async () => {
    expect((await customers('keyword=ana&limit=250')).data).toHaveLength(simulator.customerIds().length);
    expect((await call('/stores/abc123/v3/customers?sort=email:asc')).status).toBe(422);
  });

  it('sorts by last_name, ties in id order', async () => {
    simulator.seed({
      customers: [
        customer(1, { last_name: 'Zed' }),
        customer(2, { last_name: 'abel' }),
        customer(3, { last_name: 'Abel' }),
      ],
    });
    expect(ids(await customers('sort=last_name:asc'))).toStrictEqual([2, 3, 1]);
    expect(ids(await customers('sort=last_name:desc'))).toStrictEqual([1, 2, 3]);
  });

  it('sorts by date_created within inclusive :min/:max bounds, and walks one second in id order by cursor', async () => {
    const at = (second: number) => `2024-05-14T09:34:0${second}Z`;
    simulator.seed({
      customers: [
        customer(5, { date_created: at(1) }),
        customer(2, { date_created: at(2) }),
        customer(9, { date_created: at(2) }),
        customer(4, { date_created: at(3) }),
        customer(7, { date_created: at(2) }),
      ],
    });
    expect(ids(await customers(`sort=date_created:desc&date_created:max=${at(2)}&limit=2`))).toStrictEqual([
      2, 7,
    ]);
    expect(ids(await customers(`sort=date_created:asc&date_created:min=${at(2)}`))).toStrictEqual([
      2, 7, 9, 4,
    ]);
    const first = await customers(`date_created:min=${at(2)}&date_created:max=${at(2)}&limit=2`);
    expect(ids(first)).toStrictEqual([2, 7]);
    const after = (first.meta.cursor_pagination as { end_cursor: string }).end_cursor;
    expect(
      ids(await customers(`date_created:min=${at(2)}&date_created:max=${at(2)}&limit=2&after=${after}`)),
    ).toStrictEqual([9]);
  });

  it('has no single-customer route', async () => {
    const answer = await call('/stores/abc123/v3/customers/1');
    expect(answer.status).toBe(404);
  });
});

describe('customer writes', () => {
  const ana = {
    email: 'ana.reyes@example.com',
    first_name: 'Ana',
    last_name: 'Reyes',
    phone: '+1 512 555 0100',
    addresses: [
      {
        first_name: 'Ana',
        last_name: 'Reyes',
        address1: '12 Oak St',
        city: 'Austin',
        state_or_province: 'texas',
        postal_code: '78701',
        country_code: 'US',
      },
    ],
  };

  it('creates from an array and answers 200 with the stored customers and their addresses', async () => {
    const answer = await call('/stores/abc123/v3/customers', { method: 'POST', json: [ana] });
    expect(answer.status).toBe(200);
    const [created] = answer.json<CustomerPage>().data;
    const stored = simulator.stored(String(created?.id));
    expect(stored?.addresses.map((address) => [address.state_or_province, address.country])).toStrictEqual([
      ['Texas', 'United States'],
    ]);
    expect(created?.addresses).toStrictEqual(stored?.addresses);
  });

  it('refuses more than 10 items with 413, and a taken email or a state code with 422, writing nothing', async () => {
    const before = simulator.customerIds();
    const many = Array.from({ length: 11 }, (_, index) => ({ ...ana, email: `a${index}@example.com` }));
    expect((await call('/stores/abc123/v3/customers', { method: 'POST', json: many })).status).toBe(413);
    const taken = simulator.stored(before[0] as string)?.email.toUpperCase();
    const duplicate = await call('/stores/abc123/v3/customers', {
      method: 'POST',
      json: [
        { ...ana, email: 'fresh@example.com' },
        { ...ana, email: taken },
      ],
    });
    expect([duplicate.status, Object.keys(duplicate.json<{ errors: object }>().errors)]).toStrictEqual([
      422,
      ['1.email'],
    ]);
    const code = await call('/stores/abc123/v3/customers', {
      method: 'POST',
      json: [{ ...ana, addresses: [{ ...ana.addresses[0], state_or_province: 'TX' }] }],
    });
    expect([code.status, Object.keys(code.json<{ errors: object }>().errors)]).toStrictEqual([
      422,
      ['0.addresses.0.state_or_province'],
    ]);
    expect(simulator.customerIds()).toStrictEqual(before);
  });

  it('updates only the keys sent, ignores addresses, and moves date_modified', async () => {
    const id = Number(simulator.customerIds()[0]);
    const before = simulator.stored(String(id)) as BigCommerceCustomerRecord;
    const answer = await call('/stores/abc123/v3/customers', {
      method: 'PUT',
      json: [{ id, last_name: 'Reyes-Ortega', addresses: [] }],
    });
    expect(answer.status).toBe(200);
    const after = simulator.stored(String(id)) as BigCommerceCustomerRecord;
    expect({ ...after, date_modified: before.date_modified }).toStrictEqual({
      ...before,
      last_name: 'Reyes-Ortega',
    });
    expect(after.date_modified >= before.date_modified).toBe(true);
  });

  it('deletes only with id:in; without it answers the same 204 and deletes nothing', async () => {
    const [first, second] = simulator.customerIds();
    const count = simulator.customerIds().length;
    expect((await call('/stores/abc123/v3/customers', { method: 'DELETE' })).status).toBe(204);
    expect(simulator.customerIds()).toHaveLength(count);
    const answer = await call(`/stores/abc123/v3/customers?id:in=${first},${second}`, { method: 'DELETE' });
    expect([answer.status, answer.text]).toStrictEqual([204, '']);
    expect(simulator.customerIds()).toHaveLength(count - 2);
  });

  it('does not create an address identical to one the customer has, and deletes addresses by id:in', async () => {
    const owner = storedCustomers().find(
      (record) => record.addresses.length > 0,
    ) as BigCommerceCustomerRecord;
    const [existing] = owner.addresses;
    const { id: _id, country: _country, ...copy } = existing as NonNullable<typeof existing>;
    const duplicate = await call('/stores/abc123/v3/customers/addresses', { method: 'POST', json: [copy] });
    expect([duplicate.status, duplicate.json()]).toStrictEqual([200, {}]);
    const removed = await call(`/stores/abc123/v3/customers/addresses?id:in=${existing?.id}`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    expect(simulator.stored(String(owner.id))?.addresses).toHaveLength(owner.addresses.length - 1);
  });
});

describe('subscribers', () => {
  it('creates a subscriber once per email (409 after), and updates its consents', async () => {
    const created = await call('/stores/abc123/v3/customers/subscribers', {
      method: 'POST',
      json: { email: 'new.one@example.com', consents: ['marketing_newsletter'] },
    });
    expect(created.status).toBe(200);
    const again = await call('/stores/abc123/v3/customers/subscribers', {
      method: 'POST',
      json: { email: 'NEW.one@example.com' },
    });
    expect(again.status).toBe(409);
    const id = created.json<{ data: { id: number } }>().data.id;
    await call(`/stores/abc123/v3/customers/subscribers/${id}`, { method: 'PUT', json: { consents: [] } });
    expect(simulator.subscriber('new.one@example.com')?.consents).toStrictEqual([]);
    const found = await call('/stores/abc123/v3/customers/subscribers?email=New.One@example.com');
    expect(found.json<{ data: { id: number }[] }>().data.map((subscriber) => subscriber.id)).toStrictEqual([
      id,
    ]);
  });
});

describe('v2 orders, store and geography', () => {
  it("answers a customer's orders in id order, linking their products, and 204 with no body when none", async () => {
    const withOrders = await call('/stores/abc123/v2/orders?limit=250');
    const orders = withOrders.json<{ id: number; customer_id: number; products: { resource: string } }[]>();
    const owner = orders.find((order) => order.customer_id !== 0)?.customer_id;
    const mine = await call(`/stores/abc123/v2/orders?customer_id=${owner}`);
    const listed = mine.json<{ id: number; products: { resource: string } }[]>();
    expect(listed.map((order) => order.id)).toStrictEqual(
      orders.filter((order) => order.customer_id === owner).map((order) => order.id),
    );
    const products = await call(`/stores/abc123/v2${listed[0]?.products.resource}`);
    expect(products.status).toBe(200);
    const none = await call('/stores/abc123/v2/orders?customer_id=999999');
    expect([none.status, none.text]).toStrictEqual([204, '']);
  });

  it('answers an unknown order with the v2 error array', async () => {
    const answer = await call('/stores/abc123/v2/orders/999999');
    expect([answer.status, answer.json()]).toStrictEqual([
      404,
      [{ status: 404, message: 'The requested resource was not found.' }],
    ]);
  });

  it('gives the store currency and state names by abbreviation', async () => {
    expect((await call('/stores/abc123/v2/store')).json<{ currency: string }>().currency).toBe('USD');
    const [country] = (await call('/stores/abc123/v2/countries?country_iso2=US')).json<{ id: number }[]>();
    const states = await call(`/stores/abc123/v2/countries/${country?.id}/states?state_abbreviation=tx`);
    expect(states.json<{ state: string }[]>().map((state) => state.state)).toStrictEqual(['Texas']);
  });
});

describe('rate limit and faults', () => {
  it('announces the quota on every answer and refuses the request over it with 429 and X-Retry-After', async () => {
    const limited = await startBigCommerceSimulator({
      count: 3,
      accessToken: token,
      rateLimit: { quota: 2, windowMs: 30_000 },
    });
    try {
      const first = await call('/stores/abc123/v3/customers', { target: limited });
      expect(first.headers.get('x-rate-limit-requests-left')).toBe('1');
      expect(first.headers.get('x-rate-limit-requests-quota')).toBe('2');
      expect(first.headers.get('x-rate-limit-time-window-ms')).toBe('30000');
      await call('/stores/abc123/v3/customers', { target: limited });
      const over = await call('/stores/abc123/v3/customers', { target: limited });
      expect(over.status).toBe(429);
      expect(over.headers.get('x-rate-limit-requests-left')).toBe('0');
      expect(Number(over.headers.get('x-rate-limit-time-reset-ms'))).toBeGreaterThan(29_000);
      expect(over.headers.get('x-retry-after')).toBe('30');
      expect(over.headers.get('retry-after')).toBeNull();
    } finally {
      await limited.close();
    }
  });

  it('answers queued faults the way BigCommerce does', async () => {
    simulator.failNext('rateLimited');
    simulator.failNext('serverError');
    simulator.failNext('malformed');
    const throttled = await call('/stores/abc123/v3/customers');
    expect([throttled.status, throttled.headers.get('x-retry-after')]).toStrictEqual([429, '1']);
    expect((await call('/stores/abc123/v3/customers')).status).toBe(500);
    const malformed = await call('/stores/abc123/v3/customers');
    expect(() => malformed.json()).toThrow();
    expect((await call('/stores/abc123/v3/customers')).status).toBe(200);
  });

  it('records every request with its raw query keys', async () => {
    await call('/stores/abc123/v3/customers?id:in=1,2&include=addresses');
    expect(simulator.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/stores/abc123/v3/customers',
      query: { 'id:in': '1,2', include: 'addresses' },
    });
  });
});

describe('generated data', () => {
  it('holds the awkward cases: empty names, no addresses, unicode, consent in subscribers only', () => {
    const all = storedCustomers();
    expect(all.some((record) => record.addresses.length === 0)).toBe(true);
    expect(all.some((record) => record.addresses.length > 1)).toBe(true);
    expect(all.every((record) => record.email.includes('@'))).toBe(true);
    expect(all.every((record) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(record.date_created))).toBe(
      true,
    );
    expect(
      all.some((record) => simulator.subscriber(record.email)?.consents.includes('marketing_newsletter')),
    ).toBe(true);
  });
});
