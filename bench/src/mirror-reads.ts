import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Customer } from '@unicart/core';
import { loadConfig, openStoreRepository, type StoreRepository, startGateway } from '@unicart/gateway';

/** One kind of mirror read and how long the gateway took to answer it. */
export interface MirrorQueryResult {
  readonly query: string;
  readonly matching: number;
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface MirrorResult {
  readonly engine: 'sqlite' | 'postgresql';
  readonly customers: number;
  readonly seedSeconds: number;
  readonly queries: readonly MirrorQueryResult[];
  /** From a change handed to the mirror to a client reading the feed continuously receiving it. */
  readonly feedLag: {
    readonly changes: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
  };
}

export interface MirrorOptions {
  readonly customers: number;
  /** Timed requests per query (after a warm-up of a tenth of them). */
  readonly requests: number;
  /** An empty PostgreSQL database to measure on; SQLite otherwise. */
  readonly databaseUrl?: string | undefined;
}

const adminToken = 'bench-admin-token-0123456789abcdef';
const secretKey = 'bench-secret-key-0123456789abcdef0123';

/** A small deterministic generator, so every run seeds the same store. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const firstNames = ['Ada', 'Grace', 'Alan', 'Émile', 'Zoë', 'Øyvind', 'Linus', 'Margaret', 'Ken', 'Barbara'];
const lastNames = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Müller',
  'Smith',
  'Ñúñez',
  'Hamilton',
  'Thompson',
  'Liskov',
];
const countries = ['DE', 'FR', 'US', 'BR', 'GB', 'ES', 'IT', 'NL', 'PL', 'SE'];
const tags = ['vip', 'wholesale', 'retail', 'newsletter', 'b2b', 'late payer'];

/** Customers as a mid-size store has them: a spread of names, dates, countries, tags and totals. */
export function benchCustomers(count: number): Customer[] {
  const random = seeded(42);
  const pick = <Item>(items: readonly Item[]): Item => items[Math.floor(random() * items.length)] as Item;
  const start = Date.parse('2022-01-01T00:00:00.000Z');
  const span = 3 * 365 * 86_400_000;
  return Array.from({ length: count }, (_, index) => {
    const createdAt = start + Math.floor(random() * span);
    const updatedAt = createdAt + Math.floor(random() * (start + span - createdAt));
    const country = pick(countries);
    const guest = random() < 0.2;
    return {
      id: String(100_000 + index * 7),
      email: random() < 0.05 ? null : `customer${index}@example${index % 50}.com`,
      firstName: random() < 0.03 ? null : pick(firstNames),
      lastName: random() < 0.03 ? null : `${pick(lastNames)}${index % 100 === 0 ? '' : ` ${index % 997}`}`,
      phone: random() < 0.3 ? null : `+49 30 ${String(1_000_000 + Math.floor(random() * 8_999_999))}`,
      currency: 'EUR',
      note: null,
      acceptsMarketing: random() < 0.1 ? null : random() < 0.4,
      tags: [...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(tags)))],
      ordersCount: Math.floor(random() * 20),
      totalSpent: Math.round(random() * 200_000) / 100,
      status: { id: null, status: 'enabled' },
      dates: { createdAt: new Date(createdAt).toISOString(), updatedAt: new Date(updatedAt).toISOString() },
      addresses: guest
        ? []
        : [
            {
              id: `a${index}`,
              firstName: null,
              lastName: null,
              address1: `${index} High Street`,
              address2: null,
              city: 'Berlin',
              postalCode: '10115',
              phone: null,
              company: null,
              references: null,
              defaultBilling: true,
              defaultShipping: true,
              country: { code: country, name: country, codeIso2: country, codeIso3: null },
              state: null,
            },
          ],
    } satisfies Customer;
  });
}

/** The filtered pages measured: §2's and §4's filters and sorts, first and later pages. */
export const mirrorQueries: readonly string[] = [
  'limit=50',
  'limit=50&createdAt[from]=2023-03-01&createdAt[to]=2023-03-31',
  'limit=50&updatedAt[from]=2024-12-01&sort=-updatedAt',
  'limit=50&email=customer4242%40example42.com',
  'limit=50&name=hopper',
  'limit=50&search=lovelace%2012',
  'limit=50&sinceId=500000',
  'limit=50&ids=100000,100007,100014,350000,700000',
  'limit=50&country=DE&sort=-createdAt',
  'limit=50&tags=vip,b2b&acceptsMarketing=true',
  'limit=50&ordersCount[min]=15&totalSpent[min]=1500&sort=email',
  'limit=50&phone=5550&sort=name',
  'limit=50&sort=-name&fields=email,firstName,lastName',
];

const percentile = (sorted: readonly number[], fraction: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * Filtered mirror pages on a store of `customers`, answered by a gateway process of its own making
 * (`startGateway`, the shipped assembly) through `inject`: routing, authentication, the SQL and the
 * serialisation are measured, a socket is not. Then the feed lag.
 */
export async function measureMirror(options: MirrorOptions): Promise<MirrorResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'unicart-bench-mirror-'));
  const config = loadConfig(
    {
      UNICART_ADMIN_TOKEN: adminToken,
      UNICART_SECRET_KEY: secretKey,
      UNICART_DATA_DIR: dataDir,
      UNICART_PORT: '0',
      UNICART_LOG_LEVEL: 'silent',
      UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
      ...(options.databaseUrl === undefined ? {} : { DATABASE_URL: options.databaseUrl }),
    },
    dataDir,
  );
  const readiness = { firstFullReadAt: new Date().toISOString(), syncedAt: new Date().toISOString() };
  const gateway = await startGateway(config, { syncStatus: { readiness: async () => readiness } });
  let seeding: StoreRepository | undefined;
  try {
    const connected = await gateway.app.inject({
      method: 'POST',
      url: '/admin/v1/stores',
      headers: { authorization: `Bearer ${adminToken}` },
      payload: {
        platform: 'woocommerce',
        name: 'Mirror bench',
        credentials: { url: 'http://127.0.0.1:9', consumerKey: 'ck_bench', consumerSecret: 'cs_bench' },
        verifyCredentials: false,
      },
    });
    const { store, accessToken } = connected.json<{ store: { id: string }; accessToken: string }>();
    // A second handle on the same database, as the sync engine of another process would write.
    seeding = await openStoreRepository(config);
    const seedStarted = performance.now();
    const customers = benchCustomers(options.customers);
    for (let start = 0; start < customers.length; start += 1000) {
      await seeding.mirror.apply(
        store.id,
        { upserts: customers.slice(start, start + 1000), deletes: [] },
        new Date(),
      );
    }
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    console.log(
      `  mirror ${config.databaseUrl === undefined ? 'sqlite' : 'postgresql'}: ${options.customers} customers seeded in ${seedSeconds} s`,
    );
    const headers = { authorization: `Bearer ${accessToken}` };
    const get = (url: string) => gateway.app.inject({ method: 'GET', url, headers });

    const queries: MirrorQueryResult[] = [];
    for (const query of mirrorQueries) {
      const count = await get(
        // Count takes the filters alone.
        `/api/v2/customers/count?consistency=mirror&${query
          .split('&')
          .filter((parameter) => !/^(limit|sort|fields)=/.test(parameter))
          .join('&')}`,
      );
      if (count.statusCode !== 200) throw new Error(`count ${query}: ${count.statusCode} ${count.body}`);
      // A later page too: its token carries the keyset position.
      const first = await get(`/api/v2/customers?consistency=mirror&${query}`);
      const next: string | null = first.json().pagination.next;
      const urls = [`/api/v2/customers?consistency=mirror&${query}`];
      if (next !== null) urls.push(`${urls[0]}&page=${encodeURIComponent(next)}`);
      for (const [index, url] of urls.entries()) {
        const timings: number[] = [];
        for (let run = 0; run < options.requests * 1.1; run += 1) {
          const started = performance.now();
          const response = await get(url);
          const elapsed = performance.now() - started;
          if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
          if (run >= options.requests * 0.1) timings.push(elapsed);
        }
        timings.sort((left, right) => left - right);
        console.log(
          `  mirror ${query}${index === 0 ? '' : ' (page 2)'}: p99 ${round(percentile(timings, 0.99))} ms`,
        );
        queries.push({
          query: index === 0 ? query : `${query} (page 2)`,
          matching: count.json<{ count: number }>().count,
          requests: timings.length,
          p50Ms: round(percentile(timings, 0.5)),
          p99Ms: round(percentile(timings, 0.99)),
          maxMs: round(timings.at(-1) ?? 0),
        });
      }
    }

    const feedLag = await measureFeedLag(seeding, store.id, get, customers);
    return {
      engine: options.databaseUrl === undefined ? 'sqlite' : 'postgresql',
      customers: options.customers,
      seedSeconds,
      queries,
      feedLag,
    };
  } finally {
    await seeding?.close();
    await gateway.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * One customer changed every 20 ms through the mirror (as a poll or a webhook re-read hands it
 * over) while a client polls the feed every millisecond: the time from the hand-over to the client
 * holding it.
 */
async function measureFeedLag(
  seeding: StoreRepository,
  storeId: string,
  get: (url: string) => Promise<{ json<Body>(): Body }>,
  customers: readonly Customer[],
): Promise<MirrorResult['feedLag']> {
  interface Feed {
    changes: { customerId: string; customer: Customer | null }[];
    pagination: { next: string };
  }
  // Catch up first: the seeding filled the feed.
  let since = '';
  for (;;) {
    const page = (await get(`/api/v2/customers/changes?limit=1000${since}`)).json<Feed>();
    since = `&since=${encodeURIComponent(page.pagination.next)}`;
    if (page.changes.length === 0) break;
  }
  const changes = 300;
  const handedOver = new Map<string, number>();
  const lags: number[] = [];
  let writing = true;
  const writer = (async () => {
    for (let index = 0; index < changes; index += 1) {
      const changed = { ...customers[index * 13]!, note: `bench change ${index}` };
      handedOver.set(changed.note, performance.now());
      await seeding.mirror.apply(storeId, { upserts: [changed], deletes: [] }, new Date());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    writing = false;
  })();
  while (writing || lags.length < changes) {
    // A client polling every millisecond; the pause also lets the writer's timers run.
    await new Promise((resolve) => setTimeout(resolve, 1));
    const page = (await get(`/api/v2/customers/changes?limit=1000${since}`)).json<Feed>();
    since = `&since=${encodeURIComponent(page.pagination.next)}`;
    const now = performance.now();
    for (const change of page.changes) {
      const at = handedOver.get(change.customer?.note ?? '');
      if (at !== undefined) lags.push(now - at);
    }
    if (!writing && page.changes.length === 0 && lags.length < changes) throw new Error('changes were lost');
  }
  await writer;
  lags.sort((left, right) => left - right);
  return {
    changes: lags.length,
    p50Ms: round(percentile(lags, 0.5)),
    p99Ms: round(percentile(lags, 0.99)),
    maxMs: round(lags.at(-1) ?? 0),
  };
}
