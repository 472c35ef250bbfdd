import { parseSaoPauloWallClock } from './bling-clock';
import { BlingError } from './bling-error';
import type { BlingContactRecord, BlingStoredContact } from './bling-types';

/** Bling's page size ceiling: a larger `limite` is not refused, only capped (sheet §3). */
export const maxPageSize = 100;
/** What the default `criterio=3` ("Últimos incluídos") keeps: contacts included in the last 30 days (unconfirmed). */
const recentlyIncludedMs = 30 * 86_400_000;
const oneYearMs = 366 * 86_400_000;

/** Lower case without accents: `pesquisa` matches as a MySQL `_ci` collation does (sheet §3). */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

/** `349.126.583-59` / `12.345.678/0001-90`: documents are formatted in the list (sheet §3). */
export function formatDocument(digits: string): string {
  if (digits.length === 11) return digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
  if (digits.length === 14) return digits.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5');
  return digits;
}

/** A list item: only these fields (sheet §3). */
export function listItemOf(contact: BlingContactRecord) {
  const { id, nome, codigo, situacao, numeroDocumento, telefone, celular } = contact;
  return { id, nome, codigo, situacao, numeroDocumento: formatDocument(numeroDocumento), telefone, celular };
}

function positiveInteger(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new BlingError(
      400,
      'VALIDATION_ERROR',
      'Parâmetro inválido',
      `O parâmetro ${name} deve ser um inteiro positivo.`,
    );
  }
  return Number(raw);
}

function dateBound(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  const instant = parseSaoPauloWallClock(raw);
  if (instant === undefined) {
    throw new BlingError(
      400,
      'VALIDATION_ERROR',
      'Parâmetro inválido',
      `A data informada em ${name} é inválida.`,
    );
  }
  return instant;
}

interface Range {
  readonly from: number | undefined;
  readonly to: number | undefined;
}

function rangeOf(params: URLSearchParams, fromName: string, toName: string): Range {
  const range = { from: dateBound(params, fromName), to: dateBound(params, toName) };
  // Bling refuses date filters spanning more than a year (sheet §3); an open end counts as now.
  if (range.from !== undefined && (range.to ?? Date.now()) - range.from > oneYearMs) {
    throw new BlingError(
      400,
      'VALIDATION_ERROR',
      'Período inválido',
      'O intervalo entre as datas não pode ser superior a um ano.',
    );
  }
  return range;
}

const inRange = (instant: number, range: Range) =>
  (range.from === undefined || instant >= range.from) && (range.to === undefined || instant <= range.to);

/** What `pesquisa` looks at: nome, fantasia, e-mail, código and the document, by digits too (sheet §3). */
function matchesSearch(contact: BlingContactRecord, search: string): boolean {
  const needle = foldText(search.trim());
  const fields = [contact.nome, contact.fantasia, contact.email, contact.codigo, contact.numeroDocumento];
  if (fields.some((field) => foldText(field).includes(needle))) return true;
  const digits = digitsOf(search);
  return (
    /^[\d.\-/\s]+$/.test(search.trim()) && digits.length >= 3 && contact.numeroDocumento.includes(digits)
  );
}

/**
 * `GET /contatos` with Bling's looseness: unknown parameters ignored, `idsContatos` only in its
 * `[]` form, `limite` capped at 100, `criterio` 3 by default (recent contacts only), newest first.
 */
export function listContacts(
  contacts: Iterable<BlingStoredContact>,
  params: URLSearchParams,
  now: number,
): { page: BlingStoredContact[] } {
  const pagina = positiveInteger(params, 'pagina', 1);
  const limite = Math.min(positiveInteger(params, 'limite', maxPageSize), maxPageSize);
  const criterio = positiveInteger(params, 'criterio', 3);
  const typeId = params.get('idTipoContato');
  const ids = new Set([
    ...params.getAll('idsContatos[]'),
    ...[...params.entries()].filter(([key]) => /^idsContatos\[\d+\]$/.test(key)).map(([, value]) => value),
  ]);
  const search = params.get('pesquisa') ?? '';
  const included = rangeOf(params, 'dataInclusaoInicial', 'dataInclusaoFinal');
  const altered = rangeOf(params, 'dataAlteracaoInicial', 'dataAlteracaoFinal');
  const document = params.get('numeroDocumento');
  const uf = params.get('uf');
  const tipoPessoa = { '1': 'F', '2': 'J', '3': 'E' }[params.get('tipoPessoa') ?? ''];

  const matching = [...contacts].filter(({ contact, dates }) => {
    const deleted = contact.situacao === 'E';
    if (criterio === 2 ? !deleted : deleted) return false;
    if (criterio === 3 && now - dates.includedAt > recentlyIncludedMs) return false;
    if (criterio === 4 && contact.situacao !== 'S') return false;
    if (typeId !== null && typeId !== '' && !contact.tiposContato.some((type) => String(type.id) === typeId))
      return false;
    if (ids.size > 0 && !ids.has(String(contact.id))) return false;
    if (search.trim() !== '' && !matchesSearch(contact, search)) return false;
    if (!inRange(dates.includedAt, included) || !inRange(dates.alteredAt, altered)) return false;
    if (document && digitsOf(contact.numeroDocumento) !== digitsOf(document)) return false;
    if (uf && contact.endereco.geral.uf.toUpperCase() !== uf.toUpperCase()) return false;
    if (tipoPessoa !== undefined && contact.tipo !== tipoPessoa) return false;
    return true;
  });
  // The order is not documented (sheet §3): newest first here, so nobody relies on ascending ids.
  matching.sort((left, right) => right.contact.id - left.contact.id);
  return { page: matching.slice((pagina - 1) * limite, pagina * limite) };
}
