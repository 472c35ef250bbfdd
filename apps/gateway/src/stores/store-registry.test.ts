import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { acmePlatform } from '../../test/support/acme-platform';
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

const request = { platform: 'acme', name: 'Shop', credentials: { apiKey: 'acme-secret-key-1' } };

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
});
