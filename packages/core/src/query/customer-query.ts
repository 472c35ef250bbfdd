import type { InputIssue } from '../errors/invalid-request-error';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { type Customer, customerSchema } from '../models/customer';
import { isCountryCode } from '../normalize/country';
import { isDateOnly, parsePlatformDate } from '../normalize/date';
import { emailEquals, fullNameContains } from '../normalize/text';

/** Every filter of docs/api-contract.md §2 and §4, as callers spell it in the query string and capabilities name it. */
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
  'acceptsMarketing',
  'ordersCount[min]',
  'ordersCount[max]',
  'totalSpent[min]',
  'totalSpent[max]',
  'country',
  'tags',
  'phone',
] as const;

/** A filter name, e.g. `createdAt[from]`. */
export type CustomerFilterName = (typeof customerFilterNames)[number];

/** The paging parameters of every list: page size and the previous answer's `pagination.next`. */
export const pageParameterNames = ['limit', 'page'] as const;

/** The parameters that shape each customer (§4): `fields` and `include`. */
export const customerViewParameterNames = ['fields', 'include'] as const;

/** Every query parameter of a customer list: the filters, the sort, the view and the paging. */
export const customerListParameterNames: readonly string[] = [
  ...customerFilterNames,
  'sort',
  ...customerViewParameterNames,
  ...pageParameterNames,
];

/** The keys `sort` orders by (§4); `name` is lastName, then firstName. */
export const customerSortKeys = ['createdAt', 'updatedAt', 'id', 'email', 'name'] as const;

/** A key `sort` orders by. */
export type CustomerSortKey = (typeof customerSortKeys)[number];

/** One sort key and its direction: `sort=-createdAt` is `{ key: 'createdAt', direction: 'desc' }`. */
export interface CustomerSort {
  readonly key: CustomerSortKey;
  readonly direction: 'asc' | 'desc';
}

/** The top-level keys of a Customer, in the model's order: what `fields` may name. */
export const customerFieldNames = Object.keys(customerSchema.shape) as readonly CustomerFieldName[];

/** A top-level key of the canonical Customer. */
export type CustomerFieldName = keyof Customer;

/**
 * How each customer of an answer is shaped (§4): only some keys, and/or the platform's native record.
 * The empty view (`{}`) is the whole canonical customer.
 */
export interface CustomerView {
  /** Only these keys (plus `id`, always); absent: every key. Never empty, without duplicates, in model order. */
  readonly fields?: readonly CustomerFieldName[];
  /** `include=raw`: each customer gains `raw`, the platform's native record (or records keyed by kind). */
  readonly raw?: boolean;
}

/** A customer shaped by a `CustomerView`: `id` always, the asked keys, and `raw` when asked. */
export type ViewedCustomer = Partial<Customer> & {
  readonly id: string;
  /** The platform's native record as it sent it; only with `include=raw`. */
  readonly raw?: unknown;
};

/** Inclusive numeric bounds (`ordersCount[min]` ...); at least one is present. */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
}

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
  /** `acceptsMarketing` equals this (`null` never matches). */
  readonly acceptsMarketing?: boolean;
  /** `ordersCount` within these inclusive bounds, integers ≥ 0 (`null` never matches). */
  readonly ordersCount?: NumberRange;
  /** `totalSpent` within these inclusive bounds, decimals ≥ 0 (`null` never matches). */
  readonly totalSpent?: NumberRange;
  /** At least one address has `country.code` in this list: ISO 3166-1 alpha-2, upper case, without duplicates. */
  readonly country?: readonly string[];
  /** `tags` contains every one of these, case-insensitively, as whole tags (trimmed, without duplicates). */
  readonly tags?: readonly string[];
  /** The digits of `phone` contain these digits (the value's digits only, at least 4). */
  readonly phone?: string;
}

/** What an adapter's `listCustomers` receives: filters, sort, page size and its own cursor. */
export interface CustomerQuery extends CustomerFilters {
  /** Page size, 1..100. */
  readonly limit: number;
  /** The adapter's opaque position from a previous page's `nextCursor`; `null` for the first page. */
  readonly cursor: string | null;
  /** The order of the list; absent: the platform's own (id ascending with `sinceId`). */
  readonly sort?: CustomerSort;
}

/** A parsed list request: filters, sort, view, page size and the caller's opaque page token (unverified). */
export interface CustomerListParams {
  readonly filters: CustomerFilters;
  /** Absent without `sort` (and with `sort=id` beside `sinceId`, which implies it). */
  readonly sort?: CustomerSort;
  /** `fields` and `include`; `{}` when neither is given. */
  readonly view: CustomerView;
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
/** `tags` lists at most this many tags. */
export const maxFilterTags = 50;
/** `phone` must hold at least this many digits. */
export const minPhoneFilterDigits = 4;

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

function parseBoolean(raw: RawQuery, key: string, issues: InputIssue[]): boolean | undefined {
  const value = single(raw, key, issues);
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  issues.push({ path: key, message: 'must be true or false' });
  return undefined;
}

function parseNumberRange(
  raw: RawQuery,
  field: 'ordersCount' | 'totalSpent',
  issues: InputIssue[],
): NumberRange | undefined {
  // Counts are whole numbers; amounts decimals in major units, both ≥ 0 (§4).
  const pattern = field === 'ordersCount' ? /^\d{1,9}$/ : /^\d{1,12}(\.\d{1,6})?$/;
  const message =
    field === 'ordersCount' ? 'must be an integer ≥ 0' : 'must be a decimal number ≥ 0 (e.g. 10.50)';
  const bound = (end: 'min' | 'max') => {
    const key = `${field}[${end}]`;
    const value = single(raw, key, issues)?.trim();
    if (value === undefined) return undefined;
    if (!pattern.test(value)) {
      issues.push({ path: key, message });
      return undefined;
    }
    return Number(value);
  };
  const min = bound('min');
  const max = bound('max');
  if (min === undefined && max === undefined) return undefined;
  if (min !== undefined && max !== undefined && min > max) {
    issues.push({ path: `${field}[min]`, message: `must not be greater than ${field}[max]` });
  }
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

/** A comma-separated list: trimmed items, without empty ones; `undefined` (and an issue) when none is left. */
function parseList(raw: RawQuery, key: string, issues: InputIssue[]): string[] | undefined {
  const value = single(raw, key, issues);
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) {
    issues.push({ path: key, message: 'must list at least one value' });
    return undefined;
  }
  return items;
}

function parseCountries(raw: RawQuery, issues: InputIssue[]): readonly string[] | undefined {
  const codes = parseList(raw, 'country', issues)?.map((code) => code.toUpperCase());
  if (codes === undefined) return undefined;
  const unknown = codes.filter((code) => !isCountryCode(code));
  if (unknown.length > 0) {
    issues.push({
      path: 'country',
      message: `must be ISO 3166-1 alpha-2 codes; not one: ${unknown.slice(0, 5).join(', ')}`,
    });
    return undefined;
  }
  return [...new Set(codes)];
}

function parseTags(raw: RawQuery, issues: InputIssue[]): readonly string[] | undefined {
  const tags = parseList(raw, 'tags', issues);
  if (tags === undefined) return undefined;
  const seen = new Set<string>();
  const unique = tags.filter((tag) => {
    const folded = tag.toLocaleLowerCase('en');
    if (seen.has(folded)) return false;
    seen.add(folded);
    return true;
  });
  if (unique.length > maxFilterTags || unique.some((tag) => tag.length > maxFilterTextLength)) {
    issues.push({
      path: 'tags',
      message: `must list at most ${maxFilterTags} tags of at most ${maxFilterTextLength} characters`,
    });
    return undefined;
  }
  return unique;
}

function parsePhone(raw: RawQuery, issues: InputIssue[]): string | undefined {
  const value = single(raw, 'phone', issues);
  if (value === undefined) return undefined;
  const digits = value.replace(/[^0-9]/g, '');
  if (digits.length < minPhoneFilterDigits || value.length > maxFilterTextLength) {
    issues.push({
      path: 'phone',
      message: `must hold at least ${minPhoneFilterDigits} digits (and at most ${maxFilterTextLength} characters)`,
    });
    return undefined;
  }
  return digits;
}

function parseSort(raw: RawQuery, issues: InputIssue[]): CustomerSort | undefined {
  const value = single(raw, 'sort', issues)?.trim();
  if (value === undefined) return undefined;
  const descending = value.startsWith('-');
  const key = descending ? value.slice(1) : value;
  if (!(customerSortKeys as readonly string[]).includes(key)) {
    issues.push({
      path: 'sort',
      message: `must be one of ${customerSortKeys.join(', ')}, optionally preceded by - (descending)`,
    });
    return undefined;
  }
  return { key: key as CustomerSortKey, direction: descending ? 'desc' : 'asc' };
}

function parseFields(raw: RawQuery, issues: InputIssue[]): readonly CustomerFieldName[] | undefined {
  const names = parseList(raw, 'fields', issues);
  if (names === undefined) return undefined;
  const unknown = names.filter((name) => !(customerFieldNames as readonly string[]).includes(name));
  if (unknown.length > 0) {
    issues.push({
      path: 'fields',
      message: `lists unknown keys (${unknown.slice(0, 5).join(', ')}); known: ${customerFieldNames.join(', ')}`,
    });
    return undefined;
  }
  return customerFieldNames.filter((name) => names.includes(name));
}

function parseInclude(raw: RawQuery, issues: InputIssue[]): boolean {
  const names = parseList(raw, 'include', issues);
  if (names === undefined) return false;
  if (names.some((name) => name !== 'raw')) {
    issues.push({ path: 'include', message: 'may only be raw' });
    return false;
  }
  return true;
}

/** Parses `fields` and `include` (§4) from a plain record; unknown keys are the caller's to refuse. */
function parseView(raw: RawQuery, issues: InputIssue[]): CustomerView {
  const fields = parseFields(raw, issues);
  const includeRaw = parseInclude(raw, issues);
  return { ...(fields === undefined ? {} : { fields }), ...(includeRaw ? { raw: true } : {}) };
}

/**
 * `sinceId` implies id ascending (§4): `sort=id` beside it says the same and is dropped; any other
 * sort contradicts it and is refused rather than half-honoured.
 */
function reconcileSinceId(
  filters: CustomerFilters,
  sort: CustomerSort | undefined,
  issues: InputIssue[],
): CustomerSort | undefined {
  if (filters.sinceId === undefined || sort === undefined) return sort;
  if (sort.key === 'id' && sort.direction === 'asc') return undefined;
  issues.push({
    path: 'sort',
    message: 'cannot be combined with sinceId, which lists in ascending id order',
  });
  return undefined;
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
      acceptsMarketing: parseBoolean(raw, 'acceptsMarketing', issues),
      ordersCount: parseNumberRange(raw, 'ordersCount', issues),
      totalSpent: parseNumberRange(raw, 'totalSpent', issues),
      country: parseCountries(raw, issues),
      tags: parseTags(raw, issues),
      phone: parsePhone(raw, issues),
    }).filter(([, value]) => value !== undefined),
  );
  const sort = reconcileSinceId(filters, parseSort(raw, issues), issues);
  const view = parseView(raw, issues);
  const limit = parseLimit(raw, issues);
  const page = parsePage(raw, issues);
  throwIfIssues(issues);
  return { filters, ...(sort === undefined ? {} : { sort }), view, limit, page };
}

/** Parses `fields` and `include` alone (a single customer: `GET /customers/{id}`). */
export function parseCustomerViewParams(raw: RawQuery): CustomerView {
  const issues: InputIssue[] = [];
  rejectUnknown(raw, customerViewParameterNames, issues);
  const view = parseView(raw, issues);
  throwIfIssues(issues);
  return view;
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
  if (filters.acceptsMarketing !== undefined) names.push('acceptsMarketing');
  if (filters.ordersCount?.min !== undefined) names.push('ordersCount[min]');
  if (filters.ordersCount?.max !== undefined) names.push('ordersCount[max]');
  if (filters.totalSpent?.min !== undefined) names.push('totalSpent[min]');
  if (filters.totalSpent?.max !== undefined) names.push('totalSpent[max]');
  if (filters.country !== undefined) names.push('country');
  if (filters.tags !== undefined) names.push('tags');
  if (filters.phone !== undefined) names.push('phone');
  return names;
}

function inRange(iso: string | null, range: DateRange | undefined): boolean {
  if (range === undefined) return true;
  if (iso === null) return false;
  return (range.from === undefined || iso >= range.from) && (range.to === undefined || iso <= range.to);
}

/**
 * The fields the filters look at; a scan can narrow on these before reading whole customers. The
 * fields of §4's filters are optional: a listed record that lacks one leaves it `undefined`, and
 * `matchesCustomerFilters` then refuses to guess (see its `unknown` option).
 */
export type FilterableCustomer = Pick<Customer, 'id' | 'email' | 'firstName' | 'lastName' | 'dates'> &
  Partial<Pick<Customer, 'acceptsMarketing' | 'ordersCount' | 'totalSpent' | 'tags' | 'phone'>> & {
    /** Each address's country code (ISO alpha-2, upper case), or `null` when it has none. */
    readonly countryCodes?: readonly (string | null)[];
  };

/** What `matchesCustomerFilters` does with a filter whose field the record does not carry (`undefined`). */
export type UnknownFilterField = 'throw' | 'match';

function inNumberRange(value: number | null, range: NumberRange): boolean {
  if (value === null) return false;
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}

function digitsOf(text: string): string {
  return text.replace(/[^0-9]/g, '');
}

/** `tags` contains every wanted tag, case-insensitively, as whole tags (§4). */
export function hasEveryTag(tags: readonly string[], wanted: readonly string[]): boolean {
  const present = new Set(tags.map((tag) => tag.trim().toLocaleLowerCase('en')));
  return wanted.every((tag) => present.has(tag.toLocaleLowerCase('en')));
}

/** The digits of `phone` contain `digits` (§4; everything but 0-9 ignored). */
export function phoneDigitsContain(phone: string | null, digits: string): boolean {
  return phone !== null && digitsOf(phone).includes(digits);
}

/** Each §4 filter in use: its name, the record's value, and whether the value satisfies it. */
function extendedChecks(customer: FilterableCustomer, filters: CustomerFilters) {
  const checks: { name: string; value: unknown; test: () => boolean }[] = [];
  const { acceptsMarketing, ordersCount, totalSpent, country, tags, phone } = filters;
  if (acceptsMarketing !== undefined) {
    const value = customer.acceptsMarketing;
    checks.push({ name: 'acceptsMarketing', value, test: () => value === acceptsMarketing });
  }
  if (ordersCount !== undefined) {
    const value = customer.ordersCount;
    checks.push({ name: 'ordersCount', value, test: () => inNumberRange(value ?? null, ordersCount) });
  }
  if (totalSpent !== undefined) {
    const value = customer.totalSpent;
    checks.push({ name: 'totalSpent', value, test: () => inNumberRange(value ?? null, totalSpent) });
  }
  if (country !== undefined) {
    const value = customer.countryCodes;
    checks.push({
      name: 'country',
      value,
      test: () => (value ?? []).some((code) => code !== null && country.includes(code.toUpperCase())),
    });
  }
  if (tags !== undefined) {
    const value = customer.tags;
    checks.push({ name: 'tags', value, test: () => hasEveryTag(value ?? [], tags) });
  }
  if (phone !== undefined) {
    const value = customer.phone;
    checks.push({ name: 'phone', value, test: () => phoneDigitsContain(value ?? null, phone) });
  }
  return checks;
}

/**
 * Whether a customer satisfies the contract's semantics of every filter except `search` (whose
 * matching is the platform's own). Adapters use it to narrow a looser platform answer. A §4 filter
 * whose field the record does not carry throws (`unknown: 'throw'`, the default: a driver declared a
 * filter its records cannot answer, a bug), or passes (`'match'`: a first pass on light listed
 * records, checked again on the completed ones).
 */
export function matchesCustomerFilters(
  customer: FilterableCustomer,
  filters: CustomerFilters,
  unknown: UnknownFilterField = 'throw',
): boolean {
  if (filters.ids !== undefined && !filters.ids.includes(customer.id)) return false;
  if (filters.sinceId !== undefined && !isIdGreater(customer.id, filters.sinceId)) return false;
  if (!inRange(customer.dates.createdAt, filters.createdAt)) return false;
  if (!inRange(customer.dates.updatedAt, filters.updatedAt)) return false;
  if (filters.email !== undefined && !emailEquals(customer.email, filters.email)) return false;
  if (filters.name !== undefined && !fullNameContains(customer.firstName, customer.lastName, filters.name)) {
    return false;
  }
  for (const check of extendedChecks(customer, filters)) {
    if (check.value === undefined) {
      if (unknown === 'match') continue;
      throw new Error(`The record lacks the field the '${check.name}' filter needs (a driver bug)`);
    }
    if (!check.test()) return false;
  }
  return true;
}

/** The keys of §4's filters, whose fields a light listed record often lacks. */
const extendedFilterKeys = [
  'acceptsMarketing',
  'ordersCount',
  'totalSpent',
  'country',
  'tags',
  'phone',
] as const;

/** Whether any of §4's filters is in use. */
export function hasExtendedFilters(filters: CustomerFilters): boolean {
  return extendedFilterKeys.some((key) => filters[key] !== undefined);
}

/** Whether a record lacks a field one of these §4 filters needs: only its completed record can answer them. */
export function lacksFilterFields(customer: FilterableCustomer, filters: CustomerFilters): boolean {
  return extendedChecks(customer, filters).some((check) => check.value === undefined);
}

/** The countries of a canonical customer's addresses, as `FilterableCustomer.countryCodes` holds them. */
export function addressCountryCodes(addresses: Customer['addresses']): (string | null)[] {
  return addresses.map((address) => address.country?.code ?? null);
}

/** The filterable fields of a whole canonical customer (a driver whose listed records are mapped in full). */
export function filterableFromCustomer(customer: Customer): FilterableCustomer {
  return { ...customer, countryCodes: addressCountryCodes(customer.addresses) };
}

/** Numeric comparison of two digit-only ids of any length (beyond `Number` precision). */
export function isIdGreater(id: string, than: string): boolean {
  if (!numericIdPattern.test(id)) return false;
  return BigInt(id) > BigInt(than);
}
