import type { CustomerFilters, NativeListPlan, QueryParams } from '@unicart/core';
import { formatSaoPaulo } from './bling-time';

/** `criterio=1` lists every contact but the deleted; the default hides some (sheet §3, §13.1). */
export const allButDeleted = 1;
/** `criterio=2`: the deleted contacts only (Bling's "Excluídos", sheet §14). */
export const deletedOnly = 2;

/** What a list of customers asks Bling, besides `criterio`, the Cliente type and the page. */
export interface BlingListParams {
  /** `pesquisa` and `idsContatos[]`. */
  readonly query: QueryParams;
  /** `sinceId`: ascending ids after this one, from a full read (Bling has no id filter or sort). */
  readonly sinceId: string | null;
  /** `email`: each candidate is read whole, because list items carry no e-mail (sheet §3). */
  readonly readWhole: boolean;
}

/** The longest word of a name filter: Bling's `pesquisa` then finds every contact the filter keeps. */
function searchableWord(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .reduce((longest, word) => (word.length > longest.length ? word : longest), '');
}

/**
 * Canonical filters → Bling's list parameters: `ids` as `idsContatos[]` (without the `[]` Bling
 * ignores it, sheet §13.10) and one `pesquisa` that finds candidates for `search`, `email` or
 * `name`. Bling's search is looser than `name` and `email` (substrings of several fields, accents
 * ignored, sheet §12), so those two stay in the remainder core checks on each candidate.
 */
export function translateBlingQuery(filters: CustomerFilters): NativeListPlan<BlingListParams> {
  const { name, email } = filters;
  const pesquisa = filters.search ?? email ?? (name === undefined ? undefined : searchableWord(name));
  const remainder: CustomerFilters = {
    ...(name === undefined ? {} : { name }),
    ...(email === undefined ? {} : { email }),
  };
  return {
    params: {
      query: { pesquisa: pesquisa === '' ? undefined : pesquisa, 'idsContatos[]': filters.ids },
      sinceId: filters.sinceId ?? null,
      readWhole: email !== undefined,
    },
    remainder: Object.keys(remainder).length === 0 ? null : remainder,
  };
}

/**
 * Bling refuses a date filter spanning more than a year (sheet §3): longer ranges are read as
 * consecutive windows of 365 days.
 */
const maxWindowSeconds = 365 * 24 * 3600 - 1;

/**
 * `dataAlteracaoInicial`/`dataAlteracaoFinal` windows (São Paulo time, inclusive, at most a year
 * each) covering `since` to `nowMs`, for the sync's "changed since" and "deleted since" reads. Bling
 * keeps whole seconds: the bounds widen to them (`since` down, `nowMs` up), so a contact altered in
 * the same second as either end is named rather than missed.
 */
export function alterationWindows(since: string, nowMs: number): QueryParams[] {
  const from = Math.floor(Date.parse(since) / 1000);
  const to = Math.ceil(nowMs / 1000);
  if (to <= from + maxWindowSeconds) {
    return [
      { dataAlteracaoInicial: formatSaoPaulo(from * 1000), dataAlteracaoFinal: formatSaoPaulo(to * 1000) },
    ];
  }
  const windows: QueryParams[] = [];
  for (let start = from; start <= to; start += maxWindowSeconds + 1) {
    windows.push({
      dataAlteracaoInicial: formatSaoPaulo(start * 1000),
      dataAlteracaoFinal: formatSaoPaulo(Math.min(to, start + maxWindowSeconds) * 1000),
    });
  }
  return windows;
}
