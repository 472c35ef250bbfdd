import { describe, expect, it } from 'vitest';
import { toCurrencyCode } from './currency';
import { parseMoney } from './money';
import { blankToNull, emailEquals, fullNameContains } from './text';

describe('blankToNull', () => {
  it('turns empty and blank strings into null and keeps the rest unchanged', () => {
    expect(blankToNull('')).toBeNull();
    expect(blankToNull('  \n')).toBeNull();
    expect(blankToNull(undefined)).toBeNull();
    expect(blankToNull(' Ana ')).toBe(' Ana ');
  });
});

describe('parseMoney', () => {
  it.each([
    ['84.50', 84.5],
    ['0', 0],
    ['-3.10', -3.1],
    [12.25, 12.25],
  ] as const)('reads %j as %j', (input, expected) => {
    expect(parseMoney(input)).toBe(expected);
  });

  it.each([[''], ['abc'], ['1,5'], [null], [undefined], [Number.POSITIVE_INFINITY]])(
    'gives null for %j',
    (input) => {
      expect(parseMoney(input)).toBeNull();
    },
  );
});

describe('filter semantics helpers', () => {
  it('matches emails case-insensitively and exactly', () => {
    expect(emailEquals('Ana.Reyes@Example.com', 'ana.reyes@example.COM')).toBe(true);
    expect(emailEquals('ana.reyes@example.com.au', 'ana.reyes@example.com')).toBe(false);
    expect(emailEquals(null, 'a@b.c')).toBe(false);
  });

  it('finds a name fragment across first and last name, case-insensitively', () => {
    expect(fullNameContains('Ana', 'Reyes', 'A REY')).toBe(true);
    expect(fullNameContains('José', 'Ñúñez', 'ñúñ')).toBe(true);
    expect(fullNameContains(null, 'Reyes', 'reyes')).toBe(true);
    expect(fullNameContains('Ana', 'Reyes', 'Bob')).toBe(false);
  });
});

describe('toCurrencyCode', () => {
  it('upper-cases ISO 4217 codes and refuses anything else', () => {
    expect(toCurrencyCode(' usd ')).toBe('USD');
    expect(toCurrencyCode('Dollars')).toBeNull();
    expect(toCurrencyCode('')).toBeNull();
    expect(toCurrencyCode(null)).toBeNull();
  });
});
