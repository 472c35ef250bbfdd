import { type Customer, parsePlatformDate, splitFullName } from '@unicart/core';
import type { RecordedRequest, UpstreamDouble, UpstreamFailureKind } from '@unicart/core/testing';
import nock from 'nock';
import { z } from 'zod';
import profileFixture from './__fixtures__/ecwid-profile.json' with { type: 'json' };
import type { EcwidCustomer, EcwidOrder, EcwidPerson, EcwidShippingAddress } from './ecwid-api';
import { mapEcwidCustomer } from './map-ecwid-customer';

export interface EcwidUpstreamOptions {
  /** The store the double serves (default `1003`); any other store id answers 404 `STORE_NOT_FOUND`. */
  readonly storeId?: string;
  /** The one token the double accepts (default `secret_double_token`). */
  readonly accessToken?: string;
  /** `formatsAndUnits.currency` of the store profile (default the fixture's `USD`). */
  readonly currency?: string;
  /** `false`: the token lacks `read_store_profile`, so `GET /profile` answers 403 `INSUFFICIENT_APP_SCOPE`. */
  readonly profileScope?: boolean;
  /** How long a `timeout` failure keeps a request unanswered (default 1 000 ms). */
  readonly timeoutDelayMs?: number;
  /** The clock for `registered`, `updated` and `createdDate` of writes. */
  readonly now?: () => Date;
}

type Reply = [status: number, body: string | Record<string, unknown>, headers?: Record<string, string>];

const origin = 'https://ecwid.test';
const maxLimit = 100;

// What Ecwid takes on writes (sheet §2.2). Stricter than Ecwid, which may ignore unknown keys, so
// that an adapter sending a key Ecwid does not read (a read-only `firstName`) fails loudly.
const placeWrite = {
  name: z.string().optional(),
  companyName: z.string().optional(),
  street: z.string().optional(),
  city: z.string().optional(),
  countryCode: z.string().optional(),
  countryName: z.string().optional(),
  postalCode: z.string().optional(),
  stateOrProvinceCode: z.string().optional(),
  stateOrProvinceName: z.string().optional(),
  phone: z.string().optional(),
};
const customerWriteSchema = z
  .object({
    email: z.string().optional(),
    billingPerson: z.object(placeWrite).strict().optional(),
    shippingAddresses: z
      .array(
        z
          .object({
            ...placeWrite,
            id: z.number().int().optional(),
            note: z.string().optional(),
            defaultAddress: z.boolean().optional(),
          })
          .strict(),
      )
      .optional(),
    acceptMarketing: z.boolean().optional(),
    privateAdminNotes: z.string().optional(),
  })
  .strict();

const searchParameters = new Set([
  'keyword',
  'name',
  'email',
  'createdFrom',
  'createdTo',
  'updatedFrom',
  'updatedTo',
  'sortBy',
  'offset',
  'limit',
  'responseFields',
]);

const failure = (status: number, errorMessage: string, errorCode?: string): Reply => [
  status,
  errorCode === undefined ? { errorMessage } : { errorMessage, errorCode },
];

const wrongParameter = (message: string) => failure(400, message, 'WRONG_PARAMETER');

/** Ecwid's date format: `2024-08-21 07:52:09 +0000` (sheet §1). */
function ecwidDate(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}

function unixSeconds(ecwid: string | null | undefined): number | null {
  const instant = parsePlatformDate(ecwid);
  return instant === null ? null : Math.floor(instant.getTime() / 1000);
}

const lower = (text: string | null | undefined) => (text ?? '').toLowerCase();
const fullName = (customer: EcwidCustomer) => customer.billingPerson?.name ?? customer.name ?? '';

/** Ecwid's search (sheet §2.1): substring matches, email partial, date bounds inclusive here. */
function matchesSearch(customer: EcwidCustomer, query: URLSearchParams): boolean {
  const keyword = query.get('keyword');
  if (keyword !== null) {
    const needle = lower(keyword);
    if (!lower(fullName(customer)).includes(needle) && !lower(customer.email).includes(needle)) return false;
  }
  const name = query.get('name');
  if (name !== null && !lower(fullName(customer)).includes(lower(name))) return false;
  const email = query.get('email');
  if (email !== null && !lower(customer.email).includes(lower(email))) return false;
  const bounds = [
    ['createdFrom', customer.registered, 1],
    ['createdTo', customer.registered, -1],
    ['updatedFrom', customer.updated, 1],
    ['updatedTo', customer.updated, -1],
  ] as const;
  for (const [parameter, date, direction] of bounds) {
    const bound = query.get(parameter);
    if (bound === null) continue;
    const seconds = unixSeconds(date);
    if (seconds === null || (seconds - Number(bound)) * direction < 0) return false;
  }
  return true;
}

function compareBy(sortBy: string): ((left: EcwidCustomer, right: EcwidCustomer) => number) | null {
  const byId = (left: EcwidCustomer, right: EcwidCustomer) => left.id - right.id;
  const byRegistered = (left: EcwidCustomer, right: EcwidCustomer) =>
    (unixSeconds(left.registered) ?? 0) - (unixSeconds(right.registered) ?? 0) || byId(left, right);
  switch (sortBy) {
    case 'NAME_ASC':
      return (left, right) => fullName(left).localeCompare(fullName(right)) || byId(left, right);
    case 'REGISTERED_DATE_ASC':
      return byRegistered;
    case 'REGISTERED_DATE_DESC':
      return (left, right) => byRegistered(right, left);
    default:
      return null;
  }
}

/** `responseFields=items(id,email),total` → the top-level keys kept (nested projection not modelled). */
function project(body: Record<string, unknown>, responseFields: string | null): Record<string, unknown> {
  if (responseFields === null) return body;
  const keys = responseFields
    .replace(/\([^()]*\)/g, '')
    .split(',')
    .map((key) => key.trim());
  return Object.fromEntries(Object.entries(body).filter(([key]) => keys.includes(key)));
}

function readPaging(query: URLSearchParams): { offset: number; limit: number } | Reply {
  const offset = Number(query.get('offset') ?? '0');
  const limit = Number(query.get('limit') ?? '100');
  if (!Number.isInteger(offset) || offset < 0) return wrongParameter('offset must be a non-negative integer');
  if (!Number.isInteger(limit) || limit < 0 || limit > maxLimit) {
    return wrongParameter(`limit must be an integer from 0 to ${maxLimit}`);
  }
  return { offset, limit };
}

/** Ecwid derives `firstName`/`lastName` from `name`, split at the first space (sheet §4). */
function withDerivedNames(person: EcwidPerson): EcwidPerson {
  const { firstName, lastName } = splitFullName(person.name);
  return lastName === null ? person : { ...person, firstName, lastName };
}

/**
 * A stateful double of Ecwid's REST API v3 customers, orders and profile, at `https://ecwid.test`
 * with Ecwid's own paths (`/api/v3/{storeId}/...`), auth, search parameters, write semantics and
 * error bodies. A sent `billingPerson` or `shippingAddresses` replaces the stored one: the stricter
 * of the two readings the sheet leaves open (§2.2), which the adapter must survive.
 */
export function createEcwidUpstream(
  options: EcwidUpstreamOptions = {},
): UpstreamDouble<EcwidCustomer, EcwidOrder> {
  const storeId = options.storeId ?? '1003';
  const accessToken = options.accessToken ?? 'secret_double_token';
  const currency = options.currency ?? profileFixture.formatsAndUnits.currency;
  const timeoutDelayMs = options.timeoutDelayMs ?? 1_000;
  const now = options.now ?? (() => new Date());
  let customers = new Map<number, EcwidCustomer>();
  let orders: EcwidOrder[] = [];
  let failures: UpstreamFailureKind[] = [];
  const requests: RecordedRequest[] = [];

  const nextCustomerId = () => Math.max(300_000_000, ...customers.keys()) + 1;
  const nextAddressId = () =>
    Math.max(
      400_000_000,
      ...[...customers.values()].flatMap((customer) =>
        (customer.shippingAddresses ?? []).map((address) => address.id ?? 0),
      ),
    ) + 1;

  function injected(kind: UpstreamFailureKind): Reply | Promise<Reply> {
    switch (kind) {
      case 'unauthorized':
        return failure(403, 'Token is not valid for this store', 'INVALID_API_TOKEN');
      case 'rateLimited':
        return [
          429,
          {
            errorMessage: 'Too many requests: the access token is temporarily blocked',
            errorCode: 'RATE_LIMITED',
          },
          { 'retry-after': '1' },
        ];
      case 'serverError':
        return failure(500, 'Internal server error', 'INTERNAL_ERROR');
      case 'garbage':
        return [200, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' }];
      case 'timeout':
        return new Promise((resolve) => setTimeout(() => resolve([200, {}]), timeoutDelayMs));
    }
  }

  function searchCustomers(query: URLSearchParams): Reply {
    const unknown = [...query.keys()].find((key) => !searchParameters.has(key));
    if (unknown !== undefined) return wrongParameter(`Unknown parameter ${unknown}`);
    for (const bound of ['createdFrom', 'createdTo', 'updatedFrom', 'updatedTo']) {
      const value = query.get(bound);
      if (value !== null && !/^\d+$/.test(value)) return wrongParameter(`${bound} must be a UNIX timestamp`);
    }
    const compare = compareBy(query.get('sortBy') ?? 'NAME_ASC');
    if (compare === null) return wrongParameter('Unknown sortBy');
    const paging = readPaging(query);
    if (Array.isArray(paging)) return paging;
    const matching = [...customers.values()]
      .filter((customer) => matchesSearch(customer, query))
      .sort(compare);
    const items = matching.slice(paging.offset, paging.offset + paging.limit);
    const body = {
      total: matching.length,
      count: items.length,
      offset: paging.offset,
      limit: paging.limit,
      items,
    };
    return [200, project(body, query.get('responseFields'))];
  }

  function storeShippingAddresses(
    sent: readonly EcwidShippingAddress[],
    previous: readonly EcwidShippingAddress[],
    at: string,
  ): EcwidShippingAddress[] {
    return sent.map((address, index) => {
      const existing = previous.find((candidate) => candidate.id === address.id) as
        | (EcwidShippingAddress & { readonly createdDate?: string })
        | undefined;
      return {
        ...address,
        id: existing?.id ?? nextAddressId() + index,
        createdDate: existing?.createdDate ?? at,
        defaultAddress: address.defaultAddress ?? false,
        orderBy: index,
      } as EcwidShippingAddress;
    });
  }

  function emailTaken(email: string, exceptId?: number): boolean {
    return [...customers.values()].some(
      (customer) => customer.id !== exceptId && lower(customer.email) === lower(email),
    );
  }

  function createCustomer(body: unknown): Reply {
    const parsed = customerWriteSchema.safeParse(body);
    if (!parsed.success) return wrongParameter('Request body is not a valid customer');
    const write = parsed.data;
    if (!write.email) return wrongParameter('Customer email is required');
    if (emailTaken(write.email)) return failure(409, 'This email is already used by another customer');
    const id = nextCustomerId();
    const at = ecwidDate(now());
    const billingPerson = withDerivedNames(write.billingPerson ?? {});
    customers.set(id, {
      id,
      name: billingPerson.name ?? '',
      email: write.email,
      registered: at,
      updated: at,
      totalOrderCount: 0,
      billingPerson,
      shippingAddresses: storeShippingAddresses(write.shippingAddresses ?? [], [], at),
      contacts: [],
      acceptMarketing: write.acceptMarketing ?? null,
      privateAdminNotes: write.privateAdminNotes ?? '',
      stats: { numberOfOrders: 0, salesValue: 0 },
    });
    return [200, { id }];
  }

  function updateCustomer(current: EcwidCustomer, body: unknown): Reply {
    const parsed = customerWriteSchema.safeParse(body);
    if (!parsed.success) return wrongParameter('Request body is not a valid customer');
    const write = parsed.data;
    if (write.email !== undefined && emailTaken(write.email, current.id)) {
      return failure(409, 'This email is already used by another customer');
    }
    const at = ecwidDate(now());
    const billingPerson = write.billingPerson ? withDerivedNames(write.billingPerson) : current.billingPerson;
    customers.set(current.id, {
      ...current,
      ...(write.email === undefined ? {} : { email: write.email }),
      ...(write.acceptMarketing === undefined ? {} : { acceptMarketing: write.acceptMarketing }),
      ...(write.privateAdminNotes === undefined ? {} : { privateAdminNotes: write.privateAdminNotes }),
      name: billingPerson?.name ?? current.name,
      billingPerson,
      shippingAddresses:
        write.shippingAddresses === undefined
          ? current.shippingAddresses
          : storeShippingAddresses(write.shippingAddresses, current.shippingAddresses ?? [], at),
      updated: at,
    });
    return [200, { updateCount: 1 }];
  }

  function searchOrders(query: URLSearchParams): Reply {
    const unknown = [...query.keys()].find((key) => !['customerId', 'offset', 'limit'].includes(key));
    if (unknown !== undefined) return wrongParameter(`Unknown parameter ${unknown}`);
    const paging = readPaging(query);
    if (Array.isArray(paging)) return paging;
    const customerId = query.get('customerId');
    const matching = orders.filter(
      (order) => customerId === null || String(order.customerId ?? '') === customerId,
    );
    const items = matching.slice(paging.offset, paging.offset + paging.limit);
    return [
      200,
      { total: matching.length, count: items.length, offset: paging.offset, limit: paging.limit, items },
    ];
  }

  function route(method: string, path: string, query: URLSearchParams, body: unknown): Reply {
    const [, resource, id, deeper] = /^\/([^/]+)(?:\/([^/]+))?(\/.*)?$/.exec(path) ?? [];
    if (deeper !== undefined) return failure(404, 'Not found');
    if (resource === 'profile' && id === undefined && method === 'GET') {
      if (options.profileScope === false) {
        return failure(403, 'This app has no read_store_profile scope', 'INSUFFICIENT_APP_SCOPE');
      }
      return [200, { ...profileFixture, formatsAndUnits: { ...profileFixture.formatsAndUnits, currency } }];
    }
    if (resource === 'orders' && id === undefined && method === 'GET') return searchOrders(query);
    if (resource !== 'customers') return failure(404, 'Not found');
    if (id === undefined) {
      if (method === 'GET') return searchCustomers(query);
      if (method === 'POST') return createCustomer(body);
      return failure(405, 'Method not allowed', 'METHOD_NOT_ALLOWED');
    }
    const current = /^\d+$/.test(id) ? customers.get(Number(id)) : undefined;
    if (current === undefined) return failure(404, `Customer #${id} not found`);
    switch (method) {
      case 'GET':
        return [200, project({ ...current }, query.get('responseFields'))];
      case 'PUT':
        return updateCustomer(current, body);
      case 'DELETE':
        customers.delete(current.id);
        return [200, { deleteCount: 1 }];
      default:
        return failure(405, 'Method not allowed', 'METHOD_NOT_ALLOWED');
    }
  }

  async function answer(request: Request): Promise<Reply> {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    requests.push({
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries([...request.headers].map(([name, value]) => [name.toLowerCase(), value])),
      body,
    });
    const kind = failures.shift();
    if (kind !== undefined) return injected(kind);
    // An unknown store is reported before the token is checked (sheet §7, §9.5).
    const storePath = `/api/v3/${storeId}`;
    if (!url.pathname.startsWith(`${storePath}/`)) return failure(404, 'Store not found', 'STORE_NOT_FOUND');
    if (request.headers.get('authorization') !== `Bearer ${accessToken}`) {
      return failure(403, 'Token is not valid for this store', 'INVALID_API_TOKEN');
    }
    return route(request.method, url.pathname.slice(storePath.length), url.searchParams, body);
  }

  const interceptors = ['GET', 'POST', 'PUT', 'DELETE'].map((method) => {
    const interceptor = nock(origin)
      .persist()
      .intercept(() => true, method);
    interceptor.reply((request: Request) => answer(request));
    return interceptor;
  });

  return {
    baseUrl: origin,
    get requests() {
      return requests;
    },
    seed(seeded, seededOrders = []) {
      customers = new Map(seeded.map((customer) => [customer.id, structuredClone(customer)]));
      orders = seededOrders.map((order) => structuredClone(order));
    },
    stored(id): Customer | undefined {
      const customer = customers.get(Number(id));
      if (customer === undefined) return undefined;
      return mapEcwidCustomer(customer, options.profileScope === false ? null : currency);
    },
    failNext(kind, count = 1) {
      failures.push(...Array.from({ length: count }, () => kind));
    },
    reset() {
      customers = new Map();
      orders = [];
      failures = [];
      requests.length = 0;
    },
    close() {
      for (const interceptor of interceptors) nock.removeInterceptor(interceptor);
    },
  };
}
