import { InvalidRequestError } from '../errors/invalid-request-error';

/**
 * Offset positions as adapter cursors, for platforms paged by offset. An offset stays right
 * whatever the page size, so a caller may change `limit` between pages.
 */
export function encodeOffsetCursor(offset: number): string {
  return String(offset);
}

/** The offset a cursor holds (`null`: the start); a cursor the adapter did not issue is a 400. */
export function decodeOffsetCursor(cursor: string | null, platform: string): number {
  if (cursor === null) return 0;
  if (!/^\d{1,15}$/.test(cursor)) {
    throw new InvalidRequestError(`Invalid page cursor for ${platform}`, {
      platform,
      issues: [{ path: 'page', message: `was not issued by the ${platform} adapter` }],
    });
  }
  return Number(cursor);
}
