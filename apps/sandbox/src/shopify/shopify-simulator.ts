import { createReadStream } from 'node:fs';
import type { GeneratedSeed, NativeSeed } from '@unicart/core/testing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../kit/random-token';
import type { SandboxSimulator } from '../kit/simulator';
import { createSimulatorServer, type ListenOptions, pathOf, readBody } from '../kit/simulator-server';
import type { SimulatorWebhooks } from '../kit/webhook-sender';
import { seedPeople } from '../seed/seed-people';
import { type BulkOperationErrorCode, ShopifyBulkOperations } from './shopify-bulk';
import type { ShopifyOrderStatistics } from './shopify-customer-facts';
import {
  bulkPageExecutor,
  executeShopifyGraphQL,
  type GraphQLRequest,
  throttledBody,
} from './shopify-graphql';
import { shopifyAdminSchema } from './shopify-schema';
import { toShopifyRecords } from './shopify-seed';
import { ShopifyStore } from './shopify-store';
import { LeakyBucket, type LeakyBucketSettings } from './shopify-throttle';
import type { ShopifyCustomerRecord, ShopifyOrderRecord } from './shopify-types';
import { createShopifyWebhooks } from './shopify-webhooks';

/** Credentials in the gateway's shape for Shopify with a static Admin API token (CONTRACT §2). */
export interface ShopifyCredentials {
  /** `example.myshopify.com`. */
  readonly shop: string;
  readonly accessToken: string;
  readonly apiVersion: string;
}

/** Credentials in the gateway's shape for Shopify's client credentials grant (sheet §1). */
export interface ShopifyClientCredentials {
  readonly shop: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiVersion: string;
}

export interface ShopifySimulatorOptions extends ListenOptions, GeneratedSeed {
  /** Default `unicart-sandbox.myshopify.com`. */
  readonly shop?: string;
  /** Default: a random `shpat_…` token. */
  readonly accessToken?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Shop currency (default `USD`). */
  readonly currency?: string;
  /** Stable versions served, oldest first (default 2025-01 … 2026-10); older ones fall forward to the first. */
  readonly supportedVersions?: readonly string[];
  /** The leaky bucket per app (default 2 000 points, 100 restored a second: the Standard plan); `false` turns it off. */
  readonly throttle?: false | Partial<LeakyBucketSettings>;
  /** Largest requested cost of one query (default 1 000). */
  readonly maxQueryCost?: number;
  /** Lifetime of tokens from the client credentials grant (default 86 399 s). */
  readonly tokenLifetimeSeconds?: number;
  /** Native records to start with instead of generated ones. */
  readonly data?: NativeSeed<ShopifyCustomerRecord, ShopifyOrderRecord>;
  /**
   * Objects (root and nested) a bulk operation processes a second: how soon it completes
   * (default 20 000). Tests raise it; it does not touch the cost bucket either way.
   */
  readonly bulkObjectsPerSecond?: number;
  /** Real milliseconds per second of Shopify's webhook retry waits (default 1). */
  readonly webhookMsPerSecond?: number;
}

/** A running Shopify GraphQL Admin API simulator. */
export interface ShopifySimulator
  extends SandboxSimulator<ShopifyCredentials, ShopifyCustomerRecord, ShopifyOrderRecord> {
  /** The same shop through the client credentials grant. */
  readonly clientCredentials: ShopifyClientCredentials;
  /** Every token the client credentials grant issued so far expires now (the app's credentials stay valid). */
  expireIssuedTokens(): void;
  /** The next bulk operation that starts fails with `errorCode` (after its first page, unless ACCESS_DENIED). */
  failNextBulkOperation(errorCode: BulkOperationErrorCode): void;
  /** What Shopify derives from a customer's orders: `numberOfOrders` and `amountSpent` (sheet §4). */
  orderStatistics(customerId: string): ShopifyOrderStatistics;
  /** The webhooks sent to the subscriptions made with `webhookSubscriptionCreate`. */
  readonly webhooks: SimulatorWebhooks;
}

/** The version the sheet and the bundled schema describe. */
export const shopifyApiVersion = '2026-01';
const defaultVersions = [
  '2025-01',
  '2025-04',
  '2025-07',
  '2025-10',
  '2026-01',
  '2026-04',
  '2026-07',
  '2026-10',
];
const versionShape = /^\d{4}-(01|04|07|10)$/;
const jsonType = 'application/json; charset=utf-8';
const graphqlPath = /^\/admin\/api\/[^/]+\/graphql\.json$/;
const invalidTokenBody = {
  errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
};
const grantedScopes = 'read_customers,write_customers,read_orders';

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('content-type', jsonType).send(JSON.stringify(body));
}

/**
 * The version that answers a requested one (sheet §1): a supported version answers itself, an
 * older well-formed one falls forward to the oldest supported, `unstable` answers itself; anything
 * else (malformed, or newer than the newest) is unknown: 404.
 */
function servedVersion(requested: string, supported: readonly string[]): string | undefined {
  if (requested === 'unstable' || supported.includes(requested)) return requested;
  const oldest = supported[0];
  return versionShape.test(requested) && oldest !== undefined && requested < oldest ? oldest : undefined;
}

function graphQLRequestOf(request: FastifyRequest): GraphQLRequest | undefined {
  const body = readBody(request);
  const contentType = String(request.headers['content-type'] ?? '');
  if (body.kind === 'text' && contentType.includes('application/graphql')) return { query: body.value };
  if (body.kind !== 'json' || body.value === null || typeof body.value !== 'object') return undefined;
  const { query, variables, operationName } = body.value as Record<string, unknown>;
  if (typeof query !== 'string') return undefined;
  const validVariables =
    variables === undefined ||
    variables === null ||
    (typeof variables === 'object' && !Array.isArray(variables));
  if (
    !validVariables ||
    !(operationName === undefined || operationName === null || typeof operationName === 'string')
  ) {
    return undefined;
  }
  return {
    query,
    variables: (variables ?? null) as Record<string, unknown> | null,
    operationName: (operationName ?? null) as string | null,
  };
}

/**
 * Starts a stateful simulator of Shopify's GraphQL Admin API (sheet `shopify.md`): graphql-js
 * executing against the real 2026-01 schema, with resolvers for customers and orders, calculated
 * query costs and a leaky-bucket throttle, plus the client credentials token endpoint.
 */
export async function startShopifySimulator(
  options: ShopifySimulatorOptions = {},
): Promise<ShopifySimulator> {
  const schema = shopifyAdminSchema();
  const shop = options.shop ?? 'unicart-sandbox.myshopify.com';
  const original = {
    accessToken: options.accessToken ?? randomToken('shpat_'),
    clientId: options.clientId ?? randomToken(''),
    clientSecret: options.clientSecret ?? randomToken('shpss_'),
  };
  let secrets = { ...original };
  const supportedVersions = options.supportedVersions ?? defaultVersions;
  const bucketSettings: LeakyBucketSettings = {
    maximumAvailable: (options.throttle === false ? undefined : options.throttle?.maximumAvailable) ?? 2000,
    restoreRate: (options.throttle === false ? undefined : options.throttle?.restoreRate) ?? 100,
  };
  const maxQueryCost = options.maxQueryCost ?? 1000;
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 86_399;
  const shopInfo = { domain: shop, name: 'Unicart Sandbox', currency: options.currency ?? 'USD' };

  let baseline = options.data ?? toShopifyRecords(seedPeople(options.count, options.seed));
  let store = new ShopifyStore(shopInfo, baseline.customers, baseline.orders ?? []);
  /** Tokens from the client credentials grant, with their expiry. */
  const issuedTokens = new Map<string, number>();
  /** One bucket per app (sheet §6): the static-token app and the client-credentials app. */
  const buckets = new Map<string, LeakyBucket>();
  const bucketOf = (app: string) => {
    let bucket = buckets.get(app);
    if (bucket === undefined) {
      bucket = new LeakyBucket(bucketSettings);
      buckets.set(app, bucket);
    }
    return bucket;
  };

  /** The app a token belongs to, or `undefined` when Shopify would refuse it. */
  function appOf(token: string | undefined): string | undefined {
    if (token === undefined) return undefined;
    if (token === secrets.accessToken) return 'admin-token-app';
    const expiry = issuedTokens.get(token);
    return expiry !== undefined && expiry > Date.now() ? secrets.clientId : undefined;
  }

  const webhooks = createShopifyWebhooks({
    shop,
    apiVersion: shopifyApiVersion,
    clientSecret: () => secrets.clientSecret,
    msPerPlatformSecond: options.webhookMsPerSecond,
  });
  let url = '';
  const bulkOperations = new ShopifyBulkOperations({
    schema,
    objectsPerSecond: options.bulkObjectsPerSecond ?? 20_000,
    origin: () => url,
    executePage: bulkPageExecutor(schema),
  });

  const server = createSimulatorServer({
    host: options.host,
    port: options.port,
    answerFault(kind, request, reply) {
      const onGraphQL = graphqlPath.test(pathOf(request));
      switch (kind) {
        case 'rateLimited':
          // A one-second wait: (requested − available) / restoreRate = 1.
          return onGraphQL
            ? send(
                reply,
                200,
                throttledBody(bucketSettings.restoreRate, { ...bucketSettings, currentlyAvailable: 0 }),
              )
            : send(reply.header('retry-after', '1'), 429, {
                errors: 'Exceeded 2 calls per second for api client.',
              });
        case 'serverError':
          return send(reply, 500, { errors: 'Internal Server Error' });
        case 'unauthorized':
          return send(reply, 401, invalidTokenBody);
        case 'malformed':
          return reply
            .code(200)
            .header('content-type', jsonType)
            .send('{"data":{"customers":{"nodes":[{"legacyResourceId":"70');
      }
    },
    answerNotFound(_request, reply) {
      return send(reply, 404, { errors: 'Not Found' });
    },
  });

  server.app.post('/admin/api/:version/graphql.json', async (request, reply) => {
    const version = servedVersion((request.params as { version: string }).version, supportedVersions);
    if (version === undefined) return send(reply, 404, { errors: 'Not Found' });
    reply.header('x-shopify-api-version', version);
    const token = request.headers['x-shopify-access-token'];
    const app = appOf(typeof token === 'string' ? token : undefined);
    if (app === undefined) return send(reply, 401, invalidTokenBody);
    const graphQLRequest = graphQLRequestOf(request);
    if (graphQLRequest === undefined)
      return send(reply, 400, { errors: { query: 'Required parameter missing or invalid' } });
    const body = await executeShopifyGraphQL(graphQLRequest, {
      schema,
      store,
      bucket: bucketOf(app),
      throttle: options.throttle !== false,
      maxQueryCost,
      now: () => new Date(),
      webhooks,
      bulkOperations: bulkOperations.forApp(
        app,
        version,
        () => store,
        () => new Date(),
      ),
    });
    return send(reply, 200, body);
  });

  // A bulk operation's result: a signed URL in Shopify (cloud storage, no access token needed).
  server.app.get('/bulk-operation-results/:file', async (request, reply) => {
    const token = (request.params as { file: string }).file.replace(/\.jsonl$/, '');
    const path = bulkOperations.filePath(token);
    if (path === undefined) return send(reply, 404, { errors: 'Not Found' });
    return reply.code(200).header('content-type', 'application/jsonl').send(createReadStream(path));
  });

  server.app.post('/admin/oauth/access_token', async (request, reply) => {
    const body = readBody(request);
    const fields =
      body.kind === 'form' ? body.value : body.kind === 'json' ? (body.value as Record<string, unknown>) : {};
    const { client_id: clientId, client_secret: clientSecret, grant_type: grantType } = fields ?? {};
    if (grantType !== 'client_credentials') {
      return send(reply, 400, {
        error: 'unsupported_grant_type',
        error_description: 'The authorization grant type is not supported by the authorization server.',
      });
    }
    if (clientId !== secrets.clientId || clientSecret !== secrets.clientSecret) {
      return send(reply, 401, {
        error: 'invalid_client',
        error_description:
          'Client authentication failed due to unknown client or invalid client credentials.',
      });
    }
    const accessToken = randomToken('shpat_');
    issuedTokens.set(accessToken, Date.now() + tokenLifetimeSeconds * 1000);
    return send(reply, 200, {
      access_token: accessToken,
      scope: grantedScopes,
      expires_in: tokenLifetimeSeconds,
    });
  });

  url = await server.listen();
  return {
    platform: 'shopify',
    url,
    get credentials() {
      return { shop, accessToken: secrets.accessToken, apiVersion: shopifyApiVersion };
    },
    webhooks: webhooks.controls,
    get clientCredentials() {
      return {
        shop,
        clientId: secrets.clientId,
        clientSecret: secrets.clientSecret,
        apiVersion: shopifyApiVersion,
      };
    },
    seed(input) {
      baseline =
        input !== undefined && 'customers' in input
          ? input
          : toShopifyRecords(seedPeople(input?.count, input?.seed));
      store = new ShopifyStore(shopInfo, baseline.customers, baseline.orders ?? []);
    },
    ...server.controls,
    stored(id) {
      const customer = store.customers.get(Number(id));
      return customer === undefined ? undefined : structuredClone(customer);
    },
    orderStatistics(customerId) {
      const id = Number(customerId);
      return { ordersCount: store.ordersOf(id).length, totalSpent: store.amountSpentCents(id) / 100 };
    },
    customerIds() {
      return [...store.customers.keys()].sort((left, right) => left - right).map(String);
    },
    expireIssuedTokens() {
      issuedTokens.clear();
    },
    failNextBulkOperation(errorCode) {
      bulkOperations.failNext(errorCode);
    },
    revokeCredentials() {
      // The merchant uninstalls and reinstalls the app: every token and the client secret change.
      secrets = {
        accessToken: randomToken('shpat_'),
        clientId: secrets.clientId,
        clientSecret: randomToken('shpss_'),
      };
      issuedTokens.clear();
    },
    reset() {
      store = new ShopifyStore(shopInfo, baseline.customers, baseline.orders ?? []);
      secrets = { ...original };
      issuedTokens.clear();
      buckets.clear();
      bulkOperations.clear();
      server.faults.clear();
      server.requests.length = 0;
      webhooks.clear();
    },
    async close() {
      webhooks.sender.close();
      await server.close();
      bulkOperations.close();
    },
  };
}
