import type { CustomerFilters, DateRange, NativeListPlan } from '@unicart/core';

/** The BigCommerce side of a canonical list: the `GET /v3/customers` parameters of every page. */
export interface BigCommerceListParams {
  readonly query: Readonly<Record<string, string>>;
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
  field: 'date_created' | 'date_modified',
  range: DateRange | undefined,
  query: Record<string, string>,
): boolean {
  if (range === undefined) return false;
  if (range.from !== undefined) query[`${field}:min`] = wholeSecond(range.from);
  if (range.to !== undefined) query[`${field}:max`] = wholeSecond(range.to);
  return hasMilliseconds(range.from) || hasMilliseconds(range.to);
}

/** The longest part of `text` without a comma: `name:like` splits its value at commas (sheet §2.1). */
function longestCommaFreePart(text: string): string {
  return text.split(',').reduce((longest, part) => (part.length > longest.length ? part : longest), '');
}

/**
 * Canonical filters → `GET /v3/customers` parameters plus what core checks itself. `ids` and the
 * date bounds are exact upstream; `email:in` and `name:like` are looser than the contract (collation,
 * accents, wildcards, commas) and are narrowed again; `sinceId` has no upstream form and is checked
 * on pages walked in id order. Every list asks for the addresses (`include=addresses`).
 */
export function translateBigCommerceQuery(filters: CustomerFilters): NativeListPlan<BigCommerceListParams> {
  const query: Record<string, string> = { include: 'addresses' };
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
  // `phone:in` matches the whole value only (sheet §2.1) and no parameter looks at address countries.
  if (filters.phone !== undefined) remainder.phone = filters.phone;
  if (filters.country !== undefined) remainder.country = filters.country;
  return { params: { query }, remainder: Object.keys(remainder).length > 0 ? remainder : null };
}
