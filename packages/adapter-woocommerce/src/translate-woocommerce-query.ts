import type { CustomerFieldName, CustomerFilters, CustomerSort, NativeListPlan } from '@unicart/core';

/** The WooCommerce side of a canonical list. */
export interface WooCommerceListParams {
  /** Query parameters of every `GET /customers` of the list (page position and size aside). */
  readonly query: Readonly<Record<string, string>>;
  /** `sinceId`: the list starts at the first customer above this id (ids ascend). */
  readonly afterId: string | null;
}

/**
 * Canonical filters and sort → WooCommerce list parameters plus what core checks itself. Always
 * every role (the default `role=customer` hides subscribers and others, sheet §9.4); ascending ids
 * unless sorted, the most stable order for offset paging (sheet §3). `orderby` has `id` and
 * `registered_date` (the creation date), no modification date, no email, and `name` is the display
 * name (sheet §2.1): only `id` and `createdAt` are declared sorts. `email` replaces `search` upstream
 * when both are sent (sheet §2.1), so then `search` goes upstream and the exact email is checked here.
 */
export function translateWooCommerceQuery(
  filters: CustomerFilters,
  sort?: CustomerSort,
): NativeListPlan<WooCommerceListParams> {
  const bothTextFilters = filters.search !== undefined && filters.email !== undefined;
  const query: Record<string, string> = {
    role: 'all',
    orderby: sort?.key === 'createdAt' ? 'registered_date' : 'id',
    order: sort?.direction ?? 'asc',
  };
  if (filters.ids !== undefined) query.include = filters.ids.join(',');
  if (filters.search !== undefined) query.search = filters.search;
  if (filters.email !== undefined && !bothTextFilters) query.email = filters.email;

  // No date, name or id-range filter exists upstream (sheet §2.1): these are checked per customer.
  const remainder: CustomerFilters = {
    ...(bothTextFilters ? { email: filters.email } : {}),
    ...(filters.createdAt === undefined ? {} : { createdAt: filters.createdAt }),
    ...(filters.updatedAt === undefined ? {} : { updatedAt: filters.updatedAt }),
    ...(filters.name === undefined ? {} : { name: filters.name }),
    // Nor by address country or phone.
    ...(filters.country === undefined ? {} : { country: filters.country }),
    ...(filters.phone === undefined ? {} : { phone: filters.phone }),
  };
  return {
    params: { query, afterId: filters.sinceId ?? null },
    remainder: Object.keys(remainder).length > 0 ? remainder : null,
  };
}

/** The customer keys each canonical field is mapped from (sheet §10). */
const wooCommerceKeysByField: Readonly<Record<CustomerFieldName, readonly string[]>> = {
  id: ['id'],
  email: ['email'],
  firstName: ['first_name'],
  lastName: ['last_name'],
  phone: ['billing', 'shipping'],
  currency: [],
  note: [],
  acceptsMarketing: [],
  tags: [],
  ordersCount: [],
  totalSpent: [],
  status: ['role'],
  dates: ['date_created_gmt', 'date_modified_gmt'],
  addresses: ['billing', 'shipping'],
};

/**
 * WordPress's `_fields` (sheet §1) for the canonical fields a caller needs, or `undefined` for all
 * of them: WooCommerce then leaves the other keys out of each customer.
 */
export function wooCommerceFieldsParameter(
  fields: ReadonlySet<CustomerFieldName> | null | undefined,
): string | undefined {
  if (fields === null || fields === undefined) return undefined;
  return [...new Set([...fields].flatMap((field) => wooCommerceKeysByField[field]))].join(',');
}
