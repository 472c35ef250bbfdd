import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSecretKeyRing } from '../src/crypto/secret-keys';
import { createPlatformRegistry } from '../src/platforms';
import { createUpstreamGuard } from '../src/ssrf';
import { openStoreRepository } from '../src/stores/open-store-repository';
import { createStoreRegistry, type StoreRegistry } from '../src/stores/store-registry';
import type { StoreRepository } from '../src/stores/store-repository';
import { acmePlatform } from './support/acme-platform';
import { emptyDatabase, postgresForThisFile } from './support/postgres-server';
import { publicHosts, testSecretKey } from './support/test-gateway';

const postgres = postgresForThisFile();

/** A gateway instance's registry: its own connection pool, and a token cache far longer than the test. */
async function instance(): Promise<{ registry: StoreRegistry; repository: StoreRepository }> {
  const repository = await openStoreRepository({ dataDir: '/nonexistent', databaseUrl: postgres()!.url });
  const registry = createStoreRegistry({
    repository,
    platforms: createPlatformRegistry([acmePlatform]),
    keys: createSecretKeyRing(testSecretKey),
    guard: createUpstreamGuard({ allowPrivate: false, resolver: publicHosts }),
    logger: pino({ level: 'silent' }),
    tokenCacheTtlMs: 10 * 60_000,
  });
  return { registry, repository };
}

// No platform to check the credentials against here.
const request = {
  platform: 'acme',
  name: 'Shop',
  credentials: { apiKey: 'acme-secret-key-1' },
  verifyCredentials: false,
};

describe('two gateway instances on one PostgreSQL', () => {
  let first: Awaited<ReturnType<typeof instance>>;
  let second: Awaited<ReturnType<typeof instance>>;

  beforeEach(async (context) => {
    if (postgres() === undefined) context.skip();
    await emptyDatabase(postgres()!.url);
    first = await instance();
    second = await instance();
  });

  afterEach(async () => {
    for (const { registry, repository } of [first, second]) {
      await registry?.close();
      await repository?.close();
    }
  });

  it("stop accepting a removed store's token at once on the other instance, despite its cache", async () => {
    const { store, accessToken } = await first.registry.connect(request);
    expect((await second.registry.authenticate(accessToken))?.store.id).toBe(store.id);
    await first.registry.remove(store.id);
    await vi.waitFor(async () => expect(await second.registry.authenticate(accessToken)).toBeUndefined(), {
      timeout: 3_000,
    });
  });

  it('stop accepting a replaced token at once on the other instance, despite its cache', async () => {
    const { store, accessToken } = await first.registry.connect(request);
    expect(await second.registry.authenticate(accessToken)).toBeDefined();
    const newToken = await first.registry.replaceToken(store.id);
    await vi.waitFor(async () => expect(await second.registry.authenticate(accessToken)).toBeUndefined(), {
      timeout: 3_000,
    });
    expect((await second.registry.authenticate(newToken!))?.store.id).toBe(store.id);
  });

  it('write to one customer of a store one at a time, across instances', async () => {
    const lockOn = (repository: StoreRepository) => repository.lockCustomerWrites!;
    const signal = new AbortController().signal;
    const releaseFirst = await lockOn(first.repository)('store-1', '42', signal);
    let secondHolds = false;
    const secondTakes = lockOn(second.repository)('store-1', '42', signal).then((release) => {
      secondHolds = true;
      return release;
    });
    // Another customer, or the same id in another store, is not held up.
    await (await lockOn(second.repository)('store-1', '43', signal))();
    await (await lockOn(second.repository)('store-2', '42', signal))();
    expect(secondHolds).toBe(false);
    await releaseFirst();
    await (await secondTakes)();
    expect(secondHolds).toBe(true);
  });

  it('give up waiting for a customer lock when the signal aborts', async () => {
    const releaseFirst = await first.repository.lockCustomerWrites!(
      'store-1',
      '42',
      new AbortController().signal,
    );
    const waiting = new AbortController();
    const attempt = second.repository.lockCustomerWrites!('store-1', '42', waiting.signal);
    waiting.abort(new Error('deadline'));
    await expect(attempt).rejects.toThrow('deadline');
    await releaseFirst();
  });

  it('still use their cache for tokens nobody revoked', async () => {
    const { accessToken } = await first.registry.connect(request);
    const authenticated = await second.registry.authenticate(accessToken);
    const spy = vi.spyOn(second.repository, 'findStoreByTokenHash');
    // Once the instance listens for changes (its own connection, opened at start), reads are cached.
    await vi.waitFor(async () => {
      spy.mockClear();
      expect(await second.registry.authenticate(accessToken)).toBe(authenticated);
      expect(spy).not.toHaveBeenCalled();
    });
  });
});
