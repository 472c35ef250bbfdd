import { UpstreamUnauthorizedError } from '@unicart/core';
import { type ShopifySimulator, startShopifySimulator } from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientCredentialsShopifyAccessToken, staticShopifyAccessToken } from './shopify-access-token';
import { withAdapterHeaders } from './shopify-fixtures.fixture';

const clientId = 'client-id-0001';
const clientSecret = 'shpss_client_secret_value';
/** A shop whose app issues tokens for a day (sheet §1: `expires_in` 86 399). */
let dayTokens: ShopifySimulator;
let upstream: ShopifySimulator;

beforeAll(async () => {
  dayTokens = await startShopifySimulator({ count: 0, clientId, clientSecret });
});

beforeEach(() => {
  dayTokens.reset();
  upstream = dayTokens;
});

afterAll(() => dayTokens.close());

function tokens(options: { now?: () => number; secret?: string } = {}) {
  return clientCredentialsShopifyAccessToken({
    origin: upstream.url,
    clientId,
    clientSecret: options.secret ?? clientSecret,
    now: options.now,
    userAgent: 'unicart-adapter-shopify/test',
    retry: { maxRetries: 0 },
  });
}

describe('clientCredentialsShopifyAccessToken', () => {
  it('asks the token endpoint with the client credentials grant', async () => {
    const token = await tokens().current();
    expect(token).toMatch(/^shpat_[0-9a-f]{32}$/);
    expect(upstream.requests.map(withAdapterHeaders)).toStrictEqual([
      {
        method: 'POST',
        path: '/admin/oauth/access_token',
        query: {},
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'user-agent': 'unicart-adapter-shopify/test',
        },
        body: { client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials' },
      },
    ]);
  });

  it('keeps the token for later calls', async () => {
    const source = tokens();
    const first = await source.current();
    expect(await source.current()).toBe(first);
    expect(upstream.requests).toHaveLength(1);
  });

  it('shares one token request among concurrent callers', async () => {
    const source = tokens();
    const all = await Promise.all([source.current(), source.current(), source.current()]);
    expect(new Set(all).size).toBe(1);
    expect(upstream.requests).toHaveLength(1);
  });

  it('renews the token five minutes before it expires', async () => {
    let now = 1_000_000;
    const source = tokens({ now: () => now });
    const first = await source.current();
    now += (86_399 - 301) * 1000;
    expect(await source.current()).toBe(first);
    now += 2000;
    expect(await source.current()).not.toBe(first);
    expect(upstream.requests).toHaveLength(2);
  });

  it('renews a short-lived token a tenth of its lifetime early', async () => {
    upstream = await startShopifySimulator({ count: 0, clientId, clientSecret, tokenLifetimeSeconds: 60 });
    try {
      let now = 0;
      const source = tokens({ now: () => now });
      const first = await source.current();
      now = 53_000;
      expect(await source.current()).toBe(first);
      now = 54_000;
      expect(await source.current()).not.toBe(first);
    } finally {
      await upstream.close();
    }
  });

  it('forgets a token that was rejected, so the next call obtains a new one', async () => {
    let now = 10;
    const source = tokens({ now: () => now });
    const first = await source.current();
    now = 20;
    expect(source.discardRejected(15)).toBe(true);
    expect(await source.current()).not.toBe(first);
  });

  it('keeps a token obtained after the rejected request started', async () => {
    let now = 10;
    const source = tokens({ now: () => now });
    const first = await source.current();
    now = 20;
    source.discardRejected(5);
    expect(await source.current()).toBe(first);
    expect(upstream.requests).toHaveLength(1);
  });

  it('reports refused client credentials as UpstreamUnauthorizedError without the secret', async () => {
    const wrongSecret = 'shpss_wrong_secret_value';
    const error = await tokens({ secret: wrongSecret })
      .current()
      .catch((caught: unknown) => caught);
    expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error) + String(error)).not.toContain(wrongSecret);
  });

  it('lists the secret and the current token for scrubbing', async () => {
    const source = tokens();
    expect(source.secrets()).toStrictEqual([clientSecret]);
    const token = await source.current();
    expect(source.secrets()).toStrictEqual([clientSecret, token]);
  });
});

describe('staticShopifyAccessToken', () => {
  it('always sends the same token and cannot renew it', async () => {
    const source = staticShopifyAccessToken('shpat_static');
    expect([await source.current(), source.discardRejected(0), source.secrets()]).toStrictEqual([
      'shpat_static',
      false,
      ['shpat_static'],
    ]);
  });
});
