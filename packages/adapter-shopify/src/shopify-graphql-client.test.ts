import {
  type AdapterLogger,
  UnicartError,
  UpstreamRateLimitedError,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { type ShopifyCustomerRecord, type ShopifySimulator, startShopifySimulator } from '@unicart/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createShopifyAdapter } from './shopify-adapter';
import {
  adapterFor,
  customerFixtures,
  customerRecord,
  graphqlCalls,
  listEveryPage,
  seededRecords,
  startSeededShopify,
  testAccessToken,
} from './shopify-fixtures.fixture';

const clientId = 'app-client-id';
const clientSecret = 'shpss_app_client_secret';
/** The shop every test talks to unless it starts one with other settings. */
let shop: ShopifySimulator;
let upstream: ShopifySimulator;
let ownShop: ShopifySimulator | undefined;

beforeAll(async () => {
  shop = await startSeededShopify({ clientId, clientSecret });
});

beforeEach(() => {
  shop.reset();
  upstream = shop;
});

afterEach(async () => {
  await ownShop?.close();
  ownShop = undefined;
});

afterAll(() => shop.close());

async function startOwnShop(options: Parameters<typeof startShopifySimulator>[0]): Promise<ShopifySimulator> {
  ownShop = await startShopifySimulator(options);
  upstream = ownShop;
  return ownShop;
}

function loggerSpy() {
  const warn = vi.fn<AdapterLogger['warn']>();
  return { logger: { warn }, warn };
}

async function failure(promise: Promise<unknown>): Promise<UnicartError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!UnicartError.isInstance(error)) throw new Error(`expected a UnicartError, got ${String(error)}`);
  return error;
}

/** `count` customers cloned from the full fixture, with their own ids and emails. */
function manyCustomers(count: number): ShopifyCustomerRecord[] {
  const full = customerRecord(customerFixtures.full);
  return Array.from({ length: count }, (_, index) => ({
    ...structuredClone(full),
    id: 8_000_000_000 + index,
    email: `customer.${index}@example.com`,
  }));
}

describe('throttling', () => {
  it('waits the computed restore time after THROTTLED, then retries and succeeds', async () => {
    upstream.failNext('rateLimited');
    const started = Date.now();
    const customer = await adapterFor(upstream).getCustomer('7010392211');
    expect(customer?.id).toBe('7010392211');
    expect(graphqlCalls(upstream).map((call) => call.operationName)).toStrictEqual([
      'GetCustomer',
      'GetCustomer',
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('reports persistent throttling with the wait Shopify’s figures give', async () => {
    upstream.failNext('rateLimited', 3);
    const error = await failure(adapterFor(upstream, { retry: { maxRetries: 0 } }).getCustomer('7010392211'));
    expect(UpstreamRateLimitedError.isInstance(error) && error.retryAfterSeconds).toBe(1);
  });

  it('paces a long iteration by the query cost so Shopify never throttles it', async () => {
    await startOwnShop({
      accessToken: testAccessToken,
      throttle: { maximumAvailable: 60, restoreRate: 600 },
      data: { customers: manyCustomers(40) },
    });
    const adapter = adapterFor(upstream);
    const seen = await listEveryPage(adapter, {}, 1);
    expect(seen).toHaveLength(40);
    // One request per page: none was answered THROTTLED and repeated.
    expect(graphqlCalls(upstream)).toHaveLength(40);
  });

  it('retries an HTTP 429, which Shopify rarely sends for GraphQL', async () => {
    // The simulator throttles GraphQL inside a 200, as Shopify does; this 429 comes from in front of it.
    let refused = 0;
    const onceTooMany: typeof fetch = async (input, init) => {
      if (refused > 0) return fetch(input, init);
      refused += 1;
      return new Response('Too Many Requests', { status: 429, headers: { 'retry-after': '0' } });
    };
    const adapter = adapterFor(upstream, { fetch: onceTooMany });
    expect((await adapter.getCustomer('7010392211'))?.id).toBe('7010392211');
    expect([refused, graphqlCalls(upstream).length]).toStrictEqual([1, 1]);
  });
});

describe('API version', () => {
  it('calls the version given in the credentials', async () => {
    await adapterFor(upstream, { apiVersion: '2026-01' }).getCustomer('1');
    expect(upstream.requests.map((request) => request.path)).toStrictEqual([
      '/admin/api/2026-01/graphql.json',
    ]);
  });

  it('warns once when Shopify answers with another version than requested', async () => {
    // Once 2025-04 is past its support window, Shopify answers it with the oldest supported version (sheet §1).
    await startOwnShop({
      accessToken: testAccessToken,
      data: seededRecords,
      supportedVersions: ['2025-07', '2025-10', '2026-01', '2026-04', '2026-07', '2026-10'],
    });
    const { logger, warn } = loggerSpy();
    const adapter = adapterFor(upstream, { logger, apiVersion: '2025-04' });
    await adapter.getCustomer('7010392211');
    await adapter.getCustomer('7010392211');
    expect(warn.mock.calls).toStrictEqual([
      [
        {
          platform: 'shopify',
          shop: 'example.myshopify.com',
          requestedVersion: '2025-04',
          answeredVersion: '2025-07',
        },
        'Shopify answered with another API version than the one requested',
      ],
    ]);
  });

  it('says nothing when Shopify answers with the version requested', async () => {
    const { logger, warn } = loggerSpy();
    await adapterFor(upstream, { logger }).getCustomer('7010392211');
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('credentials', () => {
  function clientCredentialsAdapter(options: { logger?: AdapterLogger } = {}) {
    return createShopifyAdapter({
      shop: 'example.myshopify.com',
      clientId,
      clientSecret,
      baseUrl: upstream.url,
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2000 },
      ...options,
    });
  }

  const paths = () => upstream.requests.map((request) => request.path);

  it('obtains a token with the client credentials and sends it to the GraphQL endpoint', async () => {
    const adapter = clientCredentialsAdapter();
    expect((await adapter.getCustomer('7010392211'))?.id).toBe('7010392211');
    expect(paths()).toStrictEqual(['/admin/oauth/access_token', '/admin/api/2026-10/graphql.json']);
    const issued = upstream.requests[1]?.headers['x-shopify-access-token'];
    expect(issued).toMatch(/^shpat_[0-9a-f]{32}$/);
    expect(issued).not.toBe(upstream.credentials.accessToken);
  });

  it('keeps the token for the following requests', async () => {
    const adapter = clientCredentialsAdapter();
    await adapter.getCustomer('7010392211');
    await adapter.countCustomers({});
    expect(paths()).toStrictEqual([
      '/admin/oauth/access_token',
      '/admin/api/2026-10/graphql.json',
      '/admin/api/2026-10/graphql.json',
    ]);
  });

  it('obtains a new token once when Shopify rejects the current one, and repeats the request', async () => {
    const adapter = clientCredentialsAdapter();
    await adapter.getCustomer('7010392211');
    const first = upstream.requests[1]?.headers['x-shopify-access-token'];
    upstream.expireIssuedTokens();
    expect((await adapter.getCustomer('7010392211'))?.id).toBe('7010392211');
    expect(paths().slice(2)).toStrictEqual([
      '/admin/api/2026-10/graphql.json',
      '/admin/oauth/access_token',
      '/admin/api/2026-10/graphql.json',
    ]);
    const renewed = upstream.requests[4]?.headers['x-shopify-access-token'];
    expect([renewed, renewed === first]).toStrictEqual([
      expect.stringMatching(/^shpat_[0-9a-f]{32}$/),
      false,
    ]);
  });

  it('gives up with UpstreamUnauthorizedError when the new token is rejected too', async () => {
    const adapter = clientCredentialsAdapter();
    await adapter.getCustomer('7010392211');
    upstream.failNext('unauthorized', 3);
    const error = await failure(adapter.getCustomer('7010392211'));
    expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
    expect(upstream.requests).toHaveLength(4);
  });

  it('never logs nor reports the secret or the token', async () => {
    const { logger, warn } = loggerSpy();
    const adapter = clientCredentialsAdapter({ logger });
    await adapter.getCustomer('7010392211');
    const token = upstream.requests[1]?.headers['x-shopify-access-token'] ?? '';
    upstream.failNext('unauthorized', 3);
    const error = await failure(adapter.getCustomer('7010392211'));
    const reported = `${JSON.stringify(warn.mock.calls)} ${error.message} ${error.stack} ${JSON.stringify(error)}`;
    expect(reported).not.toContain(clientSecret);
    expect(reported).not.toContain(token);
  });

  it('does not repeat a request rejected with a static token: it cannot be renewed', async () => {
    upstream.failNext('unauthorized');
    const error = await failure(adapterFor(upstream).getCustomer('7010392211'));
    expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
    expect(upstream.requests).toHaveLength(1);
  });
});
