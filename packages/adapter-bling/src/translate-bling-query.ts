import {
  type CustomerFilters,
  type DateRange,
  fullNameContains,
  isIdGreater,
  type QueryParams,
} from '@unicart/core';
import type { BlingContactListItem } from './bling-api';
import { blingDateBound, formatSaoPaulo } from './bling-time';
import { blingNameParts } from './map-bling-customer';

/** `criterio=1` lists every contact but the deleted; the default hides some (sheet §3, §13.1). */
export const allButDeleted = 1;
/** `criterio=2`: the deleted contacts only (Bling's "Excluídos", sheet §14). */
export const deletedOnly = 2;

/**
 * Bling refuses a date filter spanning more than a year (sheet §3): longer ranges are read as
 * consecutive windows of 365 days.
 */
const maxWindowSeconds = 365 * 24 * 3600 - 1;
/**
 * A missing `from` starts here: Bling (founded 2009) stores a contact's own inclusion and alteration
 * date-times, which cannot precede it (README, "Choices").
 */
const earliestBlingSeconds = Date.UTC(2008, 0, 1) / 1000;

/** How a canonical query is read from `GET /contatos`. */
export interface BlingListPlan {
  /** One parameter set per date window; their answers, in this order, make the whole list. */
  readonly windows: readonly QueryParams[];
  /** The filters a list item can answer itself (`name`, and `sinceId` while scanning). */
  readonly keepItem: (item: BlingContactListItem) => boolean;
  /** Compared (case-insensitively, exactly) with each candidate's full contact; `pesquisa` only finds candidates. */
  readonly email: string | null;
  /** Results in ascending id order after this id (Bling has neither an id filter nor a sort). */
  readonly sinceId: string | null;
}

/** Inclusive windows of at most a year covering a range, as `[from, to]` in whole UTC seconds. */
function windowsOf(range: DateRange | undefined, nowSeconds: number): readonly (readonly [number, number])[] {
  if (range === undefined || (range.from === undefined && range.to === undefined)) return [];
  const from = range.from === undefined ? earliestBlingSeconds : Math.ceil(Date.parse(range.from) / 1000);
  const to = range.to === undefined ? nowSeconds : Math.floor(Date.parse(range.to) / 1000);
  // An empty range still asks Bling once, with its own (empty) bounds.
  if (to < from) return [[from, to]];
  const windows: [number, number][] = [];
  for (let start = from; start <= to; start += maxWindowSeconds + 1) {
    windows.push([start, Math.min(to, start + maxWindowSeconds)]);
  }
  return windows;
}

function boundParams(
  range: DateRange | undefined,
  names: readonly [string, string],
  nowSeconds: number,
): QueryParams[] {
  const windows = windowsOf(range, nowSeconds);
  if (windows.length === 0) return [{}];
  // A single window keeps the caller's own bounds, rounded inwards (sheet §9).
  if (windows.length === 1 && range?.from !== undefined && range.to !== undefined) {
    return [{ [names[0]]: blingDateBound(range.from, 'from'), [names[1]]: blingDateBound(range.to, 'to') }];
  }
  return windows.map(([from, to]) => ({
    [names[0]]: formatSaoPaulo(from * 1000),
    [names[1]]: formatSaoPaulo(to * 1000),
  }));
}

/**
 * Canonical filters → Bling's list parameters: always customers only (`criterio=1` and the
 * account's Cliente type), `ids` as `idsContatos[]`, the date ranges as inclusion/alteration
 * bounds in São Paulo time, and one `pesquisa` that finds candidates for `search`, `email` or
 * `name` (Bling's search is looser: the names and e-mail are then checked exactly, sheet §12).
 * `nowSeconds` ends a range without `to`.
 */
export function translateBlingQuery(
  filters: CustomerFilters,
  context: { readonly customerTypeId: number; readonly nowSeconds: number },
): BlingListPlan {
  const base: QueryParams = {
    criterio: allButDeleted,
    idTipoContato: context.customerTypeId,
    pesquisa: filters.search ?? filters.email ?? filters.name,
    'idsContatos[]': filters.ids,
  };
  const windows: QueryParams[] = [];
  for (const created of boundParams(
    filters.createdAt,
    ['dataInclusaoInicial', 'dataInclusaoFinal'],
    context.nowSeconds,
  )) {
    for (const updated of boundParams(
      filters.updatedAt,
      ['dataAlteracaoInicial', 'dataAlteracaoFinal'],
      context.nowSeconds,
    )) {
      windows.push({ ...base, ...created, ...updated });
    }
  }
  const { name, sinceId } = filters;
  return {
    windows,
    keepItem: (item) => {
      if (item.situacao === 'E') return false;
      if (sinceId !== undefined && !isIdGreater(String(item.id), sinceId)) return false;
      if (name === undefined) return true;
      const { firstName, lastName } = blingNameParts(item.nome);
      return fullNameContains(firstName, lastName, name);
    },
    email: filters.email ?? null,
    sinceId: sinceId ?? null,
  };
}
