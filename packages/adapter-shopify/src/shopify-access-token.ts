import { createHttpClient, type HttpClientOptions } from '@unicart/core';
import { shopifyAccessTokenResponseSchema } from './shopify-api';
import { classifyShopifyTokenFailure } from './shopify-error';

/** Where the GraphQL client gets the `X-Shopify-Access-Token` it sends. */
export interface ShopifyAccessToken {
  /** The token to send now; obtains or renews it first when needed. */
  current(): Promise<string>;
  /**
   * After Shopify answered 401 to a request started at `requestStartedAt`: forgets the token that
   * request used, so the next `current()` obtains a new one. `false` when the token cannot be renewed.
   */
  discardRejected(requestStartedAt: number): boolean;
  /** Every credential value to scrub from messages (never logged). */
  secrets(): string[];
}

/** A static Admin API access token: a 401 means the credentials are wrong (sheet §1). */
export function staticShopifyAccessToken(accessToken: string): ShopifyAccessToken {
  return {
    current: async () => accessToken,
    discardRejected: () => false,
    secrets: () => [accessToken],
  };
}

export interface ClientCredentialsOptions
  extends Pick<HttpClientOptions, 'fetch' | 'timeoutMs' | 'retry' | 'userAgent' | 'observer'> {
  /** Origin of the shop (or its stand-in). */
  readonly origin: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Clock in milliseconds, for tests. */
  readonly now?: () => number;
}

interface CachedToken {
  readonly value: string;
  readonly obtainedAt: number;
  /** When to obtain the next one; `Infinity` when Shopify gave no lifetime (renewed on a 401 only). */
  readonly renewAt: number;
}

/** Renew this long before expiry (at most a tenth of the lifetime). */
const renewalMarginMs = 5 * 60_000;

/**
 * Tokens of the client credentials grant (sheet §1): `POST /admin/oauth/access_token` answers a
 * token that expires after about 24 hours. It is cached, renewed shortly before it expires and
 * after a 401, and concurrent callers share one request for it.
 */
export function clientCredentialsShopifyAccessToken(options: ClientCredentialsOptions): ShopifyAccessToken {
  const now = options.now ?? Date.now;
  let cached: CachedToken | null = null;
  let pending: Promise<CachedToken> | null = null;
  const http = createHttpClient({
    platform: 'shopify',
    baseUrl: options.origin,
    secrets: () => [options.clientSecret, ...(cached ? [cached.value] : [])],
    classifyFailure: classifyShopifyTokenFailure,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    userAgent: options.userAgent,
    observer: options.observer,
  });

  async function obtain(): Promise<CachedToken> {
    const requestedAt = now();
    const { data } = await http.post('/admin/oauth/access_token', {
      body: {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        grant_type: 'client_credentials',
      },
      schema: shopifyAccessTokenResponseSchema,
      // Asking twice only yields a second valid token.
      idempotent: true,
    });
    const lifetimeMs = (data.expires_in ?? Number.POSITIVE_INFINITY) * 1000;
    const margin = Math.min(renewalMarginMs, lifetimeMs / 10);
    return { value: data.access_token, obtainedAt: requestedAt, renewAt: requestedAt + lifetimeMs - margin };
  }

  return {
    async current() {
      if (cached && now() < cached.renewAt) return cached.value;
      pending ??= obtain().finally(() => {
        pending = null;
      });
      cached = await pending;
      return cached.value;
    },
    discardRejected(requestStartedAt) {
      // A token obtained after the rejected request started is a fresh one: keep it.
      if (cached && cached.obtainedAt <= requestStartedAt) cached = null;
      return true;
    },
    secrets: () => [options.clientSecret, ...(cached ? [cached.value] : [])],
  };
}
