import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CallOptions,
  type Customer,
  type CustomerAdapterV1,
  createHttpClient,
  createStoreCurrency,
  decodeOffsetCursor,
  defineCustomerAdapter,
  encodeOffsetCursor,
  NotFoundError,
  type QueryParams,
} from '@unicart/core';
import { mapWooCommerceCustomer } from './map-woocommerce-customer';
import { mapWooCommerceOrder } from './map-woocommerce-order';
import { toWooCommerceCreateBody, toWooCommerceUpdateBody } from './to-woocommerce-customer-input';
import {
  type WooCommerceCustomer,
  woocommerceCurrencyResponseSchema,
  woocommerceCustomerListResponseSchema,
  woocommerceCustomerResponseSchema,
  woocommerceOrderListResponseSchema,
} from './woocommerce-api';
import {
  resolveWooCommerceConnection,
  type WooCommerceAdapterSettings,
  type WooCommerceCredentials,
  woocommerceCredentialsSchema,
} from './woocommerce-connection';
import { countWooCommerceCustomers, listWooCommerceCustomers } from './woocommerce-customer-list';
import { classifyWooCommerceFailure, whenWooCommerceCurrencyUnavailable } from './woocommerce-error';
import { nextOffset, readTotal } from './woocommerce-pagination';

export type { WooCommerceAdapterSettings, WooCommerceCredentials } from './woocommerce-connection';

/**
 * Every operation. `ids`, `email` and `search` are WooCommerce's own filters; `sinceId`, the date
 * ranges and `name` are applied by the adapter on ascending-id pages, exact across pages.
 */
export const woocommerceCapabilities: AdapterCapabilities = {
  operations: { list: true, count: true, get: true, create: true, update: true, delete: true, orders: true },
  filters: {
    ids: 'native',
    limit: 'native',
    page: 'native',
    sinceId: 'emulated',
    'createdAt[from]': 'emulated',
    'createdAt[to]': 'emulated',
    'updatedAt[from]': 'emulated',
    'updatedAt[to]': 'emulated',
    name: 'emulated',
    search: 'native',
    email: 'native',
  },
  // WooCommerce customers have no note, marketing consent or tags.
  writableFields: ['firstName', 'lastName', 'email', 'phone', 'addresses'],
};

/** WordPress user ids as WooCommerce writes them; anything else names no customer. */
function isWooCommerceId(id: string): boolean {
  return /^[1-9]\d{0,18}$/.test(id);
}

function unknownCustomer(id: string): NotFoundError {
  return new NotFoundError(`WooCommerce has no customer ${JSON.stringify(id)}`, { platform: 'woocommerce' });
}

/** Creates a WooCommerce customer adapter (REST API `wc/v3`). */
export function createWooCommerceAdapter(settings: WooCommerceAdapterSettings): CustomerAdapterV1 {
  const connection = resolveWooCommerceConnection(settings);
  if (connection.plainHttp) {
    settings.logger?.warn(
      { platform: 'woocommerce' },
      'The WooCommerce site URL is plain http://: WooCommerce ignores API keys over HTTP, use its https:// URL',
    );
  }
  const http = createHttpClient({
    platform: 'woocommerce',
    baseUrl: connection.apiRoot,
    headers: connection.headers,
    query: connection.query,
    secrets: connection.secrets,
    classifyFailure: (reply) => classifyWooCommerceFailure(reply, { plainHttp: connection.plainHttp }),
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    fetch: settings.fetch,
    observer: settings.observer,
    limiter: settings.limiter,
    userAgent: `unicart-adapter-woocommerce/${__PACKAGE_VERSION__}`,
  });
  const storeCurrency = createStoreCurrency({
    platform: 'woocommerce',
    whenUnavailable: whenWooCommerceCurrencyUnavailable,
    load: async (signal) =>
      (await http.get('/data/currencies/current', { schema: woocommerceCurrencyResponseSchema, signal })).data
        .code,
    logger: settings.logger,
  });

  // The currency is read after the customers, so a failure of the call itself surfaces first.
  async function toCustomers(
    natives: readonly WooCommerceCustomer[],
    { signal }: CallOptions,
  ): Promise<Customer[]> {
    if (natives.length === 0) return [];
    const currency = await storeCurrency.get(signal);
    return natives.map((native) => mapWooCommerceCustomer(native, currency));
  }

  async function toCustomer(native: WooCommerceCustomer, { signal }: CallOptions): Promise<Customer> {
    return mapWooCommerceCustomer(native, await storeCurrency.get(signal));
  }

  const fetchCustomers =
    ({ signal }: CallOptions) =>
    async (params: QueryParams) => {
      const response = await http.get('/customers', {
        query: params,
        schema: woocommerceCustomerListResponseSchema,
        signal,
      });
      return { customers: response.data, total: readTotal(response.headers) };
    };

  return defineCustomerAdapter({
    platform: 'woocommerce',
    capabilities: woocommerceCapabilities,

    async listCustomers(query, options) {
      const page = await listWooCommerceCustomers(fetchCustomers(options), query);
      return { items: await toCustomers(page.items, options), nextCursor: page.nextCursor };
    },

    countCustomers: (filters, options) => countWooCommerceCustomers(fetchCustomers(options), filters),

    async getCustomer(id, options) {
      if (!isWooCommerceId(id)) return null;
      try {
        const response = await http.get(`/customers/${id}`, {
          schema: woocommerceCustomerResponseSchema,
          signal: options.signal,
        });
        return await toCustomer(response.data, options);
      } catch (error) {
        if (NotFoundError.isInstance(error)) return null;
        throw error;
      }
    },

    async createCustomer(input, options) {
      const response = await http.post('/customers', {
        body: toWooCommerceCreateBody(input),
        schema: woocommerceCustomerResponseSchema,
        signal: options.signal,
      });
      return toCustomer(response.data, options);
    },

    async updateCustomer(id, input, options) {
      const body = toWooCommerceUpdateBody(input);
      if (!isWooCommerceId(id)) throw unknownCustomer(id);
      const response = await http.put(`/customers/${id}`, {
        body,
        schema: woocommerceCustomerResponseSchema,
        signal: options.signal,
      });
      return toCustomer(response.data, options);
    },

    async deleteCustomer(id, { signal }) {
      if (!isWooCommerceId(id)) throw unknownCustomer(id);
      // Customers cannot be trashed: without force=true WooCommerce answers 501 (sheet §9.6).
      await http.delete(`/customers/${id}`, {
        query: { force: 'true' },
        schema: woocommerceCustomerResponseSchema,
        signal,
      });
    },

    async listCustomerOrders(customerId, page, { signal }) {
      if (!isWooCommerceId(customerId)) throw unknownCustomer(customerId);
      const offset = decodeOffsetCursor(page.cursor, 'woocommerce');
      // The orders endpoint answers [] for an unknown customer: ask for the customer first.
      await http.get(`/customers/${customerId}`, {
        query: { _fields: 'id' },
        schema: woocommerceCustomerResponseSchema,
        signal,
      });
      const response = await http.get('/orders', {
        query: { customer: customerId, offset, per_page: page.limit, orderby: 'id', order: 'asc' },
        schema: woocommerceOrderListResponseSchema,
        signal,
      });
      const next = nextOffset(offset, page.limit, response.data.length, readTotal(response.headers));
      return {
        items: response.data.map(mapWooCommerceOrder),
        nextCursor: next === null ? null : encodeOffsetCursor(next),
      };
    },
  });
}

/** The WooCommerce platform, as the gateway registers it. */
export const woocommercePlatform: AdapterDefinition<WooCommerceCredentials> = {
  specificationVersion: 'v1',
  platform: 'woocommerce',
  displayName: 'WooCommerce',
  capabilities: woocommerceCapabilities,
  credentialsSchema: woocommerceCredentialsSchema,
  upstreamUrls: (credentials) => [credentials.url],
  create: (settings) => createWooCommerceAdapter(settings),
};
