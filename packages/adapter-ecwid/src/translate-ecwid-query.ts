import { type CustomerFilters, isoToUnixSeconds, type QueryParams } from '@unicart/core';

/** Ecwid's largest page, for customers and orders (sheet §2.1, Orders). */
export const ecwidMaxPageSize = 100;

/** The Ecwid search for a set of canonical filters. */
export interface EcwidCustomerSearch {
  /** `GET /customers` parameters for the filters Ecwid applies itself (sheet §2.1). */
  readonly params: QueryParams;
  /**
   * Whether Ecwid's answer is exactly the contract's. When it is not (a partial email match, date
   * bounds widened by a second, substring name rules unconfirmed, `ids` it cannot filter on), the
   * adapter re-checks every result with `matchesCustomerFilters`.
   */
  readonly exact: boolean;
}

/**
 * A `from` bound in UNIX seconds, one second early: Ecwid's dates have whole seconds and whether
 * its bounds are inclusive is unconfirmed (sheet §2.1), so the boundary second is always included
 * and the exact bound is re-checked on the results. Never below 0: Ecwid refuses a negative bound
 * (`Wrong value of parameter`), and it has no date before 1970 to find.
 */
function fromSeconds(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Math.max(0, Math.ceil(Date.parse(iso) / 1000) - 1);
}

/** A `to` bound in UNIX seconds, one second late, for the same reason; 0 at least, likewise. */
function toSeconds(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Math.max(0, isoToUnixSeconds(iso) + 1);
}

function definedOnly(params: Record<string, string | number | undefined>): QueryParams {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
}

/** Canonical filters → Ecwid's search parameters. Only declared filters reach it (`sinceId` is not). */
export function translateEcwidQuery(filters: CustomerFilters): EcwidCustomerSearch {
  const params = definedOnly({
    keyword: filters.search,
    name: filters.name,
    // A partial match upstream (sheet §9.3); narrowed to case-insensitive equality on the results.
    email: filters.email,
    createdFrom: fromSeconds(filters.createdAt?.from),
    createdTo: toSeconds(filters.createdAt?.to),
    updatedFrom: fromSeconds(filters.updatedAt?.from),
    updatedTo: toSeconds(filters.updatedAt?.to),
  });
  const exact =
    filters.ids === undefined &&
    filters.email === undefined &&
    filters.name === undefined &&
    filters.createdAt === undefined &&
    filters.updatedAt === undefined;
  return { params, exact };
}

/**
 * Position and size of one search page: always an explicit `limit` (Ecwid's default is unclear,
 * sheet §9.11), and the most stable order Ecwid offers for offset paging (sheet §3).
 */
export function ecwidCustomerPageParams(offset: number, limit: number): QueryParams {
  return { sortBy: 'REGISTERED_DATE_ASC', offset, limit: Math.min(limit, ecwidMaxPageSize) };
}

/** The parameters of the cheapest count: one item, and only `total` in the body (sheet §2). */
export const ecwidCountParams: QueryParams = { limit: 1, responseFields: 'total' };
