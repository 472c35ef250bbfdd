import type { Customer } from '../models/customer';
import type { CustomerSort } from './customer-query';

/** The fields a sort looks at. */
export type SortableCustomer = Pick<Customer, 'id' | 'email' | 'firstName' | 'lastName' | 'dates'>;

/** ASCII letters folded to lower case, nothing else: the collation every store can reproduce (SQL `lower`). */
function foldAscii(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Numeric order of digit-only ids of any length; other ids after them, by text. */
export function compareIds(left: string, right: string): number {
  const leftNumeric = /^\d+$/.test(left);
  const rightNumeric = /^\d+$/.test(right);
  if (leftNumeric && rightNumeric) {
    const difference = BigInt(left) - BigInt(right);
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
  }
  if (leftNumeric !== rightNumeric) return leftNumeric ? -1 : 1;
  return compareText(left, right);
}

/** The sort key of a customer as comparable text, `null` when it sorts last (§4). */
function sortValue(customer: SortableCustomer, key: CustomerSort['key']): string | null {
  switch (key) {
    case 'createdAt':
      return customer.dates.createdAt;
    case 'updatedAt':
      return customer.dates.updatedAt;
    case 'email':
      return customer.email === null ? null : foldAscii(customer.email);
    case 'name':
      // lastName, then firstName; U+0000 keeps "Ng, Ana" before "Nguyen" whatever follows.
      return customer.lastName === null
        ? null
        : `${foldAscii(customer.lastName)}\u0000${foldAscii(customer.firstName ?? '')}`;
    case 'id':
      return customer.id;
  }
}

/**
 * The order of §4's `sort`: ascending or descending on the key, ties broken by id in the same
 * direction, a `null` key last in both directions; `email` and `name` compare with ASCII letters
 * case-folded, then by UTF-16 code units. Use it to emulate a sort, or to check a platform's.
 */
export function customerSortComparator(
  sort: CustomerSort,
): (left: SortableCustomer, right: SortableCustomer) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (left, right) => {
    if (sort.key !== 'id') {
      const leftValue = sortValue(left, sort.key);
      const rightValue = sortValue(right, sort.key);
      if (leftValue === null || rightValue === null) {
        if (leftValue !== rightValue) return leftValue === null ? 1 : -1;
      } else {
        const order = compareText(leftValue, rightValue);
        if (order !== 0) return sign * order;
      }
    }
    return sign * compareIds(left.id, right.id);
  };
}
