import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const storeTokenPattern = /^uc_[A-Za-z0-9_-]{43}$/;

/** A new store access token: `uc_` + 256 random bits, base64url. Shown once, stored as a hash. */
export function generateStoreToken(): string {
  return `uc_${randomBytes(32).toString('base64url')}`;
}

/** Whether a value has the shape of a store access token (checked before any lookup). */
export function isStoreTokenShaped(value: string): boolean {
  return storeTokenPattern.test(value);
}

/** SHA-256 of a token, hex: what the stores registry keeps and looks tokens up by. */
export function hashStoreToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two secrets in constant time (both hashed first, so their lengths do not leak). */
export function secretsEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
