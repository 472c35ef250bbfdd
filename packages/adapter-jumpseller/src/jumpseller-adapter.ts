import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CommonAdapterSettings,
  type CurrencyUnavailable,
  type CustomerAdapterV1,
  createHttpClient,
  defineCustomerAdapter,
  NotFoundError,
  offsetPositions,
  parseWithSchema,
  resolveOrigin,
  type TokenBucket,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { z } from 'zod';
import {
  jumpsellerCountSchema,
  jumpsellerCustomerListSchema,
  jumpsellerCustomerWrapperSchema,
  jumpsellerDeleteSchema,
  jumpsellerOrderListSchema,
  jumpsellerStoreInfoSchema,
} from './jumpseller-api';
import { jumpsellerCustomerList } from './jumpseller-customer-list';
import { classifyJumpsellerFailure } from './jumpseller-error';
import { fetchNumberedPage } from './jumpseller-pagination';
import { createJumpsellerLimiter, paceByJumpsellerHeaders } from './jumpseller-rate-limit';
import { jumpsellerWebhooks } from './jumpseller-webhooks';
import { mapJumpsellerCustomer } from './map-jumpseller-customer';
import { mapJumpsellerOrder } from './map-jumpseller-order';
import {
  assertJumpsellerCanStore,
  toJumpsellerCreateBody,
  toJumpsellerUpdateBody,
  updateNeedsCurrentCustomer,
} from './to-jumpseller-customer-input';
import { parseJumpsellerId } from './translate-jumpseller-query';

const credentialsSchema = z
  .object({
    /** The store's login key (Admin Panel → Account → API). */
    login: z.string().trim().min(1),
    /** The store's auth token, from the same page; resetting it there revokes the old one. */
    authToken: z.string().trim().min(1),
  })
  .strict();

/** What a Jumpseller store is connected with (CONTRACT §2). */
export type JumpsellerCredentials = z.infer<typeof credentialsSchema>;

export type JumpsellerAdapterSettings = JumpsellerCredentials &
  CommonAdapterSettings & {
    /**
     * Paces requests (default: bursts of 4, then 13 a second, lowered by Jumpseller's rate-limit
     * headers). Pass one shared bucket when several adapters use the same store, or `false` not to
     * pace at all (a proxy that paces, benchmarks).
     */
    readonly limiter?: TokenBucket | false | undefined;
  };

const publicOrigin = 'https://api.jumpseller.com';

/**
 * Every operation. `search` and `email` are Jumpseller's own (the search, the email lookup); `ids`
 * reads each id; `sinceId` and `name` are checked on the ascending-id list, exact across pages.
 * Customers carry no dates, so the date filters are not offered (sheet §3, §5).
 */
export const jumpsellerCapabilities: AdapterCapabilities = {
  operations: { list: true, count: true, get: true, create: true, update: true, delete: true, orders: true },
  filters: { ids: 'emulated', sinceId: 'emulated', name: 'emulated', search: 'native', email: 'native' },
  // No note; tags only as [] (clears the categories); names live on the billing address.
  writableFields: ['firstName', 'lastName', 'email', 'phone', 'acceptsMarketing', 'addresses'],
  // No dates at all (sheet §13): every poll is a full read; `customer_deleted` hooks.
  sync: { changes: 'scan', deletes: 'webhook' },
};

/** A store whose token may not read the store settings has no currency for us; other failures fail. */
function whenCurrencyUnavailable(error: unknown): CurrencyUnavailable {
  return UpstreamUnauthorizedError.isInstance(error) || NotFoundError.isInstance(error) ? 'remember' : 'fail';
}

/** Creates a Jumpseller customer adapter (REST API v1, sheet `jumpseller.md`). */
export function createJumpsellerAdapter(settings: JumpsellerAdapterSettings): CustomerAdapterV1 {
  const { login, authToken } = parseWithSchema(
    credentialsSchema,
    { login: settings.login, authToken: settings.authToken },
    { summary: 'Invalid Jumpseller credentials', platform: 'jumpseller' },
  );
  const origin = resolveOrigin(settings.baseUrl, publicOrigin, 'jumpseller');
  const basic = Buffer.from(`${login}:${authToken}`).toString('base64');
  // Jumpseller sends no Retry-After: pace below both windows, lowered by what its headers report.
  const limiter = settings.limiter === false ? undefined : (settings.limiter ?? createJumpsellerLimiter());
  const http = createHttpClient({
    platform: 'jumpseller',
    baseUrl: `${origin}/v1`,
    // Basic auth, never the deprecated ?login=&authtoken= that would put the token in URLs (sheet §1).
    headers: { authorization: `Basic ${basic}` },
    secrets: [login, authToken, basic],
    classifyFailure: classifyJumpsellerFailure,
    observeReply: limiter && ((reply) => paceByJumpsellerHeaders(limiter, reply.headers)),
    limiter,
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    fetch: settings.fetch,
    userAgent: `unicart-adapter-jumpseller/${__PACKAGE_VERSION__}`,
  });
  const customerPath = (id: string) => `/customers/${id}.json`;
  const readCustomer = async (id: string, signal: AbortSignal | undefined) =>
    (await http.get(customerPath(id), { schema: jumpsellerCustomerWrapperSchema, signal })).data.customer;
  const customers = (body: z.infer<typeof jumpsellerCustomerListSchema>) => body.map((item) => item.customer);

  return defineCustomerAdapter({
    platform: 'jumpseller',
    displayName: 'Jumpseller',
    capabilities: jumpsellerCapabilities,
    parseId: parseJumpsellerId,
    map: (native, { currency }) => mapJumpsellerCustomer(native, currency),
    storeCurrency: {
      load: async ({ signal }) =>
        (
          await http.get('/store/info.json', {
            query: { fields: 'currency' },
            schema: jumpsellerStoreInfoSchema,
            signal,
          })
        ).data.currency,
      whenUnavailable: whenCurrencyUnavailable,
    },
    logger: settings.logger,

    list: jumpsellerCustomerList({
      list: async (page, limit, { signal }) =>
        customers(
          (
            await http.get('/customers.json', {
              query: { limit, page },
              schema: jumpsellerCustomerListSchema,
              signal,
            })
          ).data,
        ),
      search: async (query, page, limit, { signal }) =>
        customers(
          (
            await http.get('/customers/search.json', {
              query: { query, order: 'asc', limit, page },
              schema: jumpsellerCustomerListSchema,
              signal,
            })
          ).data,
        ),
      // The email is a path segment: `+`, `/`, `%` and `#` must be encoded (sheet §14.7).
      byEmail: async (email, { signal }) =>
        (
          await http.get(`/customers/email/${encodeURIComponent(email)}.json`, {
            schema: jumpsellerCustomerWrapperSchema,
            signal,
          })
        ).data.customer,
      byId: (id, { signal }) => readCustomer(id, signal),
      count: async ({ signal }) =>
        (await http.get('/customers/count.json', { schema: jumpsellerCountSchema, signal })).data.count,
    }),

    read: (id, { signal }) => readCustomer(id, signal),

    create: async (input, { signal }) =>
      (
        await http.post('/customers.json', {
          body: toJumpsellerCreateBody(input),
          schema: jumpsellerCustomerWrapperSchema,
          signal,
        })
      ).data.customer,

    async update(id, input, { signal }) {
      // Refused before the read; a name or address change is sent whole, built on the current one (sheet §6).
      assertJumpsellerCanStore(input, 'update');
      const current = updateNeedsCurrentCustomer(input) ? await readCustomer(id, signal) : null;
      const response = await http.put(customerPath(id), {
        body: toJumpsellerUpdateBody(input, current),
        schema: jumpsellerCustomerWrapperSchema,
        signal,
      });
      return response.data.customer;
    },

    async delete(id, { signal }) {
      await http.delete(customerPath(id), { schema: jumpsellerDeleteSchema, signal });
    },

    orders: {
      positions: offsetPositions('jumpseller'),
      // An unknown customer answers 404 (sheet §2): core's NotFoundError, no extra read.
      fetchPage: ({ customerId, position, size }, { signal }) =>
        fetchNumberedPage(
          async (page, limit) =>
            (
              await http.get(`/customers/${customerId}/orders.json`, {
                query: { limit, page },
                schema: jumpsellerOrderListSchema,
                signal,
              })
            ).data.map((item) => item.order),
          position ?? 0,
          size,
        ),
      map: mapJumpsellerOrder,
    },
  });
}

/** The Jumpseller platform, as the gateway registers it. */
export const jumpsellerPlatform: AdapterDefinition<JumpsellerCredentials> = {
  specificationVersion: 'v1',
  platform: 'jumpseller',
  displayName: 'Jumpseller',
  capabilities: jumpsellerCapabilities,
  credentialsSchema,
  upstreamUrls: () => [publicOrigin],
  webhooks: jumpsellerWebhooks,
  create: (settings) => createJumpsellerAdapter(settings),
};
