import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CommonAdapterSettings,
  type CustomerAdapterV1,
  defineCustomerAdapter,
  parseWithSchema,
  resolveOrigin,
} from '@unicart/core';
import { z } from 'zod';
import { mapShopifyCustomer } from './map-shopify-customer';
import {
  clientCredentialsShopifyAccessToken,
  type ShopifyAccessToken,
  staticShopifyAccessToken,
} from './shopify-access-token';
import { createShopifyCustomerOrders } from './shopify-customer-orders';
import { createShopifyCustomerReads } from './shopify-customer-reads';
import { createShopifyCustomerWrites } from './shopify-customer-writes';
import { parseShopifyCustomerId } from './shopify-gid';
import { createShopifyGraphqlClient } from './shopify-graphql-client';
import { shopifyWebhooks } from './shopify-webhooks';

/** The newest stable Admin API version (sheet §1, checked 2026-11-22). */
export const defaultShopifyApiVersion = '2026-10';

interface ShopifyShop {
  /** The shop's `*.myshopify.com` domain, e.g. `example.myshopify.com`. */
  readonly shop: string;
  /** Admin API version `YYYY-MM` (a quarter: 01, 04, 07, 10); default `2026-10`. */
  readonly apiVersion?: string | undefined;
}

/** An Admin API access token of a custom app, or an offline OAuth token (sheet §1). */
export interface ShopifyAccessTokenCredentials extends ShopifyShop {
  /** Sent only in the `X-Shopify-Access-Token` header. */
  readonly accessToken: string;
}

/** An app installed on the shop, whose tokens come from the client credentials grant (sheet §1). */
export interface ShopifyClientCredentials extends ShopifyShop {
  readonly clientId: string;
  /** Sent only to `/admin/oauth/access_token`. */
  readonly clientSecret: string;
}

/** What a Shopify store is connected with (docs/api-contract.md §2, Store administration). */
export type ShopifyCredentials = ShopifyAccessTokenCredentials | ShopifyClientCredentials;

export type ShopifyAdapterSettings = ShopifyCredentials & CommonAdapterSettings;

export const shopifyCapabilities: AdapterCapabilities = {
  operations: {
    list: true,
    count: true,
    get: true,
    create: true,
    update: true,
    delete: true,
    orders: true,
  },
  filters: {
    ids: 'native',
    sinceId: 'native',
    'createdAt[from]': 'native',
    'createdAt[to]': 'native',
    'updatedAt[from]': 'native',
    'updatedAt[to]': 'native',
    email: 'native',
    search: 'native',
    // Shopify searches words, not substrings: matched on our side while scanning (see README).
    name: 'emulated',
  },
  writableFields: [
    'firstName',
    'lastName',
    'email',
    'phone',
    'note',
    'acceptsMarketing',
    'tags',
    'addresses',
  ],
  // `updated_at:>=` finds changes; Shopify lists no deleted customers, only `customers/delete` webhooks (sheet §8).
  sync: { changes: 'updatedAt', deletes: 'webhook' },
};

const nonEmpty = z.string().trim().min(1, 'must be a non-empty string');

const credentialsObjectSchema = z
  .object({
    shop: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must be the shop’s domain, like example.myshopify.com'),
    accessToken: nonEmpty.optional(),
    clientId: nonEmpty.optional(),
    clientSecret: nonEmpty.optional(),
    apiVersion: z
      .string()
      .regex(/^\d{4}-(?:01|04|07|10)$/, 'must be a stable Shopify API version like 2026-10')
      // The documents use `defaultEmailAddress`, `defaultPhoneNumber` and the address mutations (sheet §1).
      .refine((version) => version >= '2025-04', 'must be 2025-04 or later')
      .optional(),
  })
  .strict();

/** Exactly one way to authenticate: `accessToken`, or `clientId` with `clientSecret`. */
export const shopifyCredentialsSchema: z.ZodType<ShopifyCredentials> = credentialsObjectSchema
  .superRefine((credentials, context) => {
    const viaClient = credentials.clientId !== undefined || credentials.clientSecret !== undefined;
    if (credentials.accessToken !== undefined && viaClient) {
      context.addIssue({
        code: 'custom',
        path: ['accessToken'],
        message: 'give either accessToken or clientId with clientSecret, not both',
      });
    } else if (credentials.accessToken === undefined && !viaClient) {
      context.addIssue({
        code: 'custom',
        path: ['accessToken'],
        message: 'is required unless clientId and clientSecret are given',
      });
    } else if (viaClient) {
      for (const key of ['clientId', 'clientSecret'] as const) {
        if (credentials[key] === undefined) {
          context.addIssue({ code: 'custom', path: [key], message: 'is required with client credentials' });
        }
      }
    }
  })
  .transform(({ shop, apiVersion, accessToken, clientId, clientSecret }): ShopifyCredentials => {
    const version = apiVersion === undefined ? {} : { apiVersion };
    if (accessToken !== undefined) return { shop, accessToken, ...version };
    return { shop, clientId: clientId ?? '', clientSecret: clientSecret ?? '', ...version };
  });

function parseCredentials(settings: ShopifyAdapterSettings): ShopifyCredentials {
  const candidate = {
    shop: settings.shop,
    apiVersion: settings.apiVersion,
    accessToken: 'accessToken' in settings ? settings.accessToken : undefined,
    clientId: 'clientId' in settings ? settings.clientId : undefined,
    clientSecret: 'clientSecret' in settings ? settings.clientSecret : undefined,
  };
  const present = Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined));
  return parseWithSchema(shopifyCredentialsSchema, present, {
    summary: 'Invalid Shopify settings',
    prefix: 'credentials',
    platform: 'shopify',
  });
}

/**
 * Creates the Shopify adapter: customers and their orders over the GraphQL Admin API
 * (`/admin/api/{apiVersion}/graphql.json`), with a static access token or client credentials.
 */
export function createShopifyAdapter(settings: ShopifyAdapterSettings): CustomerAdapterV1 {
  const credentials = parseCredentials(settings);
  const origin = resolveOrigin(settings.baseUrl, `https://${credentials.shop}`, 'shopify');
  const transport = {
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    userAgent: `unicart-adapter-shopify/${__PACKAGE_VERSION__}`,
    observer: settings.observer,
  };
  const accessToken: ShopifyAccessToken =
    'accessToken' in credentials
      ? staticShopifyAccessToken(credentials.accessToken)
      : clientCredentialsShopifyAccessToken({
          ...transport,
          origin,
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret,
        });
  const graphql = createShopifyGraphqlClient({
    ...transport,
    origin,
    shop: credentials.shop,
    apiVersion: credentials.apiVersion ?? defaultShopifyApiVersion,
    accessToken,
    logger: settings.logger,
  });
  const reads = createShopifyCustomerReads(graphql, { fetch: settings.fetch });
  const writes = createShopifyCustomerWrites(graphql, reads);
  return defineCustomerAdapter({
    platform: 'shopify',
    displayName: 'Shopify',
    capabilities: shopifyCapabilities,
    parseId: parseShopifyCustomerId,
    map: mapShopifyCustomer,
    list: reads.list,
    read: reads.readNativeCustomer,
    create: writes.create,
    update: writes.update,
    delete: writes.delete,
    orders: createShopifyCustomerOrders(graphql),
  });
}

/** Registers Shopify with the gateway (`platforms.ts`). */
export const shopifyPlatform: AdapterDefinition<ShopifyCredentials> = {
  specificationVersion: 'v1',
  platform: 'shopify',
  displayName: 'Shopify',
  capabilities: shopifyCapabilities,
  credentialsSchema: shopifyCredentialsSchema,
  upstreamUrls: (credentials) => [
    `https://${credentials.shop}/admin/api/${credentials.apiVersion ?? defaultShopifyApiVersion}/graphql.json`,
    ...('clientId' in credentials ? [`https://${credentials.shop}/admin/oauth/access_token`] : []),
  ],
  webhooks: shopifyWebhooks,
  create: createShopifyAdapter,
};
