import { startWooCommerceSimulator, type WooCommerceSimulator } from '@unicart/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registeredPlatforms } from '../src/platforms';
import { createTestGateway, type TestGateway, testAdminToken } from './support/test-gateway';

const publicUrl = 'https://unicart.example.com';
const secret = 'the-store-webhook-secret';
let simulator: WooCommerceSimulator;
let gateway: TestGateway;

beforeAll(async () => {
  simulator = await startWooCommerceSimulator({ count: 3 });
});
afterAll(() => simulator.close());
beforeEach(async () => {
  simulator.reset();
  gateway = await createTestGateway({
    platforms: registeredPlatforms.definitions,
    environment: {
      UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
      UNICART_SYNC_INTERVAL_SECONDS: '3600',
      UNICART_PUBLIC_URL: `${publicUrl}/`,
    },
  });
});
afterEach(() => gateway.close());

const admin = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  gateway.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${testAdminToken}` },
    ...(payload === undefined ? {} : { payload }),
  });

async function connect(sync: object) {
  const response = await admin('POST', '/admin/v1/stores', {
    platform: 'woocommerce',
    name: 'Woo',
    credentials: simulator.credentials,
    verifyCredentials: false,
    sync,
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ store: { id: string } }>().store.id;
}

/** The webhooks WooCommerce now has, read back from the simulator's own REST API. */
async function webhooksOnPlatform() {
  const { url, consumerKey, consumerSecret } = simulator.credentials;
  const response = await fetch(`${url}/wp-json/wc/v3/webhooks`, {
    headers: { authorization: `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}` },
  });
  return ((await response.json()) as Array<{ topic: string; delivery_url: string }>).map((webhook) => [
    webhook.topic,
    webhook.delivery_url,
  ]);
}

describe('webhook registration with UNICART_PUBLIC_URL', () => {
  it('registers the customer webhooks when sync is enabled with a secret, removes them when the store is deleted', async () => {
    const storeId = await connect({ enabled: true, webhookSecret: secret });
    const url = `${publicUrl}/webhooks/v1/${storeId}`;
    expect(await webhooksOnPlatform()).toStrictEqual([
      ['customer.created', url],
      ['customer.updated', url],
      ['customer.deleted', url],
    ]);
    const created = simulator.requests.filter((request) => request.method === 'POST');
    expect(created.every((request) => (request.body as { secret: string }).secret === secret)).toBe(true);

    expect((await admin('DELETE', `/admin/v1/stores/${storeId}`)).statusCode).toBe(204);
    expect(await webhooksOnPlatform()).toStrictEqual([]);
  });

  it('registers nothing without a secret, and removes the webhooks when sync is disabled', async () => {
    const storeId = await connect({ enabled: true });
    expect(await webhooksOnPlatform()).toStrictEqual([]);
    await admin('PATCH', `/admin/v1/stores/${storeId}`, { sync: { enabled: true, webhookSecret: secret } });
    expect(await webhooksOnPlatform()).toHaveLength(3);
    await admin('PATCH', `/admin/v1/stores/${storeId}`, { sync: { enabled: false } });
    expect(await webhooksOnPlatform()).toStrictEqual([]);
  });

  it('still connects the store when the platform refuses, and logs it without the URL or the secret', async () => {
    simulator.failNext('unauthorized', 10);
    const storeId = await connect({ enabled: true, webhookSecret: secret });
    simulator.clearFaults();
    const logs = gateway.logs.join('\n');
    expect(logs).toContain('the platform refused the webhook change');
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(`/webhooks/v1/${storeId}`);
  });
});
