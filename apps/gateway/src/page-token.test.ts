import { InvalidRequestError } from '@unicart/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPageTokenCodec } from './page-token';

const codec = createPageTokenCodec({ key: 'a-test-key-of-sufficient-length' });
const binding = { store: 'st_1', route: 'customers', filters: { email: 'a@b.c' }, limit: 10 };

function rejects(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (error) {
    return InvalidRequestError.isInstance(error);
  }
}

describe('page tokens', () => {
  it('round-trips the cursor for the same binding', () => {
    const token = codec.issue('{"offset":100}', binding);
    expect(token.startsWith('v1.')).toBe(true);
    expect(codec.open(token, binding)).toBe('{"offset":100}');
  });

  it('ignores the key order of the binding', () => {
    const token = codec.issue('c', binding);
    expect(
      codec.open(token, { limit: 10, filters: { email: 'a@b.c' }, route: 'customers', store: 'st_1' }),
    ).toBe('c');
  });

  it('refuses a token replayed with other filters, limit or store', () => {
    const token = codec.issue('c', binding);
    expect(rejects(() => codec.open(token, { ...binding, filters: { email: 'x@b.c' } }))).toBe(true);
    expect(rejects(() => codec.open(token, { ...binding, limit: 11 }))).toBe(true);
    expect(rejects(() => codec.open(token, { ...binding, store: 'st_2' }))).toBe(true);
  });

  it('refuses a token signed with another key, and accepts one from another codec with the same key', () => {
    const token = codec.issue('c', binding);
    expect(
      rejects(() => createPageTokenCodec({ key: 'another-key-of-sufficient-len' }).open(token, binding)),
    ).toBe(true);
    expect(createPageTokenCodec({ key: 'a-test-key-of-sufficient-length' }).open(token, binding)).toBe('c');
  });

  it('refuses a forged payload carrying a copied signature', () => {
    const [, , signature] = codec.issue('c', binding).split('.');
    const forged = Buffer.from(JSON.stringify({ c: 'other', b: 'x' })).toString('base64url');
    expect(rejects(() => codec.open(`v1.${forged}.${signature}`, binding))).toBe(true);
  });

  it('refuses any string that it did not issue', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (token) => {
        expect(rejects(() => codec.open(token, binding))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every single-character change to a valid token', () => {
    const token = codec.issue('{"n":"abc","s":3}', binding);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: token.length - 1 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'),
        (index, character) => {
          fc.pre(token[index] !== character);
          const tampered = `${token.slice(0, index)}${character}${token.slice(index + 1)}`;
          // A base64url tail character can carry bits that decoding drops; only a changed cursor counts.
          try {
            expect(codec.open(tampered, binding)).toBe('{"n":"abc","s":3}');
          } catch (error) {
            expect(InvalidRequestError.isInstance(error)).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses a key shorter than 16 bytes', () => {
    expect(() => createPageTokenCodec({ key: 'short' })).toThrow(/at least 16 bytes/);
  });
});
