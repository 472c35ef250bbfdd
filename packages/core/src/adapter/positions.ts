import { decodeOffsetCursor, encodeOffsetCursor } from '../query/offset-cursor';
import type { PositionCodec } from './v1/customer-driver';

/** Numeric offsets into the platform's ordered results as cursors (`"40"`). */
export function offsetPositions(platform: string): PositionCodec<number> {
  return {
    encode: encodeOffsetCursor,
    decode: (cursor) => decodeOffsetCursor(cursor, platform),
  };
}

/** The platform's own page cursors (GraphQL `endCursor`), passed through unchanged. */
export const opaquePositions: PositionCodec<string> = {
  encode: (position) => position,
  decode: (cursor) => cursor,
};

/**
 * The offset of the page after one that started at `offset`, or `null` after the last page. A
 * `total` (every match, whatever the offset) decides when the platform gives one; without it a short
 * page is the last. An empty page always is.
 */
export function nextOffset(page: {
  readonly offset: number;
  readonly requested: number;
  readonly received: number;
  readonly total: number | null;
}): number | null {
  if (page.received === 0) return null;
  const next = page.offset + page.received;
  if (page.total !== null) return next < page.total ? next : null;
  return page.received < page.requested ? null : next;
}

/**
 * The first offset at which `isPast(offset)` holds, for a question that is false up to some offset
 * and true from there on — "is the record at this offset above the id?" on an ascending list, true
 * past the end. Gallops (1, 2, 4 …) then bisects: about 2·log₂ n questions, so a list can start
 * after a `sinceId` the platform cannot filter on without reading every record before it.
 */
export async function findFirstOffset(isPast: (offset: number) => Promise<boolean>): Promise<number> {
  if (await isPast(0)) return 0;
  let before = 0;
  let after = 1;
  while (!(await isPast(after))) {
    before = after;
    after *= 2;
  }
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (await isPast(middle)) after = middle;
    else before = middle;
  }
  return after;
}
