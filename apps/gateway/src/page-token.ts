import { createHash, createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import { InvalidRequestError } from '@unicart/core';

/** Issues and opens the opaque `pagination.next` tokens the gateway hands to callers. */
export interface PageTokenCodec {
  /** Wraps an adapter cursor, bound to what the page was listed with (filters, store, route). */
  issue(cursor: string, binding: unknown): string;
  /** Returns the cursor; throws `InvalidRequestError` for a forged, tampered or re-bound token. */
  open(token: string, binding: unknown): string;
}

const version = 'v1';
const maxTokenLength = 4096;

/** JSON with object keys sorted, so equal values serialise equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function bindingDigest(binding: unknown): string {
  return createHash('sha256').update(canonicalJson(binding)).digest('base64url').slice(0, 22);
}

function invalidToken(): InvalidRequestError {
  return new InvalidRequestError(
    'Invalid page token: pass back the pagination.next value unchanged, with the same filters and limit',
    { issues: [{ path: 'page', message: 'was not issued by this gateway for these filters' }] },
  );
}

/**
 * Versioned, HMAC-SHA256-signed page tokens: `v1.<payload>.<signature>`. The key comes from the
 * caller (the gateway derives it from `UNICART_SECRET_KEY`), so tokens survive restarts and work
 * across gateway instances that share the key.
 */
export function createPageTokenCodec(options: { readonly key: string | Uint8Array }): PageTokenCodec {
  if (options.key.length < 16) throw new Error('The page token key must be at least 16 bytes long');
  // Imported once: a raw key would be imported again for every token.
  const key = createSecretKey(
    typeof options.key === 'string' ? Buffer.from(options.key, 'utf8') : options.key,
  );
  const sign = (payload: string) => createHmac('sha256', key).update(`${version}.${payload}`).digest();

  return {
    issue(cursor, binding) {
      const payload = Buffer.from(JSON.stringify({ c: cursor, b: bindingDigest(binding) })).toString(
        'base64url',
      );
      return `${version}.${payload}.${sign(payload).toString('base64url')}`;
    },
    open(token, binding) {
      if (token.length > maxTokenLength) throw invalidToken();
      const [tokenVersion, payload, signature, ...rest] = token.split('.');
      if (tokenVersion !== version || !payload || !signature || rest.length > 0) throw invalidToken();
      const expected = sign(payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidToken();
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw invalidToken();
      }
      const { c: cursor, b: digest } = (decoded ?? {}) as { c?: unknown; b?: unknown };
      if (typeof cursor !== 'string' || digest !== bindingDigest(binding)) throw invalidToken();
      return cursor;
    },
  };
}
