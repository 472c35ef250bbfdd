import {
  type CustomerFilters,
  type CustomerQuery,
  collectFilteredPage,
  decodeOffsetCursor,
  encodeOffsetCursor,
  isIdGreater,
  matchesCustomerFilters,
  type Page,
  type QueryParams,
} from '@unicart/core';
import { mapWooCommerceCustomer } from './map-woocommerce-customer';
import { translateWooCommerceQuery, type WooCommerceListPlan } from './translate-woocommerce-query';
import type { WooCommerceCustomer } from './woocommerce-api';
import { nextOffset } from './woocommerce-pagination';

/** One answer of `GET /customers`. */
export interface WooCommerceCustomerPage {
  readonly customers: readonly WooCommerceCustomer[];
  /** `X-WP-Total`, or `null` when absent. */
  readonly total: number | null;
}

/** Calls `GET /customers` with these query parameters. */
export type FetchWooCommerceCustomers = (params: QueryParams) => Promise<WooCommerceCustomerPage>;

/** Customers read per upstream request when the adapter checks filters itself (the API's maximum). */
const scanPageSize = 100;
/** Upstream pages one list call reads at most when scanning, so one call never reads a whole store. */
const maxScanPagesPerCall = 5;

function customerMatcher(plan: WooCommerceListPlan): (customer: WooCommerceCustomer) => boolean {
  const { clientFilters } = plan;
  if (clientFilters === null) return () => true;
  // The store currency plays no part in any filter.
  return (customer) => matchesCustomerFilters(mapWooCommerceCustomer(customer, null), clientFilters);
}

/**
 * The offset of the first customer above `plan.afterId` in ascending id order (0 without one):
 * gallop with one-customer probes, then bisect, so finding it costs O(log n) small requests.
 */
async function firstOffsetAfterId(
  fetchCustomers: FetchWooCommerceCustomers,
  plan: WooCommerceListPlan,
): Promise<number> {
  const { afterId } = plan;
  if (afterId === null) return 0;
  const isAfter = async (offset: number) => {
    const [customer] = (await fetchCustomers({ ...plan.params, offset, per_page: 1 })).customers;
    return customer === undefined || isIdGreater(String(customer.id), afterId);
  };
  if (await isAfter(0)) return 0;
  let notAfter = 0;
  let after = 1;
  while (!(await isAfter(after))) {
    notAfter = after;
    after *= 2;
  }
  while (after - notAfter > 1) {
    const middle = Math.floor((notAfter + after) / 2);
    if (await isAfter(middle)) after = middle;
    else notAfter = middle;
  }
  return after;
}

/** One page of customers matching every filter of `query`, natively or by a bounded scan. */
export async function listWooCommerceCustomers(
  fetchCustomers: FetchWooCommerceCustomers,
  query: CustomerQuery,
): Promise<Page<WooCommerceCustomer>> {
  const plan = translateWooCommerceQuery(query);
  if (plan.clientFilters === null) {
    const offset =
      query.cursor === null
        ? await firstOffsetAfterId(fetchCustomers, plan)
        : decodeOffsetCursor(query.cursor, 'woocommerce');
    const page = await fetchCustomers({ ...plan.params, offset, per_page: query.limit });
    const next = nextOffset(offset, query.limit, page.customers.length, page.total);
    return { items: [...page.customers], nextCursor: next === null ? null : encodeOffsetCursor(next) };
  }
  return collectFilteredPage({
    limit: query.limit,
    cursor: query.cursor,
    maxUpstreamPages: maxScanPagesPerCall,
    keep: customerMatcher(plan),
    fetchPage: async (nativeCursor) => {
      const offset =
        nativeCursor === null
          ? await firstOffsetAfterId(fetchCustomers, plan)
          : decodeOffsetCursor(nativeCursor, 'woocommerce');
      const page = await fetchCustomers({ ...plan.params, offset, per_page: scanPageSize });
      const next = nextOffset(offset, scanPageSize, page.customers.length, page.total);
      return { items: page.customers, next: next === null ? null : encodeOffsetCursor(next) };
    },
  });
}

/**
 * How many customers match: `X-WP-Total` of a one-customer request with the native filters (minus
 * those up to `sinceId`). Filters WooCommerce cannot apply, or a missing header, need a full scan.
 */
export async function countWooCommerceCustomers(
  fetchCustomers: FetchWooCommerceCustomers,
  filters: CustomerFilters,
): Promise<number> {
  const plan = translateWooCommerceQuery(filters);
  const start = await firstOffsetAfterId(fetchCustomers, plan);
  if (plan.clientFilters === null) {
    const { total } = await fetchCustomers({ ...plan.params, offset: start, per_page: 1 });
    if (total !== null) return Math.max(0, total - start);
  }
  const keep = customerMatcher(plan);
  let count = 0;
  for (let offset: number | null = start; offset !== null; ) {
    const page = await fetchCustomers({ ...plan.params, offset, per_page: scanPageSize });
    count += page.customers.filter(keep).length;
    offset = nextOffset(offset, scanPageSize, page.customers.length, page.total);
  }
  return count;
}
