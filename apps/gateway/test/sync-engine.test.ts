/**
 * The sync engine (CONTRACT.md §5) on every platform, against its simulator, on SQLite. Changes are
 * made on the platform itself (through the platform's own adapter, as a merchant's admin would),
 * never through the gateway; what the mirror must hold is read back from the platform the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AdapterDefinition,
  type CustomerAdapterV1,
  type CustomerCreateInput,
  resolveAdapter,
} from '@unicart/core';
import { type Sandbox, startSandbox } from '@unicart/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { registeredPlatforms } from '../src/platforms';
import { openStoreRepository } from '../src/stores/open-store-repository';
import type { StoreRepository } from '../src/stores/store-repository';
import { createTestGateway, type TestGateway, testAdminToken } from './support/test-gateway';
import { unpacedPlatforms } from './support/unpaced-platforms';

/** Polls every second; a complete full read every 3 s (deletions on platforms without a feed). */
const intervalSeconds = 1;
const fullScanSeconds = 3;
/** "Within two intervals", plus what a step takes on a loaded test machine. */
const pollWithinMs = 2 * intervalSeconds * 1000 + 8_000;

let sandbox: Sandbox;
let dataDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ count: 12, rateLimits: false });
});
afterAll(async () => {
  await sandbox?.close();
});

const platforms = unpacedPlatforms;

/** Every registered platform synced from its customer resource; each has its simulator in the sandbox. */
type PlatformId = Exclude<keyof Sandbox, 'close'>;
const platformIds = registeredPlatforms.definitions
  .filter((definition) => definition.capabilities.sync !== undefined)
  .map((definition) => definition.platform as PlatformId);

/** Credentials both the gateway's store and the merchant's own adapter use (Bling: a bare access token, which no refresh rotates away). */
function credentialsOf(platform: PlatformId): object {
  return platform === 'bling'
    ? { accessToken: sandbox.bling.issueAccessToken() }
    : sandbox[platform].credentials;
}

/** The merchant's side: the platform's API, through its own adapter. */
function platformAdapter(platform: PlatformId, credentials: object): CustomerAdapterV1 {
  const definition = platforms.find((candidate) => candidate.platform === platform) as AdapterDefinition;
  return resolveAdapter(definition.create({ ...credentials, baseUrl: sandbox[platform].url }));
}

const newCustomer = (tag: string): CustomerCreateInput => ({
  firstName: 'Zoë',
  lastName: 'Van der Berg',
  email: `zoe.${tag}.${Date.now()}@example.org`,
});

async function startGateway(environment: Record<string, string> = {}): Promise<TestGateway> {
  const repository = await openStoreRepository({ dataDir, databaseUrl: undefined });
  const gateway = await createTestGateway({
    repository,
    platforms,
    environment: {
      UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
      UNICART_SYNC_INTERVAL_SECONDS: String(intervalSeconds),
      UNICART_SYNC_FULL_SCAN_SECONDS: String(fullScanSeconds),
      ...environment,
    },
  });
  await gateway.app.ready();
  return gateway;
}

async function stopGateway(gateway: TestGateway | undefined): Promise<void> {
  if (gateway === undefined) return;
  await gateway.close();
  await gateway.repository.close();
}

async function admin(gateway: TestGateway, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) {
  return gateway.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${testAdminToken}` },
    ...(payload === undefined ? {} : { payload }),
  });
}

/** Connects the platform's simulator with sync enabled; answers the store id and its token. */
async function connectSynced(gateway: TestGateway, platform: PlatformId, credentials: object) {
  const response = await admin(gateway, 'POST', '/admin/v1/stores', {
    platform,
    name: `${platform} shop`,
    credentials,
    baseUrl: sandbox[platform].url,
    verifyCredentials: false,
    sync: { enabled: true },
  });
  expect(response.statusCode).toBe(201);
  const { store, accessToken } = response.json<{
    store: { id: string; sync: object };
    accessToken: string;
  }>();
  expect(store.sync).toStrictEqual({ enabled: true });
  return { storeId: store.id, token: accessToken as string };
}

async function syncState(gateway: TestGateway, token: string) {
  const response = await gateway.call(token, 'GET', '/api/v2/sync');
  expect(response.statusCode).toBe(200);
  return response.json<{ sync: Record<string, unknown> }>().sync;
}

async function feedOf(repository: StoreRepository, storeId: string) {
  return (await repository.mirror.changes(storeId, 0, 100_000)).entries;
}

/** Every customer the platform has, as its own adapter reads them now. */
async function platformCustomers(adapter: CustomerAdapterV1) {
  const customers = [];
  for await (const customer of adapter.iterateCustomers({})) customers.push(customer);
  return customers.sort((left, right) => left.id.localeCompare(right.id));
}

async function mirroredCustomers(repository: StoreRepository, storeId: string) {
  const ids = [...(await repository.mirror.ids(storeId))];
  const customers = await Promise.all(ids.map((id) => repository.mirror.get(storeId, id)));
  return customers.sort((left, right) => (left?.id ?? '').localeCompare(right?.id ?? ''));
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'unicart-sync-'));
});

describe.each(platformIds)('sync of a %s store', (platform) => {
  let gateway: TestGateway | undefined;
  let credentials: object;
  let merchant: CustomerAdapterV1;

  beforeEach(() => {
    sandbox[platform].reset();
    credentials = credentialsOf(platform);
    merchant = platformAdapter(platform, credentials);
  });
  afterEach(async () => {
    await stopGateway(gateway);
    gateway = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('mirrors every customer, then follows changes and deletions made on the platform, each once', async () => {
    gateway = await startGateway();
    const { storeId, token } = await connectSynced(gateway, platform, credentials);
    const { repository } = gateway;

    await vi.waitFor(async () => expect((await syncState(gateway!, token)).status).toBe('ready'), {
      timeout: 30_000,
      interval: 200,
    });
    const expected = await platformCustomers(merchant);
    expect(await mirroredCustomers(repository, storeId)).toStrictEqual(expected);
    const state = await syncState(gateway, token);
    expect(state).toMatchObject({ enabled: true, customers: expected.length, lastError: null });
    expect(state.deletes).toBe(platform === 'ecwid' || platform === 'bling' ? 'native' : 'scan');
    // The feed starts with one upsert per customer of the first full read.
    const first = await feedOf(repository, storeId);
    expect(first.map((entry) => [entry.type, entry.customerId]).sort()).toStrictEqual(
      expected.map((customer) => ['upsert', customer.id]).sort(),
    );

    // A new customer, then a change to it, made on the platform.
    const created = await merchant.createCustomer(newCustomer(platform));
    await vi.waitFor(
      async () =>
        expect(await repository.mirror.get(storeId, created.id)).toStrictEqual(
          await merchant.getCustomer(created.id),
        ),
      { timeout: pollWithinMs, interval: 100 },
    );
    await merchant.updateCustomer(created.id, { lastName: 'Ørsted' });
    await vi.waitFor(
      async () => expect((await repository.mirror.get(storeId, created.id))?.lastName).toBe('Ørsted'),
      { timeout: pollWithinMs, interval: 100 },
    );
    expect(await repository.mirror.get(storeId, created.id)).toStrictEqual(
      await merchant.getCustomer(created.id),
    );

    // Its deletion on the platform: found by the deleted feed, or by a complete full read.
    await merchant.deleteCustomer(created.id);
    await vi.waitFor(async () => expect(await repository.mirror.get(storeId, created.id)).toBeNull(), {
      timeout: pollWithinMs + fullScanSeconds * 1000,
      interval: 100,
    });
    // More polls and full reads later, the deletion is still in the feed exactly once.
    const lastPoll = (await syncState(gateway, token)).lastPollAt as string;
    await vi.waitFor(
      async () => {
        const state = await syncState(gateway!, token);
        expect(Date.parse(state.lastFullScanAt as string)).toBeGreaterThan(Date.parse(lastPoll) + 1000);
      },
      { timeout: pollWithinMs + fullScanSeconds * 1000, interval: 200 },
    );
    const entries = (await feedOf(repository, storeId)).filter((entry) => entry.customerId === created.id);
    expect(entries.map((entry) => entry.type)).toStrictEqual(['upsert', 'upsert', 'delete']);
    expect(await mirroredCustomers(repository, storeId)).toStrictEqual(await platformCustomers(merchant));
  });

  it('loses and repeats nothing across a restart', async () => {
    gateway = await startGateway();
    const { storeId, token } = await connectSynced(gateway, platform, credentials);
    await vi.waitFor(async () => expect((await syncState(gateway!, token)).status).toBe('ready'), {
      timeout: 30_000,
      interval: 200,
    });
    const before = await feedOf(gateway.repository, storeId);
    await stopGateway(gateway);
    gateway = undefined;

    // Changed while no gateway runs.
    const [first] = await platformCustomers(merchant);
    await merchant.updateCustomer(first!.id, { firstName: 'Ólafur' });

    gateway = await startGateway();
    const { repository } = gateway;
    await vi.waitFor(
      async () => expect((await repository.mirror.get(storeId, first!.id))?.firstName).toBe('Ólafur'),
      { timeout: pollWithinMs, interval: 100 },
    );
    // A complete full read after the restart adds no entry for customers that did not change.
    const restartedAt = Date.now();
    await vi.waitFor(
      async () => {
        const state = await syncState(gateway!, token);
        expect(Date.parse(state.lastFullScanAt as string)).toBeGreaterThan(restartedAt);
      },
      { timeout: pollWithinMs + fullScanSeconds * 1000, interval: 200 },
    );
    const after = await feedOf(repository, storeId);
    expect(after.slice(0, before.length)).toStrictEqual(before);
    expect(after.slice(before.length).map((entry) => [entry.type, entry.customerId])).toStrictEqual([
      ['upsert', first!.id],
    ]);
    expect(await mirroredCustomers(repository, storeId)).toStrictEqual(await platformCustomers(merchant));
  });
});
