import { ParameterReader } from './woocommerce-parameters';
import type { WooCommerceStore } from './woocommerce-store';
import type { WooCommerceOrderRecord, WooCommerceUserRecord } from './woocommerce-types';

/** Largest `per_page` (sheet §2.1). */
export const maxPerPage = 100;

/** Roles the `role` parameter accepts. */
const roles = [
  'all',
  'administrator',
  'editor',
  'author',
  'contributor',
  'subscriber',
  'customer',
  'shop_manager',
] as const;

/** One page of a collection with what the pagination headers need. */
export interface CollectionPage<Item> {
  readonly items: readonly Item[];
  readonly total: number;
  readonly page: number;
  readonly perPage: number;
}

const combiningMarks = /\p{M}/gu;
// MySQL's default utf8mb4 collation compares case- and accent-insensitively.
const fold = (text: string) => text.normalize('NFKD').replace(combiningMarks, '').toLowerCase();
const collator = new Intl.Collator('en', { sensitivity: 'base' });

function pageWindow(reader: ParameterReader) {
  const page = reader.integer('page', { fallback: 1, min: 1 });
  const perPage = reader.integer('per_page', { fallback: 10, min: 1, max: maxPerPage });
  const offset = reader.integer('offset', {});
  return { page, perPage, offset };
}

/** `offset` wins over `page` when it is not empty (WooCommerce's own `! empty( $request['offset'] )`). */
function slice<Item>(
  items: readonly Item[],
  window: { page: number; perPage: number; offset: number | undefined },
) {
  const start = window.offset ? window.offset : (window.page - 1) * window.perPage;
  return items.slice(start, start + window.perPage);
}

/**
 * The columns WordPress's user search looks at for a term (sheet §2.1, `WP_User_Query`): only the
 * e-mail when it contains `@`, login and id when numeric, the URL when it looks like one, else
 * login, URL, e-mail, nicename and display name. Never first or last name.
 */
function searchMatcher(search: string): (user: WooCommerceUserRecord) => boolean {
  const term = fold(search.replace(/^\*|\*$/g, ''));
  const like = (value: string) => fold(value).includes(term);
  if (term.includes('@')) return (user) => like(user.email);
  if (/^\d+(\.\d+)?$/.test(term)) return (user) => like(user.username) || String(user.id) === term;
  if (/^https?:\/\//.test(term)) return () => false;
  return (user) => like(user.username) || like(user.email) || like(user.display_name);
}

/**
 * `GET /customers` (sheet §2.1, §3): validated like WordPress, default `role=customer` and
 * `orderby=name`; `email` replaces `search` (exact, case-insensitive); ties ordered by id (see README).
 */
export function listWooCommerceCustomers(
  store: WooCommerceStore,
  params: URLSearchParams,
): CollectionPage<WooCommerceUserRecord> {
  const reader = new ParameterReader(params);
  reader.oneOf('context', ['view', 'edit'], 'view');
  const window = pageWindow(reader);
  const search = reader.string('search');
  const email = reader.email('email');
  const include = reader.integerList('include');
  const exclude = reader.integerList('exclude');
  const order = reader.oneOf('order', ['asc', 'desc'], 'asc');
  const orderby = reader.oneOf('orderby', ['id', 'include', 'name', 'registered_date'], 'name');
  const role = reader.oneOf('role', roles, 'customer');
  reader.finish();

  const matchesText =
    email !== undefined
      ? (user: WooCommerceUserRecord) => user.email.toLowerCase() === email.toLowerCase()
      : search
        ? searchMatcher(search)
        : () => true;
  const matches = [...store.users.values()].filter(
    (user) =>
      (role === 'all' || user.role === role) &&
      (include === undefined || include.includes(user.id)) &&
      (exclude === undefined || !exclude.includes(user.id)) &&
      matchesText(user),
  );
  const direction = order === 'desc' ? -1 : 1;
  const sortValue = (user: WooCommerceUserRecord): number | string => {
    switch (orderby) {
      case 'id':
        return user.id;
      case 'include':
        return include?.indexOf(user.id) ?? user.id;
      case 'registered_date':
        return user.date_created_gmt;
      default:
        return user.display_name;
    }
  };
  matches.sort((left, right) => {
    const leftValue = sortValue(left);
    const rightValue = sortValue(right);
    const byValue =
      typeof leftValue === 'string' && typeof rightValue === 'string'
        ? collator.compare(leftValue, rightValue)
        : Number(leftValue) - Number(rightValue);
    return (byValue === 0 ? left.id - right.id : byValue) * direction;
  });
  return { items: slice(matches, window), total: matches.length, page: window.page, perPage: window.perPage };
}

const orderStatuses = [
  'any',
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'trash',
  'checkout-draft',
] as const;

/** A date filter of `/orders`, in site time unless `dates_are_gmt=true` (sheet, Orders summary). */
function toGmtMillis(
  value: string | undefined,
  datesAreGmt: boolean,
  utcOffsetMinutes: number,
): number | undefined {
  if (value === undefined) return undefined;
  const hasOffset = /(Z|[+-]\d\d:\d\d)$/.test(value);
  const time = Date.parse(hasOffset ? value : `${value}Z`);
  return hasOffset || datesAreGmt ? time : time - utcOffsetMinutes * 60_000;
}

/** `GET /orders` (sheet, Orders summary): `customer`, statuses, dates, ids; newest first by default. */
export function listWooCommerceOrders(
  store: WooCommerceStore,
  params: URLSearchParams,
): CollectionPage<WooCommerceOrderRecord> {
  const reader = new ParameterReader(params);
  reader.oneOf('context', ['view', 'edit'], 'view');
  const window = pageWindow(reader);
  const customer = reader.integer('customer', {});
  const include = reader.integerList('include');
  const exclude = reader.integerList('exclude');
  const statuses = (reader.string('status') ?? 'any').split(',');
  const invalidStatus = statuses.find((status) => !orderStatuses.some((known) => known === status));
  if (invalidStatus !== undefined) reader.oneOf('status', orderStatuses, 'any');
  const order = reader.oneOf('order', ['asc', 'desc'], 'desc');
  const orderby = reader.oneOf('orderby', ['date', 'id', 'include', 'title', 'slug', 'modified'], 'date');
  const datesAreGmt = reader.boolean('dates_are_gmt', false);
  const offset = store.site.utcOffsetMinutes;
  const after = toGmtMillis(reader.dateTime('after'), datesAreGmt, offset);
  const before = toGmtMillis(reader.dateTime('before'), datesAreGmt, offset);
  const modifiedAfter = toGmtMillis(reader.dateTime('modified_after'), datesAreGmt, offset);
  const modifiedBefore = toGmtMillis(reader.dateTime('modified_before'), datesAreGmt, offset);
  reader.finish();

  const created = (record: WooCommerceOrderRecord) => Date.parse(`${record.date_created_gmt}Z`);
  const modified = (record: WooCommerceOrderRecord) => Date.parse(`${record.date_modified_gmt}Z`);
  const matches = [...store.orders.values()].filter(
    (record) =>
      (customer === undefined || record.customer_id === customer) &&
      (include === undefined || include.includes(record.id)) &&
      (exclude === undefined || !exclude.includes(record.id)) &&
      (statuses.includes('any') ? record.status !== 'trash' : statuses.includes(record.status)) &&
      (after === undefined || created(record) > after) &&
      (before === undefined || created(record) < before) &&
      (modifiedAfter === undefined || modified(record) > modifiedAfter) &&
      (modifiedBefore === undefined || modified(record) < modifiedBefore),
  );
  const direction = order === 'desc' ? -1 : 1;
  const sortValue = (record: WooCommerceOrderRecord): number => {
    switch (orderby) {
      case 'date':
        return created(record);
      case 'modified':
        return modified(record);
      case 'include':
        return include?.indexOf(record.id) ?? record.id;
      default:
        return record.id;
    }
  };
  matches.sort((left, right) => (sortValue(left) - sortValue(right) || left.id - right.id) * direction);
  return { items: slice(matches, window), total: matches.length, page: window.page, perPage: window.perPage };
}
