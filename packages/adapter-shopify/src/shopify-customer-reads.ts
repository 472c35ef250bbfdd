import {
  type CallOptions,
  type Customer,
  type CustomerFilters,
  type CustomerQuery,
  collectFilteredPage,
  type FilterableCustomer,
  filterNamesInUse,
  matchesCustomerFilters,
  type NativePage,
  type Page,
} from '@unicart/core';
import { mapShopifyCustomer, toFilterableCustomer } from './map-shopify-customer';
import {
  type ShopifyCustomer,
  type ShopifyCustomerSummary,
  shopifyCustomerAddressesSchema,
  shopifyCustomerCountSchema,
  shopifyCustomerPageSchema,
  shopifyCustomerResultSchema,
  shopifyCustomerSummaryPageSchema,
} from './shopify-api';
import { nextPageCursor, readAllNodes } from './shopify-connections';
import {
  addressesFirstFor,
  addressesFirstForOneCustomer,
  countCustomersDocument,
  customerAddressesDocument,
  getCustomerDocument,
  listCustomersDocument,
  maxConnectionSize,
  scanCustomersDocument,
} from './shopify-documents';
import { customerGid, parseShopifyCustomerId } from './shopify-gid';
import type { ShopifyGraphqlClient } from './shopify-graphql-client';
import { translateShopifyQuery } from './translate-shopify-query';

/** Scan pages one list call reads at most before it returns a short page with a cursor. */
const maxScanPagesPerCall = 4;

/** A scanned customer with the cursor of its position, to resume right after it. */
interface ScannedCustomer {
  readonly cursor: string;
  readonly node: ShopifyCustomerSummary;
}
const addressPageSize = 100;

export interface ShopifyCustomerReads {
  listCustomers(query: CustomerQuery, options: CallOptions): Promise<Page<Customer>>;
  countCustomers(filters: CustomerFilters, options: CallOptions): Promise<number>;
  getCustomer(id: string, options: CallOptions): Promise<Customer | null>;
  /** The stored customer with its whole address book, or `null`. */
  readNativeCustomer(numericId: string, signal: AbortSignal | undefined): Promise<ShopifyCustomer | null>;
}

export function createShopifyCustomerReads(graphql: ShopifyGraphqlClient): ShopifyCustomerReads {
  /** The customer with every page of `addressesV2` (sheet §10: addresses of all pages). */
  async function withAllAddresses(native: ShopifyCustomer, signal: AbortSignal | undefined) {
    if (!native.addressesV2.pageInfo.hasNextPage) return native;
    const nodes = await readAllNodes({
      graphql,
      document: customerAddressesDocument,
      schema: shopifyCustomerAddressesSchema,
      connectionOf: (data) => data.customer?.addressesV2 ?? null,
      ownerId: customerGid(String(native.legacyResourceId)),
      firstPage: native.addressesV2,
      pageSize: addressPageSize,
      signal,
    });
    return { ...native, addressesV2: { nodes, pageInfo: { hasNextPage: false } } };
  }

  async function mapComplete(natives: readonly ShopifyCustomer[], signal: AbortSignal | undefined) {
    const customers: Customer[] = [];
    for (const native of natives) customers.push(mapShopifyCustomer(await withAllAddresses(native, signal)));
    return customers;
  }

  async function customerPage(
    first: number,
    after: string | null,
    query: string | null,
    signal: AbortSignal | undefined,
  ): Promise<NativePage<ShopifyCustomer>> {
    const variables = { first, after, query, addressesFirst: addressesFirstFor(first) };
    const { customers } = await graphql.execute(
      listCustomersDocument,
      variables,
      shopifyCustomerPageSchema,
      signal,
    );
    return { items: customers.nodes, next: nextPageCursor(customers.pageInfo) };
  }

  async function scanPage(
    after: string | null,
    query: string | null,
    signal: AbortSignal | undefined,
  ): Promise<NativePage<ScannedCustomer>> {
    const variables = { first: maxConnectionSize, after, query };
    const { customers } = await graphql.execute(
      scanCustomersDocument,
      variables,
      shopifyCustomerSummaryPageSchema,
      signal,
    );
    return { items: customers.edges, next: nextPageCursor(customers.pageInfo) };
  }

  /** The scan's matches read in full, in the scan's (ascending id) order. */
  async function readMatches(summaries: readonly ShopifyCustomerSummary[], signal: AbortSignal | undefined) {
    if (summaries.length === 0) return [];
    const ids = summaries.map((summary) => String(summary.legacyResourceId));
    const page = await customerPage(ids.length, null, translateShopifyQuery({ ids }).query, signal);
    const byId = new Map(page.items.map((native) => [String(native.legacyResourceId), native]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async function readNativeCustomer(numericId: string, signal: AbortSignal | undefined) {
    const variables = { id: customerGid(numericId), addressesFirst: addressesFirstForOneCustomer };
    const { customer } = await graphql.execute(
      getCustomerDocument,
      variables,
      shopifyCustomerResultSchema,
      signal,
    );
    return customer === null ? null : withAllAddresses(customer, signal);
  }

  return {
    readNativeCustomer,

    async listCustomers(query, { signal }) {
      const search = translateShopifyQuery(query);
      const matches = (customer: FilterableCustomer) => matchesCustomerFilters(customer, query);
      if (!search.recheck) {
        // `search` is Shopify's own matching: with no other filter there is nothing to re-check.
        const checksFilters = filterNamesInUse(query).some((name) => name !== 'search');
        const page = await collectFilteredPage({
          limit: query.limit,
          cursor: query.cursor,
          fetchPage: (after) => customerPage(query.limit, after, search.query, signal),
          keep: checksFilters ? (native) => matches(mapShopifyCustomer(native)) : () => true,
        });
        return { items: await mapComplete(page.items, signal), nextCursor: page.nextCursor };
      }
      // Filters Shopify answers loosely: scan cheaply, keep exact matches, then read those in full.
      const page = await collectFilteredPage({
        limit: query.limit,
        cursor: query.cursor,
        fetchPage: (after) => scanPage(after, search.query, signal),
        keep: (scanned) => matches(toFilterableCustomer(scanned.node)),
        itemCursor: (scanned) => scanned.cursor,
        maxUpstreamPages: maxScanPagesPerCall,
      });
      const summaries = page.items.map((scanned) => scanned.node);
      const customers = await mapComplete(await readMatches(summaries, signal), signal);
      return { items: customers.filter(matches), nextCursor: page.nextCursor };
    },

    async countCustomers(filters, { signal }) {
      const search = translateShopifyQuery(filters);
      if (search.countable) {
        const { customersCount } = await graphql.execute(
          countCustomersDocument,
          { query: search.query },
          shopifyCustomerCountSchema,
          signal,
        );
        if (customersCount.precision === 'EXACT') return customersCount.count;
      }
      // An inexact count, or filters Shopify answers loosely: count the exact matches of a scan.
      let count = 0;
      let after: string | null = null;
      do {
        const page: NativePage<ScannedCustomer> = await scanPage(after, search.query, signal);
        count += page.items.filter((scanned) =>
          matchesCustomerFilters(toFilterableCustomer(scanned.node), filters),
        ).length;
        after = page.next;
      } while (after !== null);
      return count;
    },

    async getCustomer(id, { signal }) {
      const numericId = parseShopifyCustomerId(id);
      if (numericId === null) return null;
      const native = await readNativeCustomer(numericId, signal);
      return native === null ? null : mapShopifyCustomer(native);
    },
  };
}
