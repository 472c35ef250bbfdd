import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { countryCodes, isCountryCode, toCountry } from './country';

describe('toCountry', () => {
  it('derives name and alpha-3 from the alpha-2 code', () => {
    expect(toCountry('DE')).toStrictEqual({ code: 'DE', name: 'Germany', codeIso2: 'DE', codeIso3: 'DEU' });
  });

  it("prefers the platform's own English name when it sent one", () => {
    expect(toCountry('US', 'United States')).toStrictEqual({
      code: 'US',
      name: 'United States',
      codeIso2: 'US',
      codeIso3: 'USA',
    });
  });

  it('upper-cases and trims the code', () => {
    expect(toCountry(' ca ')?.code).toBe('CA');
  });

  it("maps Shopify's unknown region ZZ, blanks and unknown codes to null", () => {
    expect(toCountry('ZZ')).toBeNull();
    expect(toCountry('')).toBeNull();
    expect(toCountry(null)).toBeNull();
    expect(toCountry('XX')).toBeNull();
    expect(toCountry('USA')).toBeNull();
  });

  it('knows Kosovo, which is not in ISO 3166 but every platform sends', () => {
    expect(toCountry('XK')).toStrictEqual({ code: 'XK', name: 'Kosovo', codeIso2: 'XK', codeIso3: 'XKX' });
  });
});

describe('toCountry against the country table', () => {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const everyPair = [...letters].flatMap((first) => [...letters].map((second) => `${first}${second}`));

  it('knows exactly the two-letter codes the table validates, in either case', () => {
    const known = everyPair.filter((pair) => toCountry(pair) !== null);
    expect(known).toStrictEqual(everyPair.filter((pair) => countries.isValid(pair)));
    expect(everyPair.filter((pair) => toCountry(pair.toLowerCase()) !== null)).toStrictEqual(known);
    expect(known).toStrictEqual(countryCodes);
  });

  it("gives the table's name and alpha-3 for every known code", () => {
    for (const code of countryCodes) {
      expect(toCountry(code)).toStrictEqual({
        code,
        name: countries.getName(code, 'en') ?? null,
        codeIso2: code,
        codeIso3: code === 'XK' ? 'XKX' : (countries.alpha2ToAlpha3(code) ?? null),
      });
    }
  });
});

describe('isCountryCode', () => {
  it('accepts known alpha-2 codes in any case and nothing else', () => {
    expect(isCountryCode('us')).toBe(true);
    expect(isCountryCode('GB')).toBe(true);
    expect(isCountryCode('UK')).toBe(false);
    expect(isCountryCode('U')).toBe(false);
  });
});
