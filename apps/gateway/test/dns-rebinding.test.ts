import { type AddressInfo, createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registeredPlatforms } from '../src/platforms';
import type { HostResolver } from '../src/ssrf';
import { createTestGateway, type TestGateway } from './support/test-gateway';

/**
 * A name under an attacker's control with a zero TTL: public while the store is connected, then
 * alternately public and loopback, so a guard that resolves once to check and once more to connect
 * passes its check and connects to 127.0.0.1. `localhost` is the name because the system resolves it
 * to loopback without any DNS: a fetch that resolves by itself reaches the trap below.
 */
function rebindingResolver(): { resolver: HostResolver; rebind(): void } {
  let rebound = false;
  let lookups = 0;
  return {
    resolver: async () => [{ address: rebound && lookups++ % 2 === 1 ? '127.0.0.1' : '203.0.113.10' }],
    rebind: () => {
      rebound = true;
    },
  };
}

let trap: Server;
let connections: number;
let gateway: TestGateway;

beforeEach(async () => {
  connections = 0;
  trap = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
});

afterEach(async () => {
  await gateway.close();
  trap.close();
});

const stores = {
  'WooCommerce (Basic credentials on every request)': {
    platform: 'woocommerce',
    credentials: { url: 'https://shop.example.com', consumerKey: 'ck_rebind', consumerSecret: 'cs_rebind' },
  },
  "Shopify's client credentials token endpoint": {
    platform: 'shopify',
    credentials: { shop: 'rebind.myshopify.com', clientId: 'client-id', clientSecret: 'shpss_rebind' },
  },
};

describe.each(Object.entries(stores))('DNS rebinding against %s', (_name, store) => {
  it('never connects to the loopback address the name turns into', async () => {
    const { resolver, rebind } = rebindingResolver();
    gateway = await createTestGateway({ platforms: registeredPlatforms.definitions, resolver });
    const token = await gateway.connect({
      ...store,
      name: 'Rebinding shop',
      baseUrl: `https://localhost:${(trap.address() as AddressInfo).port}`,
    });
    rebind();
    const response = await gateway.call(token, 'GET', '/api/v2/customers/42');
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('upstream_error');
    expect(connections).toBe(0);
  });
});
