import {
  type AdapterLogger,
  type Customer,
  UnicartError,
  UpstreamRateLimitedError,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createShopifyAdapter } from './shopify-adapter';
import {
  adapterFor,
  allCustomerFixtures,
  customerFixtures,
  graphqlCalls,
  seededUpstream,
} from './shopify-fixtures.fixture';
import {
  createShopifyUpstream,
  type ShopifyCustomerRecord,
  type ShopifyUpstream,
} from './shopify-upstream.fixture';

const clientId = 'app-client-id';
const clientSecret = 'shpss_app_client_secret';
let upstream: ShopifyUpstream;

afterEach(() => upstream?.close());

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
  return Array.from({ length: count }, (_, index) => {
    const id = String(8_000_000_000 + index);
    const customer = structuredClone(customerFixtures.full) as ShopifyCustomerRecord;
    return {
      ...customer,
      id: `gid://shopify/Customer/${id}`,
      legacyResourceId: id,
      defaultEmailAddress: customer.defaultEmailAddress && {
        ...customer.defaultEmailAddress,
        emailAddress: `customer.${index}@example.com`,
      },
    };
  });
}

describe('throttling', () => {
  it('waits the computed restore time after THROTTLED, then retries and succeeds', async () => {
    upstream = seededUpstream();
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
    upstream = seededUpstream();
    upstream.failNext('rateLimited', 3);
    const error = await failure(adapterFor(upstream, { retry: { maxRetries: 0 } }).getCustomer('7010392211'));
    expect(UpstreamRateLimitedError.isInstance(error) && error.retryAfterSeconds).toBe(1);
  });

  it('paces a long iteration by the query cost so Shopify never throttles it', async () => {
    upstream = createShopifyUpstream({ maximumAvailable: 60, restoreRate: 600 });
    upstream.seed(manyCustomers(40));
    const adapter = adapterFor(upstream);
    const seen: Customer[] = [];
    for await (const customer of adapter.iterateCustomers({}, { pageSize: 1 })) seen.push(customer);
    expect(seen).toHaveLength(40);
    expect(upstream.throttledAnswers()).toBe(0);
  });

  it('retries an HTTP 429, which Shopify rarely sends for GraphQL', async () => {
    const origin = 'https://rate-limited.test';
    const scope = nock(origin)
      .post('/admin/api/2026-10/graphql.json')
      .reply(429, 'Too Many Requests', { 'retry-after': '0' })
      .post('/admin/api/2026-10/graphql.json')
      .reply(200, { data: { customer: null } });
    const adapter = createShopifyAdapter({
      shop: 'example.myshopify.com',
      accessToken: 't',
      baseUrl: origin,
    });
    expect(await adapter.getCustomer('1')).toBeNull();
    expect(scope.isDone()).toBe(true);
  });
});

describe('API version', () => {
  it('calls the version given in the credentials', async () => {
    upstream = seededUpstream();
    await adapterFor(upstream, { apiVersion: '2026-01' }).getCustomer('1');
    expect(upstream.requests.map((request) => request.path)).toStrictEqual([
      '/admin/api/2026-01/graphql.json',
    ]);
  });

  it('warns once when Shopify answers with another version than requested', async () => {
    upstream = seededUpstream({ answeredVersion: '2025-07' });
    const { logger, warn } = loggerSpy();
    const adapter = adapterFor(upstream, { logger });
    await adapter.getCustomer('7010392211');
    await adapter.getCustomer('7010392211');
    expect(warn.mock.calls).toStrictEqual([
      [
        {
          platform: 'shopify',
          shop: 'example.myshopify.com',
          requestedVersion: '2026-10',
          answeredVersion: '2025-07',
        },
        'Shopify answered with another API version than the one requested',
      ],
    ]);
  });

  it('says nothing when Shopify answers with the version requested', async () => {
    upstream = seededUpstream();
    const { logger, warn } = loggerSpy();
    await adapterFor(upstream, { logger }).getCustomer('7010392211');
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('credentials', () => {
  function clientCredentialsAdapter(options: { logger?: AdapterLogger } = {}) {
    upstream = createShopifyUpstream({ clientId, clientSecret });
    upstream.seed(allCustomerFixtures);
    return createShopifyAdapter({
      shop: 'example.myshopify.com',
      clientId,
      clientSecret,
      baseUrl: upstream.baseUrl,
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2000 },
      ...options,
    });
  }

  const paths = () => upstream.requests.map((request) => request.path);

  it('obtains a token with the client credentials and sends it to the GraphQL endpoint', async () => {
    const adapter = clientCredentialsAdapter();
    expect((await adapter.getCustomer('7010392211'))?.id).toBe('7010392211');
    expect(paths()).toStrictEqual(['/admin/oauth/access_token', '/admin/api/2026-10/graphql.json']);
    expect(upstream.requests[1]?.headers['x-shopify-access-token']).toMatch(/^shpat_double_1_/);
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
    upstream.expireIssuedTokens();
    expect((await adapter.getCustomer('7010392211'))?.id).toBe('7010392211');
    expect(paths().slice(2)).toStrictEqual([
      '/admin/api/2026-10/graphql.json',
      '/admin/oauth/access_token',
      '/admin/api/2026-10/graphql.json',
    ]);
    expect(upstream.requests[4]?.headers['x-shopify-access-token']).toMatch(/^shpat_double_2_/);
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
    upstream = seededUpstream();
    upstream.failNext('unauthorized');
    const error = await failure(adapterFor(upstream).getCustomer('7010392211'));
    expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
    expect(upstream.requests).toHaveLength(1);
  });
});
