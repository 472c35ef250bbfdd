/**
 * Webhooks end to end on every platform (CONTRACT.md §5): a change made on the platform (through
 * its own API, as its admin would) → the simulator's signed webhook → the gateway's webhook route →
 * a hint to sync → the change in the store's feed within 2 s. Polls are an hour apart here, so only
 * the webhook can bring the change that fast. With `UNICART_PUBLIC_URL` set, the gateway registers
 * the webhooks itself where the platform's API allows it; Ecwid and Bling take them in the app's
 * settings, which the test sets on their simulators.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AdapterDefinition, type CustomerAdapterV1, resolveAdapter } from '@unicart/core';
import { type Sandbox, startSandbox } from '@unicart/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStoreRepository } from '../src/stores/open-store-repository';
import { createTestGateway, type TestGateway, testAdminToken } from './support/test-gateway';
import { unpacedPlatforms } from './support/unpaced-platforms';

type PlatformId = 'bigcommerce' | 'bling' | 'ecwid' | 'jumpseller' | 'shopify' | 'woocommerce';
const platformIds: readonly PlatformId[] = [
  'bigcommerce',
  'bling',
  'ecwid',
  'jumpseller',
  'shopify',
  'woocommerce',
];
/** Platforms whose webhooks the gateway registers through their API. */
const registeredThroughApi = new Set<PlatformId>(['bigcommerce', 'jumpseller', 'shopify', 'woocommerce']);

let sandbox: Sandbox;
let dataDir: string;
let gateway: TestGateway | undefined;
let gatewayUrl: string;

beforeAll(async () => {
  sandbox = await startSandbox({ count: 8, rateLimits: false });
});
afterAll(async () => {
  await sandbox?.close();
});

const platforms = unpacedPlatforms;

function credentialsOf(platform: PlatformId): object {
  return platform === 'bling'
    ? { accessToken: sandbox.bling.issueAccessToken() }
    : sandbox[platform].credentials;
}

/** The secret each platform signs with (its sheet §8): the one the store's sync is given. */
function webhookSecretOf(platform: PlatformId): string {
  switch (platform) {
    case 'bigcommerce':
    case 'ecwid':
      return sandbox[platform].clientSecret;
    case 'bling':
      return sandbox.bling.credentials.clientSecret;
    case 'jumpseller':
      return sandbox.jumpseller.hooksToken;
    case 'shopify':
      return sandbox.shopify.clientCredentials.clientSecret;
    case 'woocommerce':
      return 'a-secret-the-gateway-chooses-for-woocommerce';
  }
}

function merchantAdapter(platform: PlatformId, credentials: object): CustomerAdapterV1 {
  const definition = platforms.find((candidate) => candidate.platform === platform) as AdapterDefinition;
  return resolveAdapter(definition.create({ ...credentials, baseUrl: sandbox[platform].url }));
}

const admin = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  gateway!.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${testAdminToken}` },
    ...(payload === undefined ? {} : { payload }),
  });

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'unicart-webhooks-e2e-'));
  const repository = await openStoreRepository({ dataDir, databaseUrl: undefined });
  // The public URL is the gateway's own loopback address: bound first, then known.
  const reserved = await createTestGateway({ repository, platforms });
  await reserved.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = reserved.app.server.address() as { port: number };
  await reserved.app.close();
  gatewayUrl = `http://127.0.0.1:${port}`;
  gateway = await createTestGateway({
    repository,
    platforms,
    environment: {
      UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
      UNICART_SYNC_INTERVAL_SECONDS: '3600',
      UNICART_SYNC_FULL_SCAN_SECONDS: '86400',
      UNICART_PUBLIC_URL: gatewayUrl,
    },
  });
  await gateway.app.listen({ host: '127.0.0.1', port });
});
afterEach(async () => {
  await gateway?.close();
  await gateway?.repository.close();
  gateway = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

describe.each(platformIds)('webhooks from %s, end to end', (platform) => {
  beforeEach(() => sandbox[platform].reset());

  it('brings a change made on the platform into the feed within 2 s, and registers and removes the webhooks', async () => {
    const credentials = credentialsOf(platform);
    const created = await admin('POST', '/admin/v1/stores', {
      platform,
      name: `${platform} shop`,
      credentials,
      baseUrl: sandbox[platform].url,
      verifyCredentials: false,
      sync: { enabled: true, webhookSecret: webhookSecretOf(platform) },
    });
    expect(created.statusCode).toBe(201);
    const { store, accessToken } = created.json<{ store: { id: string }; accessToken: string }>();
    const webhookUrl = `${gatewayUrl}/webhooks/v1/${store.id}`;
    if (platform === 'ecwid' || platform === 'bling') sandbox[platform].webhooks.configure(webhookUrl);
    if (registeredThroughApi.has(platform)) {
      const subscribed = sandbox[platform].requests.filter(
        (request) => request.method === 'POST' && JSON.stringify(request.body).includes(webhookUrl),
      );
      expect(subscribed.length).toBeGreaterThanOrEqual(3);
    }
    await vi.waitFor(
      async () => {
        const state = await gateway!.call(accessToken, 'GET', '/api/v2/sync');
        expect(state.json<{ sync: { status: string } }>().sync.status).toBe('ready');
      },
      { timeout: 30_000, interval: 100 },
    );

    const merchant = merchantAdapter(platform, credentials);
    const customerId = sandbox[platform].customerIds()[0];
    const feedLength = async () => (await gateway!.repository.mirror.changes(store.id, 0, 100_000)).entries;
    const before = (await feedLength()).length;
    await merchant.updateCustomer(customerId!, { lastName: 'Ørsted-Webhook' });
    const changedAt = Date.now();
    await vi.waitFor(
      async () => {
        const entries = (await feedLength()).slice(before);
        expect(entries.map((entry) => [entry.type, entry.customerId])).toContainEqual(['upsert', customerId]);
      },
      { timeout: 2_000, interval: 25 },
    );
    expect(Date.now() - changedAt).toBeLessThan(2_000);
    expect((await gateway!.repository.mirror.get(store.id, customerId!))?.lastName).toBe('Ørsted-Webhook');
    await sandbox[platform].webhooks.settled();
    expect(sandbox[platform].webhooks.deliveries.every((attempt) => attempt.status === 204)).toBe(true);

    // Disabling sync removes the registered webhooks from the platform.
    expect(
      (await admin('PATCH', `/admin/v1/stores/${store.id}`, { sync: { enabled: false } })).statusCode,
    ).toBe(200);
    if (registeredThroughApi.has(platform)) {
      const deletes = sandbox[platform].requests.filter(
        (request) =>
          request.method === 'DELETE' ||
          JSON.stringify(request.body ?? '').includes('webhookSubscriptionDelete'),
      );
      expect(deletes.length).toBeGreaterThanOrEqual(3);
    }
  });
});
