import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CommonAdapterSettings,
  type Customer,
  type CustomerAdapterV1,
  createHttpClient,
  createStoreCurrency,
  createTokenBucket,
  decodeOffsetCursor,
  defineCustomerAdapter,
  InvalidRequestError,
  NotFoundError,
  type RequestLimiter,
  zodIssuesToInputIssues,
} from '@unicart/core';
import { z } from 'zod';
import {
  type EcwidCustomer,
  ecwidCreateResultSchema,
  ecwidCustomerIdSchema,
  ecwidCustomerSchema,
  ecwidCustomerSearchSchema,
  ecwidDeleteResultSchema,
  ecwidOrderSearchSchema,
  ecwidProfileSchema,
  ecwidTotalSchema,
  ecwidUpdateResultSchema,
} from './ecwid-api';
import { countEcwidCustomers, type EcwidCustomerReads, listEcwidCustomers } from './ecwid-customer-search';
import { classifyEcwidFailure, whenEcwidCurrencyUnavailable } from './ecwid-error';
import { mapEcwidCustomer } from './map-ecwid-customer';
import { mapEcwidOrder } from './map-ecwid-order';
import { assertEcwidCanStore, toEcwidCreateBody, toEcwidUpdateBody } from './to-ecwid-customer-input';
import { nextEcwidOffset } from './translate-ecwid-query';

const platform = 'ecwid';
const publicOrigin = 'https://app.ecwid.com';

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
    limit: 'native',
    page: 'native',
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
};

/** Ecwid ids are positive integers; anything else names no customer and is never sent. */
function isEcwidId(id: string): boolean {
  return /^[1-9]\d{0,15}$/.test(id);
}

function unknownCustomer(id: string): NotFoundError {
  return new NotFoundError(`Ecwid has no customer ${JSON.stringify(id)}`, { platform });
}

function parseCredentials(settings: EcwidAdapterSettings): EcwidCredentials {
  const parsed = credentialsSchema.safeParse({
    storeId: settings.storeId,
    accessToken: settings.accessToken,
  });
  if (parsed.success) return parsed.data;
  const issues = zodIssuesToInputIssues(parsed.error, '');
  const detail = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new InvalidRequestError(`Invalid Ecwid credentials: ${detail}`, { platform, issues });
}

async function orNull<Value>(read: Promise<Value>): Promise<Value | null> {
  try {
    return await read;
  } catch (error) {
    if (NotFoundError.isInstance(error)) return null;
    throw error;
  }
}

/** Creates an Ecwid customer adapter (REST API v3, `https://app.ecwid.com/api/v3/{storeId}`). */
export function createEcwidAdapter(settings: EcwidAdapterSettings): CustomerAdapterV1 {
  const { storeId, accessToken } = parseCredentials(settings);
  const secrets = [accessToken];
  const origin = (settings.baseUrl ?? publicOrigin).replace(/\/+$/, '');
  const http = createHttpClient({
    platform,
    baseUrl: `${origin}/api/v3/${storeId}`,
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
  const storeCurrency = createStoreCurrency({
    platform: 'ecwid',
    load: async (signal) =>
      (await http.get('/profile', { schema: ecwidProfileSchema, signal })).data.formatsAndUnits?.currency,
    whenUnavailable: whenEcwidCurrencyUnavailable,
    logger: settings.logger,
  });

  async function readCustomer(id: string, signal: AbortSignal | undefined): Promise<EcwidCustomer> {
    return (await http.get(`/customers/${id}`, { schema: ecwidCustomerSchema, signal })).data;
  }

  function customerReads(signal: AbortSignal | undefined): EcwidCustomerReads {
    return {
      search: async (query) =>
        (await http.get('/customers', { query, schema: ecwidCustomerSearchSchema, signal })).data,
      total: async (query) =>
        (await http.get('/customers', { query, schema: ecwidTotalSchema, signal })).data.total,
      get: async (id) => (isEcwidId(id) ? orNull(readCustomer(id, signal)) : null),
    };
  }

  // The currency is read after the customers, so a failure of the call itself surfaces first.
  async function toCustomers(natives: readonly EcwidCustomer[], signal: AbortSignal | undefined) {
    if (natives.length === 0) return [];
    const currency = await storeCurrency.get(signal);
    return natives.map((native) => mapEcwidCustomer(native, currency));
  }

  async function toCustomer(native: EcwidCustomer, signal: AbortSignal | undefined): Promise<Customer> {
    return mapEcwidCustomer(native, await storeCurrency.get(signal));
  }

  return defineCustomerAdapter({
    platform,
    capabilities: ecwidCapabilities,

    async listCustomers(query, { signal }) {
      const page = await listEcwidCustomers(customerReads(signal), query);
      return { items: await toCustomers(page.items, signal), nextCursor: page.nextCursor };
    },

    countCustomers: (filters, { signal }) => countEcwidCustomers(customerReads(signal), filters),

    async getCustomer(id, { signal }) {
      const native = await customerReads(signal).get(id);
      return native === null ? null : toCustomer(native, signal);
    },

    async createCustomer(input, { signal }) {
      const { data } = await http.post('/customers', {
        body: toEcwidCreateBody(input),
        schema: ecwidCreateResultSchema,
        signal,
      });
      // Ecwid answers only the new id (sheet §9.1).
      return toCustomer(await readCustomer(String(data.id), signal), signal);
    },

    async updateCustomer(id, input, { signal }) {
      if (!isEcwidId(id)) throw unknownCustomer(id);
      assertEcwidCanStore(input);
      const current = await readCustomer(id, signal);
      const body = toEcwidUpdateBody(input, current);
      if (Object.keys(body).length === 0) return toCustomer(current, signal);
      await http.put(`/customers/${id}`, { body, schema: ecwidUpdateResultSchema, signal });
      // Ecwid answers only a count (sheet §9.1).
      return toCustomer(await readCustomer(id, signal), signal);
    },

    async deleteCustomer(id, { signal }) {
      if (!isEcwidId(id)) throw unknownCustomer(id);
      const { data } = await http.delete(`/customers/${id}`, { schema: ecwidDeleteResultSchema, signal });
      if (data.deleteCount === 0) throw unknownCustomer(id);
    },

    async listCustomerOrders(customerId, page, { signal }) {
      if (!isEcwidId(customerId)) throw unknownCustomer(customerId);
      const offset = decodeOffsetCursor(page.cursor, 'ecwid');
      // The orders search does not say whether the customer exists: ask for the customer first.
      await http.get(`/customers/${customerId}`, {
        query: { responseFields: 'id' },
        schema: ecwidCustomerIdSchema,
        signal,
      });
      const { data } = await http.get('/orders', {
        query: { customerId, offset, limit: page.limit },
        schema: ecwidOrderSearchSchema,
        signal,
      });
      const currency = data.items.length > 0 ? await storeCurrency.get(signal) : null;
      return {
        items: data.items.map((order) => mapEcwidOrder(order, currency)),
        nextCursor: nextEcwidOffset(offset, data.items.length, data.total),
      };
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
  create: createEcwidAdapter,
};
