/** First and last name parts; either may be unknown. */
export interface NameParts {
  readonly firstName: string | null;
  readonly lastName: string | null;
}

/**
 * Splits a full name at the first run of white space: "Ana María de la Cruz" → "Ana" / "María de la
 * Cruz". One word gives only a first name. This is the rule Ecwid itself uses for `billingPerson`.
 */
export function splitFullName(fullName: string | null | undefined): NameParts {
  const trimmed = fullName?.trim() ?? '';
  if (trimmed === '') return { firstName: null, lastName: null };
  const match = /^(\S+)\s+([\s\S]+)$/.exec(trimmed);
  if (!match) return { firstName: trimmed, lastName: null };
  return { firstName: match[1] ?? null, lastName: match[2]?.trim() ?? null };
}

/** Joins first and last name for platforms that store one full name; `null` when both are blank. */
export function joinFullName(
  firstName: string | null | undefined,
  lastName: string | null | undefined,
): string | null {
  const joined = [firstName?.trim(), lastName?.trim()].filter((part) => part).join(' ');
  return joined === '' ? null : joined;
}
