import { type CallOptions, type CustomerListDriver, opaquePositions } from '@unicart/core';
import { toFilterableCustomer } from './map-shopify-customer';
import {
  type ShopifyCustomer,
  type ShopifyCustomerSummary,
  shopifyCustomerAddressesSchema,
  shopifyCustomerCountSchema,
  shopifyCustomerPageSchema,
  shopifyCustomerResultSchema,
  shopifyCustomerSummaryPageSchema,
  shopifyCustomersAddressesSchema,
} from './shopify-api';
import { createShopifyBulkExport, type ShopifyBulkExportOptions } from './shopify-bulk-export';
import { nextPageCursor, readAllNodes } from './shopify-connections';
import {
  addressBatchSize,
  addressesFirstFor,
  addressesFirstForCustomers,
  addressesFirstForOneCustomer,
  countCustomersDocument,
  customerAddressesDocument,
  customersAddressesDocument,
  getCustomerDocument,
  listCustomersDocument,
  maxConnectionSize,
  scanCustomersDocument,
} from './shopify-documents';
import { customerGid } from './shopify-gid';
import type { ShopifyGraphqlClient } from './shopify-graphql-client';
import { type ShopifyCustomerSearch, translateShopifyQuery } from './translate-shopify-query';

/** A scanned customer with the cursor of its position, to resume right after it. */
interface ScannedCustomer {
  readonly cursor: string;
  readonly node: ShopifyCustomerSummary;
}

/** What a list page holds: whole customers, or the summaries of a scan (`ScanCustomers`). */
export type ListedShopifyCustomer = ShopifyCustomer | ScannedCustomer;

const addressPageSize = 100;
/** Customers per page when an export cannot use a bulk operation. */
const exportPageSize = 100;
/** Scan pages one list call reads at most before it returns a short page with a cursor. */
const maxScanPagesPerCall = 4;

export interface ShopifyCustomerReads {
  /** Lists and counts for core's pipeline. */
  readonly list: CustomerListDriver<ShopifyCustomer, ListedShopifyCustomer, ShopifyCustomerSearch, string>;
  /** The stored customer with its whole address book, or `null`. */
  readNativeCustomer(numericId: string, options: CallOptions): Promise<ShopifyCustomer | null>;
}

export interface ShopifyCustomerReadsOptions {
  /** Downloads bulk operations' result files. */
  readonly fetch?: typeof fetch | undefined;
  /** Status polls of bulk operations (see `createShopifyBulkExport`). */
  readonly bulkPollIntervalMs?: ShopifyBulkExportOptions['pollIntervalMs'];
}

export function createShopifyCustomerReads(
  graphql: ShopifyGraphqlClient,
  options: ShopifyCustomerReadsOptions = {},
): ShopifyCustomerReads {
  /** The customer with every page of `addressesV2` (sheet §10: addresses of all pages). */
  async function withAllAddresses(native: ShopifyCustomer, { signal }: CallOptions) {
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

  async function customerPage(
    first: number,
    after: string | null,
    search: Pick<ShopifyCustomerSearch, 'query' | 'sortKey' | 'reverse'>,
    { signal }: CallOptions,
  ) {
    const { query, sortKey, reverse } = search;
    const variables = { first, after, query, sortKey, reverse, addressesFirst: addressesFirstFor(first) };
    const { customers } = await graphql.execute(
      listCustomersDocument,
      variables,
      shopifyCustomerPageSchema,
      signal,
    );
    return { items: customers.nodes, next: nextPageCursor(customers.pageInfo) };
  }

  /** The scan's matches read in full, in the scan's (ascending id) order. */
  async function readMatches(summaries: readonly ShopifyCustomerSummary[], options: CallOptions) {
    if (summaries.length === 0) return [];
    const ids = summaries.map((summary) => String(summary.legacyResourceId));
    const page = await customerPage(ids.length, null, translateShopifyQuery({ ids }), options);
    const byId = new Map(page.items.map((native) => [String(native.legacyResourceId), native]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * The customers with their whole address books: those with more addresses than their list page
   * read get them from `CustomersAddresses`, a batch of customers a request; only books longer than
   * that still continue one customer at a time.
   */
  async function completeAll(natives: readonly ShopifyCustomer[], options: CallOptions) {
    const incomplete = natives.filter((native) => native.addressesV2.pageInfo.hasNextPage);
    const reread = new Map<string, ShopifyCustomer['addressesV2']>();
    for (let start = 0; start < incomplete.length; start += addressBatchSize) {
      const batch = incomplete.slice(start, start + addressBatchSize);
      const variables = {
        ids: batch.map((native) => customerGid(String(native.legacyResourceId))),
        first: addressesFirstForCustomers(batch.length),
      };
      const { nodes } = await graphql.execute(
        customersAddressesDocument,
        variables,
        shopifyCustomersAddressesSchema,
        options.signal,
      );
      for (const node of nodes) if (node) reread.set(String(node.legacyResourceId), node.addressesV2);
    }
    const complete: ShopifyCustomer[] = [];
    for (const native of natives) {
      const addressesV2 = reread.get(String(native.legacyResourceId));
      complete.push(await withAllAddresses(addressesV2 ? { ...native, addressesV2 } : native, options));
    }
    return complete;
  }

  /** Every customer of a plan, page after page (the bulk export's fallback). */
  async function* everyCustomerPaged(params: ShopifyCustomerSearch, callOptions: CallOptions) {
    let after: string | null = null;
    do {
      const page = await customerPage(exportPageSize, after, params, callOptions);
      yield* await completeAll(page.items, callOptions);
      after = page.next;
    } while (after !== null);
  }

  const exportAll = createShopifyBulkExport({
    graphql,
    fetch: options.fetch,
    pollIntervalMs: options.bulkPollIntervalMs,
    paged: everyCustomerPaged,
  });

  return {
    async readNativeCustomer(numericId, options) {
      const variables = { id: customerGid(numericId), addressesFirst: addressesFirstForOneCustomer };
      const { customer } = await graphql.execute(
        getCustomerDocument,
        variables,
        shopifyCustomerResultSchema,
        options.signal,
      );
      return customer === null ? null : withAllAddresses(customer, options);
    },

    list: {
      positions: opaquePositions,
      cursor: 'collected',
      scanPageSize: maxConnectionSize,
      maxScanPages: maxScanPagesPerCall,
      // Filters Shopify answers loosely are re-checked on cheap scan summaries; only matches are read in full.
      translate: (filters, sort) => {
        const search = translateShopifyQuery(filters, sort);
        return { params: search, remainder: search.recheck ? filters : null };
      },
      filterable: (record) => toFilterableCustomer('node' in record ? record.node : record),
      exportAll,
      itemPosition: (record) => ('node' in record ? record.cursor : undefined),
      async fetchPage({ params, position, size, scan }, options) {
        if (!scan) return customerPage(size, position, params, options);
        const { query, sortKey, reverse } = params;
        const variables = { first: size, after: position, query, sortKey, reverse };
        const { customers } = await graphql.execute(
          scanCustomersDocument,
          variables,
          shopifyCustomerSummaryPageSchema,
          options.signal,
        );
        return { items: customers.edges, next: nextPageCursor(customers.pageInfo) };
      },
      async complete(records, options) {
        const scanned = records.filter((record) => 'node' in record);
        if (scanned.length === 0) return completeAll(records as readonly ShopifyCustomer[], options);
        return completeAll(
          await readMatches(
            scanned.map((record) => record.node),
            options,
          ),
          options,
        );
      },
      async count(params, { signal }) {
        if (!params.countable) return null;
        const { customersCount } = await graphql.execute(
          countCustomersDocument,
          { query: params.query },
          shopifyCustomerCountSchema,
          signal,
        );
        return customersCount.precision === 'EXACT' ? customersCount.count : null;
      },
    },
  };
}
