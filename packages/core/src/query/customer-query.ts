import type { InputIssue } from '../errors/invalid-request-error';
import { InvalidRequestError } from '../errors/invalid-request-error';
import type { Customer } from '../models/customer';
import { isDateOnly, parsePlatformDate } from '../normalize/date';
import { emailEquals, fullNameContains } from '../normalize/text';

/** Every filter of docs/api-contract.md §2, as callers spell it in the query string and capabilities name it. */
export const customerFilterNames = [
  'ids',
  'sinceId',
  'createdAt[from]',
  'createdAt[to]',
  'updatedAt[from]',
  'updatedAt[to]',
  'name',
  'search',
  'email',
] as const;

/** A filter name, e.g. `createdAt[from]`. */
export type CustomerFilterName = (typeof customerFilterNames)[number];

/** The paging parameters of every list: page size and the previous answer's `pagination.next`. */
export const pageParameterNames = ['limit', 'page'] as const;

/** Every query parameter of a customer list: the filters and the paging. */
export const customerListParameterNames: readonly string[] = [...customerFilterNames, ...pageParameterNames];

/** Inclusive bounds as canonical ISO UTC strings (`toISOString()` form). */
export interface DateRange {
  readonly from?: string;
  readonly to?: string;
}

/** The validated filters of a customer list; absent keys are not filtered on. All combine with AND. */
export interface CustomerFilters {
  /** Ids (digits only), at most 100, without duplicates. */
  readonly ids?: readonly string[];
  /** Only ids numerically greater than this one, in ascending id order. */
  readonly sinceId?: string;
  readonly createdAt?: DateRange;
  readonly updatedAt?: DateRange;
  /** "firstName lastName" contains this, case-insensitively. */
  readonly name?: string;
  /** The platform's own free-text search. */
  readonly search?: string;
  /** Email equals this, case-insensitively. */
  readonly email?: string;
}

/** What an adapter's `listCustomers` receives: filters, page size and its own cursor. */
export interface CustomerQuery extends CustomerFilters {
  /** Page size, 1..100. */
  readonly limit: number;
  /** The adapter's opaque position from a previous page's `nextCursor`; `null` for the first page. */
  readonly cursor: string | null;
}

/** A parsed list request: filters, page size and the caller's opaque page token (unverified). */
export interface CustomerListParams {
  readonly filters: CustomerFilters;
  readonly limit: number;
  readonly page: string | null;
}

/** Page size and position for lists without filters (a customer's orders). */
export interface PageParams {
  readonly limit: number;
  readonly page: string | null;
}

export const defaultPageLimit = 50;
export const maxPageLimit = 100;
/** At most this many distinct ids in `ids`. */
export const maxFilterIds = 100;
/** `name`, `search` and `email` are at most this long once trimmed. */
export const maxFilterTextLength = 255;
/** What `ids` and `sinceId` take: a numeric id of up to 20 digits. */
export const numericIdPattern = /^\d{1,20}$/;
const maxPageTokenLength = 4096;

type RawQuery = Readonly<Record<string, unknown>>;

function single(raw: RawQuery, key: string, issues: InputIssue[]): string | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    issues.push({ path: key, message: 'must be given once, as a string' });
    return undefined;
  }
  return value;
}

function parseLimit(raw: RawQuery, issues: InputIssue[]): number {
  const value = single(raw, 'limit', issues);
  if (value === undefined) return defaultPageLimit;
  const limit = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(limit >= 1 && limit <= maxPageLimit)) {
    issues.push({ path: 'limit', message: `must be an integer from 1 to ${maxPageLimit}` });
    return defaultPageLimit;
  }
  return limit;
}

function parsePage(raw: RawQuery, issues: InputIssue[]): string | null {
  const value = single(raw, 'page', issues);
  if (value === undefined) return null;
  if (value === '' || value.length > maxPageTokenLength) {
    issues.push({ path: 'page', message: 'must be the pagination.next value of a previous response' });
    return null;
  }
  return value;
}

function parseText(raw: RawQuery, key: string, issues: InputIssue[]): string | undefined {
  const value = single(raw, key, issues)?.trim();
  if (value === undefined) return undefined;
  if (value === '' || value.length > maxFilterTextLength) {
    issues.push({
      path: key,
      message: `must be a non-empty string of at most ${maxFilterTextLength} characters`,
    });
    return undefined;
  }
  return value;
}

function parseBound(
  raw: RawQuery,
  key: string,
  end: 'from' | 'to',
  issues: InputIssue[],
): string | undefined {
  const value = single(raw, key, issues)?.trim();
  if (value === undefined) return undefined;
  const instant = parsePlatformDate(value);
  if (instant === null || value.includes(' ')) {
    issues.push({
      path: key,
      message: 'must be an ISO 8601 date (2024-01-31) or date-time (2024-01-31T10:00:00Z)',
    });
    return undefined;
  }
  // A date-only upper bound covers that whole day (docs/api-contract.md §2, filter semantics).
  if (end === 'to' && isDateOnly(value)) return new Date(instant.getTime() + 86_400_000 - 1).toISOString();
  return instant.toISOString();
}

function parseRange(
  raw: RawQuery,
  field: 'createdAt' | 'updatedAt',
  issues: InputIssue[],
): DateRange | undefined {
  const from = parseBound(raw, `${field}[from]`, 'from', issues);
  const to = parseBound(raw, `${field}[to]`, 'to', issues);
  if (from === undefined && to === undefined) return undefined;
  if (from !== undefined && to !== undefined && from > to) {
    issues.push({ path: `${field}[from]`, message: `must not be after ${field}[to]` });
  }
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

function parseIds(raw: RawQuery, issues: InputIssue[]): readonly string[] | undefined {
  const value = single(raw, 'ids', issues);
  if (value === undefined) return undefined;
  const ids = value.split(',').map((id) => id.trim());
  if (ids.some((id) => !numericIdPattern.test(id))) {
    issues.push({ path: 'ids', message: 'must be a comma-separated list of numeric ids' });
    return undefined;
  }
  const unique = [...new Set(ids)];
  if (unique.length > maxFilterIds) {
    issues.push({ path: 'ids', message: `must list at most ${maxFilterIds} ids` });
    return undefined;
  }
  return unique;
}

function parseSinceId(raw: RawQuery, issues: InputIssue[]): string | undefined {
  const value = single(raw, 'sinceId', issues)?.trim();
  if (value === undefined) return undefined;
  if (!numericIdPattern.test(value)) {
    issues.push({ path: 'sinceId', message: 'must be a numeric id' });
    return undefined;
  }
  return value;
}

function throwIfIssues(issues: readonly InputIssue[]): void {
  if (issues.length === 0) return;
  throw InvalidRequestError.fromIssues('Invalid query parameters', issues);
}

function rejectUnknown(raw: RawQuery, known: readonly string[], issues: InputIssue[]): void {
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) issues.push({ path: key, message: 'is not a known query parameter' });
  }
}

/**
 * Parses and validates the list parameters of docs/api-contract.md §2 from a plain record (a parsed query
 * string: one string per key). Throws `InvalidRequestError` naming every bad or unknown parameter.
 */
export function parseCustomerListParams(raw: RawQuery): CustomerListParams {
  const issues: InputIssue[] = [];
  rejectUnknown(raw, customerListParameterNames, issues);
  const filters: CustomerFilters = Object.fromEntries(
    Object.entries({
      ids: parseIds(raw, issues),
      sinceId: parseSinceId(raw, issues),
      createdAt: parseRange(raw, 'createdAt', issues),
      updatedAt: parseRange(raw, 'updatedAt', issues),
      name: parseText(raw, 'name', issues),
      search: parseText(raw, 'search', issues),
      email: parseText(raw, 'email', issues),
    }).filter(([, value]) => value !== undefined),
  );
  const limit = parseLimit(raw, issues);
  const page = parsePage(raw, issues);
  throwIfIssues(issues);
  return { filters, limit, page };
}

/** Parses `limit` and `page` for lists that take no filters (a customer's orders). */
export function parsePageParams(raw: RawQuery): PageParams {
  const issues: InputIssue[] = [];
  rejectUnknown(raw, pageParameterNames, issues);
  const limit = parseLimit(raw, issues);
  const page = parsePage(raw, issues);
  throwIfIssues(issues);
  return { limit, page };
}

/** The filter names a set of filters uses, as capabilities name them. */
export function filterNamesInUse(filters: CustomerFilters): CustomerFilterName[] {
  const names: CustomerFilterName[] = [];
  if (filters.ids !== undefined) names.push('ids');
  if (filters.sinceId !== undefined) names.push('sinceId');
  if (filters.createdAt?.from !== undefined) names.push('createdAt[from]');
  if (filters.createdAt?.to !== undefined) names.push('createdAt[to]');
  if (filters.updatedAt?.from !== undefined) names.push('updatedAt[from]');
  if (filters.updatedAt?.to !== undefined) names.push('updatedAt[to]');
  if (filters.name !== undefined) names.push('name');
  if (filters.search !== undefined) names.push('search');
  if (filters.email !== undefined) names.push('email');
  return names;
}

function inRange(iso: string | null, range: DateRange | undefined): boolean {
  if (range === undefined) return true;
  if (iso === null) return false;
  return (range.from === undefined || iso >= range.from) && (range.to === undefined || iso <= range.to);
}

/** The fields the filters look at; a scan can narrow on these before reading whole customers. */
export type FilterableCustomer = Pick<Customer, 'id' | 'email' | 'firstName' | 'lastName' | 'dates'>;

/**
 * Whether a canonical customer satisfies the contract's semantics of every filter except `search`
 * (whose matching is the platform's own). Adapters use it to narrow a looser platform answer.
 */
export function matchesCustomerFilters(customer: FilterableCustomer, filters: CustomerFilters): boolean {
  if (filters.ids !== undefined && !filters.ids.includes(customer.id)) return false;
  if (filters.sinceId !== undefined && !isIdGreater(customer.id, filters.sinceId)) return false;
  if (!inRange(customer.dates.createdAt, filters.createdAt)) return false;
  if (!inRange(customer.dates.updatedAt, filters.updatedAt)) return false;
  if (filters.email !== undefined && !emailEquals(customer.email, filters.email)) return false;
  if (filters.name !== undefined && !fullNameContains(customer.firstName, customer.lastName, filters.name)) {
    return false;
  }
  return true;
}

/** Numeric comparison of two digit-only ids of any length (beyond `Number` precision). */
export function isIdGreater(id: string, than: string): boolean {
  if (!numericIdPattern.test(id)) return false;
  return BigInt(id) > BigInt(than);
}
