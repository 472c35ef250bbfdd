import { blingPlatform } from '@unicart/adapter-bling';
import { type BlingSimulator, startBlingSimulator } from '@unicart/sandbox';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSecretKeyRing } from '../src/crypto/secret-keys';
import { createPlatformRegistry } from '../src/platforms';
import { createUpstreamGuard } from '../src/ssrf';
import { openStoreRepository } from '../src/stores/open-store-repository';
import { createStoreRegistry, type StoreRegistry } from '../src/stores/store-registry';
import type { StoreRepository } from '../src/stores/store-repository';
import { emptyDatabase, postgresForThisFile } from './support/postgres-server';
import { testSecretKey } from './support/test-gateway';

const postgres = postgresForThisFile();

/** Six hours: Bling's access-token lifetime (platforms/bling.md §1.1). */
const accessTokenSeconds = 21_600;

/**
 * Bling's refresh token is single-use and rotates (platforms/bling.md §1.1). Two gateway processes
 * serving one store each hold it in memory: whichever refreshes second must not present the token
 * the other one already spent, or the store answers 424 until that process restarts.
 */
describe('credentials a platform rotates, shared by two gateway instances on one PostgreSQL', () => {
  let clock = Date.now();
  let simulator: BlingSimulator;
  const instances: { registry: StoreRegistry; repository: StoreRepository }[] = [];

  async function instance() {
    const repository = await openStoreRepository({ dataDir: '/nonexistent', databaseUrl: postgres()!.url });
    const registry = createStoreRegistry({
      repository,
      platforms: createPlatformRegistry([blingPlatform]),
      keys: createSecretKeyRing(testSecretKey),
      guard: createUpstreamGuard({ allowPrivate: true }),
      logger: pino({ level: 'silent' }),
    });
    instances.push({ registry, repository });
    return registry;
  }

  beforeAll(async () => {
    // The simulator's clock decides when its access tokens expire.
    simulator = await startBlingSimulator({
      count: 3,
      rateLimit: false,
      accessTokenSeconds,
      now: () => clock,
    });
  });
  afterAll(() => simulator?.close());
  beforeEach(async (context) => {
    if (postgres() === undefined) context.skip();
    await emptyDatabase(postgres()!.url);
  });
  afterEach(async () => {
    for (const { registry, repository } of instances.splice(0)) {
      await registry.close();
      await repository.close();
    }
  });

  const tokenRequests = () => simulator.requests.filter((request) => request.path === '/Api/v3/oauth/token');
  const presentedRefreshTokens = () =>
    tokenRequests().map((request) => (request.body as { refresh_token?: string }).refresh_token);

  /** Both instances with the store open (its adapter built from the credentials stored now). */
  async function twoInstancesOnOneStore() {
    const first = await instance();
    const second = await instance();
    const { accessToken } = await first.connect({
      platform: 'bling',
      name: 'Loja Bling',
      credentials: simulator.credentials,
      baseUrl: simulator.url,
    });
    const adapterOf = async (registry: StoreRegistry) => (await registry.authenticate(accessToken))!.adapter;
    // Each holds the original refresh token in memory before either refreshes.
    return { first: await adapterOf(first), second: await adapterOf(second) };
  }

  it('each refresh presents the refresh token the other instance stored, never a spent one', async () => {
    const original = simulator.credentials.refreshToken;
    const tokenRequestsBefore = presentedRefreshTokens().length;
    const { first, second } = await twoInstancesOnOneStore();
    const expected = simulator.customerIds();
    const read = async (adapter: typeof first) =>
      (await adapter.listCustomers({ limit: 100, cursor: null })).items.map((customer) => customer.id).sort();

    expect(await read(first)).toStrictEqual(expected);
    const rotatedByFirst = simulator.credentials.refreshToken;
    expect(await read(second)).toStrictEqual(expected);

    clock += accessTokenSeconds * 1000;
    expect(await read(first)).toStrictEqual(expected);
    expect(await read(second)).toStrictEqual(expected);

    // Both expire at once and refresh concurrently: the lock makes one wait for the other's rotation.
    clock += accessTokenSeconds * 1000;
    expect(await Promise.all([read(first), read(second)])).toStrictEqual([expected, expected]);

    const presented = presentedRefreshTokens().slice(tokenRequestsBefore);
    expect(presented[0]).toBe(original);
    expect(presented[1]).toBe(rotatedByFirst);
    // Every refresh token was presented once: none was a spent one (Bling would answer invalid_grant).
    expect(new Set(presented).size).toBe(presented.length);
    expect(presented).toHaveLength(6);
  });
});
