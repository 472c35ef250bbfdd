import { createHmac, timingSafeEqual } from 'node:crypto';

/** Text encodings platforms send signatures in. */
export type SignatureEncoding = 'base64' | 'hex';

/** HMAC-SHA256 of `message` (bytes, or text as UTF-8) with `key` (bytes, or text as UTF-8). */
export function hmacSha256(key: string | Uint8Array, message: string | Uint8Array): Uint8Array {
  return createHmac('sha256', key).update(message).digest();
}

/**
 * Whether `given` is exactly `expected` in `encoding` (hex compared case-insensitively), compared in
 * constant time. A missing or malformed value is simply no match.
 */
export function signatureMatches(
  expected: Uint8Array,
  given: string | undefined,
  encoding: SignatureEncoding,
): boolean {
  if (given === undefined) return false;
  const wanted = Buffer.from(Buffer.from(expected).toString(encoding));
  const received = Buffer.from(encoding === 'hex' ? given.trim().toLowerCase() : given.trim());
  return wanted.length === received.length && timingSafeEqual(wanted, received);
}
