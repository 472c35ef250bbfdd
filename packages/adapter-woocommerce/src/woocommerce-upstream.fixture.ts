import type { Customer } from '@unicart/core';
import type { RecordedRequest, UpstreamDouble, UpstreamFailureKind } from '@unicart/core/testing';
import nock from 'nock';
import { mapWooCommerceCustomer } from './map-woocommerce-customer';
import { woocommerceCustomerSchema } from './woocommerce-api';

/** A billing block as WooCommerce stores it: every field a string, `""` when unset. */
export interface WooCommerceBillingRecord {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email: string;
  phone: string;
}

export type WooCommerceShippingRecord = Omit<WooCommerceBillingRecord, 'email'>;

/** A `wc/v3` customer with every field (sheet §4). */
export interface WooCommerceCustomerRecord {
  id: number;
  date_created: string;
  date_created_gmt: string;
  date_modified: string | null;
  date_modified_gmt: string | null;
  email: string;
  first_name: string;
  last_name: string;
  role: string;
  username: string;
  billing: WooCommerceBillingRecord;
  shipping: WooCommerceShippingRecord;
  is_paying_customer: boolean;
  avatar_url: string;
  meta_data: readonly { readonly id: number; readonly key: string; readonly value: unknown }[];
  _links: Readonly<Record<string, readonly { readonly href: string }[]>>;
}

/** A `wc/v3` order; the double reads only its id and customer. */
export interface WooCommerceOrderRecord {
  readonly id: number;
  readonly customer_id: number;
  readonly [field: string]: unknown;
}

/** The key pair the double accepts, unless told otherwise. */
export const wooCommerceTestCredentials = {
  consumerKey: 'ck_4f1d2c3b5a69788796a5b4c3d2e1f0a9b8c7d6e5',
  consumerSecret: 'cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d',
} as const;

export interface WooCommerceUpstreamOptions {
  readonly credentials?: { readonly consumerKey: string; readonly consumerSecret: string };
  /** The store currency; `null`: the key's user may not read store data (403 on `/data/currencies/current`). */
  readonly currency?: string | null;
  /** How long a `timeout` failure waits before answering (default 1 500 ms). */
  readonly timeoutDelayMs?: number;
  /** The clock of new and updated records. */
  readonly now?: () => Date;
}

/** A reply the double gives instead of the next answer, for cases the failure kinds do not cover. */
export interface WooCommerceScriptedReply {
  readonly status: number;
  readonly body: string | object;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface WooCommerceUpstream
  extends UpstreamDouble<WooCommerceCustomerRecord, WooCommerceOrderRecord> {
  /** The next request is answered with `reply`, whatever it asks. */
  answerNext(reply: WooCommerceScriptedReply): void;
  /** The stored native record (the double's own copy). */
  record(id: string): WooCommerceCustomerRecord | undefined;
}

type Body = string | object;
type Reply = readonly [number, Body, Record<string, string>];

interface ParsedRequest {
  readonly method: string;
  readonly url: URL;
  readonly body: unknown;
  readonly authenticated: boolean;
}

const apiRoot = '/wp-json/wc/v3';
const jsonHeaders = { 'content-type': 'application/json; charset=UTF-8' };
const htmlHeaders = { 'content-type': 'text/html; charset=UTF-8' };
/** Roles the customers endpoint may delete or re-email (WooCommerce's `woocommerce_rest_customer_allowed_roles`). */
const editableRoles = new Set(['customer', 'subscriber']);
const knownRoles = new Set([
  'administrator',
  'editor',
  'author',
  'contributor',
  'subscriber',
  'customer',
  'shop_manager',
]);
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const siteOffsetMs = 2 * 3_600_000;
const addressFields = [
  'first_name',
  'last_name',
  'company',
  'address_1',
  'address_2',
  'city',
  'state',
  'postcode',
  'country',
  'phone',
] as const;

let doublesCreated = 0;

function wpError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Reply {
  return [status, { code, message, data: { status, ...extra } }, jsonHeaders];
}

function invalidParams(params: Record<string, string>): Reply {
  return wpError(400, 'rest_invalid_param', `Invalid parameter(s): ${Object.keys(params).join(', ')}`, {
    params,
  });
}

/** What an unauthenticated request gets from the permission callbacks (sheet §7, §9.9). */
function cannot(method: string, collection: boolean): Reply {
  if (method === 'POST' && collection) {
    return wpError(401, 'woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.');
  }
  if (method === 'PUT' || method === 'PATCH' || method === 'POST') {
    return wpError(401, 'woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.');
  }
  if (method === 'DELETE') {
    return wpError(
      401,
      'woocommerce_rest_cannot_delete',
      'Sorry, you are not allowed to delete this resource.',
    );
  }
  return collection
    ? wpError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.')
    : wpError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.');
}

const invalidUserId = (): Reply => wpError(404, 'wc_user_invalid_id', 'Invalid user ID.');

function failureReply(
  kind: Exclude<UpstreamFailureKind, 'timeout'>,
  method: string,
  collection: boolean,
): Reply {
  switch (kind) {
    case 'unauthorized':
      return cannot(method, collection);
    case 'rateLimited':
      return [
        429,
        '<!DOCTYPE html><html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>',
        { ...htmlHeaders, 'retry-after': '1' },
      ];
    case 'serverError':
      return [
        500,
        '<!DOCTYPE html><html lang="en-US"><head><title>WordPress &rsaquo; Error</title></head><body id="error-page"><div class="wp-die-message"><p>There has been a critical error on this website.</p></div></body></html>',
        htmlHeaders,
      ];
    case 'garbage':
      return [
        200,
        '<!DOCTYPE html><html><head><title>Maintenance</title></head><body><p>Briefly unavailable for scheduled maintenance. Check back in a minute.</p></body></html>',
        htmlHeaders,
      ];
  }
}

function integer(value: string | null, fallback: number): number | null {
  if (value === null) return fallback;
  return /^-?\d+$/.test(value) ? Number(value) : null;
}

/** `include=1,2` or `include[]=1&include[]=2`. */
function idList(search: URLSearchParams, name: string): number[] {
  return [...search.getAll(name), ...search.getAll(`${name}[]`)]
    .flatMap((value) => value.split(','))
    .filter((value) => value.trim() !== '')
    .map(Number);
}

/** WordPress user search (sheet §2.1): `*term*` over columns chosen by the term's shape. */
function matchesUserSearch(customer: WooCommerceCustomerRecord, term: string): boolean {
  const needle = term.toLowerCase();
  const contains = (value: string) => value.toLowerCase().includes(needle);
  // The double's users have no URL, and WordPress's nicename and display name default to the login.
  if (term.includes('@')) return contains(customer.email);
  if (/^\d+$/.test(term)) return contains(customer.username) || String(customer.id) === term;
  if (/^https?:\/\//.test(term)) return false;
  return contains(customer.username) || contains(customer.email);
}

function sortCustomers(
  customers: WooCommerceCustomerRecord[],
  orderby: string,
  include: readonly number[],
): WooCommerceCustomerRecord[] {
  const byId = (left: WooCommerceCustomerRecord, right: WooCommerceCustomerRecord) => left.id - right.id;
  const compare: Record<
    string,
    (left: WooCommerceCustomerRecord, right: WooCommerceCustomerRecord) => number
  > = {
    id: byId,
    include: (left, right) => include.indexOf(left.id) - include.indexOf(right.id),
    name: (left, right) => left.username.localeCompare(right.username) || byId(left, right),
    registered_date: (left, right) =>
      left.date_created_gmt.localeCompare(right.date_created_gmt) || byId(left, right),
  };
  return customers.sort(compare[orderby]);
}

/** WordPress's `_fields`: only the listed top-level fields. */
function withFields(record: object, fields: string | null): Record<string, unknown> {
  const entries = Object.entries(record);
  if (!fields) return Object.fromEntries(entries);
  const wanted = new Set(fields.split(',').map((field) => field.trim()));
  return Object.fromEntries(entries.filter(([key]) => wanted.has(key)));
}

function paginationHeaders(url: URL, total: number, perPage: number, page: number): Record<string, string> {
  const totalPages = Math.ceil(total / perPage);
  const link = (rel: string, target: number) => {
    const href = new URL(url);
    href.searchParams.set('page', String(target));
    return `<${href.href}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [link('prev', page - 1)] : []),
    ...(totalPages > page ? [link('next', page + 1)] : []),
  ];
  return {
    ...jsonHeaders,
    'x-wp-total': String(total),
    'x-wp-totalpages': String(totalPages),
    ...(links.length > 0 ? { link: links.join(', ') } : {}),
  };
}

interface PageWindow {
  readonly start: number;
  readonly perPage: number;
  readonly page: number;
}

/** `page`, `per_page` (1..100) and `offset` (which overrides `page`), or the 400 WordPress answers. */
function pageWindow(search: URLSearchParams, defaultPerPage: number): PageWindow | Reply {
  const page = integer(search.get('page'), 1);
  const perPage = integer(search.get('per_page'), defaultPerPage);
  const offset = integer(search.get('offset'), 0);
  const invalid: Record<string, string> = {};
  if (page === null || page < 1) invalid.page = 'page must be greater than or equal to 1';
  if (perPage === null || perPage < 1 || perPage > 100) {
    invalid.per_page = 'per_page must be between 1 (inclusive) and 100 (inclusive)';
  }
  if (offset === null || offset < 0) invalid.offset = 'offset is not of type integer.';
  if (page === null || perPage === null || offset === null || Object.keys(invalid).length > 0) {
    return invalidParams(invalid);
  }
  const start = offset > 0 ? offset : (page - 1) * perPage;
  return { start, perPage, page: Math.ceil(start / perPage + 1) };
}

function blankAddress(): WooCommerceShippingRecord {
  return {
    first_name: '',
    last_name: '',
    company: '',
    address_1: '',
    address_2: '',
    city: '',
    state: '',
    postcode: '',
    country: '',
    phone: '',
  };
}

/** Sub-keys sent in a billing or shipping block, or the names of those that are not strings. */
function addressUpdate(value: unknown, fields: readonly string[]): Record<string, string> | null {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const update: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!fields.includes(key)) continue;
    if (typeof field !== 'string') return null;
    update[key] = field.trim();
  }
  return update;
}

/**
 * A stateful double of the WooCommerce REST API `wc/v3` on a fake origin: real paths, Basic and
 * query-string authentication, WordPress list parameters and headers, errors as WooCommerce sends them.
 */
export function createWooCommerceUpstream(options: WooCommerceUpstreamOptions = {}): WooCommerceUpstream {
  doublesCreated += 1;
  const baseUrl = `https://store-${doublesCreated}.woo.test`;
  const credentials = options.credentials ?? wooCommerceTestCredentials;
  const currency = options.currency === undefined ? 'USD' : options.currency;
  const timeoutDelayMs = options.timeoutDelayMs ?? 1_500;
  const now = options.now ?? (() => new Date());
  const customers = new Map<number, WooCommerceCustomerRecord>();
  let orders: WooCommerceOrderRecord[] = [];
  let nextId = 1;
  const requests: RecordedRequest[] = [];
  const scripted: (UpstreamFailureKind | WooCommerceScriptedReply)[] = [];

  const timestamps = () => {
    const instant = now().getTime();
    return {
      gmt: new Date(instant).toISOString().slice(0, 19),
      local: new Date(instant + siteOffsetMs).toISOString().slice(0, 19),
    };
  };

  /** WooCommerce checks `consumer_key`/`consumer_secret` first, then Basic (sheet §1). */
  function authenticate(request: Request, url: URL): 'authenticated' | 'anonymous' | 'wrong-secret' {
    let key = url.searchParams.get('consumer_key');
    let secret = url.searchParams.get('consumer_secret');
    const authorization = request.headers.get('authorization');
    if (key === null && authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice('Basic '.length), 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      key = decoded.slice(0, separator);
      secret = decoded.slice(separator + 1);
    }
    // An unknown key authenticates nobody: the permission callbacks answer (sheet §9.9).
    if (key !== credentials.consumerKey) return 'anonymous';
    return secret === credentials.consumerSecret ? 'authenticated' : 'wrong-secret';
  }

  function listCustomers(request: ParsedRequest): Reply {
    if (!request.authenticated) return cannot('GET', true);
    const search = request.url.searchParams;
    const window = pageWindow(search, 10);
    if (!('start' in window)) return window;
    const { start, perPage, page } = window;
    const orderby = search.get('orderby') ?? 'name';
    const order = search.get('order') ?? 'asc';
    const role = search.get('role') ?? 'customer';
    const email = search.get('email');
    const invalid: Record<string, string> = {};
    if (!['id', 'include', 'name', 'registered_date'].includes(orderby))
      invalid.orderby = 'orderby is not one of id, include, name, and registered_date.';
    if (!['asc', 'desc'].includes(order)) invalid.order = 'order is not one of asc and desc.';
    if (role !== 'all' && !knownRoles.has(role))
      invalid.role = 'role is not one of all, administrator, … and customer.';
    if (email !== null && !emailPattern.test(email)) invalid.email = 'Invalid email address.';
    if (Object.keys(invalid).length > 0) return invalidParams(invalid);

    const include = idList(search, 'include');
    const exclude = idList(search, 'exclude');
    const term = search.get('search');
    let matched = [...customers.values()].filter(
      (customer) =>
        (role === 'all' || customer.role === role) &&
        (include.length === 0 || include.includes(customer.id)) &&
        !exclude.includes(customer.id),
    );
    // `email` replaces `search` (sheet §2.1): an exact match, case-insensitive like the database.
    if (email !== null && email !== '') {
      matched = matched.filter((customer) => customer.email.toLowerCase() === email.toLowerCase());
    } else if (term !== null && term !== '') {
      matched = matched.filter((customer) => matchesUserSearch(customer, term));
    }
    sortCustomers(matched, orderby, include);
    if (order === 'desc') matched.reverse();
    const fields = search.get('_fields');
    const slice = matched.slice(start, start + perPage).map((customer) => withFields(customer, fields));
    return [200, slice, paginationHeaders(request.url, matched.length, perPage, page)];
  }

  function createCustomer(request: ParsedRequest): Reply {
    if (!request.authenticated) return cannot('POST', true);
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    if (body.email === undefined) {
      return wpError(400, 'rest_missing_callback_param', 'Missing parameter(s): email', {
        params: ['email'],
      });
    }
    if (typeof body.email !== 'string' || !emailPattern.test(body.email)) {
      return invalidParams({ email: 'Invalid email address.' });
    }
    const email = body.email.trim();
    if ([...customers.values()].some((customer) => customer.email.toLowerCase() === email.toLowerCase())) {
      return wpError(
        400,
        'registration-error-email-exists',
        'An account is already registered with your email address. <a href="#" class="showlogin">Please log in.</a>',
      );
    }
    const billing = addressUpdate(body.billing, [...addressFields, 'email']);
    const shipping = addressUpdate(body.shipping, addressFields);
    const names = [body.first_name, body.last_name].filter((name) => name !== undefined);
    if (billing === null || shipping === null || names.some((name) => typeof name !== 'string')) {
      return invalidParams({ customer: 'Invalid parameter.' });
    }
    const id = nextId;
    nextId += 1;
    const localPart = email.split('@')[0] ?? 'customer';
    const taken = new Set([...customers.values()].map((customer) => customer.username));
    let username = typeof body.username === 'string' && body.username ? body.username : localPart;
    for (let suffix = 1; taken.has(username); suffix += 1) username = `${localPart}-${suffix}`;
    const { gmt, local } = timestamps();
    const record: WooCommerceCustomerRecord = {
      id,
      date_created: local,
      date_created_gmt: gmt,
      date_modified: local,
      date_modified_gmt: gmt,
      email,
      first_name: typeof body.first_name === 'string' ? body.first_name.trim() : '',
      last_name: typeof body.last_name === 'string' ? body.last_name.trim() : '',
      role: 'customer',
      username,
      billing: { ...blankAddress(), email: '', ...billing },
      shipping: { ...blankAddress(), ...shipping },
      is_paying_customer: false,
      avatar_url: 'https://secure.gravatar.com/avatar/00000000000000000000000000000000?s=96&d=mm&r=g',
      meta_data: [],
      _links: {
        self: [{ href: `${baseUrl}${apiRoot}/customers/${id}` }],
        collection: [{ href: `${baseUrl}${apiRoot}/customers` }],
      },
    };
    customers.set(id, record);
    return [
      201,
      structuredClone(record),
      { ...jsonHeaders, location: `${baseUrl}${apiRoot}/customers/${id}` },
    ];
  }

  function updateCustomer(request: ParsedRequest, record: WooCommerceCustomerRecord): Reply {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    if (
      !editableRoles.has(record.role) &&
      (body.password !== undefined || (body.email !== undefined && body.email !== record.email))
    ) {
      return wpError(
        403,
        'woocommerce_rest_cannot_edit',
        `Sorry, email cannot be updated via this endpoint for a user with role ${record.role}.`,
      );
    }
    if (body.email !== undefined && (typeof body.email !== 'string' || !emailPattern.test(body.email))) {
      return invalidParams({ email: 'Invalid email address.' });
    }
    const email = typeof body.email === 'string' ? body.email.trim() : undefined;
    if (
      email !== undefined &&
      email !== record.email &&
      [...customers.values()].some((customer) => customer.email.toLowerCase() === email.toLowerCase())
    ) {
      return wpError(400, 'woocommerce_rest_customer_invalid_email', 'Email address is invalid.');
    }
    if (typeof body.username === 'string' && body.username !== '' && body.username !== record.username) {
      return wpError(400, 'woocommerce_rest_customer_invalid_argument', "Username isn't editable.");
    }
    const billing = addressUpdate(body.billing, [...addressFields, 'email']);
    const shipping = addressUpdate(body.shipping, addressFields);
    const names = [body.first_name, body.last_name].filter((name) => name !== undefined);
    if (billing === null || shipping === null || names.some((name) => typeof name !== 'string')) {
      return invalidParams({ customer: 'Invalid parameter.' });
    }
    const { gmt, local } = timestamps();
    const updated: WooCommerceCustomerRecord = {
      ...record,
      ...(email === undefined ? {} : { email }),
      ...(typeof body.first_name === 'string' ? { first_name: body.first_name.trim() } : {}),
      ...(typeof body.last_name === 'string' ? { last_name: body.last_name.trim() } : {}),
      billing: { ...record.billing, ...billing },
      shipping: { ...record.shipping, ...shipping },
      date_modified: local,
      date_modified_gmt: gmt,
    };
    customers.set(record.id, updated);
    return [200, structuredClone(updated), jsonHeaders];
  }

  function deleteCustomer(request: ParsedRequest, record: WooCommerceCustomerRecord): Reply {
    if (!editableRoles.has(record.role)) {
      return wpError(
        403,
        'woocommerce_rest_cannot_delete',
        `Sorry, users with ${record.role} role cannot be deleted via this endpoint. Allowed roles: customer, subscriber`,
      );
    }
    const force = request.url.searchParams.get('force');
    if (force !== 'true' && force !== '1') {
      return wpError(501, 'woocommerce_rest_trash_not_supported', 'Customers do not support trashing.');
    }
    customers.delete(record.id);
    // WordPress keeps a deleted user's orders as guest orders.
    orders = orders.map((order) => (order.customer_id === record.id ? { ...order, customer_id: 0 } : order));
    return [200, structuredClone(record), jsonHeaders];
  }

  function customerRoute(request: ParsedRequest, id: number): Reply {
    // The permission callbacks look the user up before checking the key (sheet §7).
    const record = customers.get(id);
    if (record === undefined) return invalidUserId();
    if (!request.authenticated) return cannot(request.method, false);
    if (request.method === 'GET') {
      return [200, withFields(structuredClone(record), request.url.searchParams.get('_fields')), jsonHeaders];
    }
    if (request.method === 'DELETE') return deleteCustomer(request, record);
    return updateCustomer(request, record);
  }

  function listOrders(request: ParsedRequest): Reply {
    if (!request.authenticated) return cannot('GET', true);
    const search = request.url.searchParams;
    const window = pageWindow(search, 10);
    if (!('start' in window)) return window;
    const { start, perPage, page } = window;
    const customer = search.get('customer');
    const orderby = search.get('orderby') ?? 'date';
    const order = search.get('order') ?? 'desc';
    if (customer !== null && !/^\d+$/.test(customer))
      return invalidParams({ customer: 'customer is not of type integer.' });
    if (!['date', 'id', 'include', 'title', 'slug', 'modified'].includes(orderby)) {
      return invalidParams({
        orderby: 'orderby is not one of date, id, include, title, slug, and modified.',
      });
    }
    const matched = orders
      .filter((candidate) => customer === null || candidate.customer_id === Number(customer))
      .sort((left, right) =>
        orderby === 'date'
          ? String(left.date_created_gmt).localeCompare(String(right.date_created_gmt)) || left.id - right.id
          : left.id - right.id,
      );
    if (order === 'desc') matched.reverse();
    const slice = matched.slice(start, start + perPage).map((candidate) => structuredClone(candidate));
    return [200, slice, paginationHeaders(request.url, matched.length, perPage, page)];
  }

  function currentCurrency(request: ParsedRequest): Reply {
    if (!request.authenticated) return cannot('GET', false);
    if (currency === null) {
      return [
        403,
        {
          code: 'woocommerce_rest_cannot_view',
          message: 'Sorry, you cannot list resources.',
          data: { status: 403 },
        },
        jsonHeaders,
      ];
    }
    return [200, { code: currency, name: currency, symbol: '$' }, jsonHeaders];
  }

  function route(request: ParsedRequest): Reply {
    const path = request.url.pathname;
    const customerMatch = /^\/wp-json\/wc\/v3\/customers\/(\d+)$/.exec(path);
    if (path === `${apiRoot}/customers` && request.method === 'GET') return listCustomers(request);
    if (path === `${apiRoot}/customers` && request.method === 'POST') return createCustomer(request);
    if (customerMatch) return customerRoute(request, Number(customerMatch[1]));
    if (path === `${apiRoot}/orders` && request.method === 'GET') return listOrders(request);
    if (path === `${apiRoot}/data/currencies/current` && request.method === 'GET')
      return currentCurrency(request);
    return wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  }

  async function handle(request: Request): Promise<Reply> {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    requests.push({
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries([...request.headers].map(([name, value]) => [name.toLowerCase(), value])),
      body,
    });
    const next = scripted.shift();
    const collection = !/\/\d+$/.test(url.pathname);
    if (next === 'timeout') {
      await new Promise((resolve) => setTimeout(resolve, timeoutDelayMs));
    } else if (typeof next === 'string') {
      return failureReply(next, request.method, collection);
    } else if (next !== undefined) {
      return [next.status, next.body, { ...jsonHeaders, ...next.headers }];
    }
    const authentication = authenticate(request, url);
    if (authentication === 'wrong-secret') {
      return wpError(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.');
    }
    return route({ method: request.method, url, body, authenticated: authentication === 'authenticated' });
  }

  const interceptors = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => {
    const interceptor = nock(baseUrl)
      .persist()
      .intercept(() => true, method);
    interceptor.reply((request: Request) => handle(request));
    return interceptor;
  });

  function seed(
    seededCustomers: readonly WooCommerceCustomerRecord[],
    seededOrders: readonly WooCommerceOrderRecord[] = [],
  ) {
    customers.clear();
    for (const customer of seededCustomers) customers.set(customer.id, structuredClone(customer));
    orders = seededOrders.map((order) => structuredClone(order));
    nextId = Math.max(0, ...customers.keys()) + 1;
  }

  return {
    baseUrl,
    seed,
    stored(id) {
      const record = /^\d+$/.test(id) ? customers.get(Number(id)) : undefined;
      if (record === undefined) return undefined;
      return mapWooCommerceCustomer(woocommerceCustomerSchema.parse(record), currency) satisfies Customer;
    },
    record(id) {
      const record = customers.get(Number(id));
      return record === undefined ? undefined : structuredClone(record);
    },
    failNext(kind, count = 1) {
      for (let index = 0; index < count; index += 1) scripted.push(kind);
    },
    answerNext(reply) {
      scripted.push(reply);
    },
    get requests() {
      return requests;
    },
    reset() {
      seed([]);
      nextId = 1;
      requests.length = 0;
      scripted.length = 0;
    },
    close() {
      for (const interceptor of interceptors) nock.removeInterceptor(interceptor);
    },
  };
}
