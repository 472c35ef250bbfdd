import type {
  Customer,
  CustomerFilters,
  CustomerQuery,
  CustomerSort,
  Page,
  ViewedCustomer,
} from '@unicart/core';
import {
  type BigCommerceAddressRecord,
  type BigCommerceCustomerRecord,
  type BigCommerceSimulator,
  newBigCommerceCustomer,
  startBigCommerceSimulator,
} from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBigCommerceAdapter } from './bigcommerce-adapter';

/*
 * The §4 filters, sorts, fields and raw records against the simulator's native records. The oracle
 * orders and filters those records itself (sheet §4, §10), without the adapter's code or core's.
 */

const countries = ['US', 'CA', 'FR', 'DE', 'BR'];
const phones = ['+1 512-555-0100', '(415) 555 0199', '', '+33 1 55 55 01 23', '555.0100 ext 7'];

function address(id: number, customerId: number, countryCode: string): BigCommerceAddressRecord {
  return {
    id,
    customer_id: customerId,
    first_name: 'Ana',
    last_name: 'Reyes',
    company: '',
    address1: '12 Oak St',
    address2: '',
    city: 'Austin',
    state_or_province: '',
    postal_code: '78701',
    country_code: countryCode,
    country: countryCode,
    phone: '',
    address_type: 'residential',
  };
}

/** 45 customers over 6 creation seconds and 5 modification seconds: ties everywhere, ids not in date order. */
function seedCustomers(): BigCommerceCustomerRecord[] {
  return Array.from({ length: 45 }, (_, index) => {
    const id = 100 + ((index * 17) % 45) * 3;
    const created = new Date(Date.UTC(2024, 4, 14, 9, 34, (index * 7) % 6));
    const modified = new Date(Date.UTC(2025, 0, 2, 8, 0, (index * 5) % 5));
    const addresses =
      index % 4 === 0
        ? []
        : [
            address(id * 10, id, countries[index % 5] as string),
            ...(index % 3 === 0 ? [address(id * 10 + 1, id, 'MX')] : []),
          ];
    return newBigCommerceCustomer(id, created, {
      email: `customer${id}@example.com`,
      first_name: index % 2 === 0 ? 'Ana' : 'Luis',
      last_name: `Reyes${index}`,
      phone: phones[index % 5] as string,
      date_modified: modified.toISOString().replace('.000Z', 'Z'),
      addresses,
    });
  });
}

const digits = (text: string) => text.replace(/\D/g, '');

function nativeMatches(record: BigCommerceCustomerRecord, filters: CustomerFilters): boolean {
  if (filters.phone !== undefined && (record.phone === '' || !digits(record.phone).includes(filters.phone))) {
    return false;
  }
  if (
    filters.country !== undefined &&
    !record.addresses.some((entry) => filters.country?.includes(entry.country_code))
  ) {
    return false;
  }
  if (
    filters.createdAt?.from !== undefined &&
    Date.parse(record.date_created) < Date.parse(filters.createdAt.from)
  ) {
    return false;
  }
  return true;
}

function nativeOrder(sort: CustomerSort) {
  const field = sort.key === 'createdAt' ? 'date_created' : 'date_modified';
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (left: BigCommerceCustomerRecord, right: BigCommerceCustomerRecord) =>
    sign * (Date.parse(left[field]) - Date.parse(right[field])) || sign * (left.id - right.id);
}

describe('BigCommerce §4 filters, sorts, fields and raw records', () => {
  let simulator: BigCommerceSimulator;
  const records = seedCustomers();
  const adapter = () =>
    createBigCommerceAdapter({
      ...simulator.credentials,
      baseUrl: simulator.url,
      retry: { maxRetries: 0 },
      limiter: false,
    });
  const customerRequests = () =>
    simulator.requests.filter((request) => request.path === '/stores/abc123/v3/customers');

  async function collect(query: Omit<CustomerQuery, 'limit' | 'cursor'>, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<Customer> = await adapter().listCustomers({ ...query, limit, cursor });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.items.map((customer) => customer.id));
      cursor = page.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(200);
    } while (cursor !== null);
    return ids;
  }
  const expected = (filters: CustomerFilters, sort?: CustomerSort) => {
    const kept = records.filter((record) => nativeMatches(record, filters));
    if (sort !== undefined) kept.sort(nativeOrder(sort));
    else kept.sort((left, right) => left.id - right.id);
    return kept.map((record) => String(record.id));
  };

  beforeAll(async () => {
    simulator = await startBigCommerceSimulator({ count: 0, rateLimit: false });
    simulator.seed({ customers: records, orders: [], subscribers: [] });
  });
  beforeEach(() => simulator.reset());
  afterAll(() => simulator.close());

  for (const key of ['createdAt', 'updatedAt'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`sorts ${direction === 'desc' ? '-' : ''}${key} with ties in id order of the direction, at any page size`, async () => {
        const sort = { key, direction };
        for (const limit of [1, 4, 50]) {
          expect(await collect({ sort }, limit), `by ${limit}`).toStrictEqual(expected({}, sort));
        }
      });
    }
  }

  it('reads sorted pages by key: BigCommerce’s sort, one more than the page, and a second read whole only when it fills a page', async () => {
    const page = await adapter().listCustomers({
      sort: { key: 'createdAt', direction: 'desc' },
      limit: 10,
      cursor: null,
    });
    const second = await adapter().listCustomers({
      sort: { key: 'createdAt', direction: 'desc' },
      limit: 10,
      cursor: page.nextCursor,
    });
    const sent = customerRequests().map((request) => request.query);
    const [first, next] = sent;
    expect(first).toStrictEqual({ sort: 'date_created:desc', include: 'addresses', limit: '11' });
    // The first page ended after its last complete second: the next one starts below it.
    const lastOfFirst = records.find((record) => String(record.id) === page.items.at(-1)?.id);
    const below = new Date(Date.parse(lastOfFirst?.date_created ?? '') - 1000)
      .toISOString()
      .replace('.000Z', 'Z');
    expect(next).toMatchObject({ sort: 'date_created:desc', 'date_created:max': below });
    expect([...page.items, ...second.items].map((customer) => customer.id)).toStrictEqual(
      expected({}, { key: 'createdAt', direction: 'desc' }).slice(0, page.items.length + second.items.length),
    );
    expect(sent.every((query) => query.page === undefined)).toBe(true);
  });

  it('keeps the sort beside the caller’s own bounds on the same date and emulated filters', async () => {
    const from = '2024-05-14T09:34:02.000Z';
    const filters: CustomerFilters = { createdAt: { from }, phone: '5550100' };
    const sort: CustomerSort = { key: 'createdAt', direction: 'asc' };
    const found = await collect({ ...filters, sort }, 3);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toStrictEqual(expected(filters, sort));
    expect(customerRequests().every((request) => request.query['date_created:min'] !== undefined)).toBe(true);
  });

  it('narrows phone by digits and country by any address, across pages, and counts them', async () => {
    const cases: CustomerFilters[] = [
      { phone: '5550100' },
      { phone: '15125550' },
      { country: ['FR', 'MX'] },
      { country: ['BR'], phone: '0100' },
    ];
    for (const filters of cases) {
      const wanted = expected(filters);
      expect(wanted.length, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(wanted.length).toBeLessThan(records.length);
      expect(await collect(filters, 4), JSON.stringify(filters)).toStrictEqual(wanted);
      expect(await adapter().countCustomers(filters)).toBe(wanted.length);
    }
  });

  it('refuses a cursor of the unsorted list on a sorted one, and the other way round', async () => {
    const unsorted = await adapter().listCustomers({ limit: 2, cursor: null });
    const sorted = await adapter().listCustomers({
      sort: { key: 'createdAt', direction: 'asc' },
      limit: 2,
      cursor: null,
    });
    await expect(
      adapter().listCustomers({
        sort: { key: 'createdAt', direction: 'asc' },
        limit: 2,
        cursor: unsorted.nextCursor,
      }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(adapter().listCustomers({ limit: 2, cursor: sorted.nextCursor })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('asks for the addresses only when the fields shown or the filters need them', async () => {
    const view = { fields: ['email', 'phone'] } as const;
    const page = await adapter().listCustomers({ limit: 3, cursor: null }, { view });
    expect(page.items[0]).toStrictEqual({
      id: page.items[0]?.id,
      email: `customer${page.items[0]?.id}@example.com`,
      phone: expect.anything(),
    });
    await adapter().getCustomer('100', { view });
    await adapter().listCustomers({ country: ['FR'], limit: 3, cursor: null }, { view });
    await adapter().listCustomers({ limit: 3, cursor: null }, { view: { fields: ['addresses'] } });
    expect(customerRequests().map((request) => request.query.include)).toStrictEqual([
      undefined,
      undefined,
      'addresses',
      'addresses',
    ]);
    // Without addresses nothing asks the geography for state codes.
    expect(simulator.requests.filter((request) => request.path.includes('/v2/countries'))).toHaveLength(0);
  });

  it('shows the customer as BigCommerce sent it under raw, its addresses inside', async () => {
    const id = '103';
    const shaped = (await adapter().getCustomer(id, {
      view: { fields: ['email'], raw: true },
    })) as ViewedCustomer;
    const answer = await fetch(`${simulator.url}/stores/abc123/v3/customers?id:in=${id}&include=addresses`, {
      headers: { 'x-auth-token': simulator.credentials.accessToken, accept: 'application/json' },
    });
    const sent = ((await answer.json()) as { data: unknown[] }).data[0];
    expect(Object.keys(shaped).sort()).toStrictEqual(['email', 'id', 'raw']);
    expect(shaped.raw).toStrictEqual(sent);
  });
});
