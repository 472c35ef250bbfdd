import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(english);

/** A country as the canonical Address carries it. */
export interface CanonicalCountry {
  /** ISO 3166-1 alpha-2, upper case. */
  readonly code: string;
  /** English short name. */
  readonly name: string | null;
  /** ISO 3166-1 alpha-2, upper case (same as `code`). */
  readonly codeIso2: string;
  /** ISO 3166-1 alpha-3, upper case; null where the code has none. */
  readonly codeIso3: string | null;
}

/**
 * Kosovo's `XK` is user-assigned, not ISO 3166-1: its alpha-3 is the `XKX` the EU and the platforms
 * use, not the country table's `XKK`.
 */
const userAssignedAlpha3: Readonly<Record<string, string>> = { XK: 'XKX' };

/** Every ISO 3166-1 alpha-2 code the country table knows, upper case, sorted. */
export const countryCodes: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();

/**
 * The table's English name and alpha-3 of every known alpha-2 code, read once: a lookup per address
 * instead of the library's validation and two searches (bench/README.md).
 */
const knownCountries: ReadonlyMap<
  string,
  { readonly name: string | null; readonly codeIso3: string | null }
> = new Map(
  countryCodes.map((code) => [
    code,
    {
      name: countries.getName(code, 'en') || null,
      codeIso3: userAssignedAlpha3[code] ?? countries.alpha2ToAlpha3(code) ?? null,
    },
  ]),
);

/** True for an upper- or lower-case ISO 3166-1 alpha-2 code the country table knows. */
export function isCountryCode(code: string): boolean {
  return /^[A-Za-z]{2}$/.test(code) && countries.isValid(code.toUpperCase());
}

/**
 * Canonical country from an alpha-2 code, with the platform's own name when it sent one.
 * Unknown codes (Shopify's `ZZ` "unknown region") and blanks give `null`: a country is never guessed.
 */
export function toCountry(
  code: string | null | undefined,
  platformName?: string | null,
): CanonicalCountry | null {
  const alpha2 = code?.trim().toUpperCase();
  // Only upper-case alpha-2 codes are keys: a blank, a longer code or a non-letter finds nothing.
  const known = alpha2 === undefined ? undefined : knownCountries.get(alpha2);
  if (alpha2 === undefined || known === undefined) return null;
  return {
    code: alpha2,
    name: platformName?.trim() || known.name,
    codeIso2: alpha2,
    codeIso3: known.codeIso3,
  };
}
