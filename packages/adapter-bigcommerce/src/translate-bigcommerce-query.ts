import type { CustomerQuery, QueryParams } from '@unicart/core';

/** Canonical query → BigCommerce's list parameters. Only declared filters ever reach it. */
export function translateBigCommerceQuery(query: CustomerQuery): QueryParams {
  return { limit: query.limit, cursor: query.cursor ?? undefined };
}
