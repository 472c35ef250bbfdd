import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acmeApi, acmeCustomer, acmeOrder } from './support/acme-platform';
import { acmeStore, createTestGateway, type TestGateway } from './support/test-gateway';

let gateway: TestGateway;
let token: string;

beforeEach(async () => {
  gateway = await createTestGateway();
  token = await gateway.connect(acmeStore);
});

afterEach(async () => {
  await gateway.close();
});

describe('GET /api/v2/customers', () => {
  it('answers one page and a page token that opens the next one', async () => {
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '2', email: 'ada@example.com' })
      .reply(200, { items: [acmeCustomer('1'), acmeCustomer('2')], next: 'native-cursor-2' });
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '2', email: 'ada@example.com', cursor: 'native-cursor-2' })
      .reply(200, { items: [acmeCustomer('3')], next: null });

    const first = await gateway.call(token, 'GET', '/api/v2/customers?limit=2&email=ada@example.com');
    expect(first.statusCode).toBe(200);
    const firstBody = first.json();
    expect(firstBody.customers).toStrictEqual([acmeCustomer('1'), acmeCustomer('2')]);
    expect(firstBody.pagination.limit).toBe(2);
    expect(firstBody.pagination.next).toMatch(/^v1\./);
    expect(firstBody.pagination.next).not.toContain('native-cursor');

    const next = encodeURIComponent(firstBody.pagination.next);
    const second = await gateway.call(
      token,
      'GET',
      `/api/v2/customers?limit=2&email=ada@example.com&page=${next}`,
    );
    expect(second.json()).toStrictEqual({
      customers: [acmeCustomer('3')],
      pagination: { limit: 2, next: null },
    });
  });

  it('defaults the page size to 50', async () => {
    acmeApi().get('/v1/customers').query({ limit: '50' }).reply(200, { items: [], next: null });
    const response = await gateway.call(token, 'GET', '/api/v2/customers');
    expect(response.json()).toStrictEqual({ customers: [], pagination: { limit: 50, next: null } });
  });

  it('refuses a page token replayed with other filters, another limit, tampered or forged', async () => {
    acmeApi()
      .get('/v1/customers')
      .query(true)
      .reply(200, { items: [acmeCustomer('1')], next: 'cursor-2' });
    const first = await gateway.call(token, 'GET', '/api/v2/customers?limit=1&email=ada@example.com');
    const next: string = first.json().pagination.next;
    const tampered = `${next.slice(0, -2)}${next.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const query of [
      `limit=1&email=bob@example.com&page=${encodeURIComponent(next)}`,
      `limit=2&email=ada@example.com&page=${encodeURIComponent(next)}`,
      `limit=1&page=${encodeURIComponent(next)}`,
      `limit=1&email=ada@example.com&page=${encodeURIComponent(tampered)}`,
      'limit=1&email=ada@example.com&page=cursor-2',
    ]) {
      const response = await gateway.call(token, 'GET', `/api/v2/customers?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
      expect(response.json().error.message).toContain('page token');
    }
  });

  it('passes the sort to the platform and binds the page token to it', async () => {
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '1', sort: '-createdAt' })
      .reply(200, { items: [acmeCustomer('2')], next: 'cursor-2' });
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '1', sort: '-createdAt', cursor: 'cursor-2' })
      .reply(200, { items: [acmeCustomer('1')], next: null });
    const first = await gateway.call(token, 'GET', '/api/v2/customers?limit=1&sort=-createdAt');
    expect(first.json().customers).toStrictEqual([acmeCustomer('2')]);
    const page = encodeURIComponent(first.json().pagination.next);
    for (const other of ['sort=createdAt&', '']) {
      const replayed = await gateway.call(token, 'GET', `/api/v2/customers?limit=1&${other}page=${page}`);
      expect(replayed.statusCode, other).toBe(400);
      expect(replayed.json().error.message).toContain('page token');
    }
    const second = await gateway.call(token, 'GET', `/api/v2/customers?limit=1&sort=-createdAt&page=${page}`);
    expect(second.json()).toStrictEqual({
      customers: [acmeCustomer('1')],
      pagination: { limit: 1, next: null },
    });
  });

  it('refuses a sort the platform does not declare, and a sort beside sinceId, before any request', async () => {
    const unsupported = await gateway.call(token, 'GET', '/api/v2/customers?sort=-email');
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.json()).toStrictEqual({
      error: {
        code: 'sort_not_supported',
        message: "The sort '-email' is not supported by acme",
        platform: 'acme',
      },
    });
    const withSinceId = await gateway.call(token, 'GET', '/api/v2/customers?sinceId=5&sort=createdAt');
    expect(withSinceId.statusCode).toBe(400);
    expect(withSinceId.json().error.code).toBe('invalid_request');
    expect(withSinceId.json().error.message).toContain('sinceId');
  });

  it('answers only the asked fields plus id, and the native record with include=raw', async () => {
    const stored = acmeCustomer('1', { tags: ['vip'] });
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '50' })
      .reply(200, { items: [stored], next: null });
    const list = await gateway.call(token, 'GET', '/api/v2/customers?fields=tags,email');
    expect(list.json().customers).toStrictEqual([{ id: '1', email: stored.email, tags: ['vip'] }]);

    acmeApi().get('/v1/customers/1').reply(200, { customer: stored });
    const raw = await gateway.call(token, 'GET', '/api/v2/customers/1?fields=lastName&include=raw');
    expect(raw.json()).toStrictEqual({ customer: { id: '1', lastName: stored.lastName, raw: stored } });

    acmeApi().get('/v1/customers/1').reply(200, { customer: stored });
    const whole = await gateway.call(token, 'GET', '/api/v2/customers/1?include=raw');
    expect(whole.json()).toStrictEqual({ customer: { ...stored, raw: stored } });

    for (const query of ['fields=email,password', 'include=orders', 'fields=']) {
      const refused = await gateway.call(token, 'GET', `/api/v2/customers/1?${query}`);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json().error.code).toBe('invalid_request');
    }
  });

  it("refuses another store's page token", async () => {
    const otherToken = await gateway.connect({ ...acmeStore, name: 'Other shop' });
    acmeApi()
      .get('/v1/customers')
      .query(true)
      .reply(200, { items: [acmeCustomer('1')], next: 'cursor-2' });
    const first = await gateway.call(otherToken, 'GET', '/api/v2/customers?limit=1');
    const next = encodeURIComponent(first.json().pagination.next);
    const response = await gateway.call(token, 'GET', `/api/v2/customers?limit=1&page=${next}`);
    expect(response.statusCode).toBe(400);
  });

  it.each([
    ['an unknown parameter', 'colour=red', 'colour: is not a known query parameter'],
    ['a limit out of range', 'limit=0', 'limit: must be an integer from 1 to 100'],
    ['a limit that is not an integer', 'limit=ten', 'limit: must be an integer from 1 to 100'],
    ['an invalid date', 'createdAt[from]=yesterday', 'createdAt[from]: must be an ISO 8601 date'],
    ['a repeated parameter', 'email=a@example.com&email=b@example.com', 'email'],
  ])('refuses %s with 400 invalid_request', async (_case, query, message) => {
    const response = await gateway.call(token, 'GET', `/api/v2/customers?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
    expect(response.json().error.message).toContain(message);
  });

  it('refuses a filter the platform cannot honour, naming the filter and the platform', async () => {
    const response = await gateway.call(token, 'GET', '/api/v2/customers?createdAt[from]=2024-01-01');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toStrictEqual({
      error: {
        code: 'filter_not_supported',
        message: "The filter 'createdAt[from]' is not supported by acme",
        platform: 'acme',
      },
    });
  });
});

describe('GET /api/v2/customers/count', () => {
  it('counts the customers matching the filters', async () => {
    acmeApi().get('/v1/customers/count').query({ name: 'ada' }).reply(200, { count: 7 });
    const response = await gateway.call(token, 'GET', '/api/v2/customers/count?name=ada');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toStrictEqual({ count: 7 });
  });

  it('refuses paging parameters', async () => {
    const response = await gateway.call(token, 'GET', '/api/v2/customers/count?limit=5');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('limit: is not a known query parameter');
  });
});

describe('GET /api/v2/customers/{id}', () => {
  it('answers the customer', async () => {
    acmeApi()
      .get('/v1/customers/42')
      .reply(200, { customer: acmeCustomer('42') });
    const response = await gateway.call(token, 'GET', '/api/v2/customers/42');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toStrictEqual({ customer: acmeCustomer('42') });
  });

  it('answers 404 not_found for a customer the platform does not have', async () => {
    acmeApi().get('/v1/customers/404404').reply(404, { message: 'no such customer' });
    const response = await gateway.call(token, 'GET', '/api/v2/customers/404404');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toStrictEqual({
      error: { code: 'not_found', message: 'No customer with id 404404', platform: 'acme' },
    });
  });

  it('takes an id of up to 100 characters however long it is percent-encoded, and refuses a longer one', async () => {
    const longest = `${'ü'.repeat(99)}z`;
    acmeApi()
      .get(`/v1/customers/${encodeURIComponent(longest)}`)
      .reply(404, { message: 'no such customer' });
    const found = await gateway.call(token, 'GET', `/api/v2/customers/${encodeURIComponent(longest)}`);
    expect(found.statusCode, found.body).toBe(404);
    const tooLong = await gateway.call(
      token,
      'GET',
      `/api/v2/customers/${encodeURIComponent(`${longest}x`)}`,
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error).toMatchObject({ code: 'invalid_request' });
    expect(tooLong.json().error.message).toContain('id');
  });
});

describe('POST /api/v2/customers', () => {
  it('creates the customer and answers 201', async () => {
    let sent: unknown;
    acmeApi()
      .post('/v1/customers', (body) => {
        sent = body;
        return true;
      })
      .reply(200, { customer: acmeCustomer('77', { firstName: 'Grace', lastName: 'Hopper' }) });
    const response = await gateway.call(token, 'POST', '/api/v2/customers', {
      customer: { firstName: 'Grace', lastName: 'Hopper', addresses: [{ country: { code: 'us' } }] },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().customer.id).toBe('77');
    expect(sent).toStrictEqual({
      customer: { firstName: 'Grace', lastName: 'Hopper', addresses: [{ country: { code: 'US' } }] },
    });
  });

  it.each([
    [
      'an unknown key in the customer',
      { customer: { firstName: 'A', lastName: 'B', age: 3 } },
      'customer: has unknown key(s): age',
    ],
    [
      'an unknown key beside the customer',
      { customer: { firstName: 'A', lastName: 'B' }, extra: 1 },
      'has unknown key(s): extra',
    ],
    ['a missing lastName', { customer: { firstName: 'A' } }, 'customer.lastName'],
    ['a bad email', { customer: { firstName: 'A', lastName: 'B', email: 'nope' } }, 'customer.email'],
    ['no customer at all', {}, 'customer'],
  ])('refuses %s with 400 invalid_request', async (_case, body, message) => {
    const response = await gateway.call(token, 'POST', '/api/v2/customers', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
    expect(response.json().error.message).toContain(message);
  });

  it('refuses malformed JSON with 400 invalid_request', async () => {
    const response = await gateway.call(token, 'POST', '/api/v2/customers', '{"customer": {');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toStrictEqual({
      error: { code: 'invalid_request', message: 'The request body is not valid JSON' },
    });
  });

  it('refuses a body that is not JSON with 400 invalid_request', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/api/v2/customers',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      payload: 'firstName=Ada',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
  });

  it('refuses a body over 1 MiB with 413 payload_too_large', async () => {
    const note = 'x'.repeat(1024 * 1024);
    const response = await gateway.call(token, 'POST', '/api/v2/customers', {
      customer: { firstName: 'A', lastName: 'B', note },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toStrictEqual({
      error: { code: 'payload_too_large', message: 'The request body is larger than the 1 MiB limit' },
    });
  });
});

describe('PUT /api/v2/customers/{id}', () => {
  it('sends only the keys given and answers the customer', async () => {
    let sent: unknown;
    acmeApi()
      .put('/v1/customers/42', (body) => {
        sent = body;
        return true;
      })
      .reply(200, { customer: acmeCustomer('42', { note: 'VIP' }) });
    const response = await gateway.call(token, 'PUT', '/api/v2/customers/42', { customer: { note: 'VIP' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().customer.note).toBe('VIP');
    expect(sent).toStrictEqual({ customer: { note: 'VIP' } });
  });

  it('refuses an unknown key', async () => {
    const response = await gateway.call(token, 'PUT', '/api/v2/customers/42', {
      customer: { nickname: 'x' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('has unknown key(s): nickname');
  });
});

describe('DELETE /api/v2/customers/{id}', () => {
  it('deletes the customer and answers 204 without a body', async () => {
    const upstream = acmeApi().delete('/v1/customers/42').reply(200, {});
    const response = await gateway.call(token, 'DELETE', '/api/v2/customers/42');
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(upstream.isDone()).toBe(true);
  });
});

describe('GET /api/v2/customers/{id}/orders', () => {
  it("answers the customer's orders page by page", async () => {
    acmeApi()
      .get('/v1/customers/42/orders')
      .query({ limit: '1' })
      .reply(200, { items: [acmeOrder('9001', '42')], next: 'orders-2' });
    acmeApi()
      .get('/v1/customers/42/orders')
      .query({ limit: '1', cursor: 'orders-2' })
      .reply(200, { items: [acmeOrder('9002', '42')], next: null });
    const first = await gateway.call(token, 'GET', '/api/v2/customers/42/orders?limit=1');
    expect(first.statusCode).toBe(200);
    expect(first.json().orders).toStrictEqual([acmeOrder('9001', '42')]);
    const next = encodeURIComponent(first.json().pagination.next);
    const second = await gateway.call(token, 'GET', `/api/v2/customers/42/orders?limit=1&page=${next}`);
    expect(second.json()).toStrictEqual({
      orders: [acmeOrder('9002', '42')],
      pagination: { limit: 1, next: null },
    });
  });

  it("refuses a page token of another customer's orders", async () => {
    acmeApi().get('/v1/customers/42/orders').query(true).reply(200, { items: [], next: 'orders-2' });
    const first = await gateway.call(token, 'GET', '/api/v2/customers/42/orders?limit=1');
    const next = encodeURIComponent(first.json().pagination.next);
    const response = await gateway.call(token, 'GET', `/api/v2/customers/43/orders?limit=1&page=${next}`);
    expect(response.statusCode).toBe(400);
  });

  it('refuses filters, which orders do not take', async () => {
    const response = await gateway.call(token, 'GET', '/api/v2/customers/42/orders?email=a@example.com');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('email: is not a known query parameter');
  });
});

describe('GET /api/v2/capabilities', () => {
  it("answers the platform's operations and only the filters it honours", async () => {
    const response = await gateway.call(token, 'GET', '/api/v2/capabilities');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toStrictEqual({
      platform: 'acme',
      operations: {
        list: true,
        count: true,
        get: true,
        create: true,
        update: true,
        delete: true,
        orders: true,
      },
      filters: { name: 'emulated', email: 'native' },
      sorts: { createdAt: 'native' },
      consistency: ['live'],
    });
  });
});

describe('an operation the platform does not have', () => {
  it.each([
    ['GET', '/api/v2/customers/count'],
    ['DELETE', '/api/v2/customers/42'],
    ['GET', '/api/v2/customers/42/orders'],
  ] as const)('%s %s answers 400 resource_not_available with the contract message', async (method, url) => {
    const readOnlyToken = await gateway.connect({ ...acmeStore, platform: 'acmereadonly' });
    const response = await gateway.call(readOnlyToken, method, url);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toStrictEqual({
      error: {
        code: 'resource_not_available',
        message: 'The resource is not available for this ecommerce',
        platform: 'acmereadonly',
      },
    });
  });
});

describe('a JSON Content-Type without a body', () => {
  it('is no body: a DELETE works, a POST is refused for its missing customer', async () => {
    acmeApi().delete('/v1/customers/42').reply(200, {});
    const deleted = await gateway.app.inject({
      method: 'DELETE',
      url: '/api/v2/customers/42',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(deleted.statusCode).toBe(204);
    const created = await gateway.app.inject({
      method: 'POST',
      url: '/api/v2/customers',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.code).toBe('invalid_request');
  });
});
