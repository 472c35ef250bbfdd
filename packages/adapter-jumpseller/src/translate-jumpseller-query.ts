import { type CustomerFilters, type NativeListPlan, positiveIntegerIds } from '@unicart/core';

/**
 * Where a list reads its customers (sheet §3): the list itself (ascending ids), Jumpseller's
 * search, the email lookup, or one read per id.
 */
export type JumpsellerListSource =
  /** The list; with `afterId`, it starts at the first customer above that id (ascending ids, sheet §3). */
  | { readonly kind: 'all'; readonly afterId: string | null }
  | { readonly kind: 'search'; readonly query: string }
  | { readonly kind: 'email'; readonly email: string }
  | { readonly kind: 'ids'; readonly ids: readonly string[] };

/** Jumpseller ids are positive integers (int32, at most 10 digits); anything else names no customer. */
export const parseJumpsellerId = positiveIntegerIds(10);

const filterKeys = [
  'ids',
  'sinceId',
  'createdAt',
  'updatedAt',
  'name',
  'search',
  'email',
  // §4's filters have no Jumpseller parameter (sheet §3): checked on each customer.
  'acceptsMarketing',
  'ordersCount',
  'totalSpent',
  'country',
  'tags',
  'phone',
] as const satisfies readonly (keyof CustomerFilters)[];

/** The filters left for core to check: every filter but `handled` (a query's `limit`/`cursor` are not filters). */
function remainderWithout(
  filters: CustomerFilters,
  handled: keyof CustomerFilters | null,
): CustomerFilters | null {
  const rest = Object.fromEntries(
    filterKeys
      .filter((key) => key !== handled && filters[key] !== undefined)
      .map((key) => [key, filters[key]]),
  ) as CustomerFilters;
  return Object.keys(rest).length === 0 ? null : rest;
}

/**
 * Canonical filters → the source to read and what core must check on each customer. Only
 * Jumpseller can apply `search` (its matching is the platform's), so a search reads the search and
 * checks everything else; otherwise the narrowest exact source is read. The email lookup's case
 * handling is unconfirmed, so its answer is checked again (sheet §3). `sinceId` and `name` have no
 * Jumpseller parameter: they are checked on the ascending-id list, which starts at the first
 * customer above `sinceId`.
 */
export function translateJumpsellerQuery(filters: CustomerFilters): NativeListPlan<JumpsellerListSource> {
  if (filters.search !== undefined) {
    return {
      params: { kind: 'search', query: filters.search },
      remainder: remainderWithout(filters, 'search'),
    };
  }
  if (filters.email !== undefined) {
    return { params: { kind: 'email', email: filters.email }, remainder: remainderWithout(filters, null) };
  }
  if (filters.ids !== undefined) {
    // Ids that are not Jumpseller's (not a positive integer) name nobody: no request for them.
    const ids = [...new Set(filters.ids)].filter((id) => parseJumpsellerId(id) !== null);
    return { params: { kind: 'ids', ids }, remainder: remainderWithout(filters, 'ids') };
  }
  return {
    params: { kind: 'all', afterId: filters.sinceId ?? null },
    remainder: remainderWithout(filters, null),
  };
}
