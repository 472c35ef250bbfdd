import {
  type Customer,
  type CustomerFilters,
  matchesCustomerFilters,
  type NativeListPlan,
} from '@unicart/core';

/** What a derived-buyer list is narrowed by: every declared filter, applied to the derived customers. */
export interface AmazonListParams {
  readonly filters: CustomerFilters;
}

/**
 * Amazon has no buyer filter at all (sheet §12, "Filters and counts"): every filter is applied to
 * the customers derived from the stored orders, before paging, so pages and counts are exact.
 */
export function translateAmazonQuery(filters: CustomerFilters): NativeListPlan<AmazonListParams> {
  return { params: { filters }, remainder: null };
}

/**
 * Whether a derived customer matches: the contract's semantics, and for `search` the mirror's
 * (firstName, lastName or email contains the value, case-insensitively, CONTRACT §5).
 */
export function matchesAmazonQuery(customer: Customer, { filters }: AmazonListParams): boolean {
  if (!matchesCustomerFilters(customer, filters)) return false;
  if (filters.search === undefined) return true;
  const needle = filters.search.toLocaleLowerCase('en');
  return [customer.firstName, customer.lastName, customer.email].some((value) =>
    value?.toLocaleLowerCase('en').includes(needle),
  );
}
