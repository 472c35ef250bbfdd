import type { Customer } from '@unicart/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MirrorReadiness, SyncStatusReader } from '../src/sync/sync-status';
import { acmeApi, acmeCustomer } from './support/acme-platform';
import { mirrorFixtures } from './support/mirror-fixtures';
import { oracleMatches, oracleSorted } from './support/mirror-oracle';
import { acmeStore, createTestGateway, type TestGateway, testAdminToken } from './support/test-gateway';

/** Stands in for the sync engine's state (Seam 2): each test says which stores have sync and how far. */
class FakeSyncStatus implements SyncStatusReader {
  readonly stores = new Map<string, MirrorReadiness>();
  async readiness(storeId: string) {
    return this.stores.get(storeId) ?? null;
  }
}

const ready: MirrorReadiness = {
  firstFullReadAt: '2026-12-04T09:00:00.000Z',
  syncedAt: '2026-12-04T10:00:00.000Z',
};
const start = new Date('2026-12-04T12:00:00.000Z');
const dayMs = 86_400_000;

let gateway: TestGateway;
let status: FakeSyncStatus;
let now: Date;
let token: string;
let storeId: string;

async function storeIdOf(name: string): Promise<string> {
  const response = await gateway.app.inject({
    method: 'GET',
    url: '/admin/v1/stores',
    headers: { authorization: `Bearer ${testAdminToken}` },
  });
  const stores: { id: string; name: string }[] = response.json().stores;
  const store = stores.find((item) => item.name === name);
  if (store === undefined) throw new Error(`no store ${name}`);
  return store.id;
}

beforeEach(async () => {
  status = new FakeSyncStatus();
  now = start;
  gateway = await createTestGateway({ syncStatus: status, clock: () => now });
  token = await gateway.connect(acmeStore);
  storeId = await storeIdOf(acmeStore.name);
});

afterEach(async () => {
  await gateway.close();
});

const get = (url: string, with_ = token) => gateway.call(with_, 'GET', url);
const mirror = () => gateway.repository.mirror;

describe('a store without sync', () => {
  it.each([
    '/api/v2/customers?consistency=mirror',
    '/api/v2/customers/count?consistency=mirror',
    '/api/v2/customers/1?consistency=mirror',
    '/api/v2/customers/export?consistency=mirror',
    '/api/v2/customers/changes',
  ])('%s → 400 sync_not_enabled', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('sync_not_enabled');
  });

  it('offers only live reads, and its writes leave the mirror alone', async () => {
    expect((await get('/api/v2/capabilities')).json().consistency).toEqual(['live']);
    acmeApi()
      .post('/v1/customers')
      .reply(201, { customer: acmeCustomer('7') });
    const created = await gateway.call(token, 'POST', '/api/v2/customers', {
      customer: { firstName: 'Ada', lastName: 'Lovelace' },
    });
    expect(created.statusCode).toBe(201);
    expect(await mirror().size(storeId)).toBe(0);
  });
});

describe('a store whose first full read has not finished', () => {
  beforeEach(() => {
    status.stores.set(storeId, { firstFullReadAt: null, syncedAt: null });
  });

  it.each([
    '/api/v2/customers?consistency=mirror',
    '/api/v2/customers/count?consistency=mirror',
    '/api/v2/customers/1?consistency=mirror',
    '/api/v2/customers/export?consistency=mirror',
  ])('%s → 503 sync_not_ready with Retry-After', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('sync_not_ready');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('already serves the feed and offers the mirror', async () => {
    expect((await get('/api/v2/customers/changes')).statusCode).toBe(200);
    expect((await get('/api/v2/capabilities')).json().consistency).toEqual(['live', 'mirror']);
  });
});

describe('reading from the mirror', () => {
  const fixtures = mirrorFixtures(60, 11);

  beforeEach(async () => {
    status.stores.set(storeId, ready);
    await mirror().apply(storeId, { upserts: fixtures, deletes: [] }, start);
  });

  /** Follows `pagination.next` to the end; every page carries `Unicart-Synced-At`. */
  async function listAll(query: string): Promise<Customer[]> {
    const customers: Customer[] = [];
    let page: string | null = null;
    do {
      const pageParameter: string = page === null ? '' : `&page=${encodeURIComponent(page)}`;
      const response = await get(`/api/v2/customers?consistency=mirror&${query}${pageParameter}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['unicart-synced-at']).toBe(ready.syncedAt);
      const body = response.json();
      customers.push(...body.customers);
      page = body.pagination.next;
    } while (page !== null);
    return customers;
  }

  it.each([
    ['', {}],
    ['email=ADA.3%40example.com', { email: 'ADA.3@example.com' }],
    ['name=lov', { name: 'lov' }],
    ['search=%C3%BC', { search: 'ü' }],
    ['ids=5,8,1040', { ids: ['5', '8', '1040'] }],
    ['sinceId=100', { sinceId: '100' }],
    [
      'createdAt[from]=2024-01-01&createdAt[to]=2024-02-29',
      { createdAt: { from: '2024-01-01T00:00:00.000Z', to: '2024-02-29T23:59:59.999Z' } },
    ],
    ['updatedAt[to]=2024-01-15T23:59:59.999Z', { updatedAt: { to: '2024-01-15T23:59:59.999Z' } }],
  ])('?%s lists, counts and exports what the oracle finds, in id order', async (query, filters) => {
    const expected = oracleSorted(
      fixtures.filter((item) => oracleMatches(item, filters)),
      { key: 'id', direction: 'asc' },
    );
    expect(await listAll(`limit=4&${query}`)).toEqual(expected);
    const count = await get(`/api/v2/customers/count?consistency=mirror&${query}`);
    expect(count.json()).toEqual({ count: expected.length });
    expect(count.headers['unicart-synced-at']).toBe(ready.syncedAt);
    const exported = await get(`/api/v2/customers/export?consistency=mirror&${query}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(exported.headers['x-total-count']).toBe(String(expected.length));
    expect(exported.headers['unicart-synced-at']).toBe(ready.syncedAt);
    const lines = exported.body.split('\n').filter((line) => line !== '');
    expect(lines.map((line) => JSON.parse(line))).toEqual(expected);
  });

  it.each([
    ['acceptsMarketing=true', { acceptsMarketing: true }],
    ['ordersCount[min]=2&ordersCount[max]=5', { ordersCount: { min: 2, max: 5 } }],
    ['totalSpent[min]=10.5', { totalSpent: { min: 10.5 } }],
    ['country=de,fr', { country: ['DE', 'FR'] }],
    ['tags=%20WHOLESALE%20', { tags: ['WHOLESALE'] }],
    ['tags=vip,b2b', { tags: ['vip', 'b2b'] }],
    ['phone=(555)%200100', { phone: '5550100' }],
  ])('§4 ?%s lists and counts what the oracle finds', async (query, filters) => {
    const expected = oracleSorted(
      fixtures.filter((item) => oracleMatches(item, filters)),
      { key: 'id', direction: 'asc' },
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(await listAll(`limit=5&${query}`)).toEqual(expected);
    expect((await get(`/api/v2/customers/count?consistency=mirror&${query}`)).json()).toEqual({
      count: expected.length,
    });
  });

  it.each([
    'createdAt',
    '-createdAt',
    'updatedAt',
    '-updatedAt',
    'id',
    '-id',
    'email',
    '-email',
    'name',
    '-name',
  ])('sort=%s pages in the oracle order, and binds its page tokens to the sort', async (sortParameter) => {
    const sort = {
      key: sortParameter.replace('-', '') as 'createdAt',
      direction: sortParameter.startsWith('-') ? ('desc' as const) : ('asc' as const),
    };
    const filters = { country: ['DE', 'FR', 'US'] };
    const expected = oracleSorted(
      fixtures.filter((item) => oracleMatches(item, filters)),
      sort,
    );
    expect(await listAll(`limit=3&country=DE,FR,US&sort=${sortParameter}`)).toEqual(expected);
    const first = (await get(`/api/v2/customers?consistency=mirror&limit=3&sort=${sortParameter}`)).json();
    const page = encodeURIComponent(first.pagination.next);
    const otherSort = sortParameter === 'id' ? '-id' : 'id';
    for (const url of [
      `/api/v2/customers?consistency=mirror&limit=3&page=${page}`,
      `/api/v2/customers?consistency=mirror&limit=3&sort=${otherSort}&page=${page}`,
    ]) {
      expect((await get(url)).statusCode, url).toBe(400);
    }
  });

  it('answers only the asked fields (and id), on list, get and export', async () => {
    const [first] = fixtures;
    const shaped = { id: first!.id, email: first!.email, tags: first!.tags };
    const list = (
      await get(`/api/v2/customers?consistency=mirror&ids=${first!.id}&fields=tags,email`)
    ).json();
    expect(list.customers).toStrictEqual([shaped]);
    const one = (await get(`/api/v2/customers/${first!.id}?consistency=mirror&fields=email,tags`)).json();
    expect(one.customer).toStrictEqual(shaped);
    const exported = await get(
      `/api/v2/customers/export?consistency=mirror&ids=${first!.id}&fields=email,tags`,
    );
    expect(JSON.parse(exported.body.trim())).toStrictEqual(shaped);
  });

  it.each([
    '/api/v2/customers?consistency=mirror&include=raw',
    '/api/v2/customers/5?consistency=mirror&include=raw',
    '/api/v2/customers/export?consistency=mirror&include=raw',
  ])('%s → 400: the mirror keeps no native records', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('raw'),
    });
  });

  it('exports more than one mirror page', async () => {
    const many = Array.from({ length: 1234 }, (_, index) => acmeCustomer(String(5000 + index)));
    await mirror().apply(storeId, { upserts: many, deletes: [] }, start);
    const exported = await get('/api/v2/customers/export?consistency=mirror&sinceId=4999');
    const lines = exported.body.split('\n').filter((line) => line !== '');
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(many.map((item) => item.id));
  });

  it('gets one customer, or 404', async () => {
    const one = await get(`/api/v2/customers/${fixtures[4]!.id}?consistency=mirror`);
    expect(one.json()).toEqual({ customer: fixtures[4] });
    expect(one.headers['unicart-synced-at']).toBe(ready.syncedAt);
    const missing = await get('/api/v2/customers/424242?consistency=mirror');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('binds its page tokens to the mirror, the filters and the limit', async () => {
    const first = (await get('/api/v2/customers?consistency=mirror&limit=2&name=a')).json();
    const page = encodeURIComponent(first.pagination.next);
    for (const url of [
      `/api/v2/customers?consistency=mirror&limit=2&name=b&page=${page}`,
      `/api/v2/customers?consistency=mirror&limit=3&name=a&page=${page}`,
      `/api/v2/customers?limit=2&name=a&page=${page}`,
      `/api/v2/customers?consistency=live&limit=2&name=a&page=${page}`,
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
    }
    // A live list's token does not open a mirror page either.
    acmeApi()
      .get('/v1/customers')
      .query(true)
      .reply(200, { items: [acmeCustomer('1')], next: 'native-2' });
    const live = (await get('/api/v2/customers?limit=2&email=ada%40example.com')).json();
    const replayed = await get(
      `/api/v2/customers?consistency=mirror&limit=2&email=ada%40example.com&page=${encodeURIComponent(live.pagination.next)}`,
    );
    expect(replayed.statusCode).toBe(400);
  });

  it('refuses an unknown consistency', async () => {
    const response = await get('/api/v2/customers?consistency=eventual');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
  });

  it('asks the platform with consistency=live (and by default)', async () => {
    acmeApi()
      .get('/v1/customers/5')
      .twice()
      .reply(200, { customer: acmeCustomer('5') });
    for (const url of ['/api/v2/customers/5', '/api/v2/customers/5?consistency=live']) {
      const response = await get(url);
      expect(response.json()).toEqual({ customer: acmeCustomer('5') });
      expect(response.headers['unicart-synced-at']).toBeUndefined();
    }
  });
});

describe('writes through the gateway on a store with sync', () => {
  beforeEach(() => {
    status.stores.set(storeId, ready);
  });

  it('put the written customer in the mirror and the feed at once', async () => {
    acmeApi()
      .post('/v1/customers')
      .reply(201, { customer: acmeCustomer('7') });
    acmeApi()
      .put('/v1/customers/7')
      .reply(200, { customer: acmeCustomer('7', { phone: '+44 20 7946 0000' }) });
    acmeApi().delete('/v1/customers/7').reply(204);
    const input = { customer: { firstName: 'Ada', lastName: 'Lovelace 7' } };
    expect((await gateway.call(token, 'POST', '/api/v2/customers', input)).statusCode).toBe(201);
    expect((await get('/api/v2/customers/7?consistency=mirror')).json().customer).toEqual(acmeCustomer('7'));
    const phone = { customer: { phone: '+44 20 7946 0000' } };
    expect((await gateway.call(token, 'PUT', '/api/v2/customers/7', phone)).statusCode).toBe(200);
    expect(
      (await get('/api/v2/customers/count?consistency=mirror&email=customer7%40example.com')).json(),
    ).toEqual({
      count: 1,
    });
    expect((await gateway.call(token, 'DELETE', '/api/v2/customers/7')).statusCode).toBe(204);
    expect((await get('/api/v2/customers/7?consistency=mirror')).statusCode).toBe(404);

    const feed = (await get('/api/v2/customers/changes')).json();
    expect(
      feed.changes.map((change: { type: string; customerId: string }) => [change.type, change.customerId]),
    ).toEqual([
      ['upsert', '7'],
      ['upsert', '7'],
      ['delete', '7'],
    ]);
    expect(feed.changes[1].customer.phone).toBe('+44 20 7946 0000');
    expect(feed.changes[2].customer).toBeNull();
  });
});

describe('GET /api/v2/customers/changes', () => {
  beforeEach(async () => {
    status.stores.set(storeId, ready);
    const customers = Array.from({ length: 5 }, (_, index) => acmeCustomer(String(index + 1)));
    await mirror().apply(storeId, { upserts: customers, deletes: [] }, start);
  });

  const changes = (query = '') => get(`/api/v2/customers/changes${query}`);

  it('reads the feed from its start, page after page; next is never null', async () => {
    const first = await changes('?limit=2');
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.changes).toEqual([
      {
        id: '1',
        type: 'upsert',
        customerId: '1',
        customer: acmeCustomer('1'),
        detectedAt: start.toISOString(),
      },
      {
        id: '2',
        type: 'upsert',
        customerId: '2',
        customer: acmeCustomer('2'),
        detectedAt: start.toISOString(),
      },
    ]);
    expect(body.pagination.limit).toBe(2);
    const rest = (await changes(`?limit=100&since=${encodeURIComponent(body.pagination.next)}`)).json();
    expect(rest.changes.map((change: { customerId: string }) => change.customerId)).toEqual(['3', '4', '5']);
    const caughtUp = (await changes(`?since=${encodeURIComponent(rest.pagination.next)}`)).json();
    expect(caughtUp.changes).toEqual([]);
    expect(caughtUp.pagination).toEqual({ limit: 100, next: expect.any(String) });

    await mirror().apply(storeId, { upserts: [acmeCustomer('2', { note: 'VIP' })], deletes: ['4'] }, start);
    const later = (await changes(`?since=${encodeURIComponent(caughtUp.pagination.next)}`)).json();
    expect(
      later.changes.map((change: { type: string; customerId: string }) => [change.type, change.customerId]),
    ).toEqual([
      ['upsert', '2'],
      ['delete', '4'],
    ]);
  });

  it('pages by 100 by default and takes up to 1000', async () => {
    const many = Array.from({ length: 150 }, (_, index) => acmeCustomer(String(100 + index)));
    await mirror().apply(storeId, { upserts: many, deletes: [] }, start);
    expect((await changes()).json().changes).toHaveLength(100);
    expect((await changes('?limit=1000')).json().changes).toHaveLength(155);
  });

  it.each(['?limit=0', '?limit=1001', '?limit=ten', '?since=', '?since=v1.forged.token', '?cursor=1'])(
    '%s → 400 invalid_request',
    async (query) => {
      const response = await changes(query);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
    },
  );

  it('refuses a page token of a list, and a cursor of another store', async () => {
    const list = (await get('/api/v2/customers?consistency=mirror&limit=1')).json();
    expect((await changes(`?since=${encodeURIComponent(list.pagination.next)}`)).statusCode).toBe(400);

    const otherToken = await gateway.connect({ ...acmeStore, name: 'Other shop' });
    status.stores.set(await storeIdOf('Other shop'), ready);
    const other = (await get('/api/v2/customers/changes', otherToken)).json();
    const response = await changes(`?since=${encodeURIComponent(other.pagination.next)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
  });

  it('answers 410 cursor_expired for a cursor older than the retention (7 days by default)', async () => {
    const next = (await changes()).json().pagination.next;
    now = new Date(start.getTime() + 7 * dayMs);
    expect((await changes(`?since=${encodeURIComponent(next)}`)).statusCode).toBe(200);
    now = new Date(start.getTime() + 7 * dayMs + 1);
    const expired = await changes(`?since=${encodeURIComponent(next)}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('cursor_expired');
  });

  it('answers 410 for a cursor before entries that were pruned, and reads on from a fresh one', async () => {
    const atStart = (await changes('?limit=1')).json().pagination.next;
    await mirror().apply(
      storeId,
      { upserts: [acmeCustomer('1', { note: 'later' })], deletes: [] },
      new Date(start.getTime() + 3 * dayMs),
    );
    now = new Date(start.getTime() + 8 * dayMs);
    // The gateway prunes hourly and when it starts; here directly.
    await mirror().pruneChanges(new Date(now.getTime() - 7 * dayMs));
    const stale = await changes(`?since=${encodeURIComponent(atStart)}`);
    expect(stale.statusCode).toBe(410);
    const fresh = (await changes()).json();
    expect(
      fresh.changes.map((change: { id: string; customer: Customer }) => [change.id, change.customer.note]),
    ).toEqual([['6', 'later']]);
  });

  it('keeps its retention in UNICART_CHANGES_RETENTION_DAYS', async () => {
    await gateway.close();
    gateway = await createTestGateway({
      syncStatus: status,
      clock: () => now,
      environment: { UNICART_CHANGES_RETENTION_DAYS: '1' },
    });
    token = await gateway.connect(acmeStore);
    storeId = await storeIdOf(acmeStore.name);
    status.stores.set(storeId, ready);
    const next = (await changes()).json().pagination.next;
    now = new Date(start.getTime() + dayMs + 1);
    expect((await changes(`?since=${encodeURIComponent(next)}`)).statusCode).toBe(410);
  });
});
