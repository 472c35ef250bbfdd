/** Platforms write "" (or blanks) for unset fields; canonically that is `null`. */
export function blankToNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  // Text that starts with a visible ASCII character is not blank: no trimmed copy to look at.
  const first = value.charCodeAt(0);
  if (first > 32 && first < 127) return value;
  return value.trim() === '' ? null : value;
}

/** The canonical `name` filter: "firstName lastName" contains the needle, case-insensitively. */
export function fullNameContains(firstName: string | null, lastName: string | null, needle: string): boolean {
  const fullName = [firstName, lastName].filter((part) => part !== null).join(' ');
  return fullName.toLocaleLowerCase('en').includes(needle.toLocaleLowerCase('en'));
}

/** Case-insensitive equality used by the canonical `email` filter. */
export function emailEquals(email: string | null, wanted: string): boolean {
  return email !== null && email.toLocaleLowerCase('en') === wanted.toLocaleLowerCase('en');
}
