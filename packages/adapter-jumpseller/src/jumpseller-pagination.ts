import type { NativePage } from '@unicart/core';

/** Jumpseller's largest `limit`; above it the server silently answers 100 (sheet §3). */
export const maxJumpsellerLimit = 100;

/**
 * One page of a page-numbered Jumpseller list (`?limit&page`, 1-based, sheet §4) starting at an
 * item offset. Cursors carry offsets so the caller may change its page size between pages: the page
 * holding `offset` is read at the new size and the items before `offset` dropped. A full page may
 * have more after it; a short or empty page is the last (there is no total).
 */
export async function fetchNumberedPage<Item>(
  fetchPage: (page: number, limit: number) => Promise<readonly Item[]>,
  offset: number,
  size: number,
): Promise<NativePage<Item, number>> {
  const limit = Math.min(size, maxJumpsellerLimit);
  const page = Math.floor(offset / limit) + 1;
  const items = await fetchPage(page, limit);
  return {
    items: items.slice(offset - (page - 1) * limit),
    next: items.length < limit ? null : page * limit,
  };
}
