import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callSimulator } from '../kit/call-simulator';
import {
  startWooCommerceSimulator,
  type WooCommerceSimulator,
  type WooCommerceSimulatorOptions,
} from './woocommerce-simulator';
import type { WooCommerceCustomer } from './woocommerce-types';

let simulator: WooCommerceSimulator;
const basic = `Basic ${Buffer.from('ck_test:cs_test').toString('base64')}`;

beforeAll(async () => {
  simulator = await startWooCommerceSimulator({
    count: 70,
    consumerKey: 'ck_test',
    consumerSecret: 'cs_test',
  });
});
afterEach(() => simulator.reset());
afterAll(() => simulator.close());

function call(
  path: string,
  init: RequestInit & { authorization?: string | null; target?: WooCommerceSimulator } = {},
) {
  const { authorization = basic, target = simulator, ...rest } = init;
  return callSimulator(`${target.url}${path.startsWith('/?') ? '' : '/wp-json/wc/v3'}${path}`, {
    ...rest,
    authorization,
  });
}

async function list(query: string): Promise<{ customers: WooCommerceCustomer[]; headers: Headers }> {
  const response = await call(`/customers?${query}`);
  expect(response.status).toBe(200);
  return { customers: response.json() as WooCommerceCustomer[], headers: response.headers };
}

describe('authentication', () => {
  it('accepts HTTP Basic and query-string keys', async () => {
    expect((await call('/customers')).status).toBe(200);
    expect(
      (await call('/customers?consumer_key=ck_test&consumer_secret=cs_test', { authorization: null })).status,
    ).toBe(200);
  });

  it('answers an unknown key with the route’s permission error, a wrong secret with an authentication error', async () => {
    const unknown = await call('/customers', {
      authorization: `Basic ${Buffer.from('ck_x:cs_test').toString('base64')}`,
    });
    expect([unknown.status, unknown.json()]).toStrictEqual([
      401,
      {
        code: 'woocommerce_rest_cannot_view',
        message: 'Sorry, you cannot list resources.',
        data: { status: 401 },
      },
    ]);
    const wrongSecret = await call('/customers', {
      authorization: `Basic ${Buffer.from('ck_test:cs_x').toString('base64')}`,
    });
    expect(wrongSecret.json()).toMatchObject({
      code: 'woocommerce_rest_authentication_error',
      message: 'Consumer secret is invalid.',
    });
  });

  it('refuses writes with a read-only key', async () => {
    const readOnly = await startWooCommerceSimulator({
      count: 2,
      consumerKey: 'ck_test',
      consumerSecret: 'cs_test',
      keyPermission: 'read',
    });
    try {
      const refused = await call('/customers', {
        method: 'POST',
        body: JSON.stringify({ email: 'x@example.com' }),
        target: readOnly,
      });
      expect([refused.status, (refused.json() as { message: string }).message]).toStrictEqual([
        401,
        'The API key provided does not have write permissions.',
      ]);
    } finally {
      await readOnly.close();
    }
  });
});

describe('GET /customers', () => {
  it('hides other roles by default (role=customer) and shows every user with role=all', async () => {
    const customersOnly = await list('per_page=100');
    expect(customersOnly.customers.every((customer) => customer.role === 'customer')).toBe(true);
    const everyone = await list('per_page=100&role=all');
    expect(everyone.customers.map((customer) => customer.role)).toEqual(
      expect.arrayContaining(['administrator', 'subscriber']),
    );
    expect(Number(everyone.headers.get('x-wp-total'))).toBe(simulator.customerIds().length);
  });

  it('sends X-WP-Total, X-WP-TotalPages and Link, and an empty page past the end', async () => {
    const { customers, headers } = await list('per_page=10&page=2&role=all&orderby=id');
    expect(customers).toHaveLength(10);
    expect(headers.get('x-wp-total')).toBe('72');
    expect(headers.get('x-wp-totalpages')).toBe('8');
    expect(headers.get('link')).toBe(
      `<${simulator.url}/wp-json/wc/v3/customers?per_page=10&page=1&role=all&orderby=id>; rel="prev", ` +
        `<${simulator.url}/wp-json/wc/v3/customers?per_page=10&page=3&role=all&orderby=id>; rel="next"`,
    );
    expect((await list('per_page=10&page=9&role=all')).customers).toStrictEqual([]);
  });

  it('lets offset override page and orders by id with orderby=id', async () => {
    const ids = simulator.customerIds();
    const { customers } = await list('role=all&orderby=id&per_page=3&page=5&offset=2');
    expect(customers.map((customer) => String(customer.id))).toStrictEqual(ids.slice(2, 5));
  });

  it('refuses per_page over 100 and unknown enum values with rest_invalid_param', async () => {
    const refused = await call('/customers?per_page=101&orderby=modified');
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): per_page, orderby',
      data: {
        status: 400,
        params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
        details: { orderby: { code: 'rest_not_in_enum' } },
      },
    });
  });

  it('searches like WordPress: never first or last names; e-mail only when the term has an @', async () => {
    await call('/customers', {
      method: 'POST',
      body: JSON.stringify({ email: 'zz.top@example.net', first_name: 'Quixotic', last_name: 'Vellum' }),
    });
    expect((await list('search=Quixotic')).customers).toStrictEqual([]);
    expect((await list('search=vellum')).customers).toStrictEqual([]);
    expect((await list('search=zz.top@')).customers.map((customer) => customer.email)).toStrictEqual([
      'zz.top@example.net',
    ]);
    // Without an @ the login is searched too: the generated username is the e-mail's local part.
    expect((await list('search=ZZ.TOP')).customers.map((customer) => customer.username)).toStrictEqual([
      'zz.top',
    ]);
  });

  it('matches email exactly and case-insensitively, replacing search', async () => {
    const { customers } = await list('role=all&orderby=id&per_page=100');
    const withEmail = customers.find((customer) => customer.email !== '') as WooCommerceCustomer;
    const found = await list(
      `email=${encodeURIComponent(withEmail.email.toUpperCase())}&search=zzzz&role=all`,
    );
    expect(found.customers.map((customer) => customer.id)).toStrictEqual([withEmail.id]);
  });

  it('answers the same route at ?rest_route= for sites without pretty permalinks', async () => {
    const response = await call('/?rest_route=/wc/v3/customers&per_page=1');
    expect([response.status, (response.json() as unknown[]).length]).toStrictEqual([200, 1]);
  });

  it('dates created in site time without offset, and in UTC without Z in the _gmt twin', async () => {
    const [customer] = (await list('per_page=1&orderby=id')).customers;
    expect(customer?.date_created_gmt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(Date.parse(`${customer?.date_created}Z`) - Date.parse(`${customer?.date_created_gmt}Z`)).toBe(
      3_600_000,
    );
  });
});

describe('customer writes', () => {
  it('creates with 201 and Location, generating the username from the e-mail', async () => {
    const created = await call('/customers', {
      method: 'POST',
      body: JSON.stringify({
        email: 'ana.reyes@example.net',
        first_name: 'Ana',
        billing: { city: 'Austin' },
      }),
    });
    expect(created.status).toBe(201);
    const customer = created.json() as WooCommerceCustomer;
    expect(created.headers.get('location')).toBe(`${simulator.url}/wp-json/wc/v3/customers/${customer.id}`);
    expect(customer).toMatchObject({
      username: 'ana.reyes',
      role: 'customer',
      billing: { city: 'Austin', country: '' },
    });
  });

  it('requires an e-mail and refuses a registered one', async () => {
    const missing = await call('/customers', { method: 'POST', body: JSON.stringify({ first_name: 'X' }) });
    expect(missing.json()).toStrictEqual({
      code: 'rest_missing_callback_param',
      message: 'Missing parameter(s): email',
      data: { status: 400, params: ['email'] },
    });
    const [existing] = (await list('per_page=1&orderby=id')).customers;
    const taken = await call('/customers', {
      method: 'POST',
      body: JSON.stringify({ email: existing?.email }),
    });
    expect((taken.json() as { code: string }).code).toBe('registration-error-email-exists');
  });

  it('answers rest_invalid_json for a body that is not JSON', async () => {
    const response = await call('/customers', { method: 'POST', body: '{"email":' });
    expect([response.status, (response.json() as { code: string }).code]).toStrictEqual([
      400,
      'rest_invalid_json',
    ]);
  });

  it('updates only the sent keys, down to address sub-keys', async () => {
    const [existing] = (await list('per_page=1&orderby=id')).customers;
    const updated = await call(`/customers/${existing?.id}`, {
      method: 'PUT',
      body: JSON.stringify({ billing: { city: 'Zürich' } }),
    });
    expect(updated.json()).toMatchObject({
      billing: { ...existing?.billing, city: 'Zürich' },
      email: existing?.email,
    });
    const renamed = await call(`/customers/${existing?.id}`, {
      method: 'PUT',
      body: JSON.stringify({ username: 'other' }),
    });
    expect((renamed.json() as { code: string }).code).toBe('woocommerce_rest_customer_invalid_argument');
  });

  it('deletes only with force=true (501 otherwise), answering the deleted customer', async () => {
    const [existing] = (await list('per_page=1&orderby=id')).customers;
    const trash = await call(`/customers/${existing?.id}`, { method: 'DELETE' });
    expect([trash.status, (trash.json() as { code: string }).code]).toStrictEqual([
      501,
      'woocommerce_rest_trash_not_supported',
    ]);
    const deleted = await call(`/customers/${existing?.id}?force=true`, { method: 'DELETE' });
    expect((deleted.json() as WooCommerceCustomer).id).toBe(existing?.id);
    const gone = await call(`/customers/${existing?.id}`);
    expect([gone.status, (gone.json() as { code: string }).code]).toStrictEqual([404, 'wc_user_invalid_id']);
    expect((await call('/customers/1?force=true', { method: 'DELETE' })).status).toBe(403);
  });

  it('answers rest_no_route for a path or id the API does not have', async () => {
    expect((await call('/customers/abc')).json()).toMatchObject({
      code: 'rest_no_route',
      data: { status: 404 },
    });
  });
});

describe('orders and currency', () => {
  it('lists a customer’s orders with customer=', async () => {
    const { customers } = await list('per_page=100&orderby=id');
    const buyer = customers.find((customer) => customer.is_paying_customer) as WooCommerceCustomer;
    const response = await call(`/orders?customer=${buyer.id}&per_page=100`);
    const orders = response.json() as { customer_id: number; date_created_gmt: string }[];
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((order) => order.customer_id === buyer.id)).toBe(true);
    expect(response.headers.get('x-wp-total')).toBe(String(orders.length));
  });

  it('answers the store currency', async () => {
    expect((await call('/data/currencies/current')).json()).toMatchObject({ code: 'USD', symbol: '&#36;' });
  });
});

describe('faults and host limits', () => {
  it('answers faults as hosts and WordPress do', async () => {
    simulator.failNext('rateLimited');
    simulator.failNext('serverError');
    simulator.failNext('unauthorized');
    simulator.failNext('malformed');
    const throttled = await call('/customers');
    expect([
      throttled.status,
      throttled.headers.get('retry-after'),
      throttled.text.includes('<html>'),
    ]).toStrictEqual([429, '1', true]);
    expect((await call('/customers')).json()).toMatchObject({
      code: 'internal_server_error',
      data: { status: 500 },
    });
    expect((await call('/customers')).status).toBe(401);
    const malformed = await call('/customers');
    expect([malformed.status, malformed.text.startsWith('<br />')]).toStrictEqual([200, true]);
    expect((await call('/customers')).status).toBe(200);
  });

  it('limits requests only when a host limit is configured', async () => {
    const limited = await startWooCommerceSimulator({
      count: 2,
      consumerKey: 'ck_test',
      consumerSecret: 'cs_test',
      hostRateLimit: { requests: 1, windowSeconds: 60 },
    });
    try {
      expect((await call('/customers', { target: limited })).status).toBe(200);
      const refused = await call('/customers', { target: limited });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

/** A site of its own, with three generated customers and these settings, for one test. */
async function withSite(
  options: WooCommerceSimulatorOptions,
  test: (site: WooCommerceSimulator) => Promise<void>,
): Promise<void> {
  const site = await startWooCommerceSimulator({
    count: 3,
    consumerKey: 'ck_test',
    consumerSecret: 'cs_test',
    ...options,
  });
  try {
    await test(site);
  } finally {
    await site.close();
  }
}

describe('site settings', () => {
  it('trims every object of an answer to the keys in _fields', async () => {
    const one = await call('/customers/2?_fields=id,email');
    const many = await call('/customers?role=all&orderby=id&order=asc&per_page=2&_fields=id');
    expect([Object.keys(one.json() as object), many.json()]).toStrictEqual([
      ['id', 'email'],
      [{ id: 1 }, { id: 2 }],
    ]);
  });

  it('serves WordPress in a sub-directory under it only, and its credentials name that site root', async () => {
    await withSite({ sitePath: '/store' }, async (site) => {
      const inside = await fetch(`${site.url}/store/wp-json/wc/v3/customers/1`, {
        headers: { authorization: basic },
      });
      const root = await call('/customers/1', { target: site });
      expect([
        site.credentials.url,
        inside.status,
        root.status,
        (root.json() as { code: string }).code,
      ]).toStrictEqual([`${site.url}/store`, 200, 404, 'rest_no_route']);
    });
  });

  it('precedes every JSON answer with a PHP notice, as text/html, when notices are displayed', async () => {
    await withSite({ phpNotices: true }, async (site) => {
      const response = await call('/customers/1', { target: site });
      const json = response.text.slice(response.text.indexOf('{'));
      expect([
        response.headers.get('content-type'),
        response.text.startsWith('<br />\n<b>Deprecated</b>:'),
        (JSON.parse(json) as { id: number }).id,
      ]).toStrictEqual(['text/html; charset=UTF-8', true, 1]);
    });
  });

  it('refuses the store data routes to a key whose user may not manage WooCommerce, and serves customers', async () => {
    await withSite({ keyOwnerManagesWooCommerce: false }, async (site) => {
      const currency = await call('/data/currencies/current', { target: site });
      const customers = await call('/customers', { target: site });
      expect([currency.status, (currency.json() as { code: string }).code, customers.status]).toStrictEqual([
        403,
        'woocommerce_rest_cannot_view',
        200,
      ]);
    });
  });

  it('stamps writes with its clock', async () => {
    await withSite({ now: () => new Date('2025-01-15T10:00:00Z') }, async (site) => {
      const created = await call('/customers', {
        target: site,
        method: 'POST',
        body: JSON.stringify({ email: 'clock@example.com' }),
      });
      expect((created.json() as WooCommerceCustomer).date_created_gmt).toBe('2025-01-15T10:00:00');
    });
  });
});
