/** Bling's clock: every date it reads or writes is Brasília local time (sheet §9). */
const timeZone = 'America/Sao_Paulo';

const localParts = new Intl.DateTimeFormat('en-US', {
  timeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function localTimeAt(utcMs: number): LocalTime {
  const parts = Object.fromEntries(
    localParts.formatToParts(new Date(utcMs)).map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of São Paulo from UTC at an instant, in milliseconds (−3 h; −2 h in the summers before 2019). */
function offsetAt(utcMs: number): number {
  const local = localTimeAt(utcMs);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The instant of a São Paulo wall-clock time (a skipped hour resolves to the instant after it). */
export function saoPauloToUtcMs(local: LocalTime): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return wall - offsetAt(wall - offsetAt(wall));
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS` in São Paulo time of a UTC instant given in whole seconds. */
export function formatSaoPaulo(utcMs: number): string {
  const local = localTimeAt(utcMs);
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}`;
}

/**
 * A canonical bound as Bling's date-time parameter, rounded to the second inwards so that the
 * inclusive bound keeps exactly the same instants (sheet §9): `from` up, `to` down.
 */
export function blingDateBound(iso: string, side: 'from' | 'to'): string {
  const ms = Date.parse(iso);
  const seconds = side === 'from' ? Math.ceil(ms / 1000) : Math.floor(ms / 1000);
  return formatSaoPaulo(seconds * 1000);
}

/** A Bling plain date (`2023-04-01`) as the UTC instant of its São Paulo midnight; `0000-00-00` → null. */
export function saoPauloMidnightIso(date: string | null | undefined): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date?.trim() ?? '');
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const real =
    year > 0 &&
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day;
  if (!real) return null;
  return new Date(saoPauloToUtcMs({ year, month, day, hour: 0, minute: 0, second: 0 })).toISOString();
}
