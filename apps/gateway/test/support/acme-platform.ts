import {
  type AdapterCapabilities,
  type AdapterDefinition,
  type CommonAdapterSettings,
  type Customer,
  type CustomerDriver,
  type CustomerFilters,
  createHttpClient,
  customerSchema,
  defineCustomerAdapter,
  type Order,
  opaquePositions,
  orderSchema,
  UpstreamError,
} from '@unicart/core';
import nock from 'nock';
import { z } from 'zod';

/**
 * "Acme", an illustrative platform for gateway tests (STYLE.md uses the same name). Its wire format
 * is the canonical model itself, so tests seed canonical customers; everything between the gateway
 * and the wire is core's real HTTP client and adapter rules.
 */
export const acmeOrigin = 'https://api.acme.test';

export interface AcmeCredentials {
  readonly apiKey: string;
  readonly shopUrl?: string | undefined;
}

const pageSchema = <Item extends z.ZodType>(item: Item) =>
  z.object({ items: z.array(item), next: z.string().nullable() });

/** Acme's list parameters: the canonical filters, and its own `sort` spelling (`-createdAt`). */
type AcmeParams = CustomerFilters & { readonly sort?: string | undefined };

function createAcmeDefinition(
  platform: string,
  capabilities: AdapterCapabilities,
): AdapterDefinition<AcmeCredentials> {
  return {
    specificationVersion: 'v1',
    platform,
    displayName: platform,
    capabilities,
    credentialsSchema: z.object({ apiKey: z.string().min(8), shopUrl: z.url().optional() }).strict(),
    upstreamUrls: (credentials) => [credentials.shopUrl ?? acmeOrigin],
    create(settings: AcmeCredentials & CommonAdapterSettings) {
      const http = createHttpClient({
        platform,
        baseUrl: `${settings.baseUrl ?? settings.shopUrl ?? acmeOrigin}/v1`,
        headers: { authorization: `Bearer ${settings.apiKey}` },
        secrets: [settings.apiKey],
        fetch: settings.fetch,
        timeoutMs: settings.timeoutMs,
        retry: settings.retry,
        observer: settings.observer,
      });
      const customerBody = z.object({ customer: customerSchema });
      const { operations } = capabilities;
      // Only the declared operations have their member (core checks the declaration against them).
      const driver: CustomerDriver<Customer, Customer, AcmeParams, string, Order> = {
        platform,
        displayName: platform,
        capabilities,
        parseId: (id) => id,
        map: (customer) => customer,
      };
      const members: Partial<CustomerDriver<Customer, Customer, AcmeParams, string, Order>> = {
        list: {
          positions: opaquePositions,
          scanPageSize: 100,
          translate: (filters, sort) => ({
            params: { ...filters, sort: sort && `${sort.direction === 'desc' ? '-' : ''}${sort.key}` },
            remainder: null,
          }),
          filterable: (customer) => customer,
          async fetchPage({ params, position, size }, { signal }) {
            const { data } = await http.get('/customers', {
              query: {
                limit: size,
                cursor: position ?? undefined,
                email: params.email,
                name: params.name,
                sort: params.sort,
              },
              schema: pageSchema(customerSchema),
              signal,
            });
            return { items: data.items, next: data.next };
          },
          async count(params, { signal }) {
            const query = { email: params.email, name: params.name };
            return (
              await http.get('/customers/count', { query, schema: z.object({ count: z.number() }), signal })
            ).data.count;
          },
        },
        async read(id, { signal }) {
          try {
            return (await http.get(`/customers/${id}`, { schema: customerBody, signal })).data.customer;
          } catch (error) {
            if (UpstreamError.isInstance(error) && error.upstreamStatus === 404) return null;
            throw error;
          }
        },
        async create(input, { signal }) {
          return (await http.post('/customers', { body: { customer: input }, schema: customerBody, signal }))
            .data.customer;
        },
        async update(id, input, { signal }) {
          const body = { customer: input };
          return (await http.put(`/customers/${id}`, { body, schema: customerBody, signal })).data.customer;
        },
        async delete(id, { signal }) {
          await http.delete(`/customers/${id}`, { schema: z.unknown(), signal });
        },
        orders: {
          positions: opaquePositions,
          async fetchPage({ customerId, position, size }, { signal }) {
            const { data } = await http.get(`/customers/${customerId}/orders`, {
              query: { limit: size, cursor: position ?? undefined },
              schema: pageSchema(orderSchema),
              signal,
            });
            return { items: data.items, next: data.next };
          },
          map: (order) => order,
        },
      };
      return defineCustomerAdapter({
        ...driver,
        ...(operations.list || operations.count ? { list: members.list } : {}),
        ...(operations.get ? { read: members.read } : {}),
        ...(operations.create ? { create: members.create } : {}),
        ...(operations.update ? { update: members.update } : {}),
        ...(operations.delete ? { delete: members.delete } : {}),
        ...(operations.orders ? { orders: members.orders } : {}),
      });
    },
  };
}

const allOperations = {
  list: true,
  count: true,
  get: true,
  create: true,
  update: true,
  delete: true,
  orders: true,
};

/** Every operation; `email` native, `name` emulated, no date filters; sorts by creation date. */
export const acmePlatform = createAcmeDefinition('acme', {
  operations: allOperations,
  filters: { email: 'native', name: 'emulated' },
  sorts: { createdAt: 'native' },
});

/** A read-only sibling: list and get only, no filters. */
export const acmeReadOnlyPlatform = createAcmeDefinition('acmereadonly', {
  operations: { ...allOperations, count: false, create: false, update: false, delete: false, orders: false },
  filters: {},
});

/** A canonical customer with every key, as Acme sends it. */
export function acmeCustomer(id: string, overrides: Partial<Customer> = {}): Customer {
  return {
    id,
    email: `customer${id}@example.com`,
    firstName: 'Ada',
    lastName: `Lovelace ${id}`,
    phone: null,
    currency: 'EUR',
    note: null,
    acceptsMarketing: null,
    tags: [],
    ordersCount: 0,
    totalSpent: null,
    status: { id: null, status: 'enabled' },
    dates: { createdAt: '2024-01-31T10:00:00.000Z', updatedAt: null },
    addresses: [],
    ...overrides,
  };
}

export function acmeOrder(id: string, customerId: string): Order {
  return {
    id,
    number: `#${id}`,
    customerId,
    email: null,
    currency: 'EUR',
    status: { id: null, status: 'paid' },
    paymentStatus: 'paid',
    fulfillmentStatus: null,
    totals: { subtotal: 10, tax: 0, shipping: 0, discount: 0, total: 10 },
    dates: { createdAt: '2024-02-01T10:00:00.000Z', updatedAt: null },
    items: [],
  };
}

/** Nock scope on the Acme API. */
export const acmeApi = (origin: string = acmeOrigin) => nock(origin);
