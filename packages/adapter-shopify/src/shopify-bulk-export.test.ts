import {
  type Customer,
  type CustomerAdapterV1,
  type CustomerFilters,
  UpstreamError,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { type ShopifySimulator, startShopifySimulator } from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  adapterFor,
  allCustomerFixtures,
  customerFixtures,
  customerRecord,
  graphqlCalls,
  listEveryPage,
  servedCustomer,
  startSeededShopify,
  testAccessToken,
} from './shopify-fixtures.fixture';

let upstream: ShopifySimulator;
let adapter: CustomerAdapterV1;

beforeAll(async () => {
  upstream = await startSeededShopify({ bulkObjectsPerSecond: 1e6 });
});

beforeEach(() => {
  upstream.reset();
  adapter = adapterFor(upstream);
});

afterAll(() => upstream.close());

async function exportAll(target: CustomerAdapterV1, filters: CustomerFilters = {}, signal?: AbortSignal) {
  const customers: Customer[] = [];
  for await (const customer of target.iterateCustomers(filters, { signal })) customers.push(customer);
  return customers;
}

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

const operations = (simulator: ShopifySimulator) => graphqlCalls(simulator).map((call) => call.operationName);

/** Every seeded customer as the shop serves it, in Shopify's ascending id order. */
const servedInIdOrder = (fixtures = allCustomerFixtures) =>
  [...fixtures]
    .sort((left, right) => Number(left.legacyResourceId) - Number(right.legacyResourceId))
    .map(servedCustomer);

describe('exports through a bulk operation', () => {
  it('reads every customer from the JSONL file, with all its addresses, and no list page', async () => {
    const customers = await exportAll(adapter);
    expect(customers).toStrictEqual(servedInIdOrder());
    // The oracle holds customers with none, one and several addresses, and unicode.
    expect(customerFixtures.manyAddresses.addressesV2.nodes.length).toBeGreaterThan(2);
    expect(customerFixtures.noAddresses.addressesV2.nodes).toHaveLength(0);
    const asked = operations(upstream);
    expect(asked[0]).toBe('RunBulkQuery');
    expect(asked.slice(1).every((name) => name === 'BulkOperationStatus')).toBe(true);
    const download = upstream.requests.find((request) => request.path.startsWith('/bulk-operation-results/'));
    expect(download?.method).toBe('GET');
    // The result URL is signed: the shop's token never goes there.
    expect(download?.headers['x-shopify-access-token']).toBeUndefined();
  });

  it('asks Shopify for the filters in the bulk query and re-checks the loose ones', async () => {
    const bound = new Date(customerFixtures.unicode.createdAt).toISOString();
    const customers = await exportAll(adapter, { createdAt: { from: bound } });
    const oracle = allCustomerFixtures.filter(
      (fixture) => Date.parse(fixture.createdAt) >= Date.parse(bound),
    );
    expect(customers).toStrictEqual(servedInIdOrder(oracle));
    expect(oracle.length).toBeGreaterThan(0);
    expect(oracle.length).toBeLessThan(allCustomerFixtures.length);
    const run = upstream.requests.find(
      (request) => (request.body as { operationName?: string }).operationName === 'RunBulkQuery',
    );
    expect(JSON.stringify(run?.body)).toContain('customer_date:>=');
  });

  it('reads lines split anywhere by the network, inside a character too', async () => {
    const trickling: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes('/bulk-operation-results/') || response.body === null) return response;
      const bytes = new Uint8Array(await response.arrayBuffer());
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 7) controller.enqueue(bytes.slice(at, at + 7));
          controller.close();
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    expect(await exportAll(adapterFor(upstream, { fetch: trickling }))).toStrictEqual(servedInIdOrder());
  });

  it('surfaces a FAILED operation as an upstream error, ACCESS_DENIED as unauthorized', async () => {
    upstream.failNextBulkOperation('INTERNAL_SERVER_ERROR');
    const failed = await rejection(exportAll(adapter));
    expect(UpstreamError.isInstance(failed)).toBe(true);
    expect((failed as Error).message).toMatch(/ended FAILED \(INTERNAL_SERVER_ERROR\)/);
    upstream.failNextBulkOperation('ACCESS_DENIED');
    expect(UpstreamUnauthorizedError.isInstance(await rejection(exportAll(adapter)))).toBe(true);
  });

  it('exports with a bucket far too small to page the store, and no THROTTLED answer', async () => {
    const store = Array.from({ length: 300 }, (_, index) => ({
      ...customerRecord(customerFixtures.unicode),
      id: 8_000_000_000 + index,
      email: `kunde.${index}@example.com`,
    }));
    const tight = await startShopifySimulator({
      accessToken: testAccessToken,
      data: { customers: store },
      throttle: { maximumAvailable: 30, restoreRate: 2 },
      bulkObjectsPerSecond: 1e6,
    });
    const answers: string[] = [];
    const observing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/graphql.json')) answers.push(await response.clone().text());
      return response;
    };
    try {
      const customers = await exportAll(adapterFor(tight, { fetch: observing }));
      expect(customers.map((customer) => customer.id)).toStrictEqual(
        store.map((record) => String(record.id)),
      );
      expect(customers.every((customer) => customer.addresses.length === 1)).toBe(true);
      expect(answers.filter((answer) => answer.includes('THROTTLED'))).toStrictEqual([]);
    } finally {
      await tight.close();
    }
  });
});

describe('when an export does not use a bulk operation', () => {
  it('pages a plan naming ids: at most a page or two, less than a bulk operation costs', async () => {
    const wanted = [customerFixtures.unicode, customerFixtures.manyAddresses];
    const customers = await exportAll(adapter, { ids: wanted.map((fixture) => fixture.legacyResourceId) });
    expect(customers).toStrictEqual(servedInIdOrder(wanted));
    expect(operations(upstream)).not.toContain('RunBulkQuery');
    expect(operations(upstream)).toContain('ListCustomers');
  });

  it('pages when the shop already runs the five bulk queries it allows', async () => {
    const busy = await startSeededShopify({ bulkObjectsPerSecond: 1 });
    try {
      const running = adapterFor(busy);
      const stops = Array.from({ length: 5 }, () => new AbortController());
      // Five exports waiting on their operations.
      const started = stops.map((stop) => rejection(exportAll(running, {}, stop.signal)));
      await waitFor(() => operations(busy).filter((name) => name === 'RunBulkQuery').length === 5);
      const customers = await exportAll(adapterFor(busy));
      expect(customers).toStrictEqual(servedInIdOrder());
      expect(operations(busy)).toContain('ListCustomers');
      for (const stop of stops) stop.abort();
      await Promise.all(started);
    } finally {
      await busy.close();
    }
  });
});

describe('progress', () => {
  it('reports progress while Shopify prepares the file, before the first customer', async () => {
    const slow = await startSeededShopify({ bulkObjectsPerSecond: 20 });
    try {
      let progress = 0;
      let progressBeforeFirst: number | undefined;
      for await (const _customer of adapterFor(slow).iterateCustomers(
        {},
        { onProgress: () => (progress += 1) },
      )) {
        progressBeforeFirst ??= progress;
      }
      // RUNNING with objects read, then COMPLETED: the gateway restarts its deadline on each.
      expect(progressBeforeFirst).toBeGreaterThanOrEqual(2);
      expect(progress).toBe(progressBeforeFirst);
    } finally {
      await slow.close();
    }
  });
});

describe('aborting an export', () => {
  it('cancels the bulk operation and rejects with the reason', async () => {
    const slow = await startSeededShopify({ bulkObjectsPerSecond: 2 });
    try {
      const stop = new AbortController();
      const exporting = rejection(exportAll(adapterFor(slow), {}, stop.signal));
      await waitFor(() => operations(slow).includes('BulkOperationStatus'));
      stop.abort(new Error('client went away'));
      expect(((await exporting) as Error).message).toBe('client went away');
      expect(operations(slow)).toContain('CancelBulkOperation');
      await waitFor(async () => (await currentStatus(slow)) === 'CANCELED');
    } finally {
      await slow.close();
    }
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  const until = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function currentStatus(simulator: ShopifySimulator): Promise<string | undefined> {
  const response = await fetch(`${simulator.url}/admin/api/2026-01/graphql.json`, {
    method: 'POST',
    headers: { 'x-shopify-access-token': testAccessToken, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ currentBulkOperation { status } }' }),
  });
  const answer = (await response.json()) as { data?: { currentBulkOperation?: { status: string } } };
  return answer.data?.currentBulkOperation?.status;
}

// The paged path stays what `listCustomers` answers.
it('exports the same customers as paging the list does', async () => {
  expect(await exportAll(adapter)).toStrictEqual(await listEveryPage(adapter, {}));
});
