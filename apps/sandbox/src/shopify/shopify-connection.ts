import { GraphQLError } from 'graphql';

/** Largest `first`/`last` Shopify accepts (sheet §3). */
export const maxPageSize = 250;

/** The paging arguments every connection field takes. */
export interface ConnectionArguments {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly after?: string | null;
  readonly before?: string | null;
  readonly reverse?: boolean | null;
}

/** The position of an item in its ordering: the sort value and the id that breaks ties. */
export interface SortPosition {
  readonly id: number;
  readonly value: number | string;
}

/** A Relay connection as the schema's `XxxConnection` types expect it. */
export interface Connection<Node> {
  readonly edges: readonly { readonly cursor: string; readonly node: Node }[];
  readonly nodes: readonly Node[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
}

const collator = new Intl.Collator('en');

function comparePositions(left: SortPosition, right: SortPosition): number {
  const byValue =
    typeof left.value === 'string' && typeof right.value === 'string'
      ? collator.compare(left.value, right.value)
      : Number(left.value) - Number(right.value);
  return byValue === 0 ? left.id - right.id : byValue;
}

/** Shopify's cursor shape: base64 of `{"last_id":…,"last_value":…}`. */
function encodeCursor(position: SortPosition): string {
  return Buffer.from(JSON.stringify({ last_id: position.id, last_value: position.value })).toString('base64');
}

function decodeCursor(cursor: string): SortPosition {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as {
      last_id?: unknown;
      last_value?: unknown;
    };
    if (
      typeof decoded.last_id === 'number' &&
      (typeof decoded.last_value === 'number' || typeof decoded.last_value === 'string')
    ) {
      return { id: decoded.last_id, value: decoded.last_value };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new GraphQLError(`Invalid cursor for current pagination: ${cursor}`, {
    extensions: { code: 'BAD_REQUEST' },
  });
}

function pageSize(name: 'first' | 'last', value: number | null | undefined, limit: number): number | null {
  if (value === null || value === undefined) return null;
  if (value < 0)
    throw new GraphQLError(`${name} must be a non-negative integer`, { extensions: { code: 'BAD_REQUEST' } });
  if (value > limit) {
    throw new GraphQLError(`The ${name} argument cannot exceed ${limit}.`, {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  return value;
}

/**
 * One page of `items` ordered by `positionOf` (value, then id; descending with `reverse`). Cursors
 * hold the position, not an index, so a page stays correct when items are added or removed between
 * requests. Exactly one of `first`/`last` is required (sheet §2, "you must provide one of first or last").
 * `limit` is the largest page (250; a bulk operation reads nested connections whole).
 */
export function connectionOf<Item, Node>(
  items: Iterable<Item>,
  args: ConnectionArguments,
  positionOf: (item: Item) => SortPosition,
  toNode: (item: Item) => Node,
  limit: number = maxPageSize,
): Connection<Node> {
  const first = pageSize('first', args.first, limit);
  const last = pageSize('last', args.last, limit);
  if (first === null && last === null) {
    throw new GraphQLError('you must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
  }
  const direction = args.reverse === true ? -1 : 1;
  const ordered = [...items]
    .map((item) => ({ item, position: positionOf(item) }))
    .sort((left, right) => comparePositions(left.position, right.position) * direction);
  const after = args.after ? decodeCursor(args.after) : null;
  const before = args.before ? decodeCursor(args.before) : null;
  let start = 0;
  let end = ordered.length;
  if (after !== null) {
    const index = ordered.findIndex((entry) => comparePositions(entry.position, after) * direction > 0);
    start = index === -1 ? ordered.length : index;
  }
  if (before !== null) {
    const index = ordered.findIndex((entry) => comparePositions(entry.position, before) * direction >= 0);
    end = Math.max(start, index === -1 ? ordered.length : index);
  }
  if (first !== null) end = Math.min(end, start + first);
  if (last !== null) start = Math.max(start, end - last);
  const page = ordered
    .slice(start, end)
    .map(({ item, position }) => ({ cursor: encodeCursor(position), node: toNode(item) }));
  return {
    edges: page,
    nodes: page.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: end < ordered.length,
      hasPreviousPage: start > 0,
      startCursor: page[0]?.cursor ?? null,
      endCursor: page[page.length - 1]?.cursor ?? null,
    },
  };
}
