import type { CustomerQuery, QueryParams } from '@unicart/core';

/** Canonical query → Jumpseller's list parameters. Only declared filters ever reach it. */
export function translateJumpsellerQuery(query: CustomerQuery): QueryParams {
  return { limit: query.limit, cursor: query.cursor ?? undefined };
}
