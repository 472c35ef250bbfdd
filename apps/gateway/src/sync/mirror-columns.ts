import type { Customer } from '@unicart/core';
import type { SqlValue } from '../stores/sql-database';

/** Lower case as core's filters compare text (`emailEquals`, `fullNameContains`). */
export const lowerCase = (text: string): string => text.toLocaleLowerCase('en');

/**
 * A key that orders ids numerically when compared byte-wise: the length first, then the id. Digit
 * ids without leading zeros (every platform's) and Amazon's fixed-length lower-case hex ids both
 * order as numbers; any other id still gets a distinct, stable key.
 */
export function idKey(id: string): string {
  return `${String(id.length).padStart(4, '0')}${id}`;
}

/** The key `sinceId` compares with: a digit id, leading zeros dropped (`007` is 7). */
export function sinceIdKey(sinceId: string): string {
  return idKey(sinceId.replace(/^0+(?=\d)/, ''));
}

/** Only the digits of a text: what the `phone` filter compares. */
export const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** JSON with object keys sorted: two customers are the same version when these are equal. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The columns of `mirror_customers` after `store_id`, in this order. */
export const mirrorColumnNames = [
  'id',
  'id_key',
  'customer',
  'email_lc',
  'first_lc',
  'last_lc',
  'first_key',
  'full_name_lc',
  'phone_digits',
  'created_at',
  'updated_at',
  'accepts_marketing',
  'orders_count',
  'total_spent',
] as const;

/** A mirrored customer's row values (in `mirrorColumnNames` order) and its country codes and tags. */
export interface MirrorRow {
  readonly values: readonly SqlValue[];
  readonly countries: readonly string[];
  readonly tags: readonly string[];
}

const nullableLower = (text: string | null): string | null => (text === null ? null : lowerCase(text));

/** What the mirror stores of a customer: its JSON, and a column for every filter and sort. */
export function mirrorRowOf(customer: Customer): MirrorRow {
  const fullName = [customer.firstName, customer.lastName].filter((part) => part !== null).join(' ');
  const countries = new Set<string>();
  for (const address of customer.addresses) {
    if (address.country?.code) countries.add(address.country.code.toUpperCase());
  }
  return {
    values: [
      customer.id,
      idKey(customer.id),
      JSON.stringify(customer),
      nullableLower(customer.email),
      nullableLower(customer.firstName),
      nullableLower(customer.lastName),
      // §4: a null firstName orders as empty.
      lowerCase(customer.firstName ?? ''),
      lowerCase(fullName),
      customer.phone === null ? null : digitsOf(customer.phone),
      customer.dates.createdAt,
      customer.dates.updatedAt,
      customer.acceptsMarketing === null ? null : customer.acceptsMarketing ? 1 : 0,
      customer.ordersCount,
      customer.totalSpent,
    ],
    countries: [...countries],
    tags: [...new Set(customer.tags.map((tag) => lowerCase(tag.trim())))],
  };
}
