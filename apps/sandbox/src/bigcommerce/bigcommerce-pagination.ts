import { BigCommerceError, unprocessable } from './bigcommerce-error';
import type { BigCommerceParameters } from './bigcommerce-parameters';

/** `limit` default and maximum of v3 and v2 collections (sheet §2.1, §3). */
export const defaultLimit = 50;
export const maxLimit = 250;

/** An opaque cursor: base64url of `{"id":N}` (sheet §3). */
export function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ id })).toString('base64url');
}

function decodeCursor(name: string, cursor: string): number {
  try {
    const id = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { id?: unknown }).id;
    if (Number.isInteger(id)) return id as number;
  } catch {
    // answered below
  }
  throw unprocessable(`The filter(s): ${name} are invalid.`, { [name]: 'is not a valid cursor' });
}

function isInIdOrder(items: readonly { id: number }[]): boolean {
  for (let index = 1; index < items.length; index += 1) {
    if ((items[index - 1] as { id: number }).id > (items[index] as { id: number }).id) return false;
  }
  return true;
}

/** The index of the first item whose id is above `id`, in items sorted by id (a binary search). */
function firstIndexAbove(items: readonly { id: number }[], id: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle] as { id: number }).id > id) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** One v3 page and its `meta` (sheet §3). */
export interface V3Page<Item> {
  readonly items: Item[];
  readonly meta: Record<string, unknown>;
}

/**
 * Pages `items` as v3 collections do. With `after`/`before` the items are taken in id order (a sort
 * is not applied) and only `cursor_pagination` is answered; otherwise offset pages, with both
 * `pagination` and `cursor_pagination` on the first page and only `pagination` after it.
 */
export function pageV3<Item extends { id: number }>(
  parameters: BigCommerceParameters,
  sorted: readonly Item[],
  cursorsSupported: boolean,
): V3Page<Item> {
  const limit = parameters.positive('limit', defaultLimit, maxLimit);
  const after = cursorsSupported ? parameters.text('after') : undefined;
  const before = cursorsSupported ? parameters.text('before') : undefined;
  if (after !== undefined && before !== undefined) {
    throw new BigCommerceError(422, 'The filter(s): after, before are invalid.', {
      after: 'after and before cannot be used together',
    });
  }
  const cursorMeta = (items: readonly Item[], hasNext: boolean, hasPrevious: boolean) => {
    const first = items[0];
    const last = items[items.length - 1];
    return {
      count: items.length,
      per_page: limit,
      start_cursor: first === undefined ? null : encodeCursor(first.id),
      end_cursor: last === undefined ? null : encodeCursor(last.id),
      links: {
        ...(hasPrevious && first !== undefined
          ? { previous: `?before=${encodeCursor(first.id)}&limit=${limit}` }
          : {}),
        ...(hasNext && last !== undefined ? { next: `?after=${encodeCursor(last.id)}&limit=${limit}` } : {}),
      },
    };
  };
  if (after !== undefined || before !== undefined) {
    const byId = isInIdOrder(sorted) ? sorted : [...sorted].sort((left, right) => left.id - right.id);
    if (after !== undefined) {
      const start = firstIndexAbove(byId, decodeCursor('after', after));
      const items = byId.slice(start, start + limit);
      return {
        items,
        meta: { cursor_pagination: cursorMeta(items, byId.length > start + limit, start > 0) },
      };
    }
    const end = firstIndexAbove(byId, decodeCursor('before', before as string) - 1);
    const items = byId.slice(Math.max(0, end - limit), end);
    return { items, meta: { cursor_pagination: cursorMeta(items, true, end > limit) } };
  }
  const page = parameters.positive('page', 1);
  const total = sorted.length;
  const totalPages = Math.ceil(total / limit);
  const items = sorted.slice((page - 1) * limit, page * limit);
  const pagination = {
    total,
    count: items.length,
    per_page: limit,
    current_page: page,
    total_pages: totalPages,
    links: {
      ...(page > 1 ? { previous: `?page=${page - 1}&limit=${limit}` } : {}),
      current: `?page=${page}&limit=${limit}`,
      ...(page < totalPages ? { next: `?page=${page + 1}&limit=${limit}` } : {}),
    },
  };
  return {
    items,
    meta: {
      pagination,
      ...(page === 1 && cursorsSupported
        ? { cursor_pagination: cursorMeta(items, total > items.length, false) }
        : {}),
    },
  };
}

/** One v2 page: a bare array (sheet §2); `page`/`limit` as v3. */
export function pageV2<Item>(parameters: BigCommerceParameters, items: readonly Item[]): Item[] {
  const limit = parameters.positive('limit', defaultLimit, maxLimit);
  const page = parameters.positive('page', 1);
  return items.slice((page - 1) * limit, page * limit);
}
