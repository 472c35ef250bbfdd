import { randomBytes } from 'node:crypto';

/** A random secret in a platform's token shape, e.g. `secret_3f9a…` (128 bits). */
export function randomToken(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}
