import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error';
import type { Customer } from '../models/customer';
import {
  type CustomerFilters,
  customerFilterNames,
  filterableFromCustomer,
  filterNamesInUse,
  isIdGreater,
  lacksFilterFields,
  matchesCustomerFilters,
  parseCustomerListParams,
  parseCustomerViewParams,
  parsePageParams,
} from './customer-query';

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('parseCustomerListParams', () => {
  it('defaults to 50 items, no filters and the first page', () => {
    expect(parseCustomerListParams({})).toStrictEqual({ filters: {}, view: {}, limit: 50, page: null });
  });

  it('reads every filter of the contract', () => {
    expect(
      parseCustomerListParams({
        ids: '3, 1,3',
        limit: '100',
        page: 'v1.abc.def',
        sinceId: '12',
        'createdAt[from]': '2024-01-31',
        'createdAt[to]': '2024-02-01',
        'updatedAt[from]': '2024-01-31T10:00:00Z',
        'updatedAt[to]': '2024-01-31T12:00:00+02:00',
        name: ' Ana ',
        search: 'reyes',
        email: 'Ana@Example.com',
      }),
    ).toStrictEqual({
      filters: {
        ids: ['3', '1'],
        sinceId: '12',
        createdAt: { from: '2024-01-31T00:00:00.000Z', to: '2024-02-01T23:59:59.999Z' },
        updatedAt: { from: '2024-01-31T10:00:00.000Z', to: '2024-01-31T10:00:00.000Z' },
        name: 'Ana',
        search: 'reyes',
        email: 'Ana@Example.com',
      },
      view: {},
      limit: 100,
      page: 'v1.abc.def',
    });
  });

  it.each([['0'], ['101'], ['1.5'], ['-1'], ['ten'], [''], ['1e2']])('rejects limit=%j', (limit) => {
    expect(issuesOf(() => parseCustomerListParams({ limit }))).toStrictEqual([
      { path: 'limit', message: 'must be an integer from 1 to 100' },
    ]);
  });

  it.each([['2024-02-30'], ['31/01/2024'], ['2024-01-31 10:00:00'], ['tomorrow'], ['']])(
    'rejects the date %j naming the parameter',
    (value) => {
      expect(issuesOf(() => parseCustomerListParams({ 'createdAt[from]': value }))[0]?.path).toBe(
        'createdAt[from]',
      );
    },
  );

  it('rejects a range whose start is after its end', () => {
    const issues = issuesOf(() =>
      parseCustomerListParams({ 'updatedAt[from]': '2024-02-01', 'updatedAt[to]': '2024-01-01' }),
    );
    expect(issues).toStrictEqual([{ path: 'updatedAt[from]', message: 'must not be after updatedAt[to]' }]);
  });

  it('rejects unknown parameters, naming each', () => {
    const issues = issuesOf(() => parseCustomerListParams({ order: 'name', created_at_min: '2024-01-01' }));
    expect(issues.map((issue) => issue.path)).toStrictEqual(['order', 'created_at_min']);
  });

  it('rejects a parameter given twice', () => {
    expect(issuesOf(() => parseCustomerListParams({ email: ['a@b.c', 'd@e.f'] }))[0]?.path).toBe('email');
  });

  it('rejects non-numeric and too many ids', () => {
    expect(issuesOf(() => parseCustomerListParams({ ids: '1,abc' }))[0]?.path).toBe('ids');
    expect(issuesOf(() => parseCustomerListParams({ ids: '1,,2' }))[0]?.path).toBe('ids');
    const many = Array.from({ length: 101 }, (_, index) => String(index + 1)).join(',');
    expect(issuesOf(() => parseCustomerListParams({ ids: many }))[0]?.message).toBe(
      'must list at most 100 ids',
    );
  });

  it('rejects empty text filters and a non-numeric sinceId', () => {
    const issues = issuesOf(() =>
      parseCustomerListParams({ name: '  ', sinceId: 'gid://shopify/Customer/1' }),
    );
    expect(issues.map((issue) => issue.path).sort()).toStrictEqual(['name', 'sinceId']);
  });

  it('throws only InvalidRequestError, whatever the input', () => {
    const key = fc.oneof(fc.constantFrom(...customerFilterNames), fc.string());
    const value = fc.oneof(fc.string(), fc.array(fc.string()), fc.integer(), fc.constant(null), fc.object());
    fc.assert(
      fc.property(fc.dictionary(key, value), (raw) => {
        try {
          parseCustomerListParams(raw);
        } catch (error) {
          expect(InvalidRequestError.isInstance(error)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('always yields a limit within 1..100 and canonical UTC bounds when it accepts', () => {
    const dateLike = fc.oneof(
      fc
        .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString()),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 200 }), dateLike, dateLike, (limit, from, to) => {
        try {
          const { limit: parsed, filters } = parseCustomerListParams({
            limit: String(limit),
            'createdAt[from]': from,
            'createdAt[to]': to,
          });
          expect(parsed).toBeGreaterThanOrEqual(1);
          expect(parsed).toBeLessThanOrEqual(100);
          expect(new Date(filters.createdAt?.from ?? '').toISOString()).toBe(filters.createdAt?.from);
          expect((filters.createdAt?.from ?? '') <= (filters.createdAt?.to ?? '')).toBe(true);
        } catch (error) {
          expect(InvalidRequestError.isInstance(error)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseCustomerListParams: §4 filters, sort and view', () => {
  it('reads every §4 filter', () => {
    expect(
      parseCustomerListParams({
        acceptsMarketing: 'false',
        'ordersCount[min]': '0',
        'ordersCount[max]': '12',
        'totalSpent[min]': '10.5',
        country: ' br,us ,BR',
        tags: 'VIP, wholesale ,vip',
        phone: '+55 (11) 9-8765',
      }).filters,
    ).toStrictEqual({
      acceptsMarketing: false,
      ordersCount: { min: 0, max: 12 },
      totalSpent: { min: 10.5 },
      country: ['BR', 'US'],
      tags: ['VIP', 'wholesale'],
      phone: '551198765',
    });
  });

  it.each([
    ['acceptsMarketing', 'yes'],
    ['acceptsMarketing', 'TRUE'],
    ['ordersCount[min]', '-1'],
    ['ordersCount[max]', '1.5'],
    ['totalSpent[min]', '1e3'],
    ['totalSpent[max]', '-0.01'],
    ['totalSpent[max]', '12,50'],
    ['country', 'XX'],
    ['country', 'BRA'],
    ['country', ' , '],
    ['tags', ','],
    ['phone', '+1 23'],
    ['phone', 'call me'],
    ['sort', 'created'],
    ['sort', '+createdAt'],
    ['sort', '--id'],
    ['fields', 'email,password'],
    ['fields', ''],
    ['include', 'orders'],
  ])('rejects %s=%j naming it', (key, value) => {
    expect(
      issuesOf(() => parseCustomerListParams({ [key]: value })).map((issue) => issue.path),
    ).toStrictEqual([key]);
  });

  it('rejects a minimum above the maximum', () => {
    expect(
      issuesOf(() => parseCustomerListParams({ 'totalSpent[min]': '10', 'totalSpent[max]': '9.99' })),
    ).toStrictEqual([{ path: 'totalSpent[min]', message: 'must not be greater than totalSpent[max]' }]);
  });

  it('reads the sort key and direction', () => {
    expect(parseCustomerListParams({ sort: '-createdAt' }).sort).toStrictEqual({
      key: 'createdAt',
      direction: 'desc',
    });
    expect(parseCustomerListParams({ sort: 'name' }).sort).toStrictEqual({ key: 'name', direction: 'asc' });
  });

  it('takes sort=id beside sinceId, which implies it, and refuses any other sort with it', () => {
    expect(parseCustomerListParams({ sinceId: '5', sort: 'id' })).not.toHaveProperty('sort');
    for (const sort of ['-id', 'email', '-createdAt']) {
      expect(
        issuesOf(() => parseCustomerListParams({ sinceId: '5', sort })).map((issue) => issue.path),
      ).toStrictEqual(['sort']);
    }
  });

  it('reads fields in the model order without duplicates, and include=raw', () => {
    expect(parseCustomerListParams({ fields: 'tags, email,tags', include: 'raw' }).view).toStrictEqual({
      fields: ['email', 'tags'],
      raw: true,
    });
    expect(parseCustomerViewParams({ fields: 'id' })).toStrictEqual({ fields: ['id'] });
    expect(issuesOf(() => parseCustomerViewParams({ email: 'a@b.c' }))[0]?.path).toBe('email');
  });
});

describe('parsePageParams', () => {
  it('takes only limit and page', () => {
    expect(parsePageParams({ limit: '5' })).toStrictEqual({ limit: 5, page: null });
    expect(issuesOf(() => parsePageParams({ email: 'a@b.c' }))[0]?.path).toBe('email');
  });
});

describe('filterNamesInUse', () => {
  it('names each bound of a range separately', () => {
    expect(filterNamesInUse({ createdAt: { to: '2024-01-01T00:00:00.000Z' }, email: 'a@b.c' })).toStrictEqual(
      ['createdAt[to]', 'email'],
    );
  });
});

const base: Customer = {
  id: '25',
  email: 'Ana.Reyes@example.com',
  firstName: 'Ana',
  lastName: 'Reyes',
  phone: null,
  currency: null,
  note: null,
  acceptsMarketing: null,
  tags: [],
  ordersCount: null,
  totalSpent: null,
  status: { id: null, status: null },
  dates: { createdAt: '2024-01-31T10:00:00.000Z', updatedAt: null },
  addresses: [],
};

describe('matchesCustomerFilters', () => {
  it('treats both date bounds as inclusive', () => {
    const at = base.dates.createdAt ?? '';
    expect(matchesCustomerFilters(base, { createdAt: { from: at, to: at } })).toBe(true);
    expect(matchesCustomerFilters(base, { createdAt: { from: '2024-01-31T10:00:00.001Z' } })).toBe(false);
  });

  it('excludes a customer without the date when that date is filtered', () => {
    expect(matchesCustomerFilters(base, { updatedAt: { from: '2000-01-01T00:00:00.000Z' } })).toBe(false);
  });

  it('compares ids as numbers for sinceId', () => {
    expect(matchesCustomerFilters(base, { sinceId: '9' })).toBe(true);
    expect(matchesCustomerFilters(base, { sinceId: '25' })).toBe(false);
    expect(isIdGreater('18446744073709551615', '18446744073709551614')).toBe(true);
  });

  it('matches email exactly and name as a substring, both case-insensitively', () => {
    expect(matchesCustomerFilters(base, { email: 'ana.reyes@EXAMPLE.com' })).toBe(true);
    expect(matchesCustomerFilters(base, { email: 'ana.reyes@example.co' })).toBe(false);
    expect(matchesCustomerFilters(base, { name: 'a rey' })).toBe(true);
  });

  it('matches the §4 filters, where null never matches', () => {
    const customer: Customer = {
      ...base,
      phone: '+55 (11) 98765-4321',
      acceptsMarketing: true,
      tags: ['VIP ', 'Wholesale'],
      ordersCount: 3,
      totalSpent: 120.5,
      addresses: [],
    };
    const filterable = { ...customer, countryCodes: [null, 'BR'] };
    const matches = (filters: CustomerFilters) => matchesCustomerFilters(filterable, filters);
    expect(matches({ acceptsMarketing: true })).toBe(true);
    expect(matches({ acceptsMarketing: false })).toBe(false);
    expect(
      matchesCustomerFilters({ ...filterable, acceptsMarketing: null }, { acceptsMarketing: false }),
    ).toBe(false);
    expect(matches({ ordersCount: { min: 3, max: 3 } })).toBe(true);
    expect(matches({ ordersCount: { min: 4 } })).toBe(false);
    expect(matchesCustomerFilters({ ...filterable, ordersCount: null }, { ordersCount: { max: 5 } })).toBe(
      false,
    );
    expect(matches({ totalSpent: { min: 120.5, max: 120.5 } })).toBe(true);
    expect(matches({ totalSpent: { max: 120.49 } })).toBe(false);
    expect(matches({ country: ['US', 'BR'] })).toBe(true);
    expect(matches({ country: ['US'] })).toBe(false);
    expect(matches({ tags: ['vip', 'WHOLESALE'] })).toBe(true);
    expect(matches({ tags: ['vi'] })).toBe(false);
    expect(matches({ phone: '9876543' })).toBe(true);
    expect(matches({ phone: '5511 9' })).toBe(false);
    expect(matchesCustomerFilters({ ...filterable, phone: null }, { phone: '1234' })).toBe(false);
  });

  it('throws when a record lacks the field of a §4 filter, unless told to let it pass', () => {
    const { id, email, firstName, lastName, dates } = base;
    const listed = { id, email, firstName, lastName, dates };
    expect(() => matchesCustomerFilters(listed, { tags: ['vip'] })).toThrow(/tags/);
    expect(matchesCustomerFilters(listed, { tags: ['vip'] }, 'match')).toBe(true);
    expect(matchesCustomerFilters(listed, { tags: ['vip'], email: 'x@y.z' }, 'match')).toBe(false);
    expect(lacksFilterFields(base, { country: ['BR'] })).toBe(true);
    expect(lacksFilterFields(filterableFromCustomer(base), { country: ['BR'], tags: ['a'] })).toBe(false);
  });

  it('combines filters with AND', () => {
    expect(matchesCustomerFilters(base, { ids: ['25'], name: 'ana' })).toBe(true);
    expect(matchesCustomerFilters(base, { ids: ['25'], name: 'bob' })).toBe(false);
  });
});
