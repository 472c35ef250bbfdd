import {
  type Customer,
  type CustomerFilters,
  type CustomerQuery,
  type CustomerSort,
  type Page,
  SortNotSupportedError,
} from '@unicart/core';
import {
  type JumpsellerCustomerRecord,
  type JumpsellerSimulator,
  startJumpsellerSimulator,
} from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJumpsellerAdapter } from './jumpseller-adapter';

/*
 * The §4 filters and the id sort against the simulator's native records. The oracle reads the
 * records as the sheet describes them (§5, §12), without the adapter's mapping or core's matching.
 */

const digits = (text: string) => text.replace(/\D/g, '');

/** The phone as the canonical customer shows it: the prefix in front unless the number has its own `+`. */
function nativePhoneDigits(record: JumpsellerCustomerRecord): string | null {
  if (record.phone === null || record.phone.trim() === '') return null;
  const prefixed = record.phone.trim().startsWith('+')
    ? record.phone
    : `${record.phone_prefix ?? ''}${record.phone}`;
  return digits(prefixed);
}

function nativeCountries(record: JumpsellerCustomerRecord): string[] {
  return [...record.billing_addresses, ...record.shipping_addresses].flatMap((address) =>
    address.country === null ? [] : [address.country.toUpperCase()],
  );
}

function nativeMatches(record: JumpsellerCustomerRecord, filters: CustomerFilters): boolean {
  if (filters.acceptsMarketing !== undefined && record.accepts_marketing !== filters.acceptsMarketing)
    return false;
  if (filters.tags !== undefined) {
    const names = record.customer_categories.map((category) => category.name.toLowerCase());
    if (!filters.tags.every((tag) => names.includes(tag.toLowerCase()))) return false;
  }
  if (filters.phone !== undefined && !(nativePhoneDigits(record)?.includes(filters.phone) ?? false))
    return false;
  if (
    filters.country !== undefined &&
    !nativeCountries(record).some((code) => filters.country?.includes(code))
  ) {
    return false;
  }
  return true;
}

describe('Jumpseller §4 filters and sort', () => {
  let simulator: JumpsellerSimulator;
  let records: JumpsellerCustomerRecord[];
  const adapter = () =>
    createJumpsellerAdapter({ ...simulator.credentials, baseUrl: simulator.url, limiter: false });
  const sent = () =>
    simulator.requests.map(
      (request) => `${request.method} ${request.path}?${new URLSearchParams(request.query)}`,
    );

  async function collect(query: Omit<CustomerQuery, 'limit' | 'cursor'>, limit = 7): Promise<Customer[]> {
    const found: Customer[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Customer> = await adapter().listCustomers({ ...query, limit, cursor });
      found.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return found;
  }
  const expectedIds = (filters: CustomerFilters) =>
    records.filter((record) => nativeMatches(record, filters)).map((record) => String(record.id));

  beforeAll(async () => {
    simulator = await startJumpsellerSimulator({ count: 60, rateLimit: false });
    records = simulator.customerIds().map((id) => simulator.stored(id) as JumpsellerCustomerRecord);
  });
  beforeEach(() => simulator.reset());
  afterAll(() => simulator.close());

  it('the seed holds the variety the filters need', () => {
    expect(new Set(records.map((record) => record.accepts_marketing)).size).toBe(2);
    expect(records.some((record) => record.customer_categories.length > 0)).toBe(true);
    expect(records.some((record) => record.phone_prefix !== null)).toBe(true);
    expect(new Set(records.flatMap(nativeCountries)).size).toBeGreaterThan(2);
  });

  const cases = (): [string, CustomerFilters][] => {
    const tagged = records.find(
      (record) => record.customer_categories.length > 0,
    ) as JumpsellerCustomerRecord;
    const prefixed = records.find((record) => record.phone_prefix !== null) as JumpsellerCustomerRecord;
    const countries = [...new Set(records.flatMap(nativeCountries))].sort();
    return [
      ['acceptsMarketing=true', { acceptsMarketing: true }],
      ['acceptsMarketing=false', { acceptsMarketing: false }],
      ['tags, another case', { tags: [(tagged.customer_categories[0]?.name ?? '').toUpperCase()] }],
      // The prefix's digits and the number's first ones: found only with the prefix in front.
      ['phone across the prefix', { phone: digits(`${prefixed.phone_prefix}${prefixed.phone}`).slice(0, 6) }],
      ['country, two codes', { country: countries.slice(0, 2) }],
      [
        'tags and acceptsMarketing',
        { tags: [tagged.customer_categories[0]?.name ?? ''], acceptsMarketing: true },
      ],
    ];
  };

  it('narrows each §4 filter to exactly the customers the native records hold, across pages', async () => {
    for (const [label, filters] of cases()) {
      const expected = expectedIds(filters);
      expect(expected.length, `${label} includes someone`).toBeGreaterThan(0);
      expect(expected.length, `${label} excludes someone`).toBeLessThan(records.length);
      const found = (await collect(filters)).map((customer) => customer.id);
      expect(found, label).toStrictEqual(expected);
      expect(await adapter().countCustomers(filters), `count ${label}`).toBe(expected.length);
    }
  });

  it('sorts by id ascending on the list and descending on the search, which answers every customer newest first', async () => {
    const ascending = simulator.customerIds();
    const asc = await collect({ sort: { key: 'id', direction: 'asc' } }, 25);
    expect(asc.map((customer) => customer.id)).toStrictEqual(ascending);
    simulator.reset();
    const desc = await collect({ sort: { key: 'id', direction: 'desc' } }, 25);
    expect(desc.map((customer) => customer.id)).toStrictEqual([...ascending].reverse());
    expect(sent().filter((line) => line.startsWith('GET /v1/customers'))).toStrictEqual([
      'GET /v1/customers/search.json?query=&order=desc&limit=25&page=1',
      'GET /v1/customers/search.json?query=&order=desc&limit=25&page=2',
      'GET /v1/customers/search.json?query=&order=desc&limit=25&page=3',
    ]);
  });

  it('keeps the sort beside emulated filters, the search and ids', async () => {
    const desc: CustomerSort = { key: 'id', direction: 'desc' };
    const filters: CustomerFilters = { acceptsMarketing: false };
    const found = (await collect({ ...filters, sort: desc })).map((customer) => customer.id);
    expect(found).toStrictEqual(expectedIds(filters).reverse());

    const someone = records[3] as JumpsellerCustomerRecord;
    const term = someone.email.slice(0, 3);
    simulator.reset();
    const searched = (await collect({ search: term, sort: desc })).map((customer) => customer.id);
    expect(searched).toContain(String(someone.id));
    expect(searched).toStrictEqual([...searched].sort((left, right) => Number(right) - Number(left)));
    expect(sent()[0]).toBe(
      `GET /v1/customers/search.json?${new URLSearchParams({ query: term, order: 'desc', limit: '7', page: '1' })}`,
    );

    const ids = [records[5], records[1], records[9]].map((record) => String(record?.id));
    const byIds = (await collect({ ids, sort: desc })).map((customer) => customer.id);
    expect(byIds).toStrictEqual([...ids].sort((left, right) => Number(right) - Number(left)));
  });

  it('refuses -id beside sinceId, which lists in ascending id order, before any request', async () => {
    const error = await adapter()
      .listCustomers({ sinceId: '1', sort: { key: 'id', direction: 'desc' }, limit: 5, cursor: null })
      .catch((caught: unknown) => caught);
    expect(SortNotSupportedError.isInstance(error)).toBe(true);
    expect(simulator.requests).toHaveLength(0);
  });
});
