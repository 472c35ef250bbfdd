import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ShopifySimulator, startShopifySimulator } from './shopify-simulator';
import type { ShopifyCustomerRecord } from './shopify-types';

let simulator: ShopifySimulator;

beforeAll(async () => {
  simulator = await startShopifySimulator({
    count: 30,
    accessToken: 'shpat_test',
    bulkObjectsPerSecond: 1e6,
    // A bucket that barely refills, so that points a bulk operation drew would show.
    throttle: { restoreRate: 1 },
  });
});
afterEach(() => simulator.reset());
afterAll(() => simulator.close());

interface BulkOperationFields {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string;
  partialDataUrl: string;
  type: string;
}

interface RunPayload {
  bulkOperation: { id: string; status: string };
  userErrors: { field: string[] | null; message: string; code: string }[];
}

interface BulkData {
  bulkOperationRunQuery: RunPayload;
  bulkOperation: BulkOperationFields;
  bulkOperationCancel: unknown;
  currentBulkOperation: unknown;
}

interface Answer {
  data?: BulkData | null;
  errors?: { message: string }[];
  extensions?: { cost: { requestedQueryCost: number; throttleStatus: { currentlyAvailable: number } } };
}

async function graphql(query: string, variables: Record<string, unknown> = {}, version = '2026-01') {
  const response = await fetch(`${simulator.url}/admin/api/${version}/graphql.json`, {
    method: 'POST',
    headers: { 'x-shopify-access-token': 'shpat_test', 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}

const runQuery = `mutation Run($query: String!, $group: Boolean!) {
  bulkOperationRunQuery(query: $query, groupObjects: $group) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;
const poll = `query Poll($id: ID!) {
  bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl type query }
}`;

const customersWithAddresses = `{
  customers(query: "email:*") {
    edges { node { id firstName addressesV2 { edges { node { id city } } } } }
  }
}`;

function dataOf(answer: Answer): BulkData {
  if (answer.data == null) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

async function run(query: string, group = true, version = '2026-01') {
  return dataOf(await graphql(runQuery, { query, group }, version)).bulkOperationRunQuery;
}

async function settle(id: string) {
  for (;;) {
    const operation = dataOf(await graphql(poll, { id })).bulkOperation;
    if (!['CREATED', 'RUNNING', 'CANCELING'].includes(operation.status)) return operation;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function jsonLines(url: string) {
  const response = await fetch(url);
  expect(response.headers.get('content-type')).toContain('jsonl');
  const text = await response.text();
  return {
    text,
    lines: text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line)),
  };
}

/** The stored customers in id order, as the oracle of what the file must hold. */
function storedCustomers(): ShopifyCustomerRecord[] {
  return simulator.customerIds().map((id) => simulator.stored(id) as ShopifyCustomerRecord);
}

describe('bulk query operations', () => {
  it('runs CREATED → COMPLETED and serves every customer, each followed by its addresses with __parentId', async () => {
    const started = await run(customersWithAddresses);
    expect(started.userErrors).toEqual([]);
    expect(started.bulkOperation.status).toBe('CREATED');
    expect(started.bulkOperation.id).toMatch(/^gid:\/\/shopify\/BulkOperation\/\d+$/);
    const done = await settle(started.bulkOperation.id);
    const customers = storedCustomers().filter((customer) => customer.email !== null);
    const addressCount = customers.reduce((sum, customer) => sum + customer.addresses.length, 0);
    expect(done).toMatchObject({ status: 'COMPLETED', errorCode: null, type: 'QUERY', partialDataUrl: null });
    expect(done.rootObjectCount).toBe(String(customers.length));
    expect(done.objectCount).toBe(String(customers.length + addressCount));
    const { text, lines } = await jsonLines(done.url);
    expect(done.fileSize).toBe(String(Buffer.byteLength(text)));
    const expected = customers.flatMap((customer) => [
      { id: `gid://shopify/Customer/${customer.id}`, firstName: customer.firstName },
      ...customer.addresses.map((address) => ({
        id: `gid://shopify/MailingAddress/${address.id}?model_name=CustomerAddress`,
        city: address.city,
        __parentId: `gid://shopify/Customer/${customer.id}`,
      })),
    ]);
    expect(lines).toEqual(expected);
    expect(customers.some((customer) => customer.addresses.length > 1)).toBe(true);
  });

  it('without groupObjects, children are not next to their parents', async () => {
    const done = await settle((await run(customersWithAddresses, false)).bulkOperation.id);
    const { lines } = await jsonLines(done.url);
    const firstChild = lines.findIndex((line) => '__parentId' in line);
    expect(lines.slice(firstChild).every((line) => '__parentId' in line)).toBe(true);
    expect(lines.length).toBe(Number(done.objectCount));
  });

  it('refuses what Shopify refuses, with userErrors and no operation', async () => {
    const refusals: [string, RegExp][] = [
      ['{ shop { name } }', /at least one connection/],
      ['{ node(id: "gid://shopify/Customer/1") { id } }', /'node' or 'nodes'/],
      [
        '{ customers { edges { node { firstName addressesV2 { edges { node { city } } } } } } }',
        /must select the 'id' field/,
      ],
      [
        '{ customers { edges { node { id orders { edges { node { id lineItems { edges { node { id } } } } } } } } } }',
        /more than 2 levels/,
      ],
      [
        '{ customers { edges { node { id } } } orders { edges { node { id } } } }',
        /exactly one top-level field/,
      ],
      ['{ customers { edges { node { nope } } } }', /Cannot query field "nope"/],
      ['{ customers { edges { node { id', /Syntax Error/],
    ];
    for (const [query, message] of refusals) {
      const answer = await run(query);
      expect(answer.bulkOperation, query).toBeNull();
      expect(answer.userErrors, query).toEqual([
        { field: ['query'], message: expect.stringMatching(message), code: 'INVALID' },
      ]);
    }
  });

  it('allows five concurrent bulk queries per shop from 2026-01, one before', async () => {
    const slow = await startShopifySimulator({
      count: 300,
      accessToken: 'shpat_test',
      bulkObjectsPerSecond: 100,
    });
    try {
      const start = async (version: string) => {
        const response = await fetch(`${slow.url}/admin/api/${version}/graphql.json`, {
          method: 'POST',
          headers: { 'x-shopify-access-token': 'shpat_test', 'content-type': 'application/json' },
          body: JSON.stringify({
            query: runQuery,
            variables: { query: customersWithAddresses, group: true },
          }),
        });
        return dataOf((await response.json()) as Answer).bulkOperationRunQuery;
      };
      const accepted = [];
      for (let index = 0; index < 5; index += 1) accepted.push(await start('2026-01'));
      expect(accepted.every((answer) => answer.userErrors.length === 0)).toBe(true);
      const sixth = await start('2026-01');
      expect(sixth.bulkOperation).toBeNull();
      expect(sixth.userErrors.map((error) => error.code)).toEqual(['LIMIT_REACHED']);
      const older = await start('2025-10');
      expect(older.userErrors.map((error) => error.code)).toEqual(['OPERATION_IN_PROGRESS']);
    } finally {
      await slow.close();
    }
  });

  it('cancels a running operation: CANCELING, then CANCELED without a URL', async () => {
    const slow = await startShopifySimulator({
      count: 300,
      accessToken: 'shpat_test',
      bulkObjectsPerSecond: 200,
    });
    const call = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(`${slow.url}/admin/api/2026-01/graphql.json`, {
        method: 'POST',
        headers: { 'x-shopify-access-token': 'shpat_test', 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return dataOf((await response.json()) as Answer);
    };
    try {
      const { id } = (await call(runQuery, { query: customersWithAddresses, group: true }))
        .bulkOperationRunQuery.bulkOperation;
      const cancel = await call(
        'mutation Cancel($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }',
        { id },
      );
      expect(cancel.bulkOperationCancel).toEqual({ bulkOperation: { status: 'CANCELING' }, userErrors: [] });
      let operation: BulkOperationFields;
      do {
        operation = (await call(poll, { id })).bulkOperation;
      } while (operation.status === 'CANCELING');
      expect(operation).toMatchObject({ status: 'CANCELED', url: null });
      const current = await call('{ currentBulkOperation { id status } }', {});
      expect(current.currentBulkOperation).toEqual({ id, status: 'CANCELED' });
    } finally {
      await slow.close();
    }
  });

  it('fails with an errorCode, keeping partial data for a timeout and none for access denied', async () => {
    simulator.failNextBulkOperation('TIMEOUT');
    const timedOut = await settle((await run(customersWithAddresses)).bulkOperation.id);
    expect(timedOut).toMatchObject({ status: 'FAILED', errorCode: 'TIMEOUT', url: null });
    expect((await jsonLines(timedOut.partialDataUrl)).lines.length).toBeGreaterThan(0);
    simulator.failNextBulkOperation('ACCESS_DENIED');
    const denied = await settle((await run(customersWithAddresses)).bulkOperation.id);
    expect(denied).toMatchObject({
      status: 'FAILED',
      errorCode: 'ACCESS_DENIED',
      url: null,
      partialDataUrl: null,
    });
  });

  it('does not charge the records against the cost bucket', async () => {
    const started = await graphql(runQuery, { query: customersWithAddresses, group: true });
    expect(started.extensions?.cost.requestedQueryCost).toBe(10);
    const available = started.extensions?.cost.throttleStatus.currentlyAvailable as number;
    const done = await settle(dataOf(started).bulkOperationRunQuery.bulkOperation.id);
    expect(Number(done.objectCount)).toBeGreaterThan(30);
    const after = await graphql('{ shop { name } }');
    const spent = available - (after.extensions?.cost.throttleStatus.currentlyAvailable as number);
    // Only the polls (a point or two each) and the last query, never a point per record.
    expect(spent).toBeLessThan(20);
  });

  it('answers null for an operation of another id and for a result URL it did not issue', async () => {
    expect(dataOf(await graphql(poll, { id: 'gid://shopify/BulkOperation/1' })).bulkOperation).toBeNull();
    expect((await fetch(`${simulator.url}/bulk-operation-results/unknown.jsonl`)).status).toBe(404);
  });
});
