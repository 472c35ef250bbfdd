const isoDateTime =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
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

/** The two ASCII digits at `index` as a number, or -1. */
function twoDigits(value: string, index: number): number {
  const tens = value.charCodeAt(index) - 48;
  const units = value.charCodeAt(index + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

/**
 * `YYYY-MM-DD?HH:MM:SS` at the start of `value`, `?` being the `separator` character code, read
 * character by character: the instant it names as UTC (`Date.UTC`, which reads the years 0–99 as
 * 1900–1999), `undefined` when it has another shape, `null` when it has this shape but is not a real
 * date-time.
 */
function leadingDateTime(value: string, separator: number): number | null | undefined {
  if (
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== separator ||
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  const century = twoDigits(value, 0);
  const yearOfCentury = twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  const second = twoDigits(value, 17);
  if ((century | yearOfCentury | month | day | hour | minute | second) < 0) return undefined;
  const year = century * 100 + yearOfCentury;
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59;
  return valid ? Date.UTC(year, month - 1, day, hour, minute, second) : null;
}

/**
 * The canonical string of a date already in UTC with whole or milli seconds — what Shopify,
 * WooCommerce `*_gmt` and our own canonical form look like: `2024-03-05T13:02:11(.000)?Z?` — without
 * a regular expression or a `Date` (most dates of a page take this path: bench/README.md).
 * `undefined` when the value has another form; `null` when it has this form but is not a real date.
 */
function utcSecondsToIso(value: string): string | null | undefined {
  const { length } = value;
  const withMillis = length === 23 || length === 24;
  if (!(withMillis || length === 19 || length === 20)) return undefined;
  if ((length === 20 || length === 24) && value.charCodeAt(length - 1) !== 90) return undefined; // Z
  if (withMillis) {
    const third = value.charCodeAt(22) - 48;
    if (value.charCodeAt(19) !== 46 || twoDigits(value, 20) < 0 || third < 0 || third > 9) return undefined;
  }
  const instant = leadingDateTime(value, 84); // T
  if (instant === undefined || instant === null) return instant;
  if (length === 24) return value;
  if (length === 23) return `${value}Z`;
  return `${value.slice(0, 19)}.000Z`;
}

/**
 * Ecwid's `2014-06-06 18:57:19 +0400` (every date of an Ecwid customer) → the canonical string,
 * without a regular expression; `undefined` for any other form, and for years before 100, which the
 * general parser reads. `null` when it has this form but is not a real date.
 */
function offsetSecondsToIso(value: string): string | null | undefined {
  if (value.length !== 25 || value.charCodeAt(19) !== 32) return undefined; // space
  const sign = value.charCodeAt(20);
  if (sign !== 43 && sign !== 45) return undefined; // + or -
  const offsetHours = twoDigits(value, 21);
  const offsetMinutes = twoDigits(value, 23);
  if ((offsetHours | offsetMinutes) < 0) return undefined;
  if (value.charCodeAt(0) === 48 && value.charCodeAt(1) === 48) return undefined; // years before 100
  const instant = leadingDateTime(value, 32); // space
  if (instant === undefined || instant === null) return instant;
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  const offsetMs = (sign === 45 ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return new Date(instant - offsetMs).toISOString();
}

/** A platform date → the canonical `toISOString()` form (`2014-06-06T14:57:19.000Z`), or `null`. */
export function toIsoUtc(value: string | null | undefined): string | null {
  if (!value) return null;
  const utc = utcSecondsToIso(value);
  const fast = utc !== undefined ? utc : offsetSecondsToIso(value);
  return fast !== undefined ? fast : (parsePlatformDate(value)?.toISOString() ?? null);
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
