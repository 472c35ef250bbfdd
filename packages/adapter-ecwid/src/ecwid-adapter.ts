import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CallOptions,
  type CommonAdapterSettings,
  type CustomerAdapterV1,
  createHttpClient,
  createTokenBucket,
  defineCustomerAdapter,
  NotFoundError,
  nextOffset,
  offsetPositions,
  orNullWhenNotFound,
  parseWithSchema,
  positiveIntegerIds,
  type RequestLimiter,
  resolveOrigin,
} from '@unicart/core';
import { z } from 'zod';
import {
  type EcwidCustomer,
  ecwidCreateResultSchema,
  ecwidCustomerIdSchema,
  ecwidCustomerSchema,
  ecwidCustomerSearchSchema,
  ecwidDeletedCustomersSchema,
  ecwidDeleteResultSchema,
  ecwidOrderSearchSchema,
  ecwidProfileSchema,
  ecwidTotalSchema,
  ecwidUpdateResultSchema,
} from './ecwid-api';
import { ecwidCustomerList } from './ecwid-customer-list';
import { classifyEcwidFailure, whenEcwidCurrencyUnavailable } from './ecwid-error';
import { ecwidWebhooks } from './ecwid-webhooks';
import { mapEcwidCustomer } from './map-ecwid-customer';
import { mapEcwidOrder } from './map-ecwid-order';
import { assertEcwidCanStore, toEcwidCreateBody, toEcwidUpdateBody } from './to-ecwid-customer-input';

const platform = 'ecwid';
const publicOrigin = 'https://app.ecwid.com';
/** Ecwid ids are positive integers; anything else names no customer and is never sent. */
const parseEcwidId = positiveIntegerIds(16);

const credentialsSchema = z
  .object({
    /** The numeric store id, e.g. `1003`. */
    storeId: z.string().regex(/^\d{1,20}$/, 'must be the numeric Ecwid store id'),
    /** A `secret_…` token with the customer scopes (sheet §1); sent only in the Authorization header. */
    accessToken: z.string().min(1, 'must be a non-empty access token'),
  })
  .strict();

/** What an Ecwid store is connected with (docs/api-contract.md §2). */
export type EcwidCredentials = z.infer<typeof credentialsSchema>;

export interface EcwidAdapterSettings extends EcwidCredentials, CommonAdapterSettings {
  /**
   * Paces requests under Ecwid's 600 requests per minute per token (sheet §6). Default: a token
   * bucket per adapter of 10 requests refilled at 9.5 per second, at most 580 in any minute. Pass
   * one shared limiter when several adapters use the same token, or `false` not to pace at all.
   */
  readonly limiter?: RequestLimiter | false | undefined;
}

/** The default pace: a burst of 10, then 9.5 requests per second (10 + 60 × 9.5 = 580 < 600 a minute). */
const ecwidRequestBudget = { capacity: 10, refillPerSecond: 9.5 };

/**
 * Every operation Ecwid has. Dates, `name` and `email` are Ecwid search parameters, re-checked on
 * the results where Ecwid is looser (partial email, unconfirmed bound inclusivity); `ids` is
 * looked up per id. Ecwid can neither filter nor sort by id, so `sinceId` is not offered.
 */
export const ecwidCapabilities: AdapterCapabilities = {
  operations: { list: true, count: true, get: true, create: true, update: true, delete: true, orders: true },
  filters: {
    ids: 'emulated',
    'createdAt[from]': 'native',
    'createdAt[to]': 'native',
    'updatedAt[from]': 'native',
    'updatedAt[to]': 'native',
    name: 'native',
    search: 'native',
    email: 'native',
  },
  // Ecwid customers have no tags.
  writableFields: ['firstName', 'lastName', 'email', 'phone', 'note', 'acceptsMarketing', 'addresses'],
  sync: { changes: 'updatedAt', deletes: 'native' },
};

/** Deleted customers are listed at most 100 a page (sheet §8). */
const deletedPageSize = 100;

/** Creates an Ecwid customer adapter (REST API v3, `https://app.ecwid.com/api/v3/{storeId}`). */
export function createEcwidAdapter(settings: EcwidAdapterSettings): CustomerAdapterV1 {
  const { storeId, accessToken } = parseWithSchema(
    credentialsSchema,
    { storeId: settings.storeId, accessToken: settings.accessToken },
    { summary: 'Invalid Ecwid credentials', platform },
  );
  const secrets = [accessToken];
  const http = createHttpClient({
    platform,
    baseUrl: `${resolveOrigin(settings.baseUrl, publicOrigin, platform)}/api/v3/${storeId}`,
    headers: { authorization: `Bearer ${accessToken}` },
    secrets,
    classifyFailure: (reply) => classifyEcwidFailure(reply, secrets),
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    fetch: settings.fetch,
    observer: settings.observer,
    limiter:
      settings.limiter === false ? undefined : (settings.limiter ?? createTokenBucket(ecwidRequestBudget)),
    userAgent: `unicart-adapter-ecwid/${__PACKAGE_VERSION__}`,
  });

  async function read(id: string, { signal }: CallOptions): Promise<EcwidCustomer> {
    return (await http.get(`/customers/${id}`, { schema: ecwidCustomerSchema, signal })).data;
  }

  const positions = offsetPositions(platform);
  return defineCustomerAdapter({
    platform,
    displayName: 'Ecwid',
    capabilities: ecwidCapabilities,
    parseId: parseEcwidId,
    map: (native, { currency }) => mapEcwidCustomer(native, currency),
    storeCurrency: {
      load: async ({ signal }) =>
        (await http.get('/profile', { schema: ecwidProfileSchema, signal })).data.formatsAndUnits?.currency,
      whenUnavailable: whenEcwidCurrencyUnavailable,
    },
    logger: settings.logger,

    changeFeeds: {
      // `GET /customers/deleted` (sheet §8), from `since` rounded down to Ecwid's whole seconds.
      async listDeletedCustomerIds(since, { signal }) {
        const fromDate = since === null ? undefined : Math.floor(Date.parse(since) / 1000);
        const ids: string[] = [];
        for (let offset = 0; ; ) {
          const { data } = await http.get('/customers/deleted', {
            query: { from_date: fromDate, offset, limit: deletedPageSize },
            schema: ecwidDeletedCustomersSchema,
            signal,
          });
          ids.push(...data.items.map((item) => String(item.id)));
          offset += data.items.length;
          if (data.items.length === 0 || offset >= data.total) return ids;
        }
      },
    },

    list: ecwidCustomerList({
      search: async (query, { signal }) =>
        (await http.get('/customers', { query, schema: ecwidCustomerSearchSchema, signal })).data,
      total: async (query, { signal }) =>
        (await http.get('/customers', { query, schema: ecwidTotalSchema, signal })).data.total,
      get: async (id, options) => (parseEcwidId(id) === null ? null : orNullWhenNotFound(read(id, options))),
    }),

    read,

    async create(input, options) {
      const { data } = await http.post('/customers', {
        body: toEcwidCreateBody(input),
        schema: ecwidCreateResultSchema,
        signal: options.signal,
      });
      // Ecwid answers only the new id (sheet §9.1).
      return read(String(data.id), options);
    },

    async update(id, input, options) {
      assertEcwidCanStore(input);
      const current = await read(id, options);
      const body = toEcwidUpdateBody(input, current);
      if (Object.keys(body).length === 0) return current;
      await http.put(`/customers/${id}`, { body, schema: ecwidUpdateResultSchema, signal: options.signal });
      // Ecwid answers only a count (sheet §9.1).
      return read(id, options);
    },

    async delete(id, { signal }) {
      const { data } = await http.delete(`/customers/${id}`, { schema: ecwidDeleteResultSchema, signal });
      if (data.deleteCount === 0) {
        throw new NotFoundError(`Ecwid has no customer ${JSON.stringify(id)}`, { platform });
      }
    },

    orders: {
      positions,
      // The orders search does not say whether the customer exists: ask for the customer first.
      async assertCustomerExists(id, { signal }) {
        await http.get(`/customers/${id}`, {
          query: { responseFields: 'id' },
          schema: ecwidCustomerIdSchema,
          signal,
        });
      },
      async fetchPage({ customerId, position, size }, { signal }) {
        const offset = position ?? 0;
        const { data } = await http.get('/orders', {
          query: { customerId, offset, limit: size },
          schema: ecwidOrderSearchSchema,
          signal,
        });
        const received = data.items.length;
        return {
          items: data.items,
          next: nextOffset({ offset, requested: size, received, total: data.total }),
        };
      },
      map: (order, { currency }) => mapEcwidOrder(order, currency),
      usesStoreCurrency: true,
    },
  });
}

/** The Ecwid platform, as the gateway registers it. */
export const ecwidPlatform: AdapterDefinition<EcwidCredentials> = {
  specificationVersion: 'v1',
  platform,
  displayName: 'Ecwid',
  capabilities: ecwidCapabilities,
  credentialsSchema,
  upstreamUrls: (credentials) => [`${publicOrigin}/api/v3/${credentials.storeId}`],
  webhooks: ecwidWebhooks,
  create: createEcwidAdapter,
};
