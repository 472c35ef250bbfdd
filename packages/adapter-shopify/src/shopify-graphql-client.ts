import {
  type AdapterLogger,
  createHttpClient,
  createTokenBucket,
  type HttpClientOptions,
  type UpstreamReply,
} from '@unicart/core';
import { z } from 'zod';
import type { ShopifyAccessToken } from './shopify-access-token';
import { shopifyCostSchema } from './shopify-api';
import type { ShopifyDocument } from './shopify-documents';
import { classifyShopifyFailure, inspectShopifySuccess } from './shopify-error';

/** Sends the documents of `shopify-documents.ts` and returns their validated `data`. */
export interface ShopifyGraphqlClient {
  execute<Variables, Data>(
    document: ShopifyDocument<Variables>,
    variables: Variables,
    dataSchema: z.ZodType<Data>,
    signal: AbortSignal | undefined,
  ): Promise<Data>;
}

export interface ShopifyGraphqlClientOptions
  extends Pick<HttpClientOptions, 'fetch' | 'timeoutMs' | 'retry' | 'userAgent' | 'observer'> {
  /** Origin of the shop (or its stand-in). */
  readonly origin: string;
  readonly shop: string;
  readonly apiVersion: string;
  readonly accessToken: ShopifyAccessToken;
  readonly logger?: AdapterLogger | undefined;
}

/**
 * Until the first response says otherwise (`throttleStatus`), assume less than the smallest plan
 * offers (sheet §6: Standard restores 100 points a second; bucket sizes are read at runtime).
 */
const assumedBucket = { capacity: 1000, refillPerSecond: 50 };

/**
 * The GraphQL endpoint `/admin/api/{version}/graphql.json` over core's HTTP client: every request
 * first takes its requested cost from a token bucket kept in step with Shopify's `throttleStatus`,
 * so long iterations are paced instead of THROTTLED; queries are retried like GETs, mutations only
 * when Shopify certainly did not act; a 401 renews a client-credentials token once.
 */
export function createShopifyGraphqlClient(options: ShopifyGraphqlClientOptions): ShopifyGraphqlClient {
  const { accessToken, apiVersion, logger, shop } = options;
  const bucket = createTokenBucket(assumedBucket);
  const warnedVersions = new Set<string>();
  // Errors classified from an HTTP 401, which a renewed token may cure.
  const rejectedTokenErrors = new WeakSet<object>();

  function observe(reply: UpstreamReply): void {
    const cost = shopifyCostSchema.safeParse(reply.body);
    if (cost.success) {
      const { throttleStatus } = cost.data.extensions.cost;
      bucket.sync({
        available: throttleStatus.currentlyAvailable,
        capacity: throttleStatus.maximumAvailable,
        refillPerSecond: throttleStatus.restoreRate,
      });
    }
    // An unsupported version falls forward to the oldest supported one (sheet §1).
    const answered = reply.headers.get('x-shopify-api-version');
    if (answered && answered !== apiVersion && !warnedVersions.has(answered)) {
      warnedVersions.add(answered);
      logger?.warn(
        { platform: 'shopify', shop, requestedVersion: apiVersion, answeredVersion: answered },
        'Shopify answered with another API version than the one requested',
      );
    }
  }

  const http = createHttpClient({
    platform: 'shopify',
    baseUrl: `${options.origin}/admin/api/${apiVersion}`,
    headers: async () => ({ 'x-shopify-access-token': await accessToken.current() }),
    secrets: () => accessToken.secrets(),
    classifyFailure: (reply) => {
      observe(reply);
      const error = classifyShopifyFailure(reply);
      if (error && reply.status === 401) rejectedTokenErrors.add(error);
      return error;
    },
    inspectSuccess: (reply) => {
      observe(reply);
      return inspectShopifySuccess(reply);
    },
    limiter: bucket,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    userAgent: options.userAgent,
    observer: options.observer,
  });

  return {
    async execute(document, variables, dataSchema, signal) {
      const send = async () => {
        const { data } = await http.post('/graphql.json', {
          body: { query: document.source, variables, operationName: document.operationName },
          schema: z.object({ data: dataSchema }),
          signal,
          idempotent: document.kind === 'query',
          cost: document.requestedCost(variables),
        });
        return data.data;
      };
      const startedAt = Date.now();
      try {
        return await send();
      } catch (error) {
        const renewable =
          error instanceof Object && rejectedTokenErrors.has(error) && accessToken.discardRejected(startedAt);
        if (!renewable) throw error;
        // A 401 means the request was not executed, so even a mutation can be sent again, once.
        return await send();
      }
    },
  };
}
