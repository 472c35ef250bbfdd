import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { findFirstOffset, nextOffset, offsetPositions, opaquePositions } from './positions';

describe('nextOffset', () => {
  it('moves on by the records received while the total has more', () => {
    expect(nextOffset({ offset: 20, requested: 10, received: 10, total: 31 })).toBe(30);
  });

  it('ends when the next offset reaches the total', () => {
    expect(nextOffset({ offset: 20, requested: 10, received: 10, total: 30 })).toBeNull();
  });

  it('ends on a short page when the total is unknown', () => {
    expect(nextOffset({ offset: 20, requested: 10, received: 9, total: null })).toBeNull();
  });

  it('moves on after a full page when the total is unknown', () => {
    expect(nextOffset({ offset: 20, requested: 10, received: 10, total: null })).toBe(30);
  });

  it('ends on an empty page whatever the total says', () => {
    expect(nextOffset({ offset: 20, requested: 10, received: 0, total: 100 })).toBeNull();
  });

  it('moves on by what was received when a page is short of a larger total', () => {
    expect(nextOffset({ offset: 0, requested: 100, received: 40, total: 90 })).toBe(40);
  });
});

describe('offsetPositions', () => {
  const positions = offsetPositions('acme');

  it('writes an offset as its digits and reads it back', () => {
    expect(positions.encode(40)).toBe('40');
    expect(positions.decode('40')).toBe(40);
  });

  it('refuses a cursor that is not an offset, naming the page parameter', () => {
    let thrown: unknown;
    try {
      positions.decode('{"n":null}');
    } catch (error) {
      thrown = error;
    }
    expect(InvalidRequestError.isInstance(thrown)).toBe(true);
    expect((thrown as InvalidRequestError).issues).toStrictEqual([
      { path: 'page', message: 'was not issued by the acme adapter' },
    ]);
  });
});

describe('opaquePositions', () => {
  it('passes the platform cursor through unchanged both ways', () => {
    expect(opaquePositions.encode('eyJsYXN0X2lkIjo3fQ==')).toBe('eyJsYXN0X2lkIjo3fQ==');
    expect(opaquePositions.decode('eyJsYXN0X2lkIjo3fQ==')).toBe('eyJsYXN0X2lkIjo3fQ==');
  });
});

describe('findFirstOffset', () => {
  const ids = [3, 5, 9, 10, 14, 20, 21, 40, 41, 77];
  const firstAbove = async (threshold: number) => {
    const asked: number[] = [];
    const offset = await findFirstOffset(async (at) => {
      asked.push(at);
      const id = ids[at];
      return id === undefined || id > threshold;
    });
    return { offset, questions: asked.length };
  };

  it('finds the first record above an id on an ascending list', async () => {
    expect((await firstAbove(14)).offset).toBe(5);
    expect((await firstAbove(15)).offset).toBe(5);
    expect((await firstAbove(41)).offset).toBe(9);
  });

  it('answers 0 when every record is above, and the length when none is', async () => {
    expect(await firstAbove(1)).toStrictEqual({ offset: 0, questions: 1 });
    expect((await firstAbove(77)).offset).toBe(ids.length);
  });

  it('asks about twice the logarithm of the offset, not once per record', async () => {
    const offset = await findFirstOffset(async (at) => at >= 70_000);
    let questions = 0;
    await findFirstOffset(async (at) => {
      questions += 1;
      return at >= 70_000;
    });
    expect(offset).toBe(70_000);
    expect(questions).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(70_000)) + 2);
  });
});
