import { describe, expect, it } from 'vitest';
import { joinFullName, splitFullName } from './name';

describe('splitFullName', () => {
  it.each([
    ['Ana Reyes', 'Ana', 'Reyes'],
    ['API Support team', 'API', 'Support team'],
    ['José María García', 'José', 'María García'],
    ['  Łucja   Wiśniewska-Kowalska ', 'Łucja', 'Wiśniewska-Kowalska'],
    ['Prince', 'Prince', null],
    ['山田 太郎', '山田', '太郎'],
  ])('splits %j at the first space', (input, firstName, lastName) => {
    expect(splitFullName(input)).toStrictEqual({ firstName, lastName });
  });

  it('gives two nulls for a blank or missing name', () => {
    expect(splitFullName('  ')).toStrictEqual({ firstName: null, lastName: null });
    expect(splitFullName(undefined)).toStrictEqual({ firstName: null, lastName: null });
  });
});

describe('joinFullName', () => {
  it('joins the parts that are present', () => {
    expect(joinFullName('Ana', 'Reyes')).toBe('Ana Reyes');
    expect(joinFullName('Ana', null)).toBe('Ana');
    expect(joinFullName(' ', undefined)).toBeNull();
  });
});
