import {
  type CustomerFilters,
  type CustomerQuery,
  collectFilteredPage,
  decodeOffsetCursor,
  matchesCustomerFilters,
  type NativePage,
  type Page,
  type QueryParams,
} from '@unicart/core';
import type { EcwidCustomer, EcwidCustomerSearch } from './ecwid-api';
import { mapEcwidCustomer } from './map-ecwid-customer';
import {
  ecwidCountParams,
  ecwidCustomerPageParams,
  ecwidMaxPageSize,
  nextEcwidOffset,
  translateEcwidQuery,
} from './translate-ecwid-query';

/** The reads a customer search is made of, bound by the adapter to its HTTP client and signal. */
export interface EcwidCustomerReads {
  /** `GET /customers` with these parameters. */
  search(params: QueryParams): Promise<EcwidCustomerSearch>;
  /** `total` of `GET /customers` with these parameters. */
  total(params: QueryParams): Promise<number>;
  /** `GET /customers/{id}`; `null` when Ecwid has no such customer. */
  get(id: string): Promise<EcwidCustomer | null>;
}

/** Ids looked up per native page of an `ids` list (at most 100 ids, core validates). */
const idsPerLookup = 10;

/**
 * Native pages for the filters, each with the native position of the next one. Ecwid cannot
 * filter on ids (sheet §2.1): without `search` they are looked up one `GET /customers/{id}` each;
 * with `search`, whose matching is Ecwid's own and cannot be re-checked, Ecwid's keyword results
 * are scanned for them instead.
 */
function nativePages(
  reads: EcwidCustomerReads,
  filters: CustomerFilters,
  pageSize: number,
): (position: string | null) => Promise<NativePage<EcwidCustomer>> {
  const { ids } = filters;
  if (ids !== undefined && filters.search === undefined) {
    return async (position) => {
      const start = decodeOffsetCursor(position, 'ecwid');
      const batch = ids.slice(start, start + idsPerLookup);
      const found = await Promise.all(batch.map((id) => reads.get(id)));
      const next = start + batch.length;
      return {
        items: found.filter((customer) => customer !== null),
        next: next < ids.length ? String(next) : null,
      };
    };
  }
  const { params } = translateEcwidQuery(filters);
  return async (position) => {
    const offset = decodeOffsetCursor(position, 'ecwid');
    const page = await reads.search({ ...params, ...ecwidCustomerPageParams(offset, pageSize) });
    return { items: page.items, next: nextEcwidOffset(offset, page.items.length, page.total) };
  };
}

/**
 * One page of native customers matching every filter. Where Ecwid's answer is looser than the
 * contract, every result is re-checked and the cursor keeps the native position (core's
 * `collectFilteredPage`), so the narrowing holds across pages; Ecwid is then read 100 at a time.
 */
export function listEcwidCustomers(
  reads: EcwidCustomerReads,
  query: CustomerQuery,
): Promise<Page<EcwidCustomer>> {
  const { exact } = translateEcwidQuery(query);
  return collectFilteredPage({
    limit: query.limit,
    cursor: query.cursor,
    fetchPage: nativePages(reads, query, exact ? query.limit : ecwidMaxPageSize),
    // Currency plays no part in any filter, so the check maps without it.
    keep: (native) => matchesCustomerFilters(mapEcwidCustomer(native, null), query),
  });
}

/**
 * How many customers match: Ecwid's `total` when its answer is exact (no filter, or `search`
 * only), else by counting the re-checked results, which reads only what Ecwid already narrowed.
 */
export async function countEcwidCustomers(
  reads: EcwidCustomerReads,
  filters: CustomerFilters,
): Promise<number> {
  const search = translateEcwidQuery(filters);
  if (search.exact) return reads.total({ ...search.params, ...ecwidCountParams });
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: Page<EcwidCustomer> = await listEcwidCustomers(reads, {
      ...filters,
      limit: ecwidMaxPageSize,
      cursor,
    });
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return count;
}
