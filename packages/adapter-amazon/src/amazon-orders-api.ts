import {
  type CallOptions,
  type CommonAdapterSettings,
  createHttpClient,
  createTokenBucket,
  type HttpClientOptions,
  InvalidRequestError,
  type RequestLimiter,
  type UpstreamReply,
} from '@unicart/core';
import { type AmazonLoginCredentials, amazonAccessToken } from './amazon-access-token';
import {
  type AmazonOrder,
  amazonMarketplaceParticipationsSchema,
  amazonSearchOrdersResponseSchema,
} from './amazon-api';
import { classifyAmazonFailure, isRenewableTokenRejection } from './amazon-error';

/** An order window of searchOrders: orders created, or updated, at or after `after` (sheet §3). */
export interface AmazonOrderWindow {
  readonly kind: 'created' | 'updated';
  /** ISO 8601 UTC, inclusive. */
  readonly after: string;
}

/** One page of searchOrders. */
export interface AmazonOrdersPage {
  readonly orders: readonly AmazonOrder[];
  /** `pagination.nextToken`, `null` on the last page of the window. */
  readonly nextToken: string | null;
  /**
   * The window's upper bound as Amazon answered it (`createdBefore` / `lastUpdatedBefore`): where
   * the next window starts. When Amazon omits it, the window's own start (read again, never skipped).
   */
  readonly bound: string;
}

/** The Orders API calls the buyers are derived from. */
export interface AmazonOrdersApi {
  /** Reads one page of a window (`nextToken` from the previous page, `null` for the first). */
  searchOrders(
    window: AmazonOrderWindow,
    nextToken: string | null,
    options: CallOptions,
  ): Promise<AmazonOrdersPage>;
  /**
   * Checks the credentials with one cheap call (getMarketplaceParticipations, sheet §2.6) and that
   * the seller participates in every configured marketplace; throws `InvalidRequestError` naming
   * `marketplaceIds` when not, or the platform's refusal.
   */
  checkMarketplaces(options: CallOptions): Promise<void>;
}

/** searchOrders' usage plan (sheet §8): requests a second and burst. */
export interface AmazonRateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/** Amazon's default plan for searchOrders: 0.0056 a second after a burst of 20 (sheet §8). */
export const searchOrdersRateLimit: AmazonRateLimit = { perSecond: 0.0056, burst: 20 };

/** Login with Amazon's token endpoint, for every region (sheet §1.1). */
export const amazonLoginOrigin = 'https://api.amazon.com';

/** Region endpoints of the Selling Partner API (sheet §1.1). */
export const amazonRegionOrigins = {
  na: 'https://sellingpartnerapi-na.amazon.com',
  eu: 'https://sellingpartnerapi-eu.amazon.com',
  fe: 'https://sellingpartnerapi-fe.amazon.com',
} as const;

export type AmazonRegion = keyof typeof amazonRegionOrigins;

export interface AmazonOrdersApiSettings extends CommonAdapterSettings {
  readonly credentials: AmazonLoginCredentials;
  readonly marketplaceIds: readonly string[];
  /** The SP-API origin of the marketplaces' region (ignored when `baseUrl` is set). */
  readonly region: AmazonRegion;
  /** Paces searchOrders; default a token bucket of Amazon's plan, corrected by `x-amzn-RateLimit-Limit`. */
  readonly rateLimit?: AmazonRateLimit | undefined;
  /** Replaces the pacing altogether (tests; a limiter shared by adapters of one seller). */
  readonly limiter?: RequestLimiter | undefined;
}

/** What every window asks for (sheet §13): buyer, address, totals and status, 100 orders a page. */
const includedData = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT'];
const maxResultsPerPage = 100;

/**
 * searchOrders of the Orders API v2026-01-01 (sheet §3, §5): an LWA access token in
 * `x-amz-access-token` (renewed once after a 403 saying it expired), requests paced by a token
 * bucket of the operation's plan (its refill taken from `x-amzn-RateLimit-Limit`), a 429 waited on
 * for one token of it, array parameters as CSV and the page token sent with the same parameters.
 */
export function createAmazonOrdersApi(settings: AmazonOrdersApiSettings): AmazonOrdersApi {
  const userAgent = `unicart-adapter-amazon/${__PACKAGE_VERSION__} (Language=JavaScript)`;
  const common = {
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    observer: settings.observer,
    userAgent,
  };
  const accessToken = amazonAccessToken({
    ...common,
    origin: settings.baseUrl ?? amazonLoginOrigin,
    credentials: settings.credentials,
  });
  const plan = settings.rateLimit ?? searchOrdersRateLimit;
  const bucket =
    settings.limiter === undefined
      ? createTokenBucket({ capacity: plan.burst, refillPerSecond: plan.perSecond })
      : null;
  let ratePerSecond: number | null = plan.perSecond;
  // Requests that Amazon refused for their access token; renewed once (sheet §1.3, §8).
  const renewable = new WeakSet<object>();

  function observeReply(reply: UpstreamReply): void {
    const rate = Number(reply.headers.get('x-amzn-ratelimit-limit'));
    if (!(rate > 0)) return;
    ratePerSecond = rate;
    bucket?.sync({ available: bucket.available(), refillPerSecond: rate });
  }

  const clientOptions: HttpClientOptions = {
    ...common,
    platform: 'amazon',
    baseUrl: settings.baseUrl ?? amazonRegionOrigins[settings.region],
    headers: async () => ({ 'x-amz-access-token': await accessToken.current() }),
    secrets: () => accessToken.secrets(),
    classifyFailure(reply: UpstreamReply) {
      const error = classifyAmazonFailure(reply, ratePerSecond);
      if (error !== undefined && isRenewableTokenRejection(reply)) renewable.add(error);
      return error;
    },
  };
  const http = createHttpClient({
    ...clientOptions,
    observeReply,
    limiter: settings.limiter ?? bucket ?? undefined,
  });
  // getMarketplaceParticipations has a bucket of its own (0.016 a second, burst 15): called once per store.
  const sellers = createHttpClient(clientOptions);

  /** A request renewed once when Amazon says its access token expired or is invalid (sheet §1.3). */
  async function withFreshToken<Output>(send: () => Promise<Output>): Promise<Output> {
    const startedAt = Date.now();
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof Object && renewable.has(error))) throw error;
      accessToken.discardRejected(startedAt);
      return send();
    }
  }

  return {
    async checkMarketplaces({ signal }) {
      const { data } = await withFreshToken(() =>
        sellers.get('/sellers/v1/marketplaceParticipations', {
          schema: amazonMarketplaceParticipationsSchema,
          signal,
        }),
      );
      const participating = new Set(
        data.payload
          .filter((entry) => entry.participation?.isParticipating !== false)
          .map((entry) => entry.marketplace.id),
      );
      const foreign = settings.marketplaceIds.filter((id) => !participating.has(id));
      if (foreign.length > 0) {
        throw new InvalidRequestError(
          `Invalid credentials.marketplaceIds: the seller does not sell in ${foreign.join(', ')}`,
          {
            platform: 'amazon',
            issues: [
              { path: 'credentials.marketplaceIds', message: `not the seller's: ${foreign.join(', ')}` },
            ],
          },
        );
      }
    },

    async searchOrders(window, nextToken, { signal }) {
      const query = {
        [window.kind === 'created' ? 'createdAfter' : 'lastUpdatedAfter']: window.after,
        marketplaceIds: settings.marketplaceIds,
        includedData,
        maxResultsPerPage,
        paginationToken: nextToken ?? undefined,
      };
      const { data } = await withFreshToken(() =>
        http.get('/orders/2026-01-01/orders', { query, schema: amazonSearchOrdersResponseSchema, signal }),
      );
      return {
        orders: data.orders,
        nextToken: data.pagination?.nextToken ?? null,
        bound: (window.kind === 'created' ? data.createdBefore : data.lastUpdatedBefore) ?? window.after,
      };
    },
  };
}
