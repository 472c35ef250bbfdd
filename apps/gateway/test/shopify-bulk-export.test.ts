import { shopifyPlatform } from '@unicart/adapter-shopify';
import { startShopifySimulator } from '@unicart/sandbox';
import { describe, expect, it } from 'vitest';
import { createTestGateway } from './support/test-gateway';

describe('GET /api/v2/customers/export of a Shopify store', () => {
  it('outlasts the upstream deadline while a bulk operation makes progress, then streams every customer', async () => {
    // About 500 objects at 100 a second: the file takes ~5 s, over three times the deadline below.
    const shopify = await startShopifySimulator({ count: 200, bulkObjectsPerSecond: 100 });
    const gateway = await createTestGateway({
      environment: { UNICART_ALLOW_PRIVATE_UPSTREAMS: '1', UNICART_UPSTREAM_DEADLINE_MS: '1500' },
      platforms: [shopifyPlatform],
    });
    try {
      const token = await gateway.connect({
        platform: 'shopify',
        name: 'Bulk shop',
        credentials: shopify.credentials,
        baseUrl: shopify.url,
      });
      const started = Date.now();
      const response = await gateway.call(token, 'GET', '/api/v2/customers/export');
      expect([response.statusCode, response.body.slice(0, 300)]).toStrictEqual([200, expect.any(String)]);
      expect(Date.now() - started).toBeGreaterThan(3000);
      const ids = response.body
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as { id: string }).id);
      expect(ids).toStrictEqual(shopify.customerIds());
      const operations = shopify.requests
        .filter((request) => request.path.endsWith('/graphql.json'))
        .map((request) => (request.body as { operationName?: string }).operationName);
      expect(operations.filter((name) => name === 'RunBulkQuery')).toHaveLength(1);
      expect(operations).not.toContain('ListCustomers');
    } finally {
      await gateway.close();
      await shopify.close();
    }
  });
});
