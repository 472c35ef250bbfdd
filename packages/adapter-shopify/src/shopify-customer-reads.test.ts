import type { Customer, CustomerAdapterV1, CustomerFilters } from '@unicart/core';
import type { ShopifySimulator } from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  countCustomersDocument,
  customersAddressesDocument,
  getCustomerDocument,
  listCustomersDocument,
  scanCustomersDocument,
} from './shopify-documents';
import {
  adapterFor,
  customerFixtures,
  customerRecord,
  graphqlCalls,
  listEveryPage,
  servedCustomer,
  startSeededShopify,
  testAccessToken,
  withAdapterHeaders,
} from './shopify-fixtures.fixture';

let upstream: ShopifySimulator;
let adapter: CustomerAdapterV1;

beforeAll(async () => {
  upstream = await startSeededShopify();
});

beforeEach(() => {
  upstream.reset();
  adapter = adapterFor(upstream);
});

afterAll(() => upstream.close());

const ids = (customers: readonly Customer[]) => customers.map((customer) => customer.id);

const listAll = (filters: CustomerFilters, limit = 100) => listEveryPage(adapter, filters, limit);

describe('listCustomers', () => {
  it('sends ListCustomers to the versioned endpoint with the token, and maps the page', async () => {
    const page = await adapter.listCustomers({ limit: 2, cursor: null });
    expect(upstream.requests.map(withAdapterHeaders)).toStrictEqual([
      {
        method: 'POST',
        path: '/admin/api/2026-10/graphql.json',
        query: {},
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'user-agent': 'unicart-adapter-shopify/0.0.0-test',
          'x-shopify-access-token': testAccessToken,
        },
        body: {
          query: listCustomersDocument.source,
          variables: {
            first: 2,
            after: null,
            query: null,
            addressesFirst: 10,
            sortKey: 'ID',
            reverse: false,
          },
          operationName: 'ListCustomers',
        },
      },
    ]);
    expect(page.items).toStrictEqual([
      servedCustomer(customerFixtures.noEmail),
      servedCustomer(customerFixtures.similarEmail),
    ]);
  });

  it('continues after Shopify’s cursor of the previous page', async () => {
    const first = await adapter.listCustomers({ limit: 2, cursor: null });
    const second = await adapter.listCustomers({ limit: 2, cursor: first.nextCursor });
    // Shopify's end cursor of the first page, as the adapter kept it in its own cursor.
    const endCursor = (JSON.parse(first.nextCursor ?? '{}') as { n: string }).n;
    expect(JSON.parse(first.nextCursor ?? '{}')).toStrictEqual({ n: expect.any(String), s: 0 });
    expect(graphqlCalls(upstream)[1]?.variables).toStrictEqual({
      first: 2,
      after: endCursor,
      query: null,
      addressesFirst: 10,
      sortKey: 'ID',
      reverse: false,
    });
    expect(ids(second.items)).toStrictEqual(['7010392211', '7010392388']);
  });

  it('ends with a null cursor', async () => {
    const page = await adapter.listCustomers({ limit: 100, cursor: null });
    expect([page.items.length, page.nextCursor]).toStrictEqual([6, null]);
  });

  it('reads the remaining addresses of a customer with more than a page of them', async () => {
    const page = await adapter.listCustomers({ limit: 100, cursor: null });
    const kenji = page.items.find((customer) => customer.id === '7010392402');
    expect(kenji).toStrictEqual(servedCustomer(customerFixtures.manyAddresses));
    expect(graphqlCalls(upstream)).toStrictEqual([
      {
        operationName: 'ListCustomers',
        variables: { first: 100, after: null, query: null, addressesFirst: 2, sortKey: 'ID', reverse: false },
      },
      {
        operationName: customersAddressesDocument.operationName,
        variables: { ids: ['gid://shopify/Customer/7010392402'], first: 250 },
      },
    ]);
  });

  it('reads the address books of a page in one request per 25 customers, longer ones further', async () => {
    const base = customerRecord(customerFixtures.manyAddresses);
    const addressesOf = (customerIndex: number, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        ...(base.addresses[index % base.addresses.length] as (typeof base.addresses)[number]),
        id: 100_000 + customerIndex * 100 + index,
        city: `Stadt ${customerIndex}-${index} ✓`,
      }));
    const customers = Array.from({ length: 30 }, (_, index) => {
      const addresses = addressesOf(index, index === 7 ? 60 : 3 + (index % 4));
      return {
        ...base,
        id: 8_100_000_000 + index,
        email: `k${index}@example.com`,
        addresses,
        defaultAddressId: (addresses[0] as (typeof addresses)[number]).id,
      };
    });
    const own = await startSeededShopify({ data: { customers } });
    try {
      const page = await adapterFor(own).listCustomers({ limit: 100, cursor: null });
      // Oracle: every stored address, in Shopify's (ascending id) order.
      expect(page.items.map((customer) => customer.addresses.map((address) => address.city))).toStrictEqual(
        customers.map((customer) => customer.addresses.map((address) => address.city)),
      );
      expect(graphqlCalls(own).map((call) => call.operationName)).toStrictEqual([
        'ListCustomers',
        'CustomersAddresses',
        'CustomersAddresses',
        // Customer 7 has 60 addresses: 37 came with the first batch of 25 (1000 / 25 − 3).
        'CustomerAddresses',
      ]);
    } finally {
      await own.close();
    }
  });

  it('asks for ids as one OR group, natively', async () => {
    const customers = await listAll({ ids: ['7010392577', '7010392003'] });
    expect(graphqlCalls(upstream)[0]?.variables).toStrictEqual({
      first: 100,
      after: null,
      query: '(id:7010392577 OR id:7010392003)',
      addressesFirst: 2,
      sortKey: 'ID',
      reverse: false,
    });
    expect(ids(customers)).toStrictEqual(['7010392003', '7010392577']);
  });

  it('asks sinceId as an id range, in ascending id order', async () => {
    const customers = await listAll({ sinceId: '7010392211' });
    expect(graphqlCalls(upstream)[0]?.variables).toMatchObject({ query: 'id:>7010392211' });
    expect(ids(customers)).toStrictEqual(['7010392388', '7010392402', '7010392577']);
  });

  it('scans for an email, keeps only the exact (case-insensitive) match, then reads it in full', async () => {
    const customers = await listAll({ email: 'ANA.REYES@EXAMPLE.COM' });
    expect(graphqlCalls(upstream)).toStrictEqual([
      {
        operationName: scanCustomersDocument.operationName,
        variables: {
          first: 250,
          after: null,
          query: 'email:"ANA.REYES@EXAMPLE.COM"',
          sortKey: 'ID',
          reverse: false,
        },
      },
      {
        operationName: listCustomersDocument.operationName,
        variables: {
          first: 1,
          after: null,
          query: 'id:7010392211',
          addressesFirst: 10,
          sortKey: 'ID',
          reverse: false,
        },
      },
    ]);
    expect(customers).toStrictEqual([servedCustomer(customerFixtures.full)]);
  });

  it('asks createdAt bounds as quoted customer_date terms and re-checks them', async () => {
    const customers = await listAll({
      createdAt: { from: '2024-08-19T22:05:41.000Z', to: '2025-04-15T19:26:33.000Z' },
    });
    expect(graphqlCalls(upstream)[0]?.variables).toMatchObject({
      query: "customer_date:>='2024-08-19T22:05:41Z' customer_date:<='2025-04-15T19:26:33Z'",
    });
    expect(ids(customers)).toStrictEqual(['7010392211', '7010392388', '7010392402']);
  });

  it('widens updatedAt by a day for Shopify’s whole-day matching and keeps only exact matches', async () => {
    const customers = await listAll({ updatedAt: { to: '2025-02-01T00:00:04.000Z' } });
    expect(graphqlCalls(upstream)[0]?.variables).toMatchObject({
      query: "updated_at:<='2025-02-02T00:00:04Z'",
    });
    expect(ids(customers)).toStrictEqual(['7010392003', '7010392150']);
  });

  it('matches name as "first last" contains, case-insensitively, scanning without a search term', async () => {
    const customers = await listAll({ name: 'A REY' });
    expect(graphqlCalls(upstream)[0]).toStrictEqual({
      operationName: 'ScanCustomers',
      variables: { first: 250, after: null, query: null, sortKey: 'ID', reverse: false },
    });
    expect(ids(customers)).toStrictEqual(['7010392211']);
  });

  it('matches a name inside a word, which Shopify’s word search would miss', async () => {
    expect(ids(await listAll({ name: 'gström-nú' }))).toStrictEqual(['7010392388']);
  });

  it('sends search as escaped free text', async () => {
    const customers = await listAll({ search: 'norman' });
    expect(graphqlCalls(upstream)[0]?.variables).toMatchObject({ query: 'norman' });
    expect(ids(customers)).toStrictEqual(['7010392003']);
  });

  it('keeps a hostile search value one free-text search', async () => {
    const customers = await listAll({ search: 'x OR id:>0 (-a) "b' });
    expect(graphqlCalls(upstream)[0]?.variables).toMatchObject({ query: 'x "OR" id\\:>0 \\(-a\\) \\"b' });
    expect(customers).toStrictEqual([]);
  });

  it('pages a re-checked filter from the cursor of the last customer it examined', async () => {
    const first = await adapter.listCustomers({ name: 'a', limit: 2, cursor: null });
    const second = await adapter.listCustomers({ name: 'a', limit: 2, cursor: first.nextCursor });
    expect([ids(first.items), ids(second.items), second.nextCursor]).toStrictEqual([
      ['7010392003', '7010392150'],
      ['7010392211', '7010392577'],
      null,
    ]);
    expect(JSON.parse(first.nextCursor ?? 'null')).toMatchObject({ n: expect.any(String), s: 0 });
  });

  it('neither skips nor repeats a customer when an earlier one is deleted between two pages', async () => {
    const first = await adapter.listCustomers({ name: 'a', limit: 2, cursor: null });
    await adapter.deleteCustomer('7010392003');
    const second = await adapter.listCustomers({ name: 'a', limit: 2, cursor: first.nextCursor });
    expect([ids(first.items), ids(second.items)]).toStrictEqual([
      ['7010392003', '7010392150'],
      ['7010392211', '7010392577'],
    ]);
  });
});

describe('countCustomers', () => {
  it('counts every customer with customersCount, without a cap', async () => {
    expect(await adapter.countCustomers({})).toBe(6);
    expect(upstream.requests.map((request) => request.body)).toStrictEqual([
      { query: countCustomersDocument.source, variables: { query: null }, operationName: 'CountCustomers' },
    ]);
  });

  it('counts ids with customersCount', async () => {
    expect(await adapter.countCustomers({ ids: ['7010392003', '7010392211', '1'] })).toBe(2);
    expect(graphqlCalls(upstream)).toStrictEqual([
      { operationName: 'CountCustomers', variables: { query: '(id:7010392003 OR id:7010392211 OR id:1)' } },
    ]);
  });

  it('counts filters Shopify answers loosely by scanning for exact matches', async () => {
    expect(await adapter.countCustomers({ email: 'ana.reyes@example.com' })).toBe(1);
    expect(graphqlCalls(upstream)).toStrictEqual([
      {
        operationName: 'ScanCustomers',
        variables: {
          first: 250,
          after: null,
          query: 'email:"ana.reyes@example.com"',
          sortKey: 'ID',
          reverse: false,
        },
      },
    ]);
  });

  it('counts by scanning when Shopify says its count is only a lower bound', async () => {
    // Shopify lifts the cap for `limit: null` (sheet §3); should it still answer a lower bound, the
    // adapter scans. The simulator's CountCustomers answer is rewritten to one.
    const lowerBound: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(init?.body).includes('"CountCustomers"')) return response;
      return Response.json({ data: { customersCount: { count: 4, precision: 'AT_LEAST' } } });
    };
    adapter = adapterFor(upstream, { fetch: lowerBound });
    expect(await adapter.countCustomers({})).toBe(6);
    expect(graphqlCalls(upstream).map((call) => call.operationName)).toStrictEqual([
      'CountCustomers',
      'ScanCustomers',
    ]);
  });
});

describe('getCustomer', () => {
  it('reads a customer by its numeric id with its addresses', async () => {
    expect(await adapter.getCustomer('7010392211')).toStrictEqual(servedCustomer(customerFixtures.full));
    expect(upstream.requests.map((request) => request.body)).toStrictEqual([
      {
        query: getCustomerDocument.source,
        variables: { id: 'gid://shopify/Customer/7010392211', addressesFirst: 50 },
        operationName: 'GetCustomer',
      },
    ]);
  });

  it('accepts a full customer GID', async () => {
    expect((await adapter.getCustomer('gid://shopify/Customer/7010392211'))?.id).toBe('7010392211');
  });

  it('answers null for an unknown id', async () => {
    expect(await adapter.getCustomer('987654321')).toBeNull();
  });

  it('answers null for an id that is no Shopify id, without asking Shopify', async () => {
    expect(await adapter.getCustomer('ana')).toBeNull();
    expect(upstream.requests).toStrictEqual([]);
  });
});
