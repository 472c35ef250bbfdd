import { createHmac } from 'node:crypto';

/** HMAC-SHA256 of `message` with `key`, as a platform puts it in a signature header. */
export function hmacSha256(key: string | Buffer, message: string, encoding: 'base64' | 'hex'): string {
  return createHmac('sha256', key).update(message).digest(encoding);
}
