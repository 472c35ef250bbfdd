/**
 * End to end: the built gateway as a real child process, one store per platform connected to the
 * simulators, and the same canonical assertions on every platform.
 *
 * Simulated limits: Ecwid's per-token limit is raised to 6 000 requests a minute, Shopify runs on
 * the Commerce Components plan's rates (2 000 points a second, a 20 000-point bucket) and BigCommerce
 * on a quota of 20 000 requests per 30 s (an Enterprise-sized plan), so the full
 * iterations and the filter scans finish in seconds; the 429 scenario injects the throttling instead.
 * Jumpseller keeps its real 20 a second and 800 a minute: its adapter paces itself below them.
 * Bling keeps its real 3 requests a second, which the adapter paces itself under (one request per
 * customer shown, sheet §3): its account holds fewer customers so that the suite stays short.
 * Upstream timeout: 2.5 s per attempt (`UNICART_UPSTREAM_TIMEOUT_MS`): the 504 scenario takes seconds, and a
 * loaded CI machine still answers every normal request in time.
 */
import {
  type Customer,
  type CustomerFilters,
  customerSchema,
  customerSortKeys,
  orderSchema,
} from '@unicart/core';
import { expectedOrder, expectedToMatch, type NativeCustomerFacts } from '@unicart/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigcommerceCustomerFacts } from '../src/bigcommerce/bigcommerce-customer-facts';
import { blingCustomerFacts } from '../src/bling/bling-customer-facts';
import { ecwidCustomerFacts } from '../src/ecwid/ecwid-customer-facts';
import {
  type ConnectedStore,
  connectStore,
  type GatewayProcess,
  sandboxStoreBodies,
  startGatewayProcess,
} from '../src/gateway-process';
import { jumpsellerCustomerFacts } from '../src/jumpseller/jumpseller-customer-facts';
import { shopifyCustomerFacts } from '../src/shopify/shopify-customer-facts';
import { type Sandbox, startSandbox } from '../src/start-sandbox';
import { wooCommerceCustomerFacts } from '../src/woocommerce/woocommerce-customer-facts';
import { checkEveryGatewayResponse } from './support/openapi-contract';

const platforms = ['bigcommerce', 'bling', 'ecwid', 'jumpseller', 'shopify', 'woocommerce'] as const;
type Platform = (typeof platforms)[number];
const customerCount = 2100;
/** Customers each store holds at least (Bling's account is smaller, see above). */
const minimumCustomers: Record<Platform, number> = {
  bigcommerce: 2000,
  bling: 51,
  ecwid: 2000,
  jumpseller: 2000,
  shopify: 2000,
  woocommerce: 2000,
};
const upstreamTimeoutMs = 2500;
const allFilters = [
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
/** A valid value of each filter, to check that an undeclared one is refused as unsupported. */
const refusedFilterValue: Record<(typeof allFilters)[number], string> = {
  ids: '1',
  sinceId: '1',
  'createdAt[from]': '2024-01-01',
  'createdAt[to]': '2024-01-01',
  'updatedAt[from]': '2024-01-01',
  'updatedAt[to]': '2024-01-01',
  name: 'ana',
  search: 'ana',
  email: 'ana@example.com',
  acceptsMarketing: 'true',
  'ordersCount[min]': '1',
  'ordersCount[max]': '1',
  'totalSpent[min]': '10.5',
  'totalSpent[max]': '10.5',
  country: 'BR',
  tags: 'vip',
  phone: '5555',
};

let sandbox: Sandbox;
let gateway: GatewayProcess;
const stores = {} as Record<Platform, ConnectedStore>;
const capabilities = {} as Record<
  Platform,
  {
    filters: Record<string, string>;
    sorts: Record<string, string>;
    operations: Record<string, boolean>;
    writableFields: string[];
  }
>;
/** Every customer of each store, read once through the gateway: where filter values are taken from. */
const everyone = {} as Record<Platform, Customer[]>;
/** Every answer of the gateway is checked against its OpenAPI document. */
let contractCheck: Awaited<ReturnType<typeof checkEveryGatewayResponse>> | undefined;

/**
 * The oracle of the filter tests: what the simulator's native records say about each customer, read
 * with the sandbox's own per-platform reading of the sheets, never with the product's code.
 */
function nativeFacts(platform: Platform): NativeCustomerFacts[] {
  const read = <Native>(
    simulator: { customerIds(): string[]; stored(id: string): Native | undefined },
    facts: (native: Native) => NativeCustomerFacts,
  ) => simulator.customerIds().map((id) => facts(simulator.stored(id) as Native));
  switch (platform) {
    case 'bling':
      return read(sandbox.bling, blingCustomerFacts);
    case 'ecwid':
      return read(sandbox.ecwid, ecwidCustomerFacts);
    case 'jumpseller':
      return read(sandbox.jumpseller, jumpsellerCustomerFacts);
    case 'shopify':
      // Shopify derives order figures from orders, not the customer record (sheet §4).
      return read(sandbox.shopify, (record) =>
        shopifyCustomerFacts(record, sandbox.shopify.orderStatistics(String(record.id))),
      );
    case 'woocommerce':
      return read(sandbox.woocommerce, wooCommerceCustomerFacts);
    case 'bigcommerce':
      return read(sandbox.bigcommerce, bigcommerceCustomerFacts);
  }
}

interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

async function api(platform: Platform, path: string, init: RequestInit = {}): Promise<ApiAnswer> {
  const response = await fetch(`${gateway.url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${stores[platform].accessToken}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

function query(parameters: Readonly<Record<string, string>>): string {
  return new URLSearchParams(parameters).toString();
}

/** Every page of a list, following `pagination.next` with the same filters. */
async function listAll(
  platform: Platform,
  filters: Readonly<Record<string, string>>,
  limit = 100,
): Promise<Customer[]> {
  const customers: Customer[] = [];
  let page: string | null = null;
  do {
    const answer = await api(
      platform,
      `/api/v2/customers?${query({ ...filters, limit: String(limit), ...(page === null ? {} : { page }) })}`,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    customers.push(...(answer.body.customers as Customer[]));
    page = (answer.body.pagination as { next: string | null }).next;
  } while (page !== null);
  return customers;
}

function errorOf(answer: ApiAnswer): { code: string; message: string; platform?: string } {
  return answer.body.error as { code: string; message: string; platform?: string };
}

const byNumericId = (left: string, right: string) =>
  BigInt(left) < BigInt(right) ? -1 : BigInt(left) > BigInt(right) ? 1 : 0;
const idsOf = (customers: readonly Customer[]) => customers.map((customer) => customer.id);
const sortedIds = (customers: readonly Customer[]) => idsOf(customers).sort(byNumericId);

beforeAll(async () => {
  sandbox = await startSandbox({
    count: customerCount,
    ecwid: { rateLimit: { requestsPerMinute: 6000 } },
    shopify: { throttle: { maximumAvailable: 20_000, restoreRate: 2000 } },
    bigcommerce: { rateLimit: { quota: 20_000, windowMs: 30_000 } },
    bling: { count: 64 },
  });
  gateway = await startGatewayProcess({
    environment: { UNICART_UPSTREAM_TIMEOUT_MS: String(upstreamTimeoutMs), UNICART_LOG_LEVEL: 'warn' },
  });
  contractCheck = await checkEveryGatewayResponse(gateway.url);
  const bodies = sandboxStoreBodies(sandbox);
  for (const platform of platforms) {
    stores[platform] = await connectStore(gateway, bodies[platform]);
    const answer = await api(platform, '/api/v2/capabilities');
    capabilities[platform] = answer.body as (typeof capabilities)[Platform];
  }
}, 60_000);

afterAll(async () => {
  contractCheck?.restore();
  await gateway?.stop();
  await sandbox?.close();
});

describe('a full iteration', () => {
  it.each(platforms)(
    'reads every %s customer exactly once, and the count agrees',
    async (platform) => {
      const customers = await listAll(platform, {});
      const ids = idsOf(customers);
      expect(new Set(ids).size, 'no duplicate').toBe(ids.length);
      expect(ids.length).toBeGreaterThanOrEqual(minimumCustomers[platform]);
      expect([...ids].sort(byNumericId), 'no gap').toStrictEqual(sandbox[platform].customerIds());
      for (const customer of customers) customerSchema.parse(customer);
      const count = await api(platform, '/api/v2/customers/count');
      expect(count.body).toStrictEqual({ count: ids.length });
      everyone[platform] = customers;
    },
    90_000,
  );
});

describe('capabilities', () => {
  it.each(platforms)('%s declares every operation', (platform) => {
    expect(capabilities[platform].operations).toStrictEqual({
      list: true,
      count: true,
      get: true,
      create: true,
      update: true,
      delete: true,
      orders: true,
    });
  });
});

describe('list parameters', () => {
  it.each(platforms)(
    '%s answers 50 by default, and 400 for a bad limit or an unknown parameter',
    async (platform) => {
      const first = await api(platform, '/api/v2/customers');
      const shown = (first.body.customers as unknown[]).length;
      const { next } = first.body.pagination as { next: string | null };
      // Bling reads each customer shown at 3 requests a second: a page may end at the deadline, with a cursor.
      if (platform === 'bling' && shown < 50) expect([shown > 0, next !== null]).toStrictEqual([true, true]);
      else expect(shown).toBe(50);
      expect(first.body.pagination).toMatchObject({ limit: 50 });
      for (const bad of ['limit=0', 'limit=101', 'limit=ten', 'colour=blue', 'createdAt[from]=yesterday']) {
        const answer = await api(platform, `/api/v2/customers?${bad}`);
        expect([answer.status, errorOf(answer).code], bad).toStrictEqual([400, 'invalid_request']);
      }
    },
    60_000,
  );

  it.each(platforms)(
    '%s refuses a forged page token and one replayed with other filters',
    async (platform) => {
      const first = await api(platform, '/api/v2/customers?limit=5');
      const next = (first.body.pagination as { next: string }).next;
      const forged = await api(platform, `/api/v2/customers?limit=5&page=${encodeURIComponent(`${next}x`)}`);
      expect(forged.status).toBe(400);
      const replayed = await api(
        platform,
        `/api/v2/customers?limit=5&name=a&page=${encodeURIComponent(next)}`,
      );
      expect(replayed.status).toBe(400);
    },
  );
});

/** Filter values chosen from the store's own customers, so every filter has matches. */
function sampleFilters(customers: readonly Customer[]): Record<string, Record<string, string>> {
  const byCreation = [...customers].sort((left, right) =>
    (left.dates.createdAt ?? '').localeCompare(right.dates.createdAt ?? ''),
  );
  const byUpdate = customers.filter((customer) => customer.dates.updatedAt !== null);
  byUpdate.sort((left, right) => (left.dates.updatedAt ?? '').localeCompare(right.dates.updatedAt ?? ''));
  const ids = sortedIds(customers);
  const withEmail = customers.filter((customer) => customer.email !== null);
  const named = customers.find(
    (customer) => customer.lastName !== null && /[^\p{ASCII}]/u.test(customer.lastName),
  );
  // Positions as fractions of the store, so that smaller stores (Bling's) have values too; a store
  // whose customers have no dates (Bling, Jumpseller) is sent a fixed date, which it refuses.
  const at = <Item>(items: readonly Item[], position: number) =>
    items[Math.floor((position / customerCount) * items.length)];
  const someDate = '2024-01-01T00:00:00.000Z';
  const createdFrom = at(byCreation, 200)?.dates.createdAt ?? someDate;
  const createdTo = at(byCreation, 260)?.dates.createdAt ?? someDate;
  const updatedFrom = at(byUpdate, 300)?.dates.updatedAt ?? someDate;
  const updatedTo = at(byUpdate, 340)?.dates.updatedAt ?? someDate;
  return {
    ids: { ids: [ids[5], ids[17], at(ids, 900), '999999999999'].join(',') },
    sinceId: { sinceId: ids[ids.length - 40] as string },
    'createdAt range': { 'createdAt[from]': createdFrom, 'createdAt[to]': createdTo },
    'createdAt[to] as a date: the whole day': {
      'createdAt[from]': createdFrom,
      'createdAt[to]': createdTo.slice(0, 10),
    },
    'createdAt[from] with an offset': {
      'createdAt[from]': withOffset(createdFrom, 120),
      'createdAt[to]': createdTo,
    },
    'updatedAt range': { 'updatedAt[from]': updatedFrom, 'updatedAt[to]': updatedTo },
    'email, another case': { email: ((withEmail[10] as Customer).email as string).toUpperCase() },
    'name, unicode and another case': {
      name: ((named as Customer).lastName as string).toLocaleUpperCase('en'),
    },
    'name and createdAt together': { name: 'an', 'createdAt[from]': createdFrom, 'createdAt[to]': createdTo },
    ...extendedSampleFilters(customers),
  };
}

/** §4's filters, with values from the store's customers (a fixed value where the store has none). */
function extendedSampleFilters(customers: readonly Customer[]): Record<string, Record<string, string>> {
  const numbers = (pick: (customer: Customer) => number | null) =>
    customers
      .map(pick)
      .filter((value) => value !== null)
      .sort((left, right) => left - right);
  const counts = numbers((customer) => customer.ordersCount);
  // Amounts above zero: most customers of a store have spent nothing, and `min=0` would keep them all.
  const spent = numbers((customer) => customer.totalSpent).filter((amount) => amount > 0);
  const codes = [
    ...new Set(customers.flatMap((customer) => customer.addresses.map((address) => address.country?.code))),
  ].filter((code) => code !== undefined);
  const tags = customers.flatMap((customer) => customer.tags);
  const phone = customers
    .map((customer) => customer.phone)
    .find((value) => (value?.match(/\d/g)?.length ?? 0) >= 8);
  const digits = (phone ?? '5551234567').replace(/\D/g, '').slice(-7);
  const middle = (values: readonly number[], fallback: number) =>
    values[Math.floor(values.length / 2)] ?? fallback;
  return {
    'acceptsMarketing false': { acceptsMarketing: 'false' },
    'acceptsMarketing true and a phone': { acceptsMarketing: 'true', phone: digits.slice(-4) },
    'ordersCount range': {
      'ordersCount[min]': '1',
      'ordersCount[max]': String(
        middle(
          counts.filter((count) => count > 0),
          3,
        ),
      ),
    },
    'ordersCount at most 0': { 'ordersCount[max]': '0' },
    'totalSpent from a customer’s amount': { 'totalSpent[min]': String(middle(spent, 100)) },
    'totalSpent at most, with cents': { 'totalSpent[max]': (middle(spent, 100) / 3).toFixed(2) },
    'country, two codes in lower case': { country: `${codes[0] ?? 'US'},${codes[1] ?? 'BR'}`.toLowerCase() },
    'tags, another case': { tags: (tags[0] ?? 'vip').toUpperCase() },
    'two tags at once': { tags: [...new Set(tags)].slice(0, 2).join(',') || 'vip,wholesale' },
    // Digits of a stored number, written with other punctuation.
    'phone, formatted otherwise': { phone: `(${digits.slice(0, 3)}) ${digits.slice(3)}` },
  };
}

/** The same instant written in another offset: `2024-01-31T12:00:00.000Z` → `2024-01-31T14:00:00+02:00`. */
function withOffset(instant: string, offsetMinutes: number): string {
  const local = new Date(Date.parse(instant) + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const hours = String(Math.floor(offsetMinutes / 60)).padStart(2, '0');
  const minutes = String(offsetMinutes % 60).padStart(2, '0');
  return `${local}+${hours}:${minutes}`;
}

/** The canonical filters of a query string, in core's terms, for the oracle. */
function canonicalFilters(parameters: Readonly<Record<string, string>>): CustomerFilters {
  const dayEnd = (value: string) =>
    value.length === 10 ? `${value}T23:59:59.999Z` : new Date(value).toISOString();
  const range = (field: 'createdAt' | 'updatedAt') => {
    const from = parameters[`${field}[from]`];
    const to = parameters[`${field}[to]`];
    if (from === undefined && to === undefined) return {};
    return {
      [field]: {
        ...(from === undefined ? {} : { from: new Date(from).toISOString() }),
        ...(to === undefined ? {} : { to: dayEnd(to) }),
      },
    };
  };
  const bounds = (field: 'ordersCount' | 'totalSpent') => {
    const min = parameters[`${field}[min]`];
    const max = parameters[`${field}[max]`];
    if (min === undefined && max === undefined) return {};
    return {
      [field]: {
        ...(min === undefined ? {} : { min: Number(min) }),
        ...(max === undefined ? {} : { max: Number(max) }),
      },
    };
  };
  const list = (value: string | undefined) => value?.split(',').map((item) => item.trim());
  return {
    ...(parameters.acceptsMarketing === undefined
      ? {}
      : { acceptsMarketing: parameters.acceptsMarketing === 'true' }),
    ...bounds('ordersCount'),
    ...bounds('totalSpent'),
    ...(parameters.country === undefined ? {} : { country: list(parameters.country) }),
    ...(parameters.tags === undefined ? {} : { tags: list(parameters.tags) }),
    ...(parameters.phone === undefined ? {} : { phone: parameters.phone }),
    ...(parameters.ids === undefined ? {} : { ids: parameters.ids.split(',') }),
    ...(parameters.sinceId === undefined ? {} : { sinceId: parameters.sinceId }),
    ...(parameters.email === undefined ? {} : { email: parameters.email }),
    ...(parameters.name === undefined ? {} : { name: parameters.name }),
    ...range('createdAt'),
    ...range('updatedAt'),
  };
}

describe('filters', () => {
  it.each(platforms)(
    '%s honours each declared filter exactly, and refuses the others',
    async (platform) => {
      const customers = everyone[platform];
      expect(customers, 'the full iteration ran first').toBeDefined();
      const declared = capabilities[platform].filters;
      const facts = nativeFacts(platform);
      for (const [label, parameters] of Object.entries(sampleFilters(customers))) {
        const unsupported = Object.keys(parameters).find((name) => declared[name] === undefined);
        if (unsupported !== undefined) {
          const answer = await api(platform, `/api/v2/customers?${query(parameters)}`);
          expect([answer.status, errorOf(answer).code, errorOf(answer).platform], label).toStrictEqual([
            400,
            'filter_not_supported',
            platform,
          ]);
          expect(errorOf(answer).message).toContain(unsupported);
          continue;
        }
        const expected = facts
          .filter((customer) => expectedToMatch(customer, canonicalFilters(parameters)))
          .map((customer) => customer.id)
          .sort(byNumericId);
        // Bling's account is small: a §4 combination may keep nobody there; elsewhere each keeps someone.
        if (platform !== 'bling' || !label.includes(' and ')) {
          expect(expected.length, `${label} has matches`).toBeGreaterThan(0);
        }
        expect(expected.length, `${label} leaves some out`).toBeLessThan(facts.length);
        const found = await listAll(platform, parameters, 25);
        expect(sortedIds(found), label).toStrictEqual(expected);
        if (parameters.sinceId !== undefined)
          expect(idsOf(found), 'ascending ids').toStrictEqual(sortedIds(found));
        const count = await api(platform, `/api/v2/customers/count?${query(parameters)}`);
        expect(count.body, `count of ${label}`).toStrictEqual({ count: expected.length });
      }
      for (const filter of allFilters.filter((name) => declared[name] === undefined)) {
        for (const route of ['/api/v2/customers', '/api/v2/customers/count']) {
          const answer = await api(platform, `${route}?${query({ [filter]: refusedFilterValue[filter] })}`);
          expect([answer.status, errorOf(answer).code], filter).toStrictEqual([400, 'filter_not_supported']);
        }
      }
    },
    // Every §4 case lists and counts a 2 100-customer store, several of them by scan.
    300_000,
  );

  it.each(platforms)('%s search finds a customer by full e-mail address', async (platform) => {
    if (capabilities[platform].filters.search === undefined) return;
    const target = everyone[platform].find((customer) => customer.email !== null) as Customer;
    const found = await listAll(platform, { search: target.email as string });
    expect(idsOf(found)).toContain(target.id);
  });
});

describe('sort', () => {
  const directions = ['asc', 'desc'] as const;

  it.each(platforms)(
    '%s orders by each declared sort in both directions as the native records say, and refuses the others',
    async (platform) => {
      const declared = capabilities[platform].sorts;
      const facts = nativeFacts(platform);
      for (const key of customerSortKeys) {
        for (const direction of directions) {
          const sort = `${direction === 'desc' ? '-' : ''}${key}`;
          if (declared[key] === undefined) {
            const answer = await api(platform, `/api/v2/customers?${query({ sort })}`);
            expect([answer.status, errorOf(answer).code, errorOf(answer).platform], sort).toStrictEqual([
              400,
              'sort_not_supported',
              platform,
            ]);
            continue;
          }
          const expected = [...facts].sort(expectedOrder({ key, direction })).map((customer) => customer.id);
          const found = await listAll(platform, { sort }, 100);
          expect(idsOf(found), sort).toStrictEqual(expected);
        }
      }
    },
    120_000,
  );

  it.each(platforms)(
    '%s combines a sort with a filter, and binds the page token to the sort',
    async (platform) => {
      const key = customerSortKeys.find((candidate) => capabilities[platform].sorts[candidate] !== undefined);
      if (key === undefined) return;
      if (capabilities[platform].filters.country !== undefined) {
        const counts = new Map<string, number>();
        for (const customer of everyone[platform]) {
          for (const address of customer.addresses) {
            const code = address.country?.code;
            if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
          }
        }
        const [code] = [...counts.entries()].sort((left, right) => right[1] - left[1])[0] as [string, number];
        const filters = { sort: `-${key}`, country: code };
        const expected = nativeFacts(platform)
          .filter((customer) => expectedToMatch(customer, canonicalFilters(filters)))
          .sort(expectedOrder({ key, direction: 'desc' }))
          .map((customer) => customer.id);
        expect(expected.length).toBeGreaterThan(0);
        expect(idsOf(await listAll(platform, filters, 7))).toStrictEqual(expected);
      }
      const first = await api(platform, `/api/v2/customers?${query({ sort: `-${key}`, limit: '2' })}`);
      const page = (first.body.pagination as { next: string }).next;
      for (const other of [{ sort: key }, {}] as Record<string, string>[]) {
        const replayed = await api(platform, `/api/v2/customers?${query({ ...other, limit: '2', page })}`);
        expect([replayed.status, errorOf(replayed).code], JSON.stringify(other)).toStrictEqual([
          400,
          'invalid_request',
        ]);
      }
    },
    60_000,
  );
});

describe('field selection and raw records', () => {
  it.each(platforms)(
    '%s answers only the asked keys plus id, and the native record under raw, in lists, reads and exports',
    async (platform) => {
      const byId = new Map(everyone[platform].map((customer) => [customer.id, customer]));
      const list = await api(
        platform,
        `/api/v2/customers?${query({ limit: '3', fields: 'tags,email', include: 'raw' })}`,
      );
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      const shown = list.body.customers as (Customer & { raw: unknown })[];
      expect(shown.length).toBeGreaterThan(0);
      for (const customer of shown) {
        expect(Object.keys(customer).sort()).toStrictEqual(['email', 'id', 'raw', 'tags']);
        const whole = byId.get(customer.id) as Customer;
        expect([customer.email, customer.tags]).toStrictEqual([whole.email, whole.tags]);
        expect(JSON.stringify(customer.raw)).toContain(customer.id);
      }
      const target = everyone[platform].find((customer) => customer.addresses.length > 0) as Customer;
      const one = await api(platform, `/api/v2/customers/${target.id}?fields=addresses,lastName`);
      expect(one.body).toStrictEqual({
        customer: { id: target.id, lastName: target.lastName, addresses: target.addresses },
      });
      const ids = shown.map((customer) => customer.id).join(',');
      const response = await fetch(
        `${gateway.url}/api/v2/customers/export?${query({ ids, fields: 'firstName' })}`,
        { headers: { authorization: `Bearer ${stores[platform].accessToken}` } },
      );
      const lines = (await response.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Customer);
      expect(lines.map((customer) => Object.keys(customer).sort())).toStrictEqual(
        shown.map(() => ['firstName', 'id']),
      );
      const unknown = await api(platform, '/api/v2/customers?fields=email,password');
      expect([unknown.status, errorOf(unknown).code]).toStrictEqual([400, 'invalid_request']);
    },
    60_000,
  );
});

describe('one customer', () => {
  it.each(platforms)(
    '%s answers the same customer from the list and from GET /customers/{id}',
    async (platform) => {
      const target = everyone[platform].find((customer) => customer.addresses.length > 1) as Customer;
      const answer = await api(platform, `/api/v2/customers/${target.id}`);
      expect(answer.status).toBe(200);
      expect(answer.body.customer).toStrictEqual(target);
    },
  );

  it.each(platforms)('%s answers 404 not_found for an unknown id', async (platform) => {
    const answer = await api(platform, '/api/v2/customers/999999999999');
    expect([answer.status, errorOf(answer).code]).toStrictEqual([404, 'not_found']);
  });

  /** Orders of a customer, every page of one order each. */
  async function ordersOf(platform: Platform, id: string): Promise<unknown[]> {
    const orders: unknown[] = [];
    let page: string | null = null;
    do {
      const answer = await api(
        platform,
        `/api/v2/customers/${id}/orders?${query({ limit: '1', ...(page === null ? {} : { page }) })}`,
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      orders.push(...(answer.body.orders as unknown[]));
      page = (answer.body.pagination as { next: string | null }).next;
    } while (page !== null);
    return orders;
  }

  it.each(platforms)('%s lists a customer’s orders, and 404 for an unknown customer', async (platform) => {
    // Platforms without an order count (WooCommerce v3) are probed customer by customer.
    const candidates = everyone[platform].filter(
      (customer) => customer.ordersCount === null || customer.ordersCount > 1,
    );
    let found: { buyer: Customer; orders: unknown[] } | undefined;
    for (const buyer of candidates.slice(0, 30)) {
      const orders = await ordersOf(platform, buyer.id);
      if (orders.length > 0) {
        found = { buyer, orders };
        break;
      }
    }
    expect(found, 'a customer with orders').toBeDefined();
    const { buyer, orders } = found as { buyer: Customer; orders: unknown[] };
    if (buyer.ordersCount !== null) expect(orders.length).toBe(buyer.ordersCount);
    for (const order of orders) expect(orderSchema.parse(order).customerId).toBe(buyer.id);
    const unknown = await api(platform, '/api/v2/customers/999999999999/orders');
    expect([unknown.status, errorOf(unknown).code]).toStrictEqual([404, 'not_found']);
  });
});

describe('Shopify client credentials', () => {
  it('connects a shop with clientId and clientSecret: the adapter obtains the token from the grant', async () => {
    const store = await connectStore(gateway, {
      platform: 'shopify',
      name: 'Sandbox Shopify shop (client credentials)',
      credentials: sandbox.shopify.clientCredentials,
      baseUrl: sandbox.shopify.url,
    });
    const response = await fetch(`${gateway.url}/api/v2/customers/count`, {
      headers: { authorization: `Bearer ${store.accessToken}` },
    });
    expect(await response.json()).toStrictEqual({ count: sandbox.shopify.customerIds().length });
    expect(sandbox.shopify.requests.some((request) => request.path === '/admin/oauth/access_token')).toBe(
      true,
    );
  });
});

describe('writes', () => {
  const address = {
    firstName: 'Zoë',
    lastName: "O'Brien-Ñandú",
    address1: '12 Oak St',
    address2: 'Apt 4',
    city: 'Austin',
    postalCode: '78701',
    country: { code: 'US' },
    state: { code: 'TX' },
    defaultBilling: true,
    defaultShipping: true,
  };
  /** Address fields a platform refuses rather than drop (its package README says which). */
  const refusedAddressFields: Partial<Record<Platform, readonly (keyof typeof address)[]>> = {
    jumpseller: ['address2'],
  };
  const storableAddress = (platform: Platform) =>
    Object.fromEntries(
      Object.entries(addressOf(platform)).filter(
        ([field]) => !refusedAddressFields[platform]?.includes(field as keyof typeof address),
      ),
    );

  /** Bling addresses carry no recipient and no state abroad (sheet §4.1): a Brazilian one there. */
  const addressOf = (platform: Platform) =>
    platform === 'bling'
      ? {
          address1: 'Rua Augusta, 1508',
          address2: 'Apto 42',
          city: 'São Paulo',
          postalCode: '01304-001',
          country: { code: 'BR' },
          state: { code: 'SP' },
          defaultBilling: true,
          defaultShipping: true,
        }
      : address;

  it.each(platforms)(
    '%s creates, reads, updates and deletes a customer, verified in the simulator',
    async (platform) => {
      const email = `zoe.obrien.${platform}@example.net`;
      const written = addressOf(platform);
      const created = await api(platform, '/api/v2/customers', {
        method: 'POST',
        body: JSON.stringify({
          customer: {
            firstName: 'Zoë',
            lastName: "O'Brien-Ñandú",
            email,
            addresses: [storableAddress(platform)],
          },
        }),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const customer = customerSchema.parse(created.body.customer);
      expect(customer).toMatchObject({ firstName: 'Zoë', lastName: "O'Brien-Ñandú", email });
      expect(customer.addresses).toContainEqual(
        expect.objectContaining({
          address1: written.address1,
          city: written.city,
          postalCode: written.postalCode,
          state: expect.objectContaining({ code: written.state.code }),
        }),
      );
      expect(sandbox[platform].stored(customer.id), 'stored upstream').toBeDefined();
      expect((await api(platform, `/api/v2/customers/${customer.id}`)).body.customer).toStrictEqual(customer);

      const updated = await api(platform, `/api/v2/customers/${customer.id}`, {
        method: 'PUT',
        body: JSON.stringify({ customer: { lastName: 'Updated' } }),
      });
      expect(updated.status, JSON.stringify(updated.body)).toBe(200);
      expect(updated.body.customer).toMatchObject({ firstName: 'Zoë', lastName: 'Updated', email });
      expect(JSON.stringify(sandbox[platform].stored(customer.id))).toContain('Updated');

      const deleted = await api(platform, `/api/v2/customers/${customer.id}`, { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      expect(sandbox[platform].stored(customer.id), 'deleted upstream').toBeUndefined();
      expect((await api(platform, `/api/v2/customers/${customer.id}`)).status).toBe(404);
    },
  );

  it.each(platforms)('%s refuses invalid input with 400 invalid_request before writing', async (platform) => {
    const before = sandbox[platform].customerIds().length;
    for (const body of [
      { customer: { lastName: 'No first name' } },
      { customer: { firstName: 'A', lastName: 'B', colour: 'blue' } },
      { nothing: true },
    ]) {
      const answer = await api(platform, '/api/v2/customers', { method: 'POST', body: JSON.stringify(body) });
      expect([answer.status, errorOf(answer).code], JSON.stringify(body)).toStrictEqual([
        400,
        'invalid_request',
      ]);
    }
    expect(sandbox[platform].customerIds().length).toBe(before);
  });

  it.each(platforms)(
    '%s stores every field its capabilities call writable, refuses the others: never drops one silently',
    async (platform) => {
      const writable = capabilities[platform].writableFields;
      expect(writable).toEqual(expect.arrayContaining(['firstName', 'lastName', 'email', 'addresses']));
      const fields = {
        note: 'Prefers mornings',
        tags: ['vip'],
        acceptsMarketing: true,
        phone: '+14155550123',
      };
      for (const [field, value] of Object.entries(fields)) {
        const email = `field.${field.toLowerCase()}.${platform}@example.net`;
        const answer = await api(platform, '/api/v2/customers', {
          method: 'POST',
          body: JSON.stringify({ customer: { firstName: 'Field', lastName: field, email, [field]: value } }),
        });
        if (writable.includes(field)) {
          expect(answer.status, JSON.stringify(answer.body)).toBe(201);
          const customer = answer.body.customer as Customer;
          expect(customer[field as keyof Customer], field).toStrictEqual(value);
          await api(platform, `/api/v2/customers/${customer.id}`, { method: 'DELETE' });
        } else {
          expect([answer.status, errorOf(answer).code], field).toStrictEqual([400, 'invalid_request']);
          expect(errorOf(answer).message, field).toContain(field);
        }
      }
    },
  );
});

describe('concurrent updates', () => {
  // Ecwid takes its billing person whole (sheet §2.2: a partial one is unconfirmed), so the adapter
  // reads the customer and writes the billing person back with the change: two updates of one
  // customer at once would each write back the other's field as it was before.
  it.each(platforms)(
    '%s keeps both changes of two concurrent updates of different fields',
    async (platform) => {
      for (let trial = 1; trial <= 4; trial += 1) {
        const email = `concurrent.${trial}.${platform}@example.net`;
        const created = await api(platform, '/api/v2/customers', {
          method: 'POST',
          body: JSON.stringify({ customer: { firstName: 'Before', lastName: 'Race', email } }),
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const { id } = created.body.customer as Customer;
        const phone = `+1415555${String(1000 + trial)}`;
        const [renamed, rephoned] = await Promise.all([
          api(platform, `/api/v2/customers/${id}`, {
            method: 'PUT',
            body: JSON.stringify({ customer: { firstName: 'After' } }),
          }),
          api(platform, `/api/v2/customers/${id}`, {
            method: 'PUT',
            body: JSON.stringify({ customer: { phone } }),
          }),
        ]);
        expect(
          [renamed.status, rephoned.status],
          JSON.stringify([renamed.body, rephoned.body]),
        ).toStrictEqual([200, 200]);
        const read = (await api(platform, `/api/v2/customers/${id}`)).body.customer as Customer;
        expect(
          { firstName: read.firstName, lastName: read.lastName, phone: read.phone },
          `trial ${trial}`,
        ).toStrictEqual({
          firstName: 'After',
          lastName: 'Race',
          phone,
        });
        await api(platform, `/api/v2/customers/${id}`, { method: 'DELETE' });
      }
    },
  );
});

describe('upstream failures', () => {
  /** Runs the scenario on every platform at once (the fault scenarios wait on retries and timeouts). */
  async function onEveryPlatform(scenario: (platform: Platform) => Promise<void>): Promise<void> {
    try {
      await Promise.all(platforms.map(scenario));
    } finally {
      for (const platform of platforms) sandbox[platform].reset();
    }
  }

  it('retries a 429 (or Shopify’s THROTTLED) and then succeeds', async () => {
    await onEveryPlatform(async (platform) => {
      const simulator = sandbox[platform];
      const before = simulator.requests.length;
      simulator.failNext('rateLimited');
      const answer = await api(platform, '/api/v2/customers/count');
      expect(answer.status, `${platform}: ${JSON.stringify(answer.body)}`).toBe(200);
      expect(simulator.requests.length - before, platform).toBeGreaterThanOrEqual(2);
    });
  }, 30_000);

  it('answers 502 upstream_error when the platform keeps failing', async () => {
    await onEveryPlatform(async (platform) => {
      sandbox[platform].failNext('serverError', 50);
      const answer = await api(platform, '/api/v2/customers?limit=1');
      expect([answer.status, errorOf(answer).code, errorOf(answer).platform], platform).toStrictEqual([
        502,
        'upstream_error',
        platform,
      ]);
    });
  }, 60_000);

  it('answers 502 upstream_error for a body that is not the platform’s JSON', async () => {
    await onEveryPlatform(async (platform) => {
      sandbox[platform].failNext('malformed', 50);
      const answer = await api(platform, '/api/v2/customers?limit=1');
      expect([answer.status, errorOf(answer).code], platform).toStrictEqual([502, 'upstream_error']);
    });
  }, 60_000);

  it('answers 424 upstream_unauthorized once the merchant revokes the credentials', async () => {
    await onEveryPlatform(async (platform) => {
      const secrets = Object.values(sandbox[platform].credentials).filter((value) => value.length >= 32);
      sandbox[platform].revokeCredentials();
      const answer = await api(platform, '/api/v2/customers?limit=1');
      expect([answer.status, errorOf(answer).code], platform).toStrictEqual([424, 'upstream_unauthorized']);
      for (const secret of secrets) expect(JSON.stringify(answer.body)).not.toContain(secret);
    });
  }, 30_000);

  it('answers 504 upstream_timeout when the platform does not answer in time', async () => {
    await onEveryPlatform(async (platform) => {
      sandbox[platform].failNext('delayed', 20, { delayMs: upstreamTimeoutMs + 2000 });
      const answer = await api(platform, '/api/v2/customers?limit=1');
      expect([answer.status, errorOf(answer).code], platform).toStrictEqual([504, 'upstream_timeout']);
    });
  }, 60_000);
});
