/** `X-WP-Total` (matching records), or `null` when a proxy dropped it (sheet §3). */
export function readTotal(headers: Headers): number | null {
  // Headers.get is case-insensitive, so lower-cased names from proxies are found too.
  const value = headers.get('x-wp-total')?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : null;
}
