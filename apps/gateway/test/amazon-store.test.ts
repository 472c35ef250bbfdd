/**
 * An Amazon store in the gateway (CONTRACT.md §6): always synced, its buyers derived from the
 * orders ledger by the sync engine, reads served without a customer resource, writes refused.
 * Against the Amazon simulator on SQLite. (Orders changing after the first read: the end-to-end
 * suite, apps/sandbox/test/amazon-e2e.test.ts.)
 */
import { amazonPlatform } from '@unicart/adapter-amazon';
import { customerSchema, orderSchema } from '@unicart/core';
import { type AmazonSimulator, amazonCustomerFacts, startAmazonSimulator } from '@unicart/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestGateway, type TestGateway, testAdminToken } from './support/test-gateway';

let amazon: AmazonSimulator;
let gateway: TestGateway;

beforeAll(async () => {
  // The 2-minute rule shortened to one second; the burst is small so a read takes several steps.
  amazon = await startAmazonSimulator({
    count: 700,
    seed: 4,
    settleMs: 1000,
    rateLimit: { perSecond: 2, burst: 2 },
  });
});
afterAll(() => amazon?.close());
beforeEach(async () => {
  amazon.reset();
  gateway = await createTestGateway({
    platforms: [amazonPlatform],
    environment: { UNICART_ALLOW_PRIVATE_UPSTREAMS: '1', UNICART_SYNC_INTERVAL_SECONDS: '1' },
  });
  await gateway.app.ready();
});
afterEach(() => gateway?.close());

const amazonStore = (extra: object = {}) => ({
  platform: 'amazon',
  name: 'Hinoki & Linen on Amazon',
  credentials: amazon.credentials,
  baseUrl: amazon.url,
  ...extra,
});

function admin(method: 'POST' | 'PATCH', url: string, payload: object) {
  return gateway.app.inject({ method, url, headers: { authorization: `Bearer ${testAdminToken}` }, payload });
}

async function connected(): Promise<{ storeId: string; token: string }> {
  const response = await admin('POST', '/admin/v1/stores', amazonStore());
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json<{ store: { id: string; sync: { enabled: boolean } }; accessToken: string }>();
  expect(body.store.sync).toStrictEqual({ enabled: true });
  return { storeId: body.store.id, token: body.accessToken };
}

async function ready(token: string) {
  await vi.waitFor(
    async () => {
      const state = (await gateway.call(token, 'GET', '/api/v2/sync')).json<{ sync: { status: string } }>()
        .sync;
      expect(state.status).toBe('ready');
    },
    { timeout: 20_000, interval: 200 },
  );
}

describe('registering an Amazon store', () => {
  it('checks the credentials and marketplaces with one call, and enables sync', async () => {
    await connected();
    expect(amazon.requests.map((request) => request.path)).toContain('/sellers/v1/marketplaceParticipations');
  });

  it('refuses sync.enabled false, and a PATCH that disables it, with invalid_request', async () => {
    const refused = await admin('POST', '/admin/v1/stores', amazonStore({ sync: { enabled: false } }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('invalid_request');
    const { storeId } = await connected();
    const patch = await admin('PATCH', `/admin/v1/stores/${storeId}`, { sync: { enabled: false } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.code).toBe('invalid_request');
  });

  it('refuses a marketplace the seller does not sell in, naming the field', async () => {
    const foreign = { ...amazon.credentials, marketplaceIds: ['ATVPDKIKX0DER', 'A2Q3Y263D00KWC'] };
    const response = await admin('POST', '/admin/v1/stores', amazonStore({ credentials: foreign }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('marketplaceIds');
  });

  it('refuses marketplaces of two regions before any request', async () => {
    const mixed = { ...amazon.credentials, marketplaceIds: ['ATVPDKIKX0DER', 'A1VC38T7YXB528'] };
    const response = await admin('POST', '/admin/v1/stores', amazonStore({ credentials: mixed }));
    expect(response.statusCode).toBe(400);
    expect(amazon.requests).toHaveLength(0);
  });
});

describe('an Amazon store synced', () => {
  it('stays initializing until the whole history window is read, over several throttled steps, then is ready', async () => {
    const { token } = await connected();
    const first = (await gateway.call(token, 'GET', '/api/v2/sync')).json<{ sync: { status: string } }>();
    expect(first.sync.status).toBe('initializing');
    await ready(token);
    const searches = amazon.requests.filter((request) => request.path === '/orders/2026-01-01/orders');
    // 3+ pages, and at least one answered 429 after the burst of 2: the step ended, the next went on.
    expect(searches.filter((request) => request.query.paginationToken !== undefined).length).toBeGreaterThan(
      1,
    );
    expect(new Set(searches.map((request) => request.query.createdAfter)).size).toBe(1);
    const state = (await gateway.call(token, 'GET', '/api/v2/sync')).json<{ sync: { customers: number } }>();
    expect(state.sync.customers).toBe(amazon.customerIds().length);
  });

  it('lists, counts and gets the buyers the orders show, and lists their orders', async () => {
    const { token } = await connected();
    await ready(token);
    const listed: { id: string }[] = [];
    let page: string | null = null;
    do {
      const query = `/api/v2/customers?limit=100${page === null ? '' : `&page=${encodeURIComponent(page)}`}`;
      const response = await gateway.call(token, 'GET', query);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<{ customers: { id: string }[]; pagination: { next: string | null } }>();
      listed.push(...body.customers);
      page = body.pagination.next;
    } while (page !== null);
    expect(listed.map((customer) => customer.id).sort()).toStrictEqual(amazon.customerIds());
    const count = await gateway.call(token, 'GET', '/api/v2/customers/count');
    expect(count.json()).toStrictEqual({ count: amazon.customerIds().length });
    const [id = ''] = amazon.customerIds();
    const got = (await gateway.call(token, 'GET', `/api/v2/customers/${id}`)).json<{ customer: unknown }>();
    const customer = customerSchema.parse(got.customer);
    const facts = amazonCustomerFacts(amazon.stored(id) ?? { id, email: '', orders: [] });
    expect([customer.email, customer.firstName, customer.lastName]).toStrictEqual([
      facts.email,
      facts.firstName,
      facts.lastName,
    ]);
    const orders = await gateway.call(token, 'GET', `/api/v2/customers/${id}/orders`);
    const body = orders.json<{ orders: unknown[] }>();
    expect(body.orders.map((order) => orderSchema.parse(order).id).sort()).toStrictEqual(
      amazon
        .stored(id)
        ?.orders.map((order) => order.orderId)
        .sort(),
    );
  });

  it('reads from its mirror by default (every sort there), refuses consistency=live, and says so in capabilities', async () => {
    const { token } = await connected();
    const before = (await gateway.call(token, 'GET', '/api/v2/customers?limit=1')).json();
    expect(before.error).toMatchObject({ code: 'sync_not_ready' });
    await ready(token);
    const sent = amazon.requests.length;
    const listed = await gateway.call(token, 'GET', '/api/v2/customers?limit=100&sort=-createdAt');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.headers['unicart-synced-at']).toEqual(expect.any(String));
    // The oracle: the buyers' earliest purchase dates as the simulator holds its orders (§6).
    const earliest = (id: string) =>
      Math.min(...(amazon.stored(id)?.orders ?? []).map((order) => Date.parse(order.createdTime)));
    const descending = (left: string, right: string) =>
      earliest(right) - earliest(left) || (left < right ? 1 : left > right ? -1 : 0);
    const expected = amazon.customerIds().sort(descending).slice(0, 100);
    const body = listed.json<{ customers: { id: string }[] }>();
    expect(body.customers.map((customer) => customer.id)).toStrictEqual(expected);
    for (const url of ['/api/v2/customers?consistency=live', '/api/v2/customers/count?consistency=live']) {
      const refused = await gateway.call(token, 'GET', url);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'invalid_request' });
      expect(refused.json().error.message).toContain('consistency');
    }
    const capabilities = (await gateway.call(token, 'GET', '/api/v2/capabilities')).json();
    expect(capabilities.consistency).toStrictEqual(['mirror']);
    expect(capabilities.sorts).toStrictEqual({
      createdAt: 'native',
      updatedAt: 'native',
      id: 'native',
      email: 'native',
      name: 'native',
    });
    expect(amazon.requests.length).toBe(sent);
  });

  it('refuses create, update and delete with resource_not_available, sending nothing', async () => {
    const { token } = await connected();
    const sent = amazon.requests.length;
    const [id = '0123456789abcdef01234567'] = amazon.customerIds();
    for (const [method, url, payload] of [
      ['POST', '/api/v2/customers', { customer: { firstName: 'Ana', lastName: 'Lima' } }],
      ['PUT', `/api/v2/customers/${id}`, { customer: { firstName: 'Ana' } }],
      ['DELETE', `/api/v2/customers/${id}`, undefined],
    ] as const) {
      const response = await gateway.call(token, method, url, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'resource_not_available',
        message: 'The resource is not available for this ecommerce',
      });
    }
    expect(amazon.requests.length).toBe(sent);
  });
});
