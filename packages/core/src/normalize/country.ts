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
  if (!alpha2 || !isCountryCode(alpha2)) return null;
  const name = platformName?.trim() || countries.getName(alpha2, 'en') || null;
  return {
    code: alpha2,
    name,
    codeIso2: alpha2,
    codeIso3: userAssignedAlpha3[alpha2] ?? countries.alpha2ToAlpha3(alpha2) ?? null,
  };
}
