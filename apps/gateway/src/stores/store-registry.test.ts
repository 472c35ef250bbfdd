import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { acmeApi, acmePlatform } from '../../test/support/acme-platform';
import { openMemoryRepository, publicHosts, testSecretKey } from '../../test/support/test-gateway';
import { createSecretKeyRing } from '../crypto/secret-keys';
import { hashStoreToken } from '../crypto/store-token';
import { createPlatformRegistry } from '../platforms';
import { createUpstreamGuard } from '../ssrf';
import { createStoreRegistry, type StoreRegistryOptions } from './store-registry';
import type { StoreRecord, StoreRepository } from './store-repository';

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

describe('credentials at rest', () => {
  const secret = request.credentials.apiKey;

  /** Acme, recording the API key each adapter it creates was given. */
  function recordingPlatform() {
    const apiKeys: string[] = [];
    const platform: typeof acmePlatform = {
      ...acmePlatform,
      create: (settings) => {
        apiKeys.push(settings.apiKey);
        return acmePlatform.create(settings);
      },
    };
    return { platform, apiKeys };
  }

  async function connectedStore() {
    const repository = await openMemoryRepository();
    const { accessToken } = await registryOn(repository).connect(request);
    const record = (await repository.findStoreByTokenHash(hashStoreToken(accessToken))) as StoreRecord;
    return { repository, accessToken, record };
  }

  /** The repository, answering every lookup with the stored row changed by `change`. */
  function serving(
    repository: StoreRepository,
    change: (record: StoreRecord) => StoreRecord,
  ): StoreRepository {
    return {
      ...repository,
      findStoreByTokenHash: async (hash) => {
        const record = await repository.findStoreByTokenHash(hash);
        return record === undefined ? undefined : change(record);
      },
    };
  }

  it('stores no readable form of the credentials: not plain, not base64, not hex', async () => {
    const { record } = await connectedStore();
    const { ciphertext } = record.credentials;
    const plain = [secret, JSON.stringify(request.credentials)];
    const forms = plain.flatMap((text) => {
      const bytes = Buffer.from(text);
      // Each of the three alignments of base64, so a secret in the middle of a longer text is found too.
      const shifted = [0, 1, 2].map((offset) => Buffer.concat([Buffer.alloc(offset), bytes]));
      return [
        text,
        bytes.toString('hex'),
        ...shifted.flatMap((buffer, offset) => [
          buffer.toString('base64').slice(Math.ceil((offset * 4) / 3) + 1, -4),
          buffer.toString('base64url').slice(Math.ceil((offset * 4) / 3) + 1, -4),
        ]),
      ];
    });
    const sealed = Buffer.from(ciphertext.replace(/^v1\./, ''), 'base64url');
    expect(forms.filter((form) => ciphertext.includes(form))).toStrictEqual([]);
    expect(sealed.includes(Buffer.from(secret))).toBe(false);
    expect(record.credentials.keyId).toBe(createSecretKeyRing(testSecretKey).current.id);
  });

  it('encrypts the same credentials differently each time (a fresh IV per row)', async () => {
    const first = await connectedStore();
    const second = await connectedStore();
    expect(first.record.credentials.ciphertext).not.toBe(second.record.credentials.ciphertext);
  });

  it('gives the adapter exactly the credentials it was connected with', async () => {
    const { repository, accessToken } = await connectedStore();
    const { platform, apiKeys } = recordingPlatform();
    const registry = registryOn(repository, { platforms: createPlatformRegistry([platform]) });
    expect(await registry.authenticate(accessToken)).toBeDefined();
    expect(apiKeys).toStrictEqual([secret]);
  });

  it('cannot be opened with another key, even one claiming the same key id', async () => {
    const { repository, accessToken, record } = await connectedStore();
    const other = createSecretKeyRing('another-secret-key-0123456789abcdef');
    const impostor = { ...other.current, id: record.credentials.keyId };
    const { platform, apiKeys } = recordingPlatform();
    const registry = registryOn(repository, {
      keys: { ...other, current: impostor, find: (id) => (id === impostor.id ? impostor : undefined) },
      platforms: createPlatformRegistry([platform]),
    });
    await expect(registry.authenticate(accessToken)).rejects.toThrow();
    expect(apiKeys).toStrictEqual([]);
  });

  it('detects a ciphertext changed in one character', async () => {
    const { repository, accessToken, record } = await connectedStore();
    const { ciphertext } = record.credentials;
    const middle = Math.floor(ciphertext.length / 2);
    const flipped = `${ciphertext.slice(0, middle)}${ciphertext[middle] === 'A' ? 'B' : 'A'}${ciphertext.slice(middle + 1)}`;
    const tampered = serving(repository, (row) => ({
      ...row,
      credentials: { ...row.credentials, ciphertext: flipped },
    }));
    await expect(registryOn(tampered).authenticate(accessToken)).rejects.toThrow();
  });

  it('binds the ciphertext to its store: pasted into another store, it does not open', async () => {
    const { repository, accessToken } = await connectedStore();
    const moved = serving(repository, (row) => ({ ...row, id: `${row.id}-other` }));
    await expect(registryOn(moved).authenticate(accessToken)).rejects.toThrow();
  });
});
