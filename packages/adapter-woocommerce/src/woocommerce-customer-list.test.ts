import {
  type Customer,
  type CustomerFilters,
  type CustomerQuery,
  defineCustomerAdapter,
  type Page,
  type QueryParams,
} from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { mapWooCommerceCustomer } from './map-woocommerce-customer';
import { woocommerceCapabilities } from './woocommerce-adapter';
import type { WooCommerceCustomer } from './woocommerce-api';
import { type FetchWooCommerceCustomers, wooCommerceCustomerList } from './woocommerce-customer-list';

/** The list driver inside core's pipeline, as the adapter runs it. */
function adapterOver(fetchCustomers: FetchWooCommerceCustomers) {
  return defineCustomerAdapter({
    platform: 'woocommerce',
    displayName: 'WooCommerce',
    capabilities: {
      ...woocommerceCapabilities,
      operations: {
        list: true,
        count: true,
        get: false,
        create: false,
        update: false,
        delete: false,
        orders: false,
      },
    },
    parseId: (id) => id,
    map: (native: WooCommerceCustomer) => mapWooCommerceCustomer(native, null),
    list: wooCommerceCustomerList(fetchCustomers),
  });
}

const listWooCommerceCustomers = (fetchCustomers: FetchWooCommerceCustomers, query: CustomerQuery) =>
  adapterOver(fetchCustomers).listCustomers(query);

const countWooCommerceCustomers = (fetchCustomers: FetchWooCommerceCustomers, filters: CustomerFilters) =>
  adapterOver(fetchCustomers).countCustomers(filters);

/** `count` customers with ids 2, 4, …, one a day from 2023-01-01; every 7th is named Smith. */
const customersOfStore = (count: number): WooCommerceCustomer[] =>
  Array.from({ length: count }, (_, index) => ({
    id: (index + 1) * 2,
    email: `customer${index + 1}@example.com`,
    first_name: 'Customer',
    last_name: index % 7 === 0 ? 'Smith' : `Number${index + 1}`,
    date_created_gmt: new Date(Date.UTC(2023, 0, 1 + index)).toISOString().slice(0, 19),
    date_modified_gmt: null,
  }));

const store = customersOfStore(250);

/** WooCommerce's list semantics on `store`: ascending ids, offset and per_page, X-WP-Total. */
function fakeWooCommerce(
  options: { readonly withTotal?: boolean; readonly customers?: WooCommerceCustomer[] } = {},
) {
  const customers = options.customers ?? store;
  const requests: Record<string, string>[] = [];
  const fetchCustomers: FetchWooCommerceCustomers = async (params: QueryParams) => {
    requests.push(Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)])));
    const offset = Number(params.offset ?? 0);
    const perPage = Number(params.per_page ?? 10);
    return {
      customers: customers.slice(offset, offset + perPage),
      total: options.withTotal === false ? null : customers.length,
    };
  };
  return { fetchCustomers, requests };
}

describe('listWooCommerceCustomers', () => {
  it('asks for one page at the cursor offset and points the next cursor one page further', async () => {
    const { fetchCustomers, requests } = fakeWooCommerce();
    const page = await listWooCommerceCustomers(fetchCustomers, { limit: 20, cursor: '40' });
    expect([page.items.map((customer) => Number(customer.id)), page.nextCursor, requests]).toStrictEqual([
      store.slice(40, 60).map((customer) => customer.id),
      '60',
      [{ role: 'all', orderby: 'id', order: 'asc', offset: '40', per_page: '20' }],
    ]);
  });

  it('ends with a null cursor on the last page', async () => {
    const { fetchCustomers } = fakeWooCommerce();
    expect(
      (await listWooCommerceCustomers(fetchCustomers, { limit: 20, cursor: '240' })).nextCursor,
    ).toBeNull();
  });

  it('ends on a short page when a proxy dropped X-WP-Total', async () => {
    const { fetchCustomers } = fakeWooCommerce({ withTotal: false });
    expect(
      (await listWooCommerceCustomers(fetchCustomers, { limit: 20, cursor: '240' })).nextCursor,
    ).toBeNull();
  });

  it('finds where sinceId starts with a logarithmic number of one-customer probes', async () => {
    const { fetchCustomers, requests } = fakeWooCommerce();
    const page = await listWooCommerceCustomers(fetchCustomers, { sinceId: '301', limit: 3, cursor: null });
    const probes = requests.filter((request) => request.per_page === '1');
    expect(page.items.map((customer) => Number(customer.id))).toStrictEqual([302, 304, 306]);
    expect(probes.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(store.length)) + 2);
    expect(requests.at(-1)).toStrictEqual({
      role: 'all',
      orderby: 'id',
      order: 'asc',
      offset: '150',
      per_page: '3',
    });
    expect(page.nextCursor).toBe('153');
  });

  it('gives an empty last page when sinceId is above every id', async () => {
    const { fetchCustomers } = fakeWooCommerce();
    const page = await listWooCommerceCustomers(fetchCustomers, { sinceId: '900', limit: 3, cursor: null });
    expect([page.items, page.nextCursor]).toStrictEqual([[], null]);
  });

  it('scans pages of 100 for a filter it checks itself', async () => {
    const { fetchCustomers, requests } = fakeWooCommerce();
    const page = await listWooCommerceCustomers(fetchCustomers, {
      createdAt: { from: '2023-09-01T00:00:00.000Z' },
      limit: 50,
      cursor: null,
    });
    expect(requests.map((request) => [request.offset, request.per_page])).toStrictEqual([
      ['0', '100'],
      ['100', '100'],
      ['200', '100'],
    ]);
    expect(page.items[0]?.dates.createdAt).toBe('2023-09-01T00:00:00.000Z');
    expect(page.nextCursor).toBeNull();
  });

  it('reads at most five pages per call, then returns what it has with a cursor to go on from', async () => {
    const { fetchCustomers, requests } = fakeWooCommerce({ customers: customersOfStore(700) });
    const createdAt = { from: '2024-11-28T00:00:00.000Z' };
    const first = await listWooCommerceCustomers(fetchCustomers, { createdAt, limit: 10, cursor: null });
    const second = await listWooCommerceCustomers(fetchCustomers, {
      createdAt,
      limit: 10,
      cursor: first.nextCursor,
    });
    expect(requests.map((request) => request.offset)).toStrictEqual([
      '0',
      '100',
      '200',
      '300',
      '400',
      '500',
      '600',
    ]);
    expect([first.items, first.nextCursor]).toStrictEqual([[], '{"n":"500","s":0}']);
    expect([second.items.map((customer) => customer.dates.createdAt), second.nextCursor]).toStrictEqual([
      ['2024-11-28T00:00:00.000Z', '2024-11-29T00:00:00.000Z', '2024-11-30T00:00:00.000Z'],
      null,
    ]);
  });

  it('returns every match exactly once across pages, whatever the page size', async () => {
    const { fetchCustomers } = fakeWooCommerce();
    const expected = store
      .filter((customer) => customer.last_name === 'Smith')
      .map((customer) => customer.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Customer> = await listWooCommerceCustomers(fetchCustomers, {
        name: 'smith',
        limit: 4,
        cursor,
      });
      seen.push(...page.items.map((customer) => Number(customer.id)));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toStrictEqual(expected);
  });

  it('combines sinceId with a checked filter, starting the scan after the id', async () => {
    const { fetchCustomers } = fakeWooCommerce();
    const page = await listWooCommerceCustomers(fetchCustomers, {
      sinceId: '400',
      name: 'smith',
      limit: 100,
      cursor: null,
    });
    expect(page.items.map((customer) => Number(customer.id))).toStrictEqual(
      store
        .filter((customer) => customer.id > 400 && customer.last_name === 'Smith')
        .map((customer) => customer.id),
    );
  });
});

describe('countWooCommerceCustomers', () => {
  it('reads X-WP-Total of a one-customer request', async () => {
    const { fetchCustomers, requests } = fakeWooCommerce();
    expect(await countWooCommerceCustomers(fetchCustomers, {})).toBe(250);
    expect(requests).toStrictEqual([
      { role: 'all', orderby: 'id', order: 'asc', offset: '0', per_page: '1' },
    ]);
  });

  it('subtracts the customers up to sinceId from the total', async () => {
    const { fetchCustomers } = fakeWooCommerce();
    expect(await countWooCommerceCustomers(fetchCustomers, { sinceId: '301' })).toBe(100);
  });

  it('counts by scanning when a filter is checked by the adapter', async () => {
    const { fetchCustomers, requests } = fakeWooCommerce();
    expect(await countWooCommerceCustomers(fetchCustomers, { name: 'SMITH' })).toBe(36);
    expect(requests.map((request) => request.offset)).toStrictEqual(['0', '100', '200']);
  });

  it('counts by scanning when a proxy dropped X-WP-Total', async () => {
    const { fetchCustomers } = fakeWooCommerce({ withTotal: false });
    expect(await countWooCommerceCustomers(fetchCustomers, {})).toBe(250);
  });
});
