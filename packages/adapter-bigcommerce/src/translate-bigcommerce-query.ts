import {
  type CustomerFilters,
  type CustomerSort,
  type DateRange,
  type NativeListPlan,
  SortNotSupportedError,
} from '@unicart/core';

/** A date field BigCommerce filters and sorts by. */
export type BigCommerceDateField = 'date_created' | 'date_modified';

/** A sort BigCommerce applies (`sort=date_created:desc`), its ties put in id order by the adapter. */
export interface BigCommerceSort {
  readonly field: BigCommerceDateField;
  readonly direction: 'asc' | 'desc';
}

/** The BigCommerce side of a canonical list: the `GET /v3/customers` parameters of every page. */
export interface BigCommerceListParams {
  /** Filters, without `include`, `sort` and paging. */
  readonly query: Readonly<Record<string, string>>;
  /** Whether core's checks need the addresses (`country`) whatever fields the answer shows. */
  readonly addresses: boolean;
  /** The order of the list; absent: BigCommerce's cursor walk, in id order (sheet §3). */
  readonly sort?: BigCommerceSort;
}

/** A canonical bound as BigCommerce reads it: whole UTC seconds with `Z`, never date-only (sheet §2.1). */
function wholeSecond(iso: string): string {
  return `${iso.slice(0, 19)}Z`;
}

const hasMilliseconds = (iso: string | undefined) => iso !== undefined && iso.slice(19, 23) !== '.000';

/**
 * `date_created:min` / `:max` (inclusive) from a canonical range. BigCommerce compares whole seconds,
 * so both bounds go down to their second (a looser answer, never a smaller one); a bound with
 * milliseconds is then checked again by core on each record.
 */
function dateBounds(
  field: BigCommerceDateField,
  range: DateRange | undefined,
  query: Record<string, string>,
) {
  if (range === undefined) return false;
  if (range.from !== undefined) query[`${field}:min`] = wholeSecond(range.from);
  if (range.to !== undefined) query[`${field}:max`] = wholeSecond(range.to);
  return hasMilliseconds(range.from) || hasMilliseconds(range.to);
}

/** The longest part of `text` without a comma: `name:like` splits its value at commas (sheet §2.1). */
function longestCommaFreePart(text: string): string {
  return text.split(',').reduce((longest, part) => (part.length > longest.length ? part : longest), '');
}

const sortFields: Partial<Record<CustomerSort['key'], BigCommerceDateField>> = {
  createdAt: 'date_created',
  updatedAt: 'date_modified',
};

/**
 * Canonical filters and sort → `GET /v3/customers` parameters plus what core checks itself. `ids`
 * and the date bounds are exact upstream; `email:in` and `name:like` are looser than the contract
 * (collation, accents, wildcards, commas) and are narrowed again; `sinceId` has no upstream form
 * and is checked on pages walked in id order; `phone` (BigCommerce's `phone:in` is a whole-string
 * match) and `country` (no filter at all) are checked on the listed customers, the latter with
 * their addresses. `createdAt` / `updatedAt` sort by `date_created` / `date_modified`.
 */
export function translateBigCommerceQuery(
  filters: CustomerFilters,
  sort?: CustomerSort,
): NativeListPlan<BigCommerceListParams> {
  const query: Record<string, string> = {};
  const remainder: { -readonly [Key in keyof CustomerFilters]: CustomerFilters[Key] } = {};
  if (filters.ids !== undefined) query['id:in'] = filters.ids.join(',');
  if (filters.email !== undefined) {
    // A comma would split the value into two emails: then every customer is read and compared here.
    if (!filters.email.includes(',')) query['email:in'] = filters.email;
    remainder.email = filters.email;
  }
  if (filters.name !== undefined) {
    const part = longestCommaFreePart(filters.name);
    if (part.trim() !== '') query['name:like'] = part;
    remainder.name = filters.name;
  }
  if (dateBounds('date_created', filters.createdAt, query)) remainder.createdAt = filters.createdAt;
  if (dateBounds('date_modified', filters.updatedAt, query)) remainder.updatedAt = filters.updatedAt;
  if (filters.sinceId !== undefined) remainder.sinceId = filters.sinceId;
  if (filters.phone !== undefined) remainder.phone = filters.phone;
  if (filters.country !== undefined) remainder.country = filters.country;
  const field = sort === undefined ? undefined : sortFields[sort.key];
  if (sort !== undefined && field === undefined) {
    throw new SortNotSupportedError(`${sort.direction === 'desc' ? '-' : ''}${sort.key}`, 'bigcommerce');
  }
  return {
    params: {
      query,
      addresses: filters.country !== undefined,
      ...(field === undefined || sort === undefined ? {} : { sort: { field, direction: sort.direction } }),
    },
    remainder: Object.keys(remainder).length > 0 ? remainder : null,
  };
}
