import { readdirSync, readFileSync } from 'node:fs';
import { createBigCommerceAdapter } from '@unicart/adapter-bigcommerce';
import { createBlingAdapter } from '@unicart/adapter-bling';
import { createEcwidAdapter } from '@unicart/adapter-ecwid';
import { createJumpsellerAdapter } from '@unicart/adapter-jumpseller';
import { createShopifyAdapter } from '@unicart/adapter-shopify';
import { createWooCommerceAdapter } from '@unicart/adapter-woocommerce';
import type { CustomerAdapterV1 } from '@unicart/core';

/** Customers per second one adapter turns from a native page into canonical customers. */
export interface MappingResult {
  readonly platform: string;
  /** Per second of wall-clock time: lower whenever other processes take the CPU. */
  readonly customersPerSecond: number;
  /**
   * Per second of this process's CPU time (user + system): what one core does, much less moved by
   * the other processes of a shared machine. The target is judged on it.
   */
  readonly customersPerCpuSecond: number;
  readonly microsecondsPerCustomer: number;
  readonly customers: number;
  readonly seconds: number;
  /** Distinct fixtures the page cycles through. */
  readonly fixtures: number;
  /**
   * CPU time per customer, and of it what decoding and `JSON.parse` of the same native bodies
   * alone take (measured right after): the part no adapter change can cut.
   */
  readonly cpuMicrosecondsPerCustomer: number;
  readonly parseCpuMicrosecondsPerCustomer: number;
}

export interface MappingOptions {
  /** Measured time per adapter, after the warm-up. */
  readonly seconds: number;
  /** The adapters to measure. */
  readonly platforms: readonly string[];
}

type JsonObject = Record<string, unknown>;

const pageSize = 100;
const fixturesRoot = new URL('../../packages/', import.meta.url);

/** The customer fixtures of an adapter package (`<platform>-<record>-*.json`), parsed. */
function customerFixtures(platform: string, record = 'customer'): JsonObject[] {
  const directory = new URL(`adapter-${platform}/src/__fixtures__/`, fixturesRoot);
  return readdirSync(directory)
    .filter((name) => name.startsWith(`${platform}-${record}-`) && name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(new URL(name, directory), 'utf8')) as JsonObject);
}

/** `count` customers cycling through the fixtures, each with its own id, so no two are the same object. */
function varied(
  fixtures: readonly JsonObject[],
  count: number,
  withId: (native: JsonObject, id: number) => JsonObject,
) {
  return Array.from({ length: count }, (_, index) => {
    const fixture = fixtures[index % fixtures.length] as JsonObject;
    return withId(structuredClone(fixture), 5_000_001 + index);
  });
}

/**
 * A `fetch` that answers from canned bodies by path: the adapter's whole read path, without a socket.
 * Each body is encoded to UTF-8 once, as a socket delivers bytes: encoding a 100-customer string on
 * every call would measure the harness (a quarter of the time in a profile), not the adapter.
 */
/** While set, the bodies every canned `fetch` serves, to time their parsing alone. */
let servedBodies: Uint8Array[] | undefined;

function cannedFetch(
  answer: (path: string) => { body: string; headers?: Record<string, string> },
): typeof fetch {
  const encoded = new Map<string, Uint8Array<ArrayBuffer>>();
  const encoder = new TextEncoder();
  return async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const { body, headers } = answer(url.pathname);
    let bytes = encoded.get(body);
    if (bytes === undefined) {
      bytes = encoder.encode(body);
      encoded.set(body, bytes);
    }
    servedBodies?.push(bytes);
    return new Response(bytes, { status: 200, headers: { 'content-type': 'application/json', ...headers } });
  };
}

function ecwidAdapter(): { adapter: CustomerAdapterV1; fixtures: number } {
  const fixtures = customerFixtures('ecwid');
  const items = varied(fixtures, pageSize, (native, id) => ({ ...native, id }));
  const page = JSON.stringify({ total: 1_000_000, count: pageSize, offset: 0, limit: pageSize, items });
  const profile = readFileSync(
    new URL('adapter-ecwid/src/__fixtures__/ecwid-profile.json', fixturesRoot),
    'utf8',
  );
  const adapter = createEcwidAdapter({
    storeId: '1003',
    accessToken: 'secret_bench',
    baseUrl: 'http://ecwid.bench',
    limiter: false,
    fetch: cannedFetch((path) => ({ body: path.endsWith('/profile') ? profile : page })),
  });
  return { adapter, fixtures: fixtures.length };
}

function wooCommerceAdapter(): { adapter: CustomerAdapterV1; fixtures: number } {
  const fixtures = customerFixtures('woocommerce');
  const page = JSON.stringify(varied(fixtures, pageSize, (native, id) => ({ ...native, id })));
  const currency = JSON.stringify({ code: 'USD', name: 'United States (US) dollar', symbol: '&#36;' });
  const adapter = createWooCommerceAdapter({
    url: 'https://woocommerce.bench',
    consumerKey: 'ck_bench',
    consumerSecret: 'cs_bench',
    fetch: cannedFetch((path) =>
      path.endsWith('/data/currencies/current')
        ? { body: currency }
        : { body: page, headers: { 'x-wp-total': '1000000', 'x-wp-totalpages': '10000' } },
    ),
  });
  return { adapter, fixtures: fixtures.length };
}

function jumpsellerAdapter(): { adapter: CustomerAdapterV1; fixtures: number } {
  const fixtures = customerFixtures('jumpseller');
  const page = JSON.stringify(
    varied(fixtures, pageSize, (native, id) => ({ ...native, id })).map((customer) => ({ customer })),
  );
  const store = JSON.stringify({ store: { currency: 'CLP' } });
  const adapter = createJumpsellerAdapter({
    login: 'bench-login',
    authToken: 'bench-token',
    baseUrl: 'http://jumpseller.bench',
    // Unpaced: the measurement is the mapping, not Jumpseller's 13 requests a second.
    limiter: false,
    fetch: cannedFetch((path) => ({ body: path.endsWith('/store/info.json') ? store : page })),
  });
  return { adapter, fixtures: fixtures.length };
}

/**
 * Bling lists contacts without e-mail or addresses, so every customer shown is one more
 * `GET /contatos/{id}` (sheet §3): the row measures the list page and the 100 reads behind it.
 */
function blingAdapter(): { adapter: CustomerAdapterV1; fixtures: number } {
  const fixtures = customerFixtures('bling', 'contact').map((fixture) => fixture.data as JsonObject);
  const contacts = varied(fixtures, pageSize, (native, id) => ({ ...native, id }));
  const byPath = new Map(
    contacts.map((contact) => [`/Api/v3/contatos/${contact.id}`, JSON.stringify({ data: contact })]),
  );
  const page = JSON.stringify({
    data: contacts.map(({ id, nome, situacao }) => ({
      id,
      nome,
      situacao,
      codigo: '',
      numeroDocumento: '',
      telefone: '',
      celular: '',
    })),
  });
  const types = JSON.stringify({ data: [{ id: 14700912001, descricao: 'Cliente' }] });
  const adapter = createBlingAdapter({
    accessToken: 'bling_bench',
    baseUrl: 'http://bling.bench',
    limiter: { acquire: async () => undefined },
    fetch: cannedFetch((path) => ({
      body: path === '/Api/v3/contatos/tipos' ? types : (byPath.get(path) ?? page),
    })),
  });
  return { adapter, fixtures: fixtures.length };
}

function bigcommerceAdapter(): { adapter: CustomerAdapterV1; fixtures: number } {
  const fixtures = customerFixtures('bigcommerce');
  const data = varied(fixtures, pageSize, (native, id) => ({ ...native, id }));
  const page = JSON.stringify({
    data,
    meta: {
      cursor_pagination: {
        count: pageSize,
        per_page: pageSize,
        end_cursor: 'eyJpZCI6MX0',
        links: { next: '?after=eyJpZCI6MX0' },
      },
    },
  });
  // The state codes of the fixtures' addresses come from BigCommerce's geography, read once.
  const states = JSON.stringify([
    { id: 1, state: 'Texas', state_abbreviation: 'TX', country_id: 226 },
    { id: 2, state: 'California', state_abbreviation: 'CA', country_id: 226 },
  ]);
  const answers: Record<string, string> = {
    '/stores/bench/v2/store': JSON.stringify({ id: 'bench', currency: 'USD' }),
    '/stores/bench/v2/countries': JSON.stringify([{ id: 226, country_iso2: 'US' }]),
    '/stores/bench/v2/countries/226/states': states,
  };
  const adapter = createBigCommerceAdapter({
    storeHash: 'bench',
    accessToken: 'bc_bench',
    baseUrl: 'http://bigcommerce.bench',
    limiter: false,
    fetch: cannedFetch((path) => ({ body: answers[path] ?? page })),
  });
  return { adapter, fixtures: fixtures.length };
}

function shopifyAdapter(): { adapter: CustomerAdapterV1; fixtures: number } {
  const fixtures = customerFixtures('shopify');
  const nodes = varied(fixtures, pageSize, (native, id) => ({
    ...native,
    id: `gid://shopify/Customer/${id}`,
    legacyResourceId: String(id),
  }));
  // A full bucket in every answer, so the adapter's pacing never waits during the measurement.
  const page = JSON.stringify({
    data: { customers: { nodes, pageInfo: { hasNextPage: true, endCursor: 'bench-cursor' } } },
    extensions: {
      cost: {
        requestedQueryCost: 502,
        actualQueryCost: 302,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 },
      },
    },
  });
  const adapter = createShopifyAdapter({
    shop: 'bench.myshopify.com',
    accessToken: 'shpat_bench',
    baseUrl: 'http://shopify.bench',
    fetch: cannedFetch(() => ({ body: page })),
  });
  return { adapter, fixtures: fixtures.length };
}

async function measure(
  platform: string,
  adapter: CustomerAdapterV1,
  fixtures: number,
  options: MappingOptions,
) {
  const query = { limit: pageSize, cursor: null };
  const check = await adapter.listCustomers(query);
  if (check.items.length !== pageSize) {
    throw new Error(
      `${platform}: the canned page mapped to ${check.items.length} customers, not ${pageSize}`,
    );
  }
  const warmUpUntil = performance.now() + 1000;
  while (performance.now() < warmUpUntil) await adapter.listCustomers(query);
  globalThis.gc?.();
  const maxPages = 1_000_000;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + options.seconds * 1000;
  let customers = 0;
  for (let pages = 0; pages < maxPages && performance.now() < deadline; pages += 1) {
    customers += (await adapter.listCustomers(query)).items.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMicroseconds = cpu.user + cpu.system;
  // The bodies of one page (the lookups done once are cached by then), decoded and parsed alone.
  servedBodies = [];
  await adapter.listCustomers(query);
  const bodies = servedBodies;
  servedBodies = undefined;
  const decoder = new TextDecoder();
  let parsedPages = 0;
  globalThis.gc?.();
  const parseStarted = performance.now();
  const parseCpuBefore = process.cpuUsage();
  const parseDeadline = parseStarted + Math.min(options.seconds, 2) * 1000;
  while (performance.now() < parseDeadline) {
    for (const body of bodies) JSON.parse(decoder.decode(body));
    parsedPages += 1;
  }
  const parseCpu = process.cpuUsage(parseCpuBefore);
  return {
    platform,
    customersPerSecond: Math.round(customers / seconds),
    microsecondsPerCustomer: Number(((seconds * 1e6) / customers).toFixed(2)),
    customers,
    seconds: Number(seconds.toFixed(2)),
    fixtures,
    customersPerCpuSecond: Math.round((customers * 1e6) / cpuMicroseconds),
    cpuMicrosecondsPerCustomer: Number((cpuMicroseconds / customers).toFixed(2)),
    parseCpuMicrosecondsPerCustomer: Number(
      ((parseCpu.user + parseCpu.system) / (parsedPages * pageSize)).toFixed(2),
    ),
  };
}

/**
 * Native → canonical throughput of each adapter through its public surface: `listCustomers` of
 * 100 customers over a `fetch` that answers a canned page built from the adapter's own fixtures
 * (so JSON parsing, wire validation and mapping are measured, and no socket is).
 */
export async function measureMappingThroughput(options: MappingOptions): Promise<MappingResult[]> {
  const results: MappingResult[] = [];
  for (const [platform, build] of [
    ['bling', blingAdapter],
    ['ecwid', ecwidAdapter],
    ['jumpseller', jumpsellerAdapter],
    ['shopify', shopifyAdapter],
    ['woocommerce', wooCommerceAdapter],
    ['bigcommerce', bigcommerceAdapter],
  ] as const) {
    if (!options.platforms.includes(platform)) continue;
    const { adapter, fixtures } = build();
    results.push(await measure(platform, adapter, fixtures, options));
  }
  return results;
}
