import { InvalidRequestError } from '../errors/invalid-request-error';
import type { Page } from './v1/customer-adapter-v1';
import type { NativePage } from './v1/customer-driver';

export interface CollectFilteredPageOptions<Item> {
  readonly limit: number;
  /** The cursor this helper issued for the previous page, or `null`. */
  readonly cursor: string | null;
  /** Fetches the native page at a native position (`null`: the first page). */
  readonly fetchPage: (nativeCursor: string | null) => Promise<NativePage<Item>>;
  /** Whether an item satisfies the filters the platform could not apply itself. */
  readonly keep: (item: Item) => boolean;
  /**
   * Upstream pages one call may read at most. When reached, the page is returned short (possibly
   * empty) with a cursor to continue from, so one request never scans a whole store.
   */
  readonly maxUpstreamPages?: number | undefined;
  /**
   * The native position just after an item (a per-item cursor, as GraphQL `edges { cursor }`). When
   * given, a page that ends mid-way through a native page resumes after its last item, not at a
   * count of items into that page, which shifts when items are added or removed in between. An item
   * without one (`undefined`) resumes at its count into the page.
   */
  readonly itemCursor?: ((item: Item) => string | undefined) | undefined;
}

interface FilteredCursor {
  /** Native position of the page being read. */
  readonly n: string | null;
  /** Items of that native page already examined. */
  readonly s: number;
}

function malformedCursor(): InvalidRequestError {
  return new InvalidRequestError(
    'Invalid page cursor: pass back the nextCursor of the previous page unchanged',
    {
      issues: [{ path: 'page', message: 'is not a cursor this adapter issued' }],
    },
  );
}

function decodeCursor(cursor: string | null): FilteredCursor {
  if (cursor === null) return { n: null, s: 0 };
  let parsed: Partial<FilteredCursor> | null;
  try {
    parsed = JSON.parse(cursor) as Partial<FilteredCursor> | null;
  } catch {
    throw malformedCursor();
  }
  const valid =
    parsed !== null &&
    typeof parsed === 'object' &&
    (typeof parsed.n === 'string' || parsed.n === null) &&
    Number.isInteger(parsed.s) &&
    (parsed.s ?? -1) >= 0;
  if (!valid) throw malformedCursor();
  return { n: parsed?.n ?? null, s: parsed?.s ?? 0 };
}

const encodeCursor = (cursor: FilteredCursor): string => JSON.stringify(cursor);

/** A collected page, and where the list resumes after each of its items. */
export interface CollectedPage<Item> extends Page<Item> {
  /**
   * The cursor resuming just after `items[i]` (`null` when nothing follows), so a caller that returns
   * only the first records can resume exactly after the last one it returns.
   */
  readonly cursorsAfter: readonly (string | null)[];
}

/**
 * Emulates a filter the platform cannot apply: reads native pages, keeps matching items, and
 * remembers the native position plus how far into that page it got, so the filter stays correct
 * across pages (no item skipped or repeated, whatever the page size).
 */
export async function collectFilteredPage<Item>(
  options: CollectFilteredPageOptions<Item>,
): Promise<CollectedPage<Item>> {
  const maxUpstreamPages = options.maxUpstreamPages ?? 20;
  let position = decodeCursor(options.cursor);
  const items: Item[] = [];
  const cursorsAfter: (string | null)[] = [];
  for (let read = 0; read < maxUpstreamPages; read += 1) {
    const page = await options.fetchPage(position.n);
    for (let index = position.s; index < page.items.length; index += 1) {
      const item = page.items[index] as Item;
      if (!options.keep(item)) continue;
      const rest = index + 1;
      let after: string | null;
      if (rest < page.items.length) {
        const itemCursor = options.itemCursor?.(item);
        after = encodeCursor(itemCursor === undefined ? { n: position.n, s: rest } : { n: itemCursor, s: 0 });
      } else {
        after = page.next === null ? null : encodeCursor({ n: page.next, s: 0 });
      }
      items.push(item);
      cursorsAfter.push(after);
      if (items.length === options.limit) return { items, nextCursor: after, cursorsAfter };
    }
    if (page.next === null) return { items, nextCursor: null, cursorsAfter };
    position = { n: page.next, s: 0 };
  }
  return { items, nextCursor: encodeCursor(position), cursorsAfter };
}
