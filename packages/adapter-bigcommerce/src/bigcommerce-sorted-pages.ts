import type { NativePage } from '@unicart/core';
import type { BigCommerceCustomer } from './bigcommerce-api';
import type { BigCommerceDateField, BigCommerceSort } from './translate-bigcommerce-query';

/**
 * Where a sorted list resumes: after the customer `id` whose sort date is `seconds` (UNIX). `partial`:
 * that customer's tie group (same second) may hold more customers after it, in id order.
 */
export interface KeysetPosition {
  readonly seconds: number;
  readonly id: number;
  readonly partial: boolean;
}

/** One upstream page: the customers and the cursor after them, `null` on the last page. */
export interface UpstreamCustomers {
  readonly items: readonly BigCommerceCustomer[];
  readonly after: string | null;
}

/** Reads `GET /v3/customers` with these parameters: sorted offset page 1, or a cursor walk after `after`. */
export type ReadCustomers = (
  query: Readonly<Record<string, string>>,
  limit: number,
  after: string | null,
) => Promise<UpstreamCustomers>;

/** The largest v3 page (sheet §2.1). */
const maxLimit = 250;

const isoSecond = (seconds: number) => `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;

function secondsOf(customer: BigCommerceCustomer, field: BigCommerceDateField): number {
  return Math.floor(Date.parse(customer[field] ?? '') / 1000);
}

function parseBound(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Math.floor(Date.parse(value) / 1000);
}

/**
 * Sorted pages of `GET /v3/customers` whose ties (customers of the same second) come in id order in
 * the sort's direction (CONTRACT §4), whatever order BigCommerce gives ties (unconfirmed): pages are
 * read by key (`date_*:min` / `:max` beyond the last customer's second), each page ends after its
 * last complete second, and a second is only ever read whole (`:min` = `:max`) when it alone fills
 * a page. Offset pages are never used: a key does not shift when customers are added or removed.
 */
export async function fetchSortedPage(
  read: ReadCustomers,
  query: Readonly<Record<string, string>>,
  sort: BigCommerceSort,
  position: KeysetPosition | null,
  size: number,
): Promise<NativePage<BigCommerceCustomer, KeysetPosition>> {
  const { field, direction } = sort;
  const sign = direction === 'asc' ? 1 : -1;
  const byId = (left: BigCommerceCustomer, right: BigCommerceCustomer) => sign * (left.id - right.id);
  const inOrder = (customers: readonly BigCommerceCustomer[]) =>
    [...customers].sort(
      (left, right) => sign * (secondsOf(left, field) - secondsOf(right, field)) || byId(left, right),
    );
  const at = (customer: BigCommerceCustomer, partial: boolean): KeysetPosition => ({
    seconds: secondsOf(customer, field),
    id: customer.id,
    partial,
  });

  /** Every customer of one second (with the other filters), in id order of the direction. */
  async function wholeSecond(seconds: number): Promise<BigCommerceCustomer[]> {
    const same = { ...query, [`${field}:min`]: isoSecond(seconds), [`${field}:max`]: isoSecond(seconds) };
    const customers: BigCommerceCustomer[] = [];
    let after: string | null = null;
    do {
      const page: UpstreamCustomers = await read(same, maxLimit, after);
      customers.push(...page.items);
      after = page.after;
    } while (after !== null);
    return customers.sort(byId);
  }

  /** Up to `needed` customers of one second, after `afterId` when given; `partial` when more remain. */
  async function fromSecond(seconds: number, afterId: number | null, needed: number) {
    const rest = (await wholeSecond(seconds)).filter(
      (customer) => afterId === null || sign * (customer.id - afterId) > 0,
    );
    const taken = rest.slice(0, needed);
    return { taken, partial: taken.length < rest.length };
  }

  const items: BigCommerceCustomer[] = [];
  if (position?.partial) {
    const { taken, partial } = await fromSecond(position.seconds, position.id, size);
    items.push(...taken);
    const last = taken[taken.length - 1];
    if (partial && last !== undefined) return { items, next: at(last, true) };
  }
  const needed = size - items.length;
  const lastItem = items[items.length - 1];
  if (needed === 0 && lastItem !== undefined) return { items, next: at(lastItem, false) };

  // Beyond the position's second, within the caller's own bounds on the same field.
  const bounds = { min: parseBound(query[`${field}:min`]), max: parseBound(query[`${field}:max`]) };
  if (position !== null) {
    if (direction === 'asc') bounds.min = Math.max(bounds.min ?? -Infinity, position.seconds + 1);
    else bounds.max = Math.min(bounds.max ?? Infinity, position.seconds - 1);
  }
  if (bounds.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max) {
    return { items, next: null };
  }
  const beyond: Record<string, string> = { ...query, sort: `${field}:${direction}` };
  if (bounds.min !== undefined) beyond[`${field}:min`] = isoSecond(bounds.min);
  if (bounds.max !== undefined) beyond[`${field}:max`] = isoSecond(bounds.max);
  // One more than needed tells whether the last second needed is complete.
  const limit = Math.min(needed + 1, maxLimit);
  const page = await read(beyond, limit, null);
  if (page.items.length < limit) return { items: [...items, ...inOrder(page.items)], next: null };

  const cut = page.items[page.items.length - 1] as BigCommerceCustomer;
  const complete = page.items.filter((customer) => secondsOf(customer, field) !== secondsOf(cut, field));
  if (complete.length > 0) {
    const kept = inOrder(complete).slice(0, needed);
    const last = kept[kept.length - 1] as BigCommerceCustomer;
    return { items: [...items, ...kept], next: at(last, false) };
  }
  // The whole page is one second: read that second whole.
  const { taken, partial } = await fromSecond(secondsOf(cut, field), null, needed);
  const last = taken[taken.length - 1] ?? cut;
  return { items: [...items, ...taken], next: at(last, partial) };
}
