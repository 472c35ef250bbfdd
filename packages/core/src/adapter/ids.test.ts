import { describe, expect, it } from 'vitest';
import { positiveIntegerIds } from './ids';

describe('positiveIntegerIds', () => {
  const parseId = positiveIntegerIds(4);

  it('keeps a positive integer of at most the given digits', () => {
    expect([parseId('1'), parseId('9999')]).toStrictEqual(['1', '9999']);
  });

  it.each(['0', '0123', '12345', '-1', '1.5', ' 12', 'abc', ''])('names no record with %j', (id) => {
    expect(parseId(id)).toBeNull();
  });
});
