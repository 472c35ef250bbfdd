import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, signatureMatches } from './webhook-signature';

const key = 'shpss_0123456789abcdef';
const body = Buffer.from('{"id":706405506930370084,"email":"zoë@example.com"}');
const oracle = (encoding: 'base64' | 'hex') => createHmac('sha256', key).update(body).digest(encoding);

describe('hmacSha256', () => {
  it('computes the HMAC-SHA256 of the bytes with the key', () => {
    expect(Buffer.from(hmacSha256(key, body)).toString('base64')).toBe(oracle('base64'));
  });
});

describe('signatureMatches', () => {
  const expected = hmacSha256(key, body);

  it('accepts the base64 signature', () => {
    expect(signatureMatches(expected, oracle('base64'), 'base64')).toBe(true);
  });

  it('accepts the hex signature in either case', () => {
    expect(signatureMatches(expected, oracle('hex'), 'hex')).toBe(true);
    expect(signatureMatches(expected, oracle('hex').toUpperCase(), 'hex')).toBe(true);
  });

  it('refuses a signature of other bytes', () => {
    const other = createHmac('sha256', key)
      .update(Buffer.concat([body, Buffer.from(' ')]))
      .digest('base64');
    expect(signatureMatches(expected, other, 'base64')).toBe(false);
  });

  it('refuses a signature made with another key', () => {
    const other = createHmac('sha256', 'another').update(body).digest('base64');
    expect(signatureMatches(expected, other, 'base64')).toBe(false);
  });

  it('refuses a missing, empty, truncated or differently encoded signature', () => {
    expect(signatureMatches(expected, undefined, 'base64')).toBe(false);
    expect(signatureMatches(expected, '', 'base64')).toBe(false);
    expect(signatureMatches(expected, oracle('base64').slice(0, -2), 'base64')).toBe(false);
    expect(signatureMatches(expected, oracle('hex'), 'base64')).toBe(false);
  });
});
