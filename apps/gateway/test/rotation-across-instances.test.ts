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
    return {
      first: await adapterOf(first),
      second: await adapterOf(second),
      adapterOf: (registry: StoreRegistry) => adapterOf(registry),
    };
  }

  it('refresh once per access token across instances, each time with the refresh token last stored', async () => {
    const original = simulator.credentials.refreshToken;
    const tokenRequestsBefore = presentedRefreshTokens().length;
    const { first, second, adapterOf } = await twoInstancesOnOneStore();
    const expected = simulator.customerIds();
    const read = async (adapter: typeof first) =>
      (await adapter.listCustomers({ limit: 100, cursor: null })).items.map((customer) => customer.id).sort();
    const refreshes = () => presentedRefreshTokens().slice(tokenRequestsBefore);

    expect(await read(first)).toStrictEqual(expected);
    const rotatedByFirst = simulator.credentials.refreshToken;
    // The second instance uses the access token the first one stored: no refresh of its own.
    expect(await read(second)).toStrictEqual(expected);
    expect(refreshes()).toStrictEqual([original]);

    // Bling's access tokens expire: the first refreshes with the token it stored, the second adopts.
    clock += accessTokenSeconds * 1000;
    expect(await read(first)).toStrictEqual(expected);
    const rotatedAgain = simulator.credentials.refreshToken;
    expect(await read(second)).toStrictEqual(expected);
    expect(refreshes()).toStrictEqual([original, rotatedByFirst]);

    // Both find their token expired at once: one refreshes under the lock, the other adopts.
    clock += accessTokenSeconds * 1000;
    expect(await Promise.all([read(first), read(second)])).toStrictEqual([expected, expected]);
    expect(refreshes()).toStrictEqual([original, rotatedByFirst, rotatedAgain]);

    // A third instance (a restart) reuses the stored access token too.
    expect(await read(await adapterOf(await instance()))).toStrictEqual(expected);
    expect(refreshes()).toHaveLength(3);
  });
});
