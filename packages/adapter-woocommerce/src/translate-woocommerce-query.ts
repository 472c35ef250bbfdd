import type { CustomerFilters, NativeListPlan } from '@unicart/core';

/** The WooCommerce side of a canonical list. */
export interface WooCommerceListParams {
  /** Query parameters of every `GET /customers` of the list (page position and size aside). */
  readonly query: Readonly<Record<string, string>>;
  /** `sinceId`: the list starts at the first customer above this id (ids ascend). */
  readonly afterId: string | null;
}

/**
 * Canonical filters → WooCommerce list parameters plus what core checks itself. Always every
 * role (the default `role=customer` hides subscribers and others, sheet §9.4) and ascending ids, the
 * most stable order for offset paging (sheet §3). `email` replaces `search` upstream when both are
 * sent (sheet §2.1), so then `search` goes upstream and the exact email is checked here.
 */
export function translateWooCommerceQuery(filters: CustomerFilters): NativeListPlan<WooCommerceListParams> {
  const bothTextFilters = filters.search !== undefined && filters.email !== undefined;
  const query: Record<string, string> = { role: 'all', orderby: 'id', order: 'asc' };
  if (filters.ids !== undefined) query.include = filters.ids.join(',');
  if (filters.search !== undefined) query.search = filters.search;
  if (filters.email !== undefined && !bothTextFilters) query.email = filters.email;

  // No date, name or id-range filter exists upstream (sheet §2.1): these are checked per customer.
  const remainder: CustomerFilters = {
    ...(bothTextFilters ? { email: filters.email } : {}),
    ...(filters.createdAt === undefined ? {} : { createdAt: filters.createdAt }),
    ...(filters.updatedAt === undefined ? {} : { updatedAt: filters.updatedAt }),
    ...(filters.name === undefined ? {} : { name: filters.name }),
  };
  return {
    params: { query, afterId: filters.sinceId ?? null },
    remainder: Object.keys(remainder).length > 0 ? remainder : null,
  };
}
