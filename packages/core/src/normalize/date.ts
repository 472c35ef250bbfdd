const isoDateTime =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
// What Shopify, WooCommerce `*_gmt` and our own canonical form look like: UTC, whole or milli seconds.
const utcSeconds = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{3})?Z?$/;
const daysOfMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (daysOfMonth[month - 1] ?? 0);
}

function utcMillis(parts: {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string | undefined;
  offset: string | undefined;
}): number | null {
  const { year, month, day, hour, minute, second } = parts;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > daysInMonth(year, month)) return null;
  const millis = parts.fraction ? Math.floor(Number(`0.${parts.fraction}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (parts.offset && parts.offset.toUpperCase() !== 'Z') {
    const sign = parts.offset.startsWith('-') ? -1 : 1;
    const digits = parts.offset.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = Number(digits.slice(2, 4) || '0');
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  // Date.UTC reads the years 0–99 as 1900–1999.
  const base =
    year < 100
      ? new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis)).setUTCFullYear(year)
      : Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return base - offsetMinutes * 60_000;
}

/**
 * Parses the date-time forms platforms send and returns the instant, or `null` when the value is
 * blank or not a real date. Accepted: ISO 8601 with `T` or a space, optional seconds and fraction,
 * offset `Z`, `+04:00` or `+0400` (Ecwid's `2014-06-06 18:57:19 +0400`), and date-only `2024-01-31`.
 * A value without an offset is read as UTC: pass only platform fields documented as UTC
 * (WooCommerce `date_created_gmt`), never site-local times.
 */
export function parsePlatformDate(value: string | null | undefined): Date | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const dateOnly = isoDate.exec(trimmed);
  const match = dateOnly ?? isoDateTime.exec(trimmed);
  if (!match) return null;
  const millis = utcMillis({
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: dateOnly ? 0 : Number(match[4]),
    minute: dateOnly ? 0 : Number(match[5]),
    second: dateOnly ? 0 : Number(match[6] ?? '0'),
    fraction: dateOnly ? undefined : match[7],
    offset: dateOnly ? undefined : match[8],
  });
  return millis === null ? null : new Date(millis);
}

/** A platform date → the canonical `toISOString()` form (`2014-06-06T14:57:19.000Z`), or `null`. */
export function toIsoUtc(value: string | null | undefined): string | null {
  // Most dates arrive already in UTC: check them and build the string, no `Date` needed (bench/README.md).
  const utc = value ? utcSeconds.exec(value) : null;
  if (!utc) return parsePlatformDate(value)?.toISOString() ?? null;
  const [, year = '', month = '', day = '', hour = '', minute = '', second = '', millis = '.000'] = utc;
  const valid =
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth(Number(year), Number(month)) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59;
  return valid ? `${year}-${month}-${day}T${hour}:${minute}:${second}${millis}Z` : null;
}

/** UNIX seconds (Ecwid `createTimestamp`) → canonical ISO string, or `null`. */
export function unixSecondsToIsoUtc(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
  return new Date(seconds * 1000).toISOString();
}

/** Canonical ISO string → whole UNIX seconds, rounded down. */
export function isoToUnixSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/** True when `value` is a date-only ISO 8601 string (`2024-01-31`). */
export function isDateOnly(value: string): boolean {
  return isoDate.test(value.trim());
}
