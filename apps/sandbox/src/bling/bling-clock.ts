const saoPaulo = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'America/Sao_Paulo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:MM:SS` on São Paulo's wall clock (the `sv-SE` locale writes exactly that). */
export function saoPauloWallClock(utcMs: number): string {
  return saoPaulo.format(new Date(utcMs));
}

/**
 * The instant of a São Paulo wall-clock time as Bling reads its date parameters (sheet §9: padded or
 * not, a date alone meaning 00:00:00), or `undefined` when malformed. Brasília was UTC−3, or UTC−2
 * in the summers before 2019.
 */
export function parseSaoPauloWallClock(value: string): number | undefined {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{1,2}):(\d{1,2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour, minute, second);
  const wanted = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`;
  for (const offsetHours of [3, 2]) {
    const candidate = wall + offsetHours * 3_600_000;
    if (saoPauloWallClock(candidate) === wanted) return candidate;
  }
  return undefined;
}
