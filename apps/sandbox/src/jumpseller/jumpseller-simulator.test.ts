import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callSimulator } from '../kit/call-simulator';
import { type JumpsellerSimulator, pageParameters, startJumpsellerSimulator } from './jumpseller-simulator';
import type { JumpsellerCustomer, JumpsellerCustomerRecord } from './jumpseller-types';

let simulator: JumpsellerSimulator;
const basic = `Basic ${Buffer.from('store-login:token-1234').toString('base64')}`;

beforeAll(async () => {
  simulator = await startJumpsellerSimulator({
    count: 60,
    login: 'store-login',
    authToken: 'token-1234',
    rateLimit: false,
  });
});
afterEach(() => {
  // Back to the generated store: some tests seed their own records, which `reset` would keep.
  simulator.seed({ count: 60 });
  simulator.reset();
});
afterAll(() => simulator.close());

function call(
  path: string,
  init: RequestInit & { authorization?: string | null; target?: JumpsellerSimulator } = {},
) {
  const { authorization = basic, target = simulator, ...rest } = init;
  return callSimulator(`${target.url}/v1${path}`, { ...rest, authorization });
}

async function customers(path: string): Promise<JumpsellerCustomer[]> {
  const response = await call(path);
  expect(response.status).toBe(200);
  return (response.json() as { customer: JumpsellerCustomer }[]).map((wrapper) => wrapper.customer);
}

const ana: JumpsellerCustomerRecord = {
  id: 4102217,
  email: 'Ana.Reyes@example.com',
  phone: '+15125550100',
  phone_prefix: null,
  status: 'approved',
  accepts_marketing: true,
  accepted_marketing_at: '2021-05-04',
  cancelled_marketing_at: null,
  shipping_addresses: [
    {
      name: 'Luis',
      surname: 'Reyes',
      address: '88 Harbor Rd',
      city: 'San Diego',
      postal: '92101',
      municipality: null,
      region: 'CA',
      country: 'US',
    },
  ],
  billing_addresses: [
    {
      name: 'Ana',
      surname: 'Reyes',
      taxid: '74-3829106',
      address: '12 Oak St',
      city: 'Austin',
      postal: '78701',
      municipality: null,
      region: 'TX',
      country: 'US',
    },
  ],
  customer_categories: [{ id: 301, name: 'Wholesale', code: 'wholesale' }],
  customer_additional_fields: [],
};
const juliana: JumpsellerCustomerRecord = {
  ...ana,
  id: 4102230,
  email: 'juliana@example.com',
  phone: null,
  accepts_marketing: false,
  accepted_marketing_at: null,
  shipping_addresses: [],
  billing_addresses: [],
  customer_categories: [],
};

describe('authentication', () => {
  it('accepts HTTP Basic and the deprecated query parameters', async () => {
    expect((await call('/customers.json')).status).toBe(200);
    expect(
      (await call('/customers.json?login=store-login&authtoken=token-1234', { authorization: null })).status,
    ).toBe(200);
  });

  it('answers wrong or missing credentials with 401 and a message', async () => {
    const wrong = await call('/customers.json', {
      authorization: `Basic ${Buffer.from('store-login:nope').toString('base64')}`,
    });
    expect([wrong.status, wrong.json()]).toStrictEqual([401, { message: 'Unauthorized' }]);
    expect((await call('/customers.json', { authorization: null })).status).toBe(401);
  });

  it('refuses a revoked token and accepts the new one', async () => {
    simulator.revokeCredentials();
    expect((await call('/customers.json')).status).toBe(401);
    const { login, authToken } = simulator.credentials;
    expect(login).toBe('store-login');
    const fresh = `Basic ${Buffer.from(`${login}:${authToken}`).toString('base64')}`;
    expect((await call('/customers.json', { authorization: fresh })).status).toBe(200);
  });

  it('answers a missing permission with a JSON 403, not the throttling text', async () => {
    const limited = await startJumpsellerSimulator({
      count: 2,
      login: 'store-login',
      authToken: 'token-1234',
      permissions: ['read_customers'],
    });
    try {
      const response = await call('/store/info.json', { target: limited });
      expect(response.status).toBe(403);
      expect(response.json()).toStrictEqual({
        message: 'Forbidden: this token has no read_store permission',
      });
    } finally {
      await limited.close();
    }
  });
});

describe('listing', () => {
  it('wraps each customer, in ascending id order, 50 by default', async () => {
    const page = await customers('/customers.json');
    expect(page).toHaveLength(50);
    const ids = page.map((customer) => customer.id);
    expect(ids).toStrictEqual([...ids].sort((left, right) => left - right));
    expect(ids.map(String)).toStrictEqual(simulator.customerIds().slice(0, 50));
  });

  it('pages by number and answers [] past the end', async () => {
    const all = simulator.customerIds();
    const second = await customers('/customers.json?limit=7&page=2');
    expect(second.map((customer) => String(customer.id))).toStrictEqual(all.slice(7, 14));
    expect(await customers('/customers.json?limit=100&page=2')).toStrictEqual([]);
  });

  it('caps limit at 100 silently and reads bad values the way Rails does', () => {
    const read = (query: string) => pageParameters(new URLSearchParams(query));
    expect(read('limit=150')).toStrictEqual({ limit: 100, offset: 0 });
    expect(read('limit=abc&page=0')).toStrictEqual({ limit: 50, offset: 0 });
    expect(read('limit=20x&page=3')).toStrictEqual({ limit: 20, offset: 40 });
    expect(read('limit=-4&page=-1')).toStrictEqual({ limit: 50, offset: 0 });
  });

  it('ignores parameters it does not have, such as email', async () => {
    const filtered = await customers(
      `/customers.json?limit=5&email=${encodeURIComponent('nobody@example.com')}`,
    );
    expect(filtered.map((customer) => String(customer.id))).toStrictEqual(
      simulator.customerIds().slice(0, 5),
    );
  });

  it('counts every customer', async () => {
    expect((await call('/customers/count.json')).json()).toStrictEqual({ count: 60 });
  });

  it('answers a customer without a billing address with its email as fullname', async () => {
    simulator.seed({ customers: [ana, juliana] });
    const [, noName] = await customers('/customers.json');
    expect(noName?.fullname).toBe('juliana@example.com');
    expect((await call('/customers/4102217.json')).json()).toStrictEqual({
      customer: { ...ana, fullname: 'Ana Reyes' },
    });
  });
});

describe('lookups', () => {
  it('finds a customer by email ignoring case, with the email percent-encoded as a path segment', async () => {
    simulator.seed({ customers: [{ ...ana, email: 'ana+shop/1@example.com' }, juliana] });
    const found = await call(`/customers/email/${encodeURIComponent('ANA+shop/1@example.com')}.json`);
    expect(found.status).toBe(200);
    expect((found.json() as { customer: JumpsellerCustomer }).customer.id).toBe(4102217);
    const missing = await call('/customers/email/nobody%40example.com.json');
    expect([missing.status, missing.json()]).toStrictEqual([404, { message: 'Customer not found' }]);
  });

  it('searches loosely: a substring of email, names and tax id, case-insensitively', async () => {
    simulator.seed({ customers: [ana, juliana] });
    const ids = async (query: string) =>
      (await customers(`/customers/search.json?query=${encodeURIComponent(query)}`)).map(
        (customer) => customer.id,
      );
    expect(await ids('ana@example.com')).toStrictEqual([4102230]);
    expect(await ids('ana')).toStrictEqual([4102217, 4102230]);
    expect(await ids('LUIS reyes')).toStrictEqual([4102217]);
    expect(await ids('3829106')).toStrictEqual([4102217]);
    expect(await ids('')).toStrictEqual([4102217, 4102230]);
    expect(
      (await customers('/customers/search.json?query=ana&order=desc')).map((customer) => customer.id),
    ).toStrictEqual([4102230, 4102217]);
    // The empty search with order=desc is every customer, newest first, paged like the list.
    expect(
      (await customers('/customers/search.json?query=&order=desc&limit=1&page=2')).map(
        (customer) => customer.id,
      ),
    ).toStrictEqual([4102217]);
  });

  it('answers an unknown id with 404', async () => {
    const response = await call('/customers/1.json');
    expect([response.status, response.json()]).toStrictEqual([404, { message: 'Customer not found' }]);
  });
});

describe('writes', () => {
  it('creates a customer from the customer wrapper, with the billing name as fullname', async () => {
    const response = await call('/customers.json', {
      method: 'POST',
      body: JSON.stringify({
        customer: {
          email: 'elise.durand@example.fr',
          phone: '+33 1 55 55 01 23',
          accepts_marketing: true,
          billing_address: { name: 'Élise', surname: 'Durand', city: 'Paris', country: 'FR' },
          fullname: 'ignored',
        },
      }),
    });
    expect(response.status).toBe(200);
    const { customer } = response.json() as { customer: JumpsellerCustomer };
    expect(customer.fullname).toBe('Élise Durand');
    expect(simulator.stored(String(customer.id))).toStrictEqual({
      id: customer.id,
      email: 'elise.durand@example.fr',
      phone: '+33 1 55 55 01 23',
      phone_prefix: null,
      fullname: 'Élise Durand',
      status: 'approved',
      accepts_marketing: true,
      accepted_marketing_at: new Date().toISOString().slice(0, 10),
      cancelled_marketing_at: null,
      shipping_addresses: [],
      billing_addresses: [
        {
          name: 'Élise',
          surname: 'Durand',
          taxid: null,
          address: null,
          city: 'Paris',
          postal: null,
          municipality: null,
          region: null,
          country: 'FR',
        },
      ],
      customer_categories: [],
      customer_additional_fields: [],
    });
  });

  it('refuses a create without email, a taken email (any case) and an unknown status with 422', async () => {
    simulator.seed({ customers: [ana] });
    const post = (customer: object) =>
      call('/customers.json', { method: 'POST', body: JSON.stringify({ customer }) });
    expect((await post({ phone: '1' })).json()).toStrictEqual({
      message: "Validation failed: Email can't be blank",
    });
    expect((await post({ email: 'ANA.REYES@example.com' })).json()).toStrictEqual({
      message: 'Validation failed: Email has already been taken',
    });
    const bad = await post({ email: 'x@example.com', status: 'banned' });
    expect([bad.status, bad.json()]).toStrictEqual([
      422,
      { message: 'Validation failed: Status is not included in the list' },
    ]);
    expect(simulator.customerIds()).toStrictEqual(['4102217']);
  });

  it('answers a body without the customer wrapper, or without the JSON content type, with 400', async () => {
    const unwrapped = await call('/customers.json', {
      method: 'POST',
      body: JSON.stringify({ email: 'a@b.co' }),
    });
    expect([unwrapped.status, unwrapped.json()]).toStrictEqual([
      400,
      { message: 'param is missing or the value is empty: customer' },
    ]);
    const untyped = await call('/customers.json', {
      method: 'POST',
      body: JSON.stringify({ customer: { email: 'a@b.co' } }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(untyped.status).toBe(400);
  });

  it('updates only the keys sent, and a sent address replaces the default one whole', async () => {
    simulator.seed({ customers: [ana] });
    const response = await call('/customers/4102217.json', {
      method: 'PUT',
      body: JSON.stringify({
        customer: { phone: null, billing_address: { name: 'Ana María', surname: 'Reyes' } },
      }),
    });
    expect(response.status).toBe(200);
    expect(simulator.stored('4102217')).toStrictEqual({
      ...ana,
      phone: null,
      fullname: 'Ana María Reyes',
      billing_addresses: [
        {
          name: 'Ana María',
          surname: 'Reyes',
          taxid: null,
          address: null,
          city: null,
          postal: null,
          municipality: null,
          region: null,
          country: null,
        },
      ],
    });
  });

  it('deletes a customer with a JSON string body, then answers 404 for it', async () => {
    const [id] = simulator.customerIds();
    const response = await call(`/customers/${id}.json`, { method: 'DELETE' });
    expect([response.status, response.json()]).toStrictEqual([200, 'OK']);
    expect(simulator.stored(id ?? '')).toBeUndefined();
    expect((await call(`/customers/${id}.json`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('orders and store', () => {
  it("lists only the account's orders, not guest orders with the same email", async () => {
    const ids = simulator.customerIds();
    let seen = 0;
    for (const id of ids) {
      const response = await call(`/customers/${id}/orders.json?limit=100`);
      const orders = (response.json() as { order: { customer: { id: number | null } } }[]).map(
        (wrapper) => wrapper.order,
      );
      for (const order of orders) expect(order.customer.id).toBe(Number(id));
      seen += orders.length;
    }
    expect(seen).toBeGreaterThan(10);
    expect((await call('/customers/1/orders.json')).status).toBe(404);
  });

  it('answers the store currency wrapped in store, trimmed by fields', async () => {
    expect((await call('/store/info.json?fields=currency')).json()).toStrictEqual({
      store: { currency: 'USD' },
    });
  });
});

describe('rate limits and faults', () => {
  it('reports both windows on every answer and throttles the 21st request in a second with 429 text', async () => {
    const limited = await startJumpsellerSimulator({
      count: 2,
      login: 'store-login',
      authToken: 'token-1234',
    });
    try {
      const answers = await Promise.all(
        Array.from({ length: 21 }, () => call('/customers/count.json', { target: limited })),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses.filter((status) => status === 200)).toHaveLength(20);
      const throttled = answers.find((answer) => answer.status === 429);
      expect(throttled?.text).toBe('Rate Limit Exceeded');
      expect(throttled?.headers.get('retry-after')).toBeNull();
      expect(throttled?.headers.get('jumpseller-persecondratelimit-remaining')).toBe('0');
      expect(throttled?.headers.get('jumpseller-perminuteratelimit-remaining')).toBe('780');
      const remaining = answers
        .filter((answer) => answer.status === 200)
        .map((answer) => Number(answer.headers.get('jumpseller-persecondratelimit-remaining')))
        .sort((left, right) => left - right);
      expect(remaining).toStrictEqual(Array.from({ length: 20 }, (_, index) => index));
    } finally {
      await limited.close();
    }
  });

  it('throttles with the older 403 when told to, and bans after enough refused requests', async () => {
    const limited = await startJumpsellerSimulator({
      count: 2,
      login: 'store-login',
      authToken: 'token-1234',
      rateLimit: { perSecond: 1, status: 403, banAfterHits: 2, banSeconds: 30 },
    });
    try {
      const first = await call('/customers/count.json', { target: limited });
      expect(first.headers.get('jumpseller-persecondratelimit-limit')).toBe('1');
      const refused = await call('/customers/count.json', { target: limited });
      expect([refused.status, refused.text]).toStrictEqual([403, 'Rate Limit Exceeded']);
      const banned = await call('/customers/count.json', { target: limited });
      const reset = banned.headers.get('jumpseller-bannedbyratelimit-reset') ?? '';
      expect(reset).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      expect(Date.parse(reset) - Date.now()).toBeGreaterThan(25_000);
    } finally {
      await limited.close();
    }
  });

  it('answers each injected fault the way Jumpseller does', async () => {
    simulator.failNext('rateLimited');
    simulator.failNext('serverError');
    simulator.failNext('unauthorized');
    simulator.failNext('malformed');
    const throttled = await call('/customers.json');
    expect([throttled.status, throttled.text]).toStrictEqual([429, 'Rate Limit Exceeded']);
    const failed = await call('/customers.json');
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toContain('text/html');
    expect((await call('/customers.json')).status).toBe(401);
    const malformed = await call('/customers.json');
    expect(malformed.status).toBe(200);
    expect(() => malformed.json()).toThrow();
  });
});
