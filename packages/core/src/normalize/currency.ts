/** An ISO 4217 code as the canonical models carry it (upper case), or `null` for anything else. */
export function toCurrencyCode(value: string | null | undefined): string | null {
  const code = value?.trim().toUpperCase();
  return code && /^[A-Z]{3}$/.test(code) ? code : null;
}
