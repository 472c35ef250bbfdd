/**
 * Sync settings and state (CONTRACT.md §2 store administration, §5): enabling, disabling, failing
 * and recovering, webhook hints, deleted stores. Against the Ecwid and Shopify simulators on SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ecwidPlatform } from '@unicart/adapter-ecwid';
import { shopifyPlatform } from '@unicart/adapter-shopify';
import { type CustomerAdapterV1, resolveAdapter } from '@unicart/core';
import {
  type EcwidSimulator,
  type ShopifySimulator,
  startEcwidSimulator,
  startShopifySimulator,
} from '@unicart/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStoreRepository } from '../src/stores/open-store-repository';
import { acmeStore, createTestGateway, type TestGateway, testAdminToken } from './support/test-gateway';

let ecwid: EcwidSimulator;
let shopify: ShopifySimulator;
let gateway: TestGateway;

beforeAll(async () => {
  [ecwid, shopify] = await Promise.all([
    startEcwidSimulator({ count: 8, rateLimit: false }),
    startShopifySimulator({ count: 8, throttle: false }),
  ]);
});
afterAll(async () => {
  await Promise.all([ecwid?.close(), shopify?.close()]);
});
beforeEach(() => {
  ecwid.reset();
  shopify.reset();
});
afterEach(async () => {
  await gateway?.close();
});

async function startGateway(environment: Record<string, string> = {}): Promise<TestGateway> {
  const started = await createTestGateway({
    platforms: [ecwidPlatform, shopifyPlatform],
    environment: {
      UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
      UNICART_SYNC_INTERVAL_SECONDS: '1',
      UNICART_SYNC_FULL_SCAN_SECONDS: '3600',
      ...environment,
    },
  });
  await started.app.ready();
  return started;
}

function admin(method: 'POST' | 'PATCH' | 'GET' | 'DELETE', url: string, payload?: object) {
  return gateway.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${testAdminToken}` },
    ...(payload === undefined ? {} : { payload }),
  });
}

const ecwidStore = (sync?: object) => ({
  platform: 'ecwid',
  name: 'Ecwid shop',
  credentials: ecwid.credentials,
  baseUrl: ecwid.url,
  verifyCredentials: false,
  ...(sync === undefined ? {} : { sync }),
});

async function connect(body: object) {
  const response = await admin('POST', '/admin/v1/stores', body);
  expect(response.statusCode).toBe(201);
  const { store, accessToken } = response.json<{ store: { id: string }; accessToken: string }>();
  return { storeId: store.id, token: accessToken };
}

async function syncState(token: string) {
  const response = await gateway.call(token, 'GET', '/api/v2/sync');
  expect(response.statusCode).toBe(200);
  return response.json<{ sync: Record<string, unknown> }>().sync;
}

const waitReady = (token: string) =>
  vi.waitFor(async () => expect((await syncState(token)).status).toBe('ready'), {
    timeout: 20_000,
    interval: 100,
  });

const ecwidMerchant = (): CustomerAdapterV1 =>
  resolveAdapter(ecwidPlatform.create({ ...ecwid.credentials, baseUrl: ecwid.url }));

describe('sync settings', () => {
  it('is disabled unless asked for, and says so everywhere', async () => {
    gateway = await startGateway();
    const { storeId, token } = await connect(ecwidStore());
    expect(await syncState(token)).toStrictEqual({
      enabled: false,
      status: 'disabled',
      customers: null,
      lastPollAt: null,
      lastFullScanAt: null,
      lastError: null,
      deletes: null,
    });
    expect((await admin('GET', '/admin/v1/stores')).json()).toMatchObject({
      stores: [{ id: storeId, sync: { enabled: false } }],
    });
    expect(ecwid.requests).toStrictEqual([]);
  });

  it('reports initializing, then ready with the customers, polls and full reads', async () => {
    gateway = await startGateway();
    ecwid.failNext('delayed', 1, { delayMs: 1_500 });
    const { token } = await connect(ecwidStore({ enabled: true }));
    expect(await syncState(token)).toMatchObject({ enabled: true, status: 'initializing', customers: null });
    await waitReady(token);
    const state = await syncState(token);
    expect(state).toMatchObject({
      enabled: true,
      customers: ecwid.customerIds().length,
      lastError: null,
      deletes: 'native',
    });
    expect(new Date(state.lastPollAt as string).toISOString()).toBe(state.lastPollAt);
    expect(new Date(state.lastFullScanAt as string).toISOString()).toBe(state.lastFullScanAt);
  });

  it('says failing with the contract error code while polls fail, and ready once one succeeds again', async () => {
    gateway = await startGateway();
    const { token } = await connect(ecwidStore({ enabled: true }));
    await waitReady(token);
    ecwid.revokeCredentials();
    await vi.waitFor(async () => expect((await syncState(token)).status).toBe('failing'), {
      timeout: 10_000,
      interval: 100,
    });
    const failing = await syncState(token);
    expect(failing.lastError).toMatchObject({ code: 'upstream_unauthorized' });
    expect(JSON.stringify(failing)).not.toContain(ecwid.credentials.accessToken);
    ecwid.reset();
    await waitReady(token);
    expect((await syncState(token)).lastError).toBeNull();
  });

  it('finds deletions in the native feed, without a full read', async () => {
    gateway = await startGateway();
    const { storeId, token } = await connect(ecwidStore({ enabled: true }));
    await waitReady(token);
    const fullScanAt = (await syncState(token)).lastFullScanAt;
    const [gone] = ecwid.customerIds();
    await ecwidMerchant().deleteCustomer(gone!);
    await vi.waitFor(async () => expect(await gateway.repository.mirror.get(storeId, gone!)).toBeNull(), {
      timeout: 10_000,
      interval: 100,
    });
    expect((await syncState(token)).lastFullScanAt).toBe(fullScanAt);
    expect(ecwid.requests.some((request) => request.path.endsWith('/customers/deleted'))).toBe(true);
  });

  it('stops and clears the mirror and feed when disabled, and starts over when enabled again', async () => {
    gateway = await startGateway();
    const { storeId, token } = await connect(ecwidStore({ enabled: true }));
    await waitReady(token);
    const disabled = await admin('PATCH', `/admin/v1/stores/${storeId}`, { sync: { enabled: false } });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ id: storeId, platform: 'ecwid', sync: { enabled: false } });
    expect(await syncState(token)).toMatchObject({ enabled: false, status: 'disabled', customers: null });
    expect(await gateway.repository.mirror.size(storeId)).toBe(0);
    expect((await gateway.repository.mirror.changes(storeId, 0, 100)).entries).toStrictEqual([]);
    const requestsThen = ecwid.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(ecwid.requests.length).toBe(requestsThen);

    const enabled = await admin('PATCH', `/admin/v1/stores/${storeId}`, { sync: { enabled: true } });
    expect(enabled.json()).toMatchObject({ sync: { enabled: true } });
    await waitReady(token);
    expect(await gateway.repository.mirror.size(storeId)).toBe(ecwid.customerIds().length);
  });

  it('stops syncing a deleted store', async () => {
    gateway = await startGateway();
    const { storeId, token } = await connect(ecwidStore({ enabled: true }));
    await waitReady(token);
    expect((await admin('DELETE', `/admin/v1/stores/${storeId}`)).statusCode).toBe(204);
    const requestsThen = ecwid.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(ecwid.requests.length).toBe(requestsThen);
    expect(await gateway.repository.mirror.size(storeId)).toBe(0);
  });

  it('keeps the webhook secret encrypted: never in an answer, a log or the database in clear', async () => {
    gateway = await startGateway();
    const secret = 'whsec-this-is-the-platform-signing-secret';
    const response = await admin('POST', '/admin/v1/stores', {
      platform: 'shopify',
      name: 'Shopify shop',
      credentials: shopify.credentials,
      baseUrl: shopify.url,
      verifyCredentials: false,
      sync: { enabled: true, webhookSecret: secret },
    });
    expect(response.statusCode).toBe(201);
    const { store, accessToken } = response.json<{ store: { id: string }; accessToken: string }>();
    await waitReady(accessToken);
    // Shopify has no deleted feed: its delete webhooks count once the store verifies them.
    expect((await syncState(accessToken)).deletes).toBe('webhook');
    expect(await gateway.app.sync.find(store.id)).toStrictEqual({ platform: 'shopify', secret });
    const rows = await gateway.repository.database.query<Record<string, unknown>>('SELECT * FROM sync_state');
    expect(JSON.stringify(rows)).not.toContain(secret);
    const listed = await admin('GET', '/admin/v1/stores');
    expect(listed.body).not.toContain(secret);
    expect(gateway.logs.join('\n')).not.toContain(secret);

    const removed = await admin('PATCH', `/admin/v1/stores/${store.id}`, {
      sync: { enabled: true, webhookSecret: null },
    });
    expect(removed.statusCode).toBe(200);
    expect((await syncState(accessToken)).deletes).toBe('scan');
    expect(await gateway.app.sync.find(store.id)).toBeUndefined();
  });

  it.each([
    [{ sync: { enabled: 'yes' } }, 'sync.enabled'],
    [{ sync: { enabled: true, webhookSecret: '' } }, 'sync.webhookSecret'],
    [{ sync: { enabled: true, extra: 1 } }, 'sync'],
    [{}, 'sync'],
  ])('refuses the PATCH body %j with 400 naming %s', async (body, path) => {
    gateway = await startGateway();
    const { storeId } = await connect(ecwidStore());
    const response = await admin('PATCH', `/admin/v1/stores/${storeId}`, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
    expect(response.body).toContain(path);
  });

  it('refuses to enable sync on a platform that cannot be synced, storing nothing', async () => {
    gateway = await createTestGateway();
    const refused = await admin('POST', '/admin/v1/stores', { ...acmeStore, sync: { enabled: true } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('invalid_request');
    expect(refused.json().error.message).toContain('sync.enabled');
    expect((await admin('GET', '/admin/v1/stores')).json()).toStrictEqual({ stores: [] });
    const { storeId } = await connect(acmeStore);
    const patched = await admin('PATCH', `/admin/v1/stores/${storeId}`, { sync: { enabled: true } });
    expect(patched.statusCode).toBe(400);
  });

  it('answers 404 for a PATCH of an unknown store', async () => {
    gateway = await startGateway();
    const response = await admin('PATCH', '/admin/v1/stores/3f1c0a4e-2b7d-4c55-9a57-1d6f0e2b9c11', {
      sync: { enabled: true },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});

describe('shutdown', () => {
  it('stops a running step when the gateway closes, records no failure, and the next start finishes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'unicart-sync-shutdown-'));
    try {
      const open = async () => {
        const repository = await openStoreRepository({ dataDir, databaseUrl: undefined });
        return createTestGateway({
          repository,
          platforms: [ecwidPlatform],
          environment: { UNICART_ALLOW_PRIVATE_UPSTREAMS: '1', UNICART_SYNC_INTERVAL_SECONDS: '1' },
        });
      };
      gateway = await open();
      await gateway.app.ready();
      // The first full read waits on the platform when the gateway closes.
      ecwid.failNext('delayed', 1, { delayMs: 20_000 });
      const { storeId, token } = await connect(ecwidStore({ enabled: true }));
      await vi.waitFor(() => expect(ecwid.requests.length).toBeGreaterThan(0), {
        timeout: 5_000,
        interval: 20,
      });
      await gateway.close();
      await gateway.repository.close();

      gateway = await open();
      const [state] = await gateway.repository.database.query<Record<string, unknown>>(
        'SELECT first_full_read_at, last_error_code FROM sync_state WHERE store_id = ?',
        [storeId],
      );
      expect(state).toStrictEqual({ first_full_read_at: null, last_error_code: null });
      await gateway.app.ready();
      await waitReady(token);
      expect(await gateway.repository.mirror.size(storeId)).toBe(ecwid.customerIds().length);
      await gateway.close();
      await gateway.repository.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('webhook hints', () => {
  it('re-reads a hinted customer soon, without waiting for a poll, and deletes one the platform no longer has', async () => {
    // Polls far apart: only the hint can bring these changes in time.
    gateway = await startGateway({ UNICART_SYNC_INTERVAL_SECONDS: '3600' });
    const { storeId, token } = await connect(ecwidStore({ enabled: true }));
    await waitReady(token);
    const merchant = ecwidMerchant();
    const [changed, gone] = ecwid.customerIds();
    await merchant.updateCustomer(changed!, { lastName: 'Þórsdóttir' });
    await merchant.deleteCustomer(gone!);
    await gateway.app.sync.customerChanged(storeId, changed!);
    await gateway.app.sync.customerChanged(storeId, gone!);
    await vi.waitFor(
      async () => {
        expect((await gateway.repository.mirror.get(storeId, changed!))?.lastName).toBe('Þórsdóttir');
        expect(await gateway.repository.mirror.get(storeId, gone!)).toBeNull();
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(await gateway.repository.mirror.get(storeId, changed!)).toStrictEqual(
      await merchant.getCustomer(changed!),
    );
    const hints = await gateway.repository.database.query('SELECT * FROM sync_hints');
    expect(hints).toStrictEqual([]);
  });

  it('ignores hints for a store without sync', async () => {
    gateway = await startGateway();
    const { storeId } = await connect(ecwidStore());
    await gateway.app.sync.customerChanged(storeId, '1');
    expect(await gateway.repository.database.query('SELECT * FROM sync_hints')).toStrictEqual([]);
    expect(ecwid.requests).toStrictEqual([]);
  });
});
