import { describe, expect, it } from 'vitest';
import { decodeOffsetCursor, encodeOffsetCursor } from './offset-cursor';

describe('offset cursors', () => {
  it('round-trip an offset, and start at zero', () => {
    expect(decodeOffsetCursor(encodeOffsetCursor(300), 'acme')).toBe(300);
    expect(decodeOffsetCursor(null, 'acme')).toBe(0);
  });

  it.each([['-1'], ['1.5'], ['abc'], [''], ['1'.repeat(16)]])(
    'refuse %j with a 400 naming page',
    (cursor) => {
      expect(() => decodeOffsetCursor(cursor, 'acme')).toThrow(
        expect.objectContaining({
          code: 'invalid_request',
          issues: [{ path: 'page', message: 'was not issued by the acme adapter' }],
        }),
      );
    },
  );
});
