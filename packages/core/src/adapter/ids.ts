/**
 * An id parser for platforms whose ids are positive integers of at most `maxDigits` digits: the id
 * itself, or `null` for anything that cannot name a record (core then answers without a request).
 */
export function positiveIntegerIds(maxDigits: number): (id: string) => string | null {
  const pattern = new RegExp(`^[1-9]\\d{0,${maxDigits - 1}}$`);
  return (id) => (pattern.test(id) ? id : null);
}
