// Pages are addressed by offset (core's offset cursors), not page number: an offset stays right
// whatever the page size and lets a list start anywhere (after a `sinceId`); `offset` overrides
// `page` (sheet §2.1).

/** `X-WP-Total` (matching records), or `null` when a proxy dropped it (sheet §3). */
export function readTotal(headers: Headers): number | null {
  // Headers.get is case-insensitive, so lower-cased names from proxies are found too.
  const value = headers.get('x-wp-total')?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : null;
}

/**
 * The offset of the next page, or `null` after the last one. `X-WP-Total` decides (it counts every
 * match, whatever the offset); without it, a short page is the last.
 */
export function nextOffset(
  offset: number,
  perPage: number,
  received: number,
  total: number | null,
): number | null {
  const next = offset + perPage;
  if (total !== null) return next < total ? next : null;
  return received < perPage ? null : next;
}
