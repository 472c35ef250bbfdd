import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CommonAdapterSettings,
  type CustomerAdapterV1,
  createHttpClient,
  defineCustomerAdapter,
} from '@unicart/core';
import { z } from 'zod';
import { bigcommerceCustomerPageSchema } from './bigcommerce-api';
import { classifyBigCommerceFailure } from './bigcommerce-error';
import { mapBigCommerceCustomer } from './map-bigcommerce-customer';
import { translateBigCommerceQuery } from './translate-bigcommerce-query';

const credentialsSchema = z.object({ apiKey: z.string().min(1) }).strict();

/** What a store is connected with. */
export type BigCommerceCredentials = z.infer<typeof credentialsSchema>;

export type BigCommerceAdapterSettings = BigCommerceCredentials & CommonAdapterSettings;

const publicOrigin = 'https://api.bigcommerce.example';

/** Declare only what BigCommerce really does; core refuses everything else before any request. */
export const bigcommerceCapabilities: AdapterCapabilities = {
  operations: {
    list: true,
    count: false,
    get: false,
    create: false,
    update: false,
    delete: false,
    orders: false,
  },
  filters: { limit: 'native', page: 'native' },
};

export function createBigCommerceAdapter(settings: BigCommerceAdapterSettings): CustomerAdapterV1 {
  const http = createHttpClient({
    platform: 'bigcommerce',
    baseUrl: `${settings.baseUrl ?? publicOrigin}/v1`,
    headers: { authorization: `Bearer ${settings.apiKey}` },
    secrets: [settings.apiKey],
    classifyFailure: classifyBigCommerceFailure,
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    fetch: settings.fetch,
    userAgent: `unicart-adapter-bigcommerce/${__PACKAGE_VERSION__}`,
  });

  return defineCustomerAdapter({
    platform: 'bigcommerce',
    capabilities: bigcommerceCapabilities,
    async listCustomers(query, { signal }) {
      const { data } = await http.get('/customers', {
        query: translateBigCommerceQuery(query),
        schema: bigcommerceCustomerPageSchema,
        signal,
      });
      return { items: data.customers.map(mapBigCommerceCustomer), nextCursor: data.next_cursor ?? null };
    },
  });
}

/** Registers BigCommerce with the gateway (one line in apps/gateway/src/platforms.ts). */
export const bigcommercePlatform: AdapterDefinition<BigCommerceCredentials> = {
  specificationVersion: 'v1',
  platform: 'bigcommerce',
  displayName: 'BigCommerce',
  capabilities: bigcommerceCapabilities,
  credentialsSchema,
  upstreamUrls: () => [publicOrigin],
  create: createBigCommerceAdapter,
};
