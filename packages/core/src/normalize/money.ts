/**
 * Money as the platforms send it (`"84.50"`, `84.5`, `""`) → a number in major units, or `null`.
 * Never `NaN`, never a guessed `0`.
 */
export function parseMoney(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const trimmed = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}
