import type { CustomerFilters } from '../query/customer-query';
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

/** Whether a native customer satisfies every filter but `search` (whose matching is the platform's). */
export function expectedToMatch(facts: NativeCustomerFacts, filters: CustomerFilters): boolean {
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
