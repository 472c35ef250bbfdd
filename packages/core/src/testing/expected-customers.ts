import type { CustomerFilters, CustomerSort } from '../query/customer-query';
import type { NativeCustomerFacts } from './conformance-options';

/*
 * The contract's filter semantics (docs/api-contract.md §2), written out again on purpose: the kit's oracle
 * must not share code with the adapters and core helpers it checks.
 */

function numericIdAbove(id: string, than: string): boolean {
  return /^\d+$/.test(id) && /^\d+$/.test(than) && BigInt(id) > BigInt(than);
}

function instantWithin(instant: Date | null, range: { from?: string; to?: string } | undefined): boolean {
  if (range === undefined) return true;
  if (instant === null) return false;
  const time = instant.getTime();
  return (
    (range.from === undefined || time >= Date.parse(range.from)) &&
    (range.to === undefined || time <= Date.parse(range.to))
  );
}

function fullName(facts: NativeCustomerFacts): string {
  return [facts.firstName, facts.lastName].filter((part) => part !== null && part !== '').join(' ');
}

function known<Value>(value: Value | undefined, filter: string): Value {
  if (value === undefined) throw new Error(`The oracle cannot tell '${filter}' from the native record`);
  return value;
}

function withinBounds(value: number | null, range: { min?: number; max?: number }): boolean {
  if (value === null) return false;
  return !(range.min !== undefined && value < range.min) && !(range.max !== undefined && value > range.max);
}

const digitsOnly = (text: string) =>
  [...text].filter((character) => character >= '0' && character <= '9').join('');

/** §4's filters (docs/api-contract.md §4), on the facts. */
function expectedToMatchExtended(facts: NativeCustomerFacts, filters: CustomerFilters): boolean {
  if (filters.acceptsMarketing !== undefined) {
    if (known(facts.acceptsMarketing, 'acceptsMarketing') !== filters.acceptsMarketing) return false;
  }
  if (
    filters.ordersCount !== undefined &&
    !withinBounds(known(facts.ordersCount, 'ordersCount'), filters.ordersCount)
  ) {
    return false;
  }
  if (
    filters.totalSpent !== undefined &&
    !withinBounds(known(facts.totalSpent, 'totalSpent'), filters.totalSpent)
  ) {
    return false;
  }
  if (filters.country !== undefined) {
    const wanted = filters.country.map((code) => code.toUpperCase());
    const codes = known(facts.countryCodes, 'country');
    if (!codes.some((code) => code !== null && wanted.includes(code.toUpperCase()))) return false;
  }
  if (filters.tags !== undefined) {
    const tags = known(facts.tags, 'tags').map((tag) => tag.trim().toLowerCase());
    if (!filters.tags.every((tag) => tags.includes(tag.toLowerCase()))) return false;
  }
  if (filters.phone !== undefined) {
    if (facts.phone === null || !digitsOnly(facts.phone).includes(digitsOnly(filters.phone))) return false;
  }
  return true;
}

/** Whether a native customer satisfies every filter but `search` (whose matching is the platform's). */
export function expectedToMatch(facts: NativeCustomerFacts, filters: CustomerFilters): boolean {
  if (!expectedToMatchExtended(facts, filters)) return false;
  if (filters.ids !== undefined && !filters.ids.includes(facts.id)) return false;
  if (filters.sinceId !== undefined && !numericIdAbove(facts.id, filters.sinceId)) return false;
  if (!instantWithin(facts.createdAt, filters.createdAt)) return false;
  if (!instantWithin(facts.updatedAt, filters.updatedAt)) return false;
  if (filters.email !== undefined && facts.email?.toLowerCase() !== filters.email.toLowerCase()) return false;
  if (filters.name !== undefined && !fullName(facts).toLowerCase().includes(filters.name.toLowerCase())) {
    return false;
  }
  return true;
}

/** Numeric order of digit-only ids of any length. */
export function byNumericId(left: string, right: string): number {
  return numericIdAbove(left, right) ? 1 : numericIdAbove(right, left) ? -1 : 0;
}

/** The facts' value a sort orders by, `null` when it goes last (§4). */
function sortKeyOf(facts: NativeCustomerFacts, key: CustomerSort['key']): number | string | null {
  switch (key) {
    case 'createdAt':
      return facts.createdAt === null ? null : facts.createdAt.getTime();
    case 'updatedAt':
      return facts.updatedAt === null ? null : facts.updatedAt.getTime();
    case 'email':
      return facts.email === null ? null : facts.email.toLowerCase();
    case 'name':
      return facts.lastName === null
        ? null
        : `${facts.lastName.toLowerCase()}\u0000${(facts.firstName ?? '').toLowerCase()}`;
    case 'id':
      return null;
  }
}

/**
 * The order §4's `sort` gives: the key in the sort's direction, ties by numeric id in the same
 * direction, customers without the key last in both directions. Text keys compare lower-cased, code
 * unit by code unit; a platform whose collation differs beyond ASCII case needs ASCII data.
 */
export function expectedOrder(
  sort: CustomerSort,
): (left: NativeCustomerFacts, right: NativeCustomerFacts) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (left, right) => {
    const leftKey = sortKeyOf(left, sort.key);
    const rightKey = sortKeyOf(right, sort.key);
    if (leftKey === null && rightKey !== null) return 1;
    if (rightKey === null && leftKey !== null) return -1;
    if (leftKey !== null && rightKey !== null && leftKey !== rightKey)
      return leftKey < rightKey ? -sign : sign;
    return sign * byNumericId(left.id, right.id);
  };
}
