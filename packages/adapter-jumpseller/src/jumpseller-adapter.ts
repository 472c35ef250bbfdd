import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CommonAdapterSettings,
  type CustomerAdapterV1,
  createHttpClient,
  defineCustomerAdapter,
} from '@unicart/core';
import { z } from 'zod';
import { jumpsellerCustomerPageSchema } from './jumpseller-api';
import { classifyJumpsellerFailure } from './jumpseller-error';
import { mapJumpsellerCustomer } from './map-jumpseller-customer';
import { translateJumpsellerQuery } from './translate-jumpseller-query';

const credentialsSchema = z.object({ apiKey: z.string().min(1) }).strict();

/** What a store is connected with. */
export type JumpsellerCredentials = z.infer<typeof credentialsSchema>;

export type JumpsellerAdapterSettings = JumpsellerCredentials & CommonAdapterSettings;

const publicOrigin = 'https://api.jumpseller.example';

/** Declare only what Jumpseller really does; core refuses everything else before any request. */
export const jumpsellerCapabilities: AdapterCapabilities = {
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

export function createJumpsellerAdapter(settings: JumpsellerAdapterSettings): CustomerAdapterV1 {
  const http = createHttpClient({
    platform: 'jumpseller',
    baseUrl: `${settings.baseUrl ?? publicOrigin}/v1`,
    headers: { authorization: `Bearer ${settings.apiKey}` },
    secrets: [settings.apiKey],
    classifyFailure: classifyJumpsellerFailure,
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    fetch: settings.fetch,
    userAgent: `unicart-adapter-jumpseller/${__PACKAGE_VERSION__}`,
  });

  return defineCustomerAdapter({
    platform: 'jumpseller',
    capabilities: jumpsellerCapabilities,
    async listCustomers(query, { signal }) {
      const { data } = await http.get('/customers', {
        query: translateJumpsellerQuery(query),
        schema: jumpsellerCustomerPageSchema,
        signal,
      });
      return { items: data.customers.map(mapJumpsellerCustomer), nextCursor: data.next_cursor ?? null };
    },
  });
}

/** Registers Jumpseller with the gateway (one line in apps/gateway/src/platforms.ts). */
export const jumpsellerPlatform: AdapterDefinition<JumpsellerCredentials> = {
  specificationVersion: 'v1',
  platform: 'jumpseller',
  displayName: 'Jumpseller',
  capabilities: jumpsellerCapabilities,
  credentialsSchema,
  upstreamUrls: () => [publicOrigin],
  create: createJumpsellerAdapter,
};
