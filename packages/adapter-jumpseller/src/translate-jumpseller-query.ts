import {
  type CustomerFilters,
  type CustomerQuery,
  type CustomerSort,
  compareIds,
  type NativeListPlan,
  positiveIntegerIds,
  SortNotSupportedError,
} from '@unicart/core';

/** The order Jumpseller lists in: ascending ids (= creation order, sheet §3), or the search's `order=desc`. */
export type JumpsellerOrder = 'asc' | 'desc';

/**
 * Where a list reads its customers (sheet §3): the list itself (ascending ids), Jumpseller's
 * search (which sorts by creation, that is by id, either way), the email lookup, or one read per id.
 */
export type JumpsellerListSource =
  /** The list; with `afterId`, it starts at the first customer above that id (ascending ids, sheet §3). */
  | { readonly kind: 'all'; readonly afterId: string | null }
  /** The search; an empty `query` finds every customer, which is how the list is read newest first. */
  | { readonly kind: 'search'; readonly query: string; readonly order: JumpsellerOrder }
  | { readonly kind: 'email'; readonly email: string }
  /** One read per id, in the order listed (numeric order in the sort's direction). */
  | { readonly kind: 'ids'; readonly ids: readonly string[] };

/** Jumpseller ids are positive integers (int32, at most 10 digits); anything else names no customer. */
export const parseJumpsellerId = positiveIntegerIds(10);

/** The filters left for core to check: every filter but `handled` (a query's `limit`/`cursor` are not filters). */
function remainderWithout(
  filters: CustomerFilters,
  handled: keyof CustomerFilters | null,
): CustomerFilters | null {
  const {
    limit: _limit,
    cursor: _cursor,
    ...given
  } = filters as CustomerFilters & Partial<Pick<CustomerQuery, 'limit' | 'cursor'>>;
  const rest = Object.fromEntries(
    Object.entries(given).filter(([key, value]) => key !== handled && value !== undefined),
  );
  return Object.keys(rest).length === 0 ? null : rest;
}

/**
 * Canonical filters and sort → the source to read and what core must check on each customer. Only
 * Jumpseller can apply `search` (its matching is the platform's), so a search reads the search and
 * checks everything else; otherwise the narrowest exact source is read. The email lookup's case
 * handling is unconfirmed, so its answer is checked again (sheet §3). `sinceId`, `name` and the §4
 * filters have no Jumpseller parameter: they are checked on the ascending-id list, which starts at
 * the first customer above `sinceId`. The only sort is `id` (the list's own order, or the search's
 * `order=desc` for newest first); every source answers in it.
 */
export function translateJumpsellerQuery(
  filters: CustomerFilters,
  sort?: CustomerSort,
): NativeListPlan<JumpsellerListSource> {
  const order: JumpsellerOrder = sort?.direction ?? 'asc';
  if (filters.sinceId !== undefined && order === 'desc') {
    throw new SortNotSupportedError('-id', 'jumpseller', 'sinceId lists in ascending id order');
  }
  if (filters.search !== undefined) {
    return {
      params: { kind: 'search', query: filters.search, order },
      remainder: remainderWithout(filters, 'search'),
    };
  }
  if (filters.email !== undefined) {
    return { params: { kind: 'email', email: filters.email }, remainder: remainderWithout(filters, null) };
  }
  if (filters.ids !== undefined) {
    // Ids that are not Jumpseller's (not a positive integer) name nobody: no request for them.
    const ids = [...new Set(filters.ids)].filter((id) => parseJumpsellerId(id) !== null);
    if (sort !== undefined) ids.sort((left, right) => (order === 'asc' ? 1 : -1) * compareIds(left, right));
    return { params: { kind: 'ids', ids }, remainder: remainderWithout(filters, 'ids') };
  }
  if (order === 'desc') {
    return { params: { kind: 'search', query: '', order }, remainder: remainderWithout(filters, null) };
  }
  return {
    params: { kind: 'all', afterId: filters.sinceId ?? null },
    remainder: remainderWithout(filters, null),
  };
}
