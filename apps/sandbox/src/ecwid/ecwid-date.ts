const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/**
 * An instant in Ecwid's format `yyyy-MM-dd HH:mm:ss Z` (sheet §1): a space, and an offset without a
 * colon. `offsetMinutes` writes the same instant in another offset, as old Ecwid data does (`+0400`).
 */
export function formatEcwidDate(instant: Date, offsetMinutes = 0): string {
  const local = new Date(instant.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ` +
    `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`
  );
}

const withOffset = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?: ([+-])(\d\d)(\d\d))?$/;
const dateOnly = /^(\d{4})-(\d\d)-(\d\d)$/;

/** Milliseconds of an Ecwid date as stored (`yyyy-MM-dd HH:mm:ss Z`). */
export function parseEcwidDate(value: string): number {
  return parseEcwidDateParameter(value) ?? Number.NaN;
}

/** UTC milliseconds of a calendar date and time, or `undefined` when it does not exist (2024-02-31). */
function utcOf(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number | undefined {
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(time);
  const exists =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists && hour < 24 && minute < 60 && second < 60 ? time : undefined;
}

/**
 * A date filter value (sheet §2.1): UNIX seconds, `yyyy-MM-dd HH:mm:ss Z`, `yyyy-MM-dd HH:mm:ss`
 * (UTC) or `yyyy-MM-dd` (00:00:00 UTC). `undefined` when it is none of these.
 */
export function parseEcwidDateParameter(value: string): number | undefined {
  if (/^\d{1,12}$/.test(value)) return Number(value) * 1000;
  const day = dateOnly.exec(value);
  if (day !== null) return utcOf(Number(day[1]), Number(day[2]), Number(day[3]));
  const full = withOffset.exec(value);
  if (full === null) return undefined;
  const utc = utcOf(
    Number(full[1]),
    Number(full[2]),
    Number(full[3]),
    Number(full[4]),
    Number(full[5]),
    Number(full[6]),
  );
  if (utc === undefined) return undefined;
  const offsetMinutes =
    full[7] === undefined ? 0 : (full[7] === '-' ? -1 : 1) * (Number(full[8]) * 60 + Number(full[9]));
  return utc - offsetMinutes * 60_000;
}
