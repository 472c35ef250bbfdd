import type { Customer } from '@unicart/core';
import type { MirrorFilters, MirrorSort } from '../../src/sync/mirror-query';

/**
 * The contract's filter and sort semantics (CONTRACT.md §2, §4, §5 "Reading from the mirror")
 * written plainly over whole customers: what the mirror's SQL must agree with.
 */
const lower = (text: string) => text.toLocaleLowerCase('en');
const within = (value: number | null, range: { min?: number; max?: number } | undefined) =>
  range === undefined ||
  (value !== null &&
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max));
const between = (iso: string | null, range: { from?: string; to?: string } | undefined) =>
  range === undefined ||
  (iso !== null &&
    (range.from === undefined || Date.parse(iso) >= Date.parse(range.from)) &&
    (range.to === undefined || Date.parse(iso) <= Date.parse(range.to)));

export function oracleMatches(customer: Customer, filters: MirrorFilters): boolean {
  const has = (text: string | null, needle: string) => text !== null && lower(text).includes(lower(needle));
  if (filters.ids !== undefined && !filters.ids.includes(customer.id)) return false;
  if (filters.sinceId !== undefined && !(BigInt(customer.id) > BigInt(filters.sinceId))) return false;
  if (!between(customer.dates.createdAt, filters.createdAt)) return false;
  if (!between(customer.dates.updatedAt, filters.updatedAt)) return false;
  if (
    filters.email !== undefined &&
    (customer.email === null || lower(customer.email) !== lower(filters.email))
  ) {
    return false;
  }
  if (filters.name !== undefined) {
    const fullName = [customer.firstName, customer.lastName].filter((part) => part !== null).join(' ');
    if (!has(fullName, filters.name)) return false;
  }
  if (
    filters.search !== undefined &&
    !has(customer.firstName, filters.search) &&
    !has(customer.lastName, filters.search) &&
    !has(customer.email, filters.search)
  ) {
    return false;
  }
  if (filters.acceptsMarketing !== undefined && customer.acceptsMarketing !== filters.acceptsMarketing)
    return false;
  if (!within(customer.ordersCount, filters.ordersCount)) return false;
  if (!within(customer.totalSpent, filters.totalSpent)) return false;
  if (
    filters.country !== undefined &&
    !customer.addresses.some((address) => filters.country?.includes(address.country?.code ?? '') === true)
  ) {
    return false;
  }
  if (filters.tags !== undefined) {
    const present = customer.tags.map((tag) => lower(tag.trim()));
    if (!filters.tags.every((tag) => present.includes(lower(tag)))) return false;
  }
  if (filters.phone !== undefined) {
    if (customer.phone === null || !customer.phone.replace(/[^0-9]/g, '').includes(filters.phone))
      return false;
  }
  return true;
}

/** Code point order, which byte-wise UTF-8 comparison gives. */
const byCodePoints = (left: string, right: string) => {
  const a = [...left].map((char) => char.codePointAt(0) ?? 0);
  const b = [...right].map((char) => char.codePointAt(0) ?? 0);
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    if (a[index] !== b[index]) return (a[index] ?? 0) - (b[index] ?? 0);
  }
  return a.length - b.length;
};

const sortValue = (customer: Customer, key: MirrorSort['key']): string[] | null => {
  switch (key) {
    case 'createdAt':
      return customer.dates.createdAt === null ? null : [customer.dates.createdAt];
    case 'updatedAt':
      return customer.dates.updatedAt === null ? null : [customer.dates.updatedAt];
    case 'email':
      return customer.email === null ? null : [lower(customer.email)];
    case 'name':
      return customer.lastName === null ? null : [lower(customer.lastName), lower(customer.firstName ?? '')];
    case 'id':
      return [];
  }
};

/** The customers in §4's order: the key (nulls last either way), ties by numeric id the same way. */
export function oracleSorted(customers: readonly Customer[], sort: MirrorSort): Customer[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...customers].sort((left, right) => {
    const a = sortValue(left, sort.key);
    const b = sortValue(right, sort.key);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else {
      for (let index = 0; index < a.length; index += 1) {
        const order = byCodePoints(a[index] ?? '', b[index] ?? '');
        if (order !== 0) return sign * order;
      }
    }
    const byId = BigInt(left.id) - BigInt(right.id);
    return sign * (byId > 0n ? 1 : byId < 0n ? -1 : 0);
  });
}
