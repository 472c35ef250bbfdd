import {
  type CustomerFieldName,
  type CustomerFilters,
  type CustomerSort,
  hasExtendedFilters,
  isoToUnixSeconds,
  type NumberRange,
  type QueryParams,
} from '@unicart/core';

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

/**
 * Count and amount bounds widened by one unit: whether Ecwid's `min…`/`max…` bounds are inclusive is
 * unconfirmed (sheet §2.1), so the boundary is always included and the exact bound re-checked.
 */
function widenedBounds(range: NumberRange | undefined): { min?: number; max?: number } {
  if (range === undefined) return {};
  return {
    ...(range.min === undefined ? {} : { min: Math.max(0, Math.floor(range.min) - 1) }),
    ...(range.max === undefined ? {} : { max: Math.ceil(range.max) + 1 }),
  };
}

function definedOnly(params: Record<string, string | number | undefined>): QueryParams {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
}

/** Canonical filters → Ecwid's search parameters. Only declared filters reach it (`sinceId` is not). */
export function translateEcwidQuery(filters: CustomerFilters): EcwidCustomerSearch {
  const orderCount = widenedBounds(filters.ordersCount);
  const salesValue = widenedBounds(filters.totalSpent);
  const params = definedOnly({
    keyword: filters.search,
    name: filters.name,
    // A partial match upstream (sheet §9.3); narrowed to case-insensitive equality on the results.
    email: filters.email,
    createdFrom: fromSeconds(filters.createdAt?.from),
    createdTo: toSeconds(filters.createdAt?.to),
    updatedFrom: fromSeconds(filters.updatedAt?.from),
    updatedTo: toSeconds(filters.updatedAt?.to),
    acceptMarketing: filters.acceptsMarketing === undefined ? undefined : String(filters.acceptsMarketing),
    minOrderCount: orderCount.min,
    maxOrderCount: orderCount.max,
    minSalesValue: salesValue.min,
    maxSalesValue: salesValue.max,
  });
  // §4 filters: bounds widened, and `country` and `phone` match more places upstream than the
  // canonical fields (sheet §2.1: shipping addresses and contacts only) — always re-checked.
  const exact =
    !hasExtendedFilters(filters) &&
    filters.ids === undefined &&
    filters.email === undefined &&
    filters.name === undefined &&
    filters.createdAt === undefined &&
    filters.updatedAt === undefined;
  return { params, exact };
}

/**
 * Ecwid's `sortBy` for a canonical sort; without one, the most stable order Ecwid offers for offset
 * paging (sheet §3). Ecwid's `NAME` sorts by the full name (first name first) and its `EMAIL` puts
 * customers without one first, so neither is the contract's order: only dates are declared.
 */
export function ecwidSortBy(sort: CustomerSort | undefined): string {
  const direction = sort?.direction === 'desc' ? 'DESC' : 'ASC';
  return sort?.key === 'updatedAt' ? `UPDATED_DATE_${direction}` : `REGISTERED_DATE_${direction}`;
}

/** Position, size and order of one search page: always an explicit `limit` (Ecwid's default is unclear, sheet §9.11). */
export function ecwidCustomerPageParams(offset: number, limit: number, sortBy: string): QueryParams {
  return { sortBy, offset, limit: Math.min(limit, ecwidMaxPageSize) };
}

/** The customer keys each canonical field is mapped from (sheet §10). */
const ecwidKeysByField: Readonly<Record<CustomerFieldName, readonly string[]>> = {
  id: ['id'],
  email: ['email', 'contacts'],
  firstName: ['billingPerson', 'name'],
  lastName: ['billingPerson', 'name'],
  phone: ['billingPerson', 'contacts'],
  currency: [],
  note: ['privateAdminNotes'],
  acceptsMarketing: ['acceptMarketing'],
  tags: [],
  ordersCount: ['stats', 'totalOrderCount'],
  totalSpent: ['stats'],
  status: [],
  dates: ['registered', 'updated'],
  addresses: ['billingPerson', 'shippingAddresses', 'name'],
};

/**
 * Ecwid's `responseFields` projection of a customer for the canonical fields a caller needs (sheet
 * §1), or `undefined` for all of them: Ecwid then sends only these keys.
 */
export function ecwidCustomerProjection(fields: ReadonlySet<CustomerFieldName> | null | undefined) {
  if (fields === null || fields === undefined) return undefined;
  return [...new Set([...fields].flatMap((field) => ecwidKeysByField[field]))].join(',');
}

/** The parameters of the cheapest count: one item, and only `total` in the body (sheet §2). */
export const ecwidCountParams: QueryParams = { limit: 1, responseFields: 'total' };
