import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { acmeApi, acmePlatform } from '../../test/support/acme-platform';
import { openMemoryRepository, publicHosts, testSecretKey } from '../../test/support/test-gateway';
import { createSecretKeyRing } from '../crypto/secret-keys';
import { hashStoreToken } from '../crypto/store-token';
import { createPlatformRegistry } from '../platforms';
import { createUpstreamGuard } from '../ssrf';
import { createStoreRegistry, type StoreRegistryOptions } from './store-registry';
import type { StoreRepository } from './store-repository';

function registryOn(repository: StoreRepository, options: Partial<StoreRegistryOptions> = {}) {
  return createStoreRegistry({
    repository,
    platforms: createPlatformRegistry([acmePlatform]),
    keys: createSecretKeyRing(testSecretKey),
    guard: createUpstreamGuard({ allowPrivate: false, resolver: publicHosts }),
    logger: pino({ level: 'silent' }),
    ...options,
  });
}

const request = {
  platform: 'acme',
  name: 'Shop',
  credentials: { apiKey: 'acme-secret-key-1' },
  verifyCredentials: false,
};

describe('the store registry', () => {
  it('keeps one adapter per store, shared by all its tokens', async () => {
    const registry = registryOn(await openMemoryRepository());
    const { store, accessToken } = await registry.connect(request);
    const first = await registry.authenticate(accessToken);
    const newToken = (await registry.replaceToken(store.id))!;
    const second = await registry.authenticate(newToken);
    expect(second?.adapter).toBe(first?.adapter);
    expect(second?.store).toStrictEqual(store);
  });

  it('stores the credentials encrypted', async () => {
    const repository = await openMemoryRepository();
    const { accessToken } = await registryOn(repository).connect(request);
    const record = await repository.findStoreByTokenHash(hashStoreToken(accessToken));
    expect(record?.credentials.ciphertext).not.toContain('acme-secret-key-1');
    expect(record?.credentials.keyId).toBe(createSecretKeyRing(testSecretKey).current.id);
  });

  it('sees a removal by another process once the token cache entry expires', async () => {
    const repository = await openMemoryRepository();
    const gateway = registryOn(repository, { tokenCacheTtlMs: 30 });
    const cli = registryOn(repository);
    const { store, accessToken } = await gateway.connect(request);
    expect(await gateway.authenticate(accessToken)).toBeDefined();
    await cli.remove(store.id);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await gateway.authenticate(accessToken)).toBeUndefined();
  });

  it('answers undefined for a malformed token without looking it up', async () => {
    const repository = await openMemoryRepository();
    const lookups: string[] = [];
    const spying: StoreRepository = {
      ...repository,
      findStoreByTokenHash: (hash) => {
        lookups.push(hash);
        return repository.findStoreByTokenHash(hash);
      },
    };
    expect(await registryOn(spying).authenticate('not-a-token')).toBeUndefined();
    expect(lookups).toStrictEqual([]);
  });

  describe('checks the credentials with one read before keeping a store', () => {
    const checked = { ...request, verifyCredentials: undefined };

    it('keeps the store when the platform accepts them', async () => {
      const registry = registryOn(await openMemoryRepository());
      const count = acmeApi()
        .get('/v1/customers/count')
        .matchHeader('authorization', 'Bearer acme-secret-key-1')
        .reply(200, { count: 3 });
      const { store } = await registry.connect(checked);
      expect(count.isDone()).toBe(true);
      expect(await registry.list()).toStrictEqual([store]);
    });

    it.each([
      [401, 'upstream_unauthorized', 424],
      [403, 'upstream_unauthorized', 424],
      [500, 'upstream_error', 502],
    ])(
      'refuses them when the platform answers %i (%s, HTTP %i) and stores nothing',
      async (upstream, code, status) => {
        const registry = registryOn(await openMemoryRepository(), {
          adapterSettings: { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } },
        });
        acmeApi().get('/v1/customers/count').reply(upstream, { message: 'no' });
        await expect(registry.connect(checked)).rejects.toMatchObject({ code, status, platform: 'acme' });
        expect(await registry.list()).toStrictEqual([]);
      },
    );

    it('skips the read with verifyCredentials: false', async () => {
      const registry = registryOn(await openMemoryRepository());
      await registry.connect(request);
      expect(await registry.list()).toHaveLength(1);
    });
  });
});
