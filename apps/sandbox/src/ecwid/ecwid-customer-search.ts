import { parseEcwidDate, parseEcwidDateParameter } from './ecwid-date';
import { wrongParameter } from './ecwid-error';
import type { EcwidStore } from './ecwid-store';
import type { EcwidCustomer, EcwidCustomerStats } from './ecwid-types';

/** Largest page Ecwid answers (sheet §2.1); a larger `limit` is capped, not refused (assumed, see README). */
export const maxEcwidLimit = 100;

const sortKeys = [
  'NAME_ASC',
  'NAME_DESC',
  'EMAIL_ASC',
  'EMAIL_DESC',
  'ORDER_COUNT_ASC',
  'ORDER_COUNT_DESC',
  'REGISTERED_DATE_DESC',
  'REGISTERED_DATE_ASC',
  'UPDATED_DATE_DESC',
  'UPDATED_DATE_ASC',
  'SALES_VALUE_ASC',
  'SALES_VALUE_DESC',
  'FIRST_ORDER_DATE_ASC',
  'FIRST_ORDER_DATE_DESC',
  'LAST_ORDER_DATE_ASC',
  'LAST_ORDER_DATE_DESC',
] as const;
type EcwidSortKey = (typeof sortKeys)[number];

/** One page of a customer search, before presentation. */
export interface EcwidSearchPage {
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly items: readonly EcwidCustomer[];
}

/** A customer with what filters and sorts read, computed once per search. */
interface Candidate {
  readonly customer: EcwidCustomer;
  readonly stats: () => EcwidCustomerStats;
}

type Predicate = (candidate: Candidate) => boolean;

/** A non-negative integer parameter, or `fallback` when absent. */
export function integerParameter(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw wrongParameter(`Wrong value of parameter '${name}': ${raw}`);
  return Number(raw);
}

function numberParameter(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw wrongParameter(`Wrong value of parameter '${name}': ${raw}`);
  return value;
}

function booleanParameter(params: URLSearchParams, name: string): boolean | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw !== 'true' && raw !== 'false') throw wrongParameter(`Wrong value of parameter '${name}': ${raw}`);
  return raw === 'true';
}

/** A date bound in any of Ecwid's accepted formats (sheet §2.1), in milliseconds. */
export function dateParameter(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  const time = parseEcwidDateParameter(raw);
  if (time === undefined) throw wrongParameter(`Wrong value of parameter '${name}': ${raw}`);
  return time;
}

const collator = new Intl.Collator('en');
const lower = (text: string | undefined) => (text ?? '').toLowerCase();
const digits = (text: string | undefined) => (text ?? '').replace(/\D/g, '');

function textPredicates(params: URLSearchParams): Predicate[] {
  const predicates: Predicate[] = [];
  const keyword = params.get('keyword');
  if (keyword) {
    const term = keyword.toLowerCase();
    predicates.push(
      ({ customer }) =>
        lower(customer.billingPerson.name).includes(term) || lower(customer.email).includes(term),
    );
  }
  const name = params.get('name');
  if (name)
    predicates.push(({ customer }) => lower(customer.billingPerson.name).includes(name.toLowerCase()));
  const email = params.get('email');
  if (email) {
    const term = email.toLowerCase();
    // Partial by default (sheet §9.3); exact only on request.
    predicates.push(
      booleanParameter(params, 'useExactEmailMatch') === true
        ? ({ customer }) => lower(customer.email) === term
        : ({ customer }) => lower(customer.email).includes(term),
    );
  }
  const phone = digits(params.get('phone') ?? undefined);
  if (phone !== '') {
    predicates.push(({ customer }) =>
      [
        customer.billingPerson.phone,
        ...customer.shippingAddresses.map((address) => address.phone),
        ...customer.contacts.filter((contact) => contact.type === 'PHONE').map((contact) => contact.contact),
      ].some((candidate) => digits(candidate).includes(phone)),
    );
  }
  return predicates;
}

function addressPredicates(params: URLSearchParams): Predicate[] {
  const predicates: Predicate[] = [];
  const fields = [
    ['city', 'city'],
    ['postalCode', 'postalCode'],
    ['stateOrProvinceCode', 'stateOrProvinceCode'],
    ['companyName', 'companyName'],
  ] as const;
  for (const [parameter, field] of fields) {
    const value = params.get(parameter);
    if (value) {
      predicates.push(({ customer }) =>
        customer.shippingAddresses.some((address) => lower(address[field]) === value.toLowerCase()),
      );
    }
  }
  const countryCodes = params.get('countryCodes');
  if (countryCodes) {
    const codes = new Set(countryCodes.split(',').map((code) => code.trim().toUpperCase()));
    predicates.push(({ customer }) =>
      customer.shippingAddresses.some((address) => codes.has((address.countryCode ?? '').toUpperCase())),
    );
  }
  return predicates;
}

function accountPredicates(params: URLSearchParams): Predicate[] {
  const predicates: Predicate[] = [];
  const groups = params.get('customerGroupIds') ?? params.get('customerGroup');
  if (groups) {
    const ids = new Set(groups.split(',').map((id) => Number(id.trim())));
    predicates.push(({ customer }) => ids.has(customer.customerGroupId));
  }
  const acceptMarketing = booleanParameter(params, 'acceptMarketing');
  if (acceptMarketing !== undefined)
    predicates.push(({ customer }) => customer.acceptMarketing === acceptMarketing);
  const taxExempt = booleanParameter(params, 'taxExempt');
  if (taxExempt !== undefined) predicates.push(({ customer }) => customer.taxExempt === taxExempt);
  const kind = params.get('b2b_b2c');
  if (kind) predicates.push(({ customer }) => customer.b2b_b2c === kind);
  const lang = params.get('lang');
  if (lang) predicates.push(({ customer }) => customer.lang === lang);
  const bounds = [
    ['minOrderCount', (stats: EcwidCustomerStats, bound: number) => stats.numberOfOrders >= bound],
    ['maxOrderCount', (stats: EcwidCustomerStats, bound: number) => stats.numberOfOrders <= bound],
    ['minSalesValue', (stats: EcwidCustomerStats, bound: number) => stats.salesValue >= bound],
    ['maxSalesValue', (stats: EcwidCustomerStats, bound: number) => stats.salesValue <= bound],
  ] as const;
  for (const [parameter, holds] of bounds) {
    const bound = numberParameter(params, parameter);
    if (bound !== undefined) predicates.push(({ stats }) => holds(stats(), bound));
  }
  return predicates;
}

function datePredicates(params: URLSearchParams): Predicate[] {
  const predicates: Predicate[] = [];
  const ranges = [
    ['createdFrom', 'createdTo', 'registered'],
    ['updatedFrom', 'updatedTo', 'updated'],
  ] as const;
  // Both bounds inclusive: the sheet leaves this unconfirmed; see the README.
  for (const [fromName, toName, field] of ranges) {
    const from = dateParameter(params, fromName);
    const to = dateParameter(params, toName);
    if (from !== undefined) predicates.push(({ customer }) => parseEcwidDate(customer[field]) >= from);
    if (to !== undefined) predicates.push(({ customer }) => parseEcwidDate(customer[field]) <= to);
  }
  return predicates;
}

function sortKeyOf(params: URLSearchParams): EcwidSortKey {
  const raw = params.get('sortBy');
  if (raw === null || raw === '') return 'NAME_ASC';
  const key = sortKeys.find((candidate) => candidate === raw);
  if (key === undefined) throw wrongParameter(`Wrong value of parameter 'sortBy': ${raw}`);
  return key;
}

function sortValue(key: EcwidSortKey, candidate: Candidate): string | number {
  const { customer } = candidate;
  if (key.startsWith('NAME')) return lower(customer.billingPerson.name);
  if (key.startsWith('EMAIL')) return lower(customer.email);
  if (key.startsWith('ORDER_COUNT')) return candidate.stats().numberOfOrders;
  if (key.startsWith('REGISTERED')) return parseEcwidDate(customer.registered);
  if (key.startsWith('UPDATED')) return parseEcwidDate(customer.updated);
  if (key.startsWith('SALES')) return candidate.stats().salesValue;
  const stats = candidate.stats();
  const date = key.startsWith('FIRST') ? stats.firstOrderDate : stats.lastOrderDate;
  return date === undefined ? 0 : parseEcwidDate(date);
}

/**
 * `GET /customers` (sheet §2.1): every documented filter but `purchasedProductIds` and the Italian
 * invoicing fields, combined with AND; sorted by `sortBy` (ties by id in the same direction, see README); then
 * the `offset`/`limit` window. Unknown parameters are ignored, as Ecwid does.
 */
export function searchEcwidCustomers(store: EcwidStore, params: URLSearchParams): EcwidSearchPage {
  const offset = integerParameter(params, 'offset', 0);
  const limit = Math.min(integerParameter(params, 'limit', maxEcwidLimit), maxEcwidLimit);
  const predicates = [
    ...textPredicates(params),
    ...addressPredicates(params),
    ...accountPredicates(params),
    ...datePredicates(params),
  ];
  const sortKey = sortKeyOf(params);
  const direction = sortKey.endsWith('_DESC') ? -1 : 1;
  const matches = [...store.customers.values()]
    .map((customer): Candidate => {
      let stats: EcwidCustomerStats | undefined;
      return { customer, stats: () => (stats ??= store.statsOf(customer.id)) };
    })
    .filter((candidate) => predicates.every((predicate) => predicate(candidate)))
    .map((candidate) => ({ candidate, value: sortValue(sortKey, candidate) }))
    .sort((left, right) => {
      const order =
        typeof left.value === 'string' && typeof right.value === 'string'
          ? collator.compare(left.value, right.value)
          : Number(left.value) - Number(right.value);
      // Ties by id in the sort's direction: Ecwid does not document them (see README).
      return (order === 0 ? left.candidate.customer.id - right.candidate.customer.id : order) * direction;
    });
  return {
    total: matches.length,
    offset,
    limit,
    items: matches.slice(offset, offset + limit).map(({ candidate }) => candidate.customer),
  };
}
