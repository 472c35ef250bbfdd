import type { CustomerFilters } from '@unicart/core';

/** How a canonical list runs on WooCommerce. */
export interface WooCommerceListPlan {
  /** Query parameters of every `GET /customers` of the list (page position and size aside). */
  readonly params: Readonly<Record<string, string>>;
  /** Filters WooCommerce cannot apply, checked on each customer it returns; `null` when there are none. */
  readonly clientFilters: CustomerFilters | null;
  /** `sinceId`: the list starts at the first customer above this id (ids ascend). */
  readonly afterId: string | null;
}

/**
 * Canonical filters → WooCommerce list parameters plus what the adapter checks itself. Always every
 * role (the default `role=customer` hides subscribers and others, sheet §9.4) and ascending ids, the
 * most stable order for offset paging (sheet §3). `email` replaces `search` upstream when both are
 * sent (sheet §2.1), so then `search` goes upstream and the exact email is checked here.
 */
export function translateWooCommerceQuery(filters: CustomerFilters): WooCommerceListPlan {
  const bothTextFilters = filters.search !== undefined && filters.email !== undefined;
  const params: Record<string, string> = { role: 'all', orderby: 'id', order: 'asc' };
  if (filters.ids !== undefined) params.include = filters.ids.join(',');
  if (filters.search !== undefined) params.search = filters.search;
  if (filters.email !== undefined && !bothTextFilters) params.email = filters.email;

  // No date, name or id-range filter exists upstream (sheet §2.1): these are checked per customer.
  const clientFilters: CustomerFilters = {
    ...(bothTextFilters ? { email: filters.email } : {}),
    ...(filters.createdAt === undefined ? {} : { createdAt: filters.createdAt }),
    ...(filters.updatedAt === undefined ? {} : { updatedAt: filters.updatedAt }),
    ...(filters.name === undefined ? {} : { name: filters.name }),
  };
  return {
    params,
    clientFilters: Object.keys(clientFilters).length > 0 ? clientFilters : null,
    afterId: filters.sinceId ?? null,
  };
}
