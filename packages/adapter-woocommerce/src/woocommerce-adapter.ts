import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CustomerAdapterV1,
  createHttpClient,
  defineCustomerAdapter,
  nextOffset,
  offsetPositions,
  positiveIntegerIds,
} from '@unicart/core';
import { mapWooCommerceCustomer } from './map-woocommerce-customer';
import { mapWooCommerceOrder } from './map-woocommerce-order';
import { toWooCommerceCreateBody, toWooCommerceUpdateBody } from './to-woocommerce-customer-input';
import {
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
import { wooCommerceCustomerList } from './woocommerce-customer-list';
import { classifyWooCommerceFailure, whenWooCommerceCurrencyUnavailable } from './woocommerce-error';
import { readTotal } from './woocommerce-pagination';
import { wooCommerceWebhooks } from './woocommerce-webhooks';

export type { WooCommerceAdapterSettings, WooCommerceCredentials } from './woocommerce-connection';

/**
 * Every operation. `ids`, `email` and `search` are WooCommerce's own filters; `sinceId`, the date
 * ranges and `name` are applied by the adapter on ascending-id pages, exact across pages.
 */
export const woocommerceCapabilities: AdapterCapabilities = {
  operations: { list: true, count: true, get: true, create: true, update: true, delete: true, orders: true },
  filters: {
    ids: 'native',
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
  // No modified-date filter on customers (sheet §4): every poll is a full read; `customer.deleted` webhooks.
  sync: { changes: 'scan', deletes: 'webhook' },
};

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
  const customerSchema = woocommerceCustomerResponseSchema;

  return defineCustomerAdapter({
    platform: 'woocommerce',
    displayName: 'WooCommerce',
    capabilities: woocommerceCapabilities,
    // WordPress user ids; anything else names no customer.
    parseId: positiveIntegerIds(19),
    map: (native, { currency }) => mapWooCommerceCustomer(native, currency),
    storeCurrency: {
      load: async ({ signal }) =>
        (await http.get('/data/currencies/current', { schema: woocommerceCurrencyResponseSchema, signal }))
          .data.code,
      whenUnavailable: whenWooCommerceCurrencyUnavailable,
    },
    logger: settings.logger,

    list: wooCommerceCustomerList(async (query, { signal }) => {
      const response = await http.get('/customers', {
        query,
        schema: woocommerceCustomerListResponseSchema,
        signal,
      });
      return { customers: response.data, total: readTotal(response.headers) };
    }),

    read: async (id, { signal }) =>
      (await http.get(`/customers/${id}`, { schema: customerSchema, signal })).data,

    create: async (input, { signal }) =>
      (
        await http.post('/customers', {
          body: toWooCommerceCreateBody(input),
          schema: customerSchema,
          signal,
        })
      ).data,

    update: async (id, input, { signal }) =>
      (
        await http.put(`/customers/${id}`, {
          body: toWooCommerceUpdateBody(input),
          schema: customerSchema,
          signal,
        })
      ).data,

    async delete(id, { signal }) {
      // Customers cannot be trashed: without force=true WooCommerce answers 501 (sheet §9.6).
      await http.delete(`/customers/${id}`, { query: { force: 'true' }, schema: customerSchema, signal });
    },

    orders: {
      positions: offsetPositions('woocommerce'),
      // The orders endpoint answers [] for an unknown customer: ask for the customer first.
      async assertCustomerExists(id, { signal }) {
        await http.get(`/customers/${id}`, { query: { _fields: 'id' }, schema: customerSchema, signal });
      },
      async fetchPage({ customerId, position, size }, { signal }) {
        const offset = position ?? 0;
        const response = await http.get('/orders', {
          query: { customer: customerId, offset, per_page: size, orderby: 'id', order: 'asc' },
          schema: woocommerceOrderListResponseSchema,
          signal,
        });
        const total = readTotal(response.headers);
        return {
          items: response.data,
          next: nextOffset({ offset, requested: size, received: response.data.length, total }),
        };
      },
      map: mapWooCommerceOrder,
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
  webhooks: wooCommerceWebhooks,
  create: (settings) => createWooCommerceAdapter(settings),
};
