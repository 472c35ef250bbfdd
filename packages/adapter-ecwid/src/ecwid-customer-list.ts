import {
  type CallOptions,
  type CustomerFieldName,
  type CustomerFilters,
  type CustomerListDriver,
  type CustomerSort,
  type NativeListPlan,
  nextOffset,
  offsetPositions,
  type QueryParams,
} from '@unicart/core';
import type { EcwidCustomer, EcwidCustomerSearch } from './ecwid-api';
import { toEcwidFilterableCustomer } from './map-ecwid-customer';
import {
  ecwidCountParams,
  ecwidCustomerPageParams,
  ecwidCustomerProjection,
  ecwidMaxPageSize,
  ecwidSortBy,
  translateEcwidQuery,
} from './translate-ecwid-query';

/** The reads a customer list is made of, bound by the adapter to its HTTP client. */
export interface EcwidCustomerReads {
  /** `GET /customers` with these parameters. */
  search(params: QueryParams, options: CallOptions): Promise<EcwidCustomerSearch>;
  /** `total` of `GET /customers` with these parameters. */
  total(params: QueryParams, options: CallOptions): Promise<number>;
  /** `GET /customers/{id}` (only the keys of `fields`, when given); `null` when Ecwid has no such customer. */
  get(
    id: string,
    options: CallOptions & { fields?: ReadonlySet<CustomerFieldName> | null | undefined },
  ): Promise<EcwidCustomer | null>;
}

/** How a canonical list runs on Ecwid. */
export interface EcwidListParams {
  /** `GET /customers` parameters of the filters Ecwid applies itself. */
  readonly search: QueryParams;
  /** Ids to look up one by one (an `ids` filter without `search` or `sort`); `null` to search. */
  readonly lookupIds: readonly string[] | null;
  /** Ecwid's `sortBy` (sheet §2.1). */
  readonly sortBy: string;
}

/** Ids looked up per native page of an `ids` list (at most 100 ids, core validates). */
const idsPerLookup = 10;

/**
 * Ecwid cannot filter on ids (sheet §2.1): without `search` they are looked up one
 * `GET /customers/{id}` each; with `search`, whose matching is Ecwid's own and cannot be re-checked,
 * Ecwid's keyword results are scanned for them instead. Where Ecwid's answer is looser than the
 * contract, core re-checks every result (the plan's remainder), reading Ecwid 100 at a time.
 */
export function ecwidListPlan(
  filters: CustomerFilters,
  sort?: CustomerSort,
): NativeListPlan<EcwidListParams> {
  const { params, exact } = translateEcwidQuery(filters);
  // Looked-up ids come in the order asked; a sorted list searches instead, keeping those ids.
  const lookupIds =
    filters.ids !== undefined && filters.search === undefined && sort === undefined ? filters.ids : null;
  // `search` is Ecwid's own matching: core's check of the remainder passes it over.
  return {
    params: { search: params, lookupIds, sortBy: ecwidSortBy(sort) },
    remainder: exact ? null : filters,
  };
}

/**
 * Customer lists on `GET /customers`, by offset in registration order; collected cursors, as Ecwid
 * pages may come back short. Ecwid's `total` is the count when its answer is exact.
 */
export function ecwidCustomerList(
  reads: EcwidCustomerReads,
): CustomerListDriver<EcwidCustomer, EcwidCustomer, EcwidListParams, number> {
  return {
    positions: offsetPositions('ecwid'),
    cursor: 'collected',
    maxPageSize: ecwidMaxPageSize,
    scanPageSize: ecwidMaxPageSize,
    translate: ecwidListPlan,
    filterable: toEcwidFilterableCustomer,
    async fetchPage({ params, position, size, fields }, options) {
      const offset = position ?? 0;
      const { lookupIds } = params;
      if (lookupIds !== null) {
        const batch = lookupIds.slice(offset, offset + idsPerLookup);
        const found = await Promise.all(batch.map((id) => reads.get(id, { ...options, fields })));
        const next = offset + batch.length;
        return {
          items: found.filter((customer) => customer !== null),
          next: next < lookupIds.length ? next : null,
        };
      }
      const projection = ecwidCustomerProjection(fields);
      const page = await reads.search(
        {
          ...params.search,
          ...ecwidCustomerPageParams(offset, size, params.sortBy),
          ...(projection === undefined ? {} : { responseFields: `items(${projection}),total,count` }),
        },
        options,
      );
      const received = page.items.length;
      return {
        items: page.items,
        next: nextOffset({ offset, requested: size, received, total: page.total }),
      };
    },
    count: (params, options) => reads.total({ ...params.search, ...ecwidCountParams }, options),
  };
}
