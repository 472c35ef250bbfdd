import { afterEach, describe, expect, it, vi } from 'vitest';
import { FilterNotSupportedError } from '../errors/filter-not-supported-error';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { NotFoundError } from '../errors/not-found-error';
import { OperationNotSupportedError } from '../errors/operation-not-supported-error';
import { UpstreamError } from '../errors/upstream-error';
import { UpstreamRateLimitedError } from '../errors/upstream-rate-limited-error';
import { UpstreamUnauthorizedError } from '../errors/upstream-unauthorized-error';
import { setSignalDeadline } from '../http/deadline';
import type { Customer } from '../models/customer';
import type { Order } from '../models/order';
import type { CustomerFilters } from '../query/customer-query';
import { defineCustomerAdapter } from './define-customer-adapter';
import { nextOffset, offsetPositions } from './positions';
import { resolveAdapter } from './resolve-adapter';
import {
  type AdapterCapabilities,
  type CustomerOperation,
  customerOperations,
  type IterateOptions,
} from './v1/customer-adapter-v1';
import type { CustomerDriver } from './v1/customer-driver';

/** Acme's own record: not the canonical shape, so a test sees where mapping happens. */
interface AcmeRecord {
  readonly key: number;
  readonly mail: string;
  readonly given: string;
  readonly family: string;
  readonly created: string;
}

const store: readonly AcmeRecord[] = Array.from({ length: 12 }, (_, index) => ({
  key: index + 1,
  mail: `c${index + 1}@example.com`,
  given: 'Ana',
  family: index % 3 === 0 ? 'Reyes' : `Number ${index + 1}`,
  created: `2024-01-${String(index + 1).padStart(2, '0')}T10:00:00.000Z`,
}));

function toCustomer(record: AcmeRecord, currency: string | null): Customer {
  return {
    id: String(record.key),
    email: record.mail,
    firstName: record.given,
    lastName: record.family,
    phone: null,
    currency,
    note: null,
    acceptsMarketing: null,
    tags: [],
    ordersCount: null,
    totalSpent: null,
    status: { id: null, status: null },
    dates: { createdAt: record.created, updatedAt: null },
    addresses: [],
  };
}

function order(id: string, customerId: string, currency: string | null): Order {
  return {
    id,
    number: id,
    customerId,
    email: null,
    currency,
    status: { id: null, status: null },
    paymentStatus: null,
    fulfillmentStatus: null,
    totals: { subtotal: 1, tax: 0, shipping: 0, discount: 0, total: 1 },
    dates: { createdAt: null, updatedAt: null },
    items: [],
  };
}

const everyOperation = Object.fromEntries(customerOperations.map((operation) => [operation, true])) as Record<
  CustomerOperation,
  boolean
>;

const capabilities: AdapterCapabilities = {
  operations: everyOperation,
  filters: { email: 'native', name: 'emulated', 'createdAt[from]': 'emulated' },
};

interface AcmeParams {
  readonly mail: string | null;
}

/** An offset-paged platform: `email` native, `name` and `createdAt` checked by core. */
function acmeDriver(calls: string[], options: { total?: boolean; currency?: 'ok' | 'refused' } = {}) {
  const orders = ['o1', 'o2', 'o3'];
  const driver: CustomerDriver<AcmeRecord, AcmeRecord, AcmeParams, number, string, number> = {
    platform: 'acme',
    displayName: 'Acme',
    capabilities,
    parseId: (id) => (/^\d+$/.test(id) ? id : null),
    map: (record, { currency }) => {
      calls.push(`map:${record.key}`);
      return toCustomer(record, currency);
    },
    storeCurrency: {
      async load() {
        calls.push('currency');
        if (options.currency === 'refused')
          throw new UpstreamUnauthorizedError('no scope', { platform: 'acme' });
        return 'eur';
      },
      whenUnavailable: () => 'remember',
    },
    list: {
      positions: offsetPositions('acme'),
      scanPageSize: 5,
      maxScanPages: 2,
      translate: (filters: CustomerFilters) => {
        const { email, ...rest } = filters;
        return { params: { mail: email ?? null }, remainder: Object.keys(rest).length > 0 ? rest : null };
      },
      filterable: (record) => ({
        id: String(record.key),
        email: record.mail,
        firstName: record.given,
        lastName: record.family,
        dates: { createdAt: record.created, updatedAt: null },
      }),
      async fetchPage({ params, position, size }) {
        const offset = position ?? 0;
        calls.push(`page:${offset}+${size}`);
        const matching = store.filter((record) => params.mail === null || record.mail === params.mail);
        const items = matching.slice(offset, offset + size);
        const total = options.total === false ? null : matching.length;
        return { items, next: nextOffset({ offset, requested: size, received: items.length, total }) };
      },
      async count(params) {
        calls.push('native-count');
        if (options.total === false) return null;
        return store.filter((record) => params.mail === null || record.mail === params.mail).length;
      },
    },
    async read(id) {
      calls.push(`read:${id}`);
      if (id === '500') throw new TypeError("Cannot read properties of undefined (reading 'key')");
      if (id === '404') throw new NotFoundError('gone', { platform: 'acme' });
      return store.find((record) => String(record.key) === id) ?? null;
    },
    async create(input) {
      calls.push('create');
      return { ...(store[0] as AcmeRecord), given: input.firstName ?? '' };
    },
    async update(id, input) {
      calls.push(`update:${id}`);
      return { ...(store[0] as AcmeRecord), family: input.lastName ?? '' };
    },
    async delete(id) {
      calls.push(`delete:${id}`);
    },
    orders: {
      positions: offsetPositions('acme'),
      async assertCustomerExists(id) {
        calls.push(`exists:${id}`);
        if (id === '99') throw new NotFoundError('gone', { platform: 'acme' });
      },
      async fetchPage({ customerId, position, size }) {
        const offset = position ?? 0;
        calls.push(`orders:${customerId}:${offset}+${size}`);
        const items = orders.slice(offset, offset + size);
        return {
          items,
          next: nextOffset({ offset, requested: size, received: items.length, total: orders.length }),
        };
      },
      map: (id, { currency }) => order(id, '1', currency),
      usesStoreCurrency: true,
    },
  };
  return driver;
}

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

const keys = (customers: readonly Customer[]) => customers.map((customer) => customer.id);

describe('defineCustomerAdapter', () => {
  it('builds a v1 adapter with the platform and capabilities of the driver', () => {
    const adapter = defineCustomerAdapter(acmeDriver([]));
    expect([adapter.specificationVersion, adapter.platform, adapter.capabilities]).toStrictEqual([
      'v1',
      'acme',
      capabilities,
    ]);
  });

  it('refuses a driver that declares an operation without its member', () => {
    const { read: _read, ...driver } = acmeDriver([]);
    expect(() => defineCustomerAdapter(driver)).toThrow(
      /declares operation 'get' but its driver lacks 'read'/,
    );
  });

  it('refuses a driver with a member no declared operation uses', () => {
    const driver = {
      ...acmeDriver([]),
      capabilities: { ...capabilities, operations: { ...everyOperation, orders: false } },
    };
    expect(() => defineCustomerAdapter(driver)).toThrow(
      /has 'orders' in its driver but declares no operation/,
    );
  });

  it('refuses an undeclared operation with the contract message', async () => {
    const { delete: _delete, ...driver } = acmeDriver([]);
    const adapter = defineCustomerAdapter({
      ...driver,
      capabilities: { ...capabilities, operations: { ...everyOperation, delete: false } },
    });
    const error = await rejection(adapter.deleteCustomer('1'));
    expect(OperationNotSupportedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('The resource is not available for this ecommerce');
  });

  it('refuses an undeclared filter before the driver runs', async () => {
    const calls: string[] = [];
    const error = await rejection(
      defineCustomerAdapter(acmeDriver(calls)).listCustomers({
        limit: 10,
        cursor: null,
        updatedAt: { from: '2024-01-01T00:00:00.000Z' },
      }),
    );
    expect(FilterNotSupportedError.isInstance(error) && error.filter).toBe('updatedAt[from]');
    expect(calls).toStrictEqual([]);
  });

  it('refuses a limit outside 1..100 before the driver runs', async () => {
    const calls: string[] = [];
    const error = await rejection(
      defineCustomerAdapter(acmeDriver(calls)).listCustomers({ limit: 0, cursor: null }),
    );
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(calls).toStrictEqual([]);
  });

  it('validates create input and names each bad field before the driver runs', async () => {
    const calls: string[] = [];
    const error = await rejection(
      defineCustomerAdapter(acmeDriver(calls)).createCustomer({
        firstName: 'Ana',
        lastName: '',
        shoeSize: 42,
      } as never),
    );
    expect(
      InvalidRequestError.isInstance(error) && error.issues.map((issue) => issue.path).sort(),
    ).toStrictEqual(['customer', 'customer.lastName']);
    expect(calls).toStrictEqual([]);
  });

  it('turns an unexpected driver failure into an UpstreamError of the platform', async () => {
    const error = await rejection(defineCustomerAdapter(acmeDriver([])).getCustomer('500'));
    expect(UpstreamError.isInstance(error) && error.platform).toBe('acme');
  });
});

describe('change feeds (capabilities.sync)', () => {
  const syncing = (
    sync: AdapterCapabilities['sync'],
    filters: AdapterCapabilities['filters'] = capabilities.filters,
  ) => ({
    ...acmeDriver([]),
    capabilities: { ...capabilities, filters, sync },
  });
  const feeds = (calls: string[]) => ({
    async listChangedCustomerIds(since: string) {
      calls.push(`changed:${since}`);
      return ['3', '5'];
    },
    async listDeletedCustomerIds(since: string | null) {
      calls.push(`deleted:${since}`);
      if (since === '2024-06-01T00:00:00.000Z') throw new TypeError('boom');
      return ['7'];
    },
  });

  it('exposes the feeds the capabilities declare, with their since, and nothing else', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapter({
      ...syncing({ changes: 'changedIds', deletes: 'native' }),
      changeFeeds: feeds(calls),
    });
    expect(await adapter.listChangedCustomerIds?.('2024-05-01T00:00:00.000Z')).toStrictEqual(['3', '5']);
    expect(await adapter.listDeletedCustomerIds?.(null)).toStrictEqual(['7']);
    expect(calls).toStrictEqual(['changed:2024-05-01T00:00:00.000Z', 'deleted:null']);
    const plain = defineCustomerAdapter(syncing({ changes: 'scan', deletes: 'scan' }));
    expect([plain.listChangedCustomerIds, plain.listDeletedCustomerIds]).toStrictEqual([
      undefined,
      undefined,
    ]);
  });

  it('refuses a since that is no date before the driver runs, and normalises failures', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapter({
      ...syncing({ changes: 'changedIds', deletes: 'native' }),
      changeFeeds: feeds(calls),
    });
    expect(await rejection(adapter.listChangedCustomerIds!('yesterday'))).toBeInstanceOf(InvalidRequestError);
    expect(calls).toStrictEqual([]);
    const failure = await rejection(adapter.listDeletedCustomerIds!('2024-06-01T00:00:00.000Z'));
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).platform).toBe('acme');
  });

  it.each([
    [{ changes: 'changedIds', deletes: 'scan' } as const, {}, /listChangedCustomerIds exactly when/],
    [{ changes: 'scan', deletes: 'native' } as const, {}, /listDeletedCustomerIds exactly when/],
    [
      { changes: 'scan', deletes: 'scan' } as const,
      { listDeletedCustomerIds: async () => [] },
      /listDeletedCustomerIds exactly when/,
    ],
  ])('refuses a driver whose feeds disagree with sync %j', (sync, changeFeeds, message) => {
    expect(() => defineCustomerAdapter({ ...syncing(sync), changeFeeds })).toThrow(message);
  });

  it("refuses changes 'updatedAt' without a native updatedAt[from] filter", () => {
    expect(() => defineCustomerAdapter(syncing({ changes: 'updatedAt', deletes: 'scan' }))).toThrow(
      /without a native updatedAt\[from\] filter/,
    );
    expect(() =>
      defineCustomerAdapter(
        syncing(
          { changes: 'updatedAt', deletes: 'scan' },
          { ...capabilities.filters, 'updatedAt[from]': 'native' },
        ),
      ),
    ).not.toThrow();
  });
});

describe('the list pipeline', () => {
  it('pages an exact list by native positions, the next offset as the cursor', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapter(acmeDriver(calls));
    const first = await adapter.listCustomers({ limit: 4, cursor: null });
    const last = await adapter.listCustomers({ limit: 4, cursor: '8' });
    expect([keys(first.items), first.nextCursor, keys(last.items), last.nextCursor]).toStrictEqual([
      ['1', '2', '3', '4'],
      '4',
      ['9', '10', '11', '12'],
      null,
    ]);
    expect(calls.filter((call) => call.startsWith('page'))).toStrictEqual(['page:0+4', 'page:8+4']);
  });

  it('maps each kept record exactly once with the store currency, read once after the first page', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapter(acmeDriver(calls));
    const page = await adapter.listCustomers({ name: 'reyes', limit: 2, cursor: null });
    expect([keys(page.items), page.items.map((customer) => customer.currency)]).toStrictEqual([
      ['1', '4'],
      ['EUR', 'EUR'],
    ]);
    expect(calls).toStrictEqual(['page:0+5', 'currency', 'map:1', 'map:4']);
  });

  it('resumes a filtered list inside a native page and ends with null, every match once', async () => {
    const adapter = defineCustomerAdapter(acmeDriver([]));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Customer[]; nextCursor: string | null } = await adapter.listCustomers({
        name: 'reyes',
        limit: 1,
        cursor,
      });
      seen.push(...keys(page.items));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toStrictEqual(['1', '4', '7', '10']);
  });

  it('returns a short page with a cursor after the most native pages one call may scan', async () => {
    const calls: string[] = [];
    const page = await defineCustomerAdapter(acmeDriver(calls)).listCustomers({
      createdAt: { from: '2024-01-12T00:00:00.000Z' },
      limit: 10,
      cursor: null,
    });
    expect([page.items, page.nextCursor]).toStrictEqual([[], '{"n":"10","s":0}']);
    expect(calls).toStrictEqual(['page:0+5', 'page:5+5']);
  });

  it('reads no currency and maps nothing when no record matches', async () => {
    const calls: string[] = [];
    const page = await defineCustomerAdapter(acmeDriver(calls)).listCustomers({
      email: 'nobody@example.com',
      limit: 10,
      cursor: null,
    });
    expect([page, calls]).toStrictEqual([{ items: [], nextCursor: null }, ['page:0+10']]);
  });

  it('refuses a cursor the adapter did not issue before any request', async () => {
    const calls: string[] = [];
    const error = await rejection(
      defineCustomerAdapter(acmeDriver(calls)).listCustomers({ limit: 4, cursor: 'x' }),
    );
    expect([InvalidRequestError.isInstance(error), calls]).toStrictEqual([true, []]);
  });

  it('keeps mapping with a null currency when the store refuses to tell it', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapter(acmeDriver(calls, { currency: 'refused' }));
    expect((await adapter.listCustomers({ limit: 1, cursor: null })).items[0]?.currency).toBeNull();
    await adapter.getCustomer('2');
    expect(calls.filter((call) => call === 'currency')).toStrictEqual(['currency']);
  });
});

describe('count', () => {
  it("uses the platform's own count for an exact plan", async () => {
    const calls: string[] = [];
    expect(await defineCustomerAdapter(acmeDriver(calls)).countCustomers({})).toBe(12);
    expect(calls).toStrictEqual(['native-count']);
  });

  it('counts by scanning when the platform has no count, without mapping', async () => {
    const calls: string[] = [];
    expect(await defineCustomerAdapter(acmeDriver(calls, { total: false })).countCustomers({})).toBe(12);
    expect(calls).toStrictEqual(['native-count', 'page:0+5', 'page:5+5', 'page:10+5']);
  });

  it('counts the matches of a scan, past the page limit of a list call', async () => {
    const calls: string[] = [];
    expect(await defineCustomerAdapter(acmeDriver(calls)).countCustomers({ name: 'REYES' })).toBe(4);
    expect(calls).toStrictEqual(['page:0+5', 'page:5+5', 'page:10+5']);
  });
});

describe('the id guard and single records', () => {
  it('answers null for an id the platform cannot have, without a request', async () => {
    const calls: string[] = [];
    expect(await defineCustomerAdapter(acmeDriver(calls)).getCustomer('abc')).toBeNull();
    expect(calls).toStrictEqual([]);
  });

  it('answers null when the read says NotFound', async () => {
    expect(await defineCustomerAdapter(acmeDriver([])).getCustomer('404')).toBeNull();
  });

  it('maps a read record once, with the currency read after it', async () => {
    const calls: string[] = [];
    const customer = await defineCustomerAdapter(acmeDriver(calls)).getCustomer('3');
    expect([customer, calls]).toStrictEqual([
      toCustomer(store[2] as AcmeRecord, 'EUR'),
      ['read:3', 'currency', 'map:3'],
    ]);
  });

  it.each([
    [
      'update',
      (adapter: ReturnType<typeof defineCustomerAdapter>) => adapter.updateCustomer('abc', { note: 'x' }),
    ],
    ['delete', (adapter: ReturnType<typeof defineCustomerAdapter>) => adapter.deleteCustomer('abc')],
    [
      'orders',
      (adapter: ReturnType<typeof defineCustomerAdapter>) =>
        adapter.listCustomerOrders('abc', { limit: 2, cursor: null }),
    ],
  ])('throws NotFoundError for %s of an id the platform cannot have, without a request', async (_, run) => {
    const calls: string[] = [];
    const error = await rejection(run(defineCustomerAdapter(acmeDriver(calls))));
    expect([NotFoundError.isInstance(error), (error as Error).message, calls]).toStrictEqual([
      true,
      'Acme has no customer "abc"',
      [],
    ]);
  });

  it('maps what create and update return', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapter(acmeDriver(calls));
    const created = await adapter.createCustomer({ firstName: 'Zoe', lastName: 'Q' });
    const updated = await adapter.updateCustomer('1', { lastName: 'Quinn' });
    expect([created.firstName, updated.lastName, calls]).toStrictEqual([
      'Zoe',
      'Quinn',
      ['create', 'currency', 'map:1', 'update:1', 'map:1'],
    ]);
  });
});

describe("a customer's orders", () => {
  it('checks the customer exists, then pages its orders and maps them with the store currency', async () => {
    const calls: string[] = [];
    const page = await defineCustomerAdapter(acmeDriver(calls)).listCustomerOrders('1', {
      limit: 2,
      cursor: null,
    });
    expect([page.items.map((item) => [item.id, item.currency]), page.nextCursor, calls]).toStrictEqual([
      [
        ['o1', 'EUR'],
        ['o2', 'EUR'],
      ],
      '2',
      ['exists:1', 'orders:1:0+2', 'currency'],
    ]);
  });

  it('refuses a foreign cursor before checking the customer', async () => {
    const calls: string[] = [];
    const error = await rejection(
      defineCustomerAdapter(acmeDriver(calls)).listCustomerOrders('1', { limit: 2, cursor: '{"n":null}' }),
    );
    expect([InvalidRequestError.isInstance(error), calls]).toStrictEqual([true, []]);
  });

  it('throws NotFoundError for an unknown customer without asking for orders', async () => {
    const calls: string[] = [];
    const error = await rejection(
      defineCustomerAdapter(acmeDriver(calls)).listCustomerOrders('99', { limit: 2, cursor: null }),
    );
    expect([NotFoundError.isInstance(error), calls]).toStrictEqual([true, ['exists:99']]);
  });
});

describe('iterations', () => {
  it("read the platform's largest native pages, above the public limit, which lists still refuse", async () => {
    const calls: string[] = [];
    const base = acmeDriver(calls);
    const adapter = defineCustomerAdapter({
      ...base,
      list: { ...(base.list as NonNullable<typeof base.list>), maxPageSize: 250 },
    });
    const all: Customer[] = [];
    for await (const customer of adapter.iterateCustomers({})) all.push(customer);
    expect([all.length, calls.filter((call) => call.startsWith('page'))]).toStrictEqual([12, ['page:0+250']]);
    await expect(adapter.listCustomers({ limit: 250, cursor: null })).rejects.toSatisfy(
      InvalidRequestError.isInstance,
    );
  });

  it('read pages of 100 when the platform has no larger native page', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapter(acmeDriver(calls));
    for await (const _customer of adapter.iterateCustomers({})) {
      // drained
    }
    expect(calls.filter((call) => call.startsWith('page'))).toStrictEqual(['page:0+100']);
  });
});

describe('collected pages', () => {
  it('fills a page from native pages no larger than maxPageSize and completes the records', async () => {
    const calls: string[] = [];
    const base = acmeDriver(calls);
    const adapter = defineCustomerAdapter({
      ...base,
      orders: {
        ...(base.orders as NonNullable<typeof base.orders>),
        assertCustomerExists: undefined,
        cursor: 'collected',
        maxPageSize: 2,
        complete: async (ids) => ids.map((id) => `${id}+`),
      },
    });
    const page = await adapter.listCustomerOrders('1', { limit: 3, cursor: null });
    expect([page.items.map((item) => item.id), page.nextCursor, calls]).toStrictEqual([
      ['o1+', 'o2+', 'o3+'],
      null,
      ['orders:1:0+2', 'orders:1:2+2', 'currency'],
    ]);
  });

  it('checks the remainder again on completed records, which are fresher reads', async () => {
    const calls: string[] = [];
    const base = acmeDriver(calls);
    const list = base.list as NonNullable<typeof base.list>;
    const adapter = defineCustomerAdapter({
      ...base,
      list: {
        ...list,
        // Customer 4 was renamed between the listing and its full read.
        complete: async (records) =>
          records.map((record) => (record.key === 4 ? { ...record, family: 'Renamed' } : record)),
      },
    });
    const page = await adapter.listCustomers({ name: 'reyes', limit: 10, cursor: null });
    expect(keys(page.items)).toStrictEqual(['1', '7', '10']);
  });
});

describe('pages completed one record at a time under a deadline (completionMs)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Each completion takes one second of a fake clock; `refuse` makes the limiter refuse a record's turn. */
  function pacedAdapter(calls: string[], refuse: (key: number) => boolean = () => false) {
    const base = acmeDriver(calls);
    const list = base.list as NonNullable<typeof base.list>;
    return defineCustomerAdapter({
      ...base,
      list: {
        ...list,
        completionMs: 1_000,
        async complete(records) {
          const [record] = records;
          calls.push(`complete:${records.map((each) => each.key).join(',')}`);
          if (record !== undefined && refuse(record.key)) {
            throw new UpstreamRateLimitedError('no turn before the deadline', { retryAfterSeconds: 2 });
          }
          vi.setSystemTime(Date.now() + 1_000 * records.length);
          return records;
        },
      },
    });
  }

  function signalWithDeadline(ms: number): AbortSignal {
    const signal = new AbortController().signal;
    setSignalDeadline(signal, Date.now() + ms);
    return signal;
  }

  it('ends each page before a record that would not finish in time, and the cursors cover every record once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const calls: string[] = [];
    const adapter = pacedAdapter(calls);
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await adapter.listCustomers({ limit: 5, cursor }, { signal: signalWithDeadline(3_000) });
      pages.push(keys(page.items));
      cursor = page.nextCursor;
    } while (cursor !== null);
    // 3 s: after 2 records 1 s is left, less than 1.5 records plus the limiter's reserve.
    expect(pages).toStrictEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
      ['7', '8'],
      ['9', '10'],
      ['11', '12'],
    ]);
    expect(calls.filter((call) => call.startsWith('complete:'))).toStrictEqual(
      store.map((record) => `complete:${record.key}`),
    );
  });

  it('completes at least one record however little time is left', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const page = await pacedAdapter([]).listCustomers(
      { limit: 5, cursor: null },
      { signal: signalWithDeadline(100) },
    );
    expect(keys(page.items)).toStrictEqual(['1']);
    const next = await pacedAdapter([]).listCustomers(
      { limit: 5, cursor: page.nextCursor },
      { signal: signalWithDeadline(100) },
    );
    expect(keys(next.items)).toStrictEqual(['2']);
  });

  it('ends the page at a record the limiter refuses a turn, but fails when it refuses the first', async () => {
    const adapter = pacedAdapter([], (key) => key === 3);
    const page = await adapter.listCustomers(
      { limit: 5, cursor: null },
      { signal: signalWithDeadline(60_000) },
    );
    expect(keys(page.items)).toStrictEqual(['1', '2']);
    const error = await rejection(
      adapter.listCustomers({ limit: 5, cursor: page.nextCursor }, { signal: signalWithDeadline(60_000) }),
    );
    expect(UpstreamRateLimitedError.isInstance(error)).toBe(true);
  });

  it('completes full pages in one call without a deadline', async () => {
    const calls: string[] = [];
    const page = await pacedAdapter(calls).listCustomers({ limit: 5, cursor: null });
    expect([keys(page.items), calls.filter((call) => call.startsWith('complete:'))]).toStrictEqual([
      ['1', '2', '3', '4', '5'],
      ['complete:1,2,3,4,5'],
    ]);
    expect(page.nextCursor).not.toBeNull();
  });
});

describe('resolveAdapter', () => {
  it('accepts v1 and refuses unknown versions', () => {
    const adapter = defineCustomerAdapter(acmeDriver([]));
    expect(resolveAdapter(adapter)).toBe(adapter);
    expect(() => resolveAdapter({ specificationVersion: 'v9' })).toThrow(
      /Unsupported adapter specification version 'v9'/,
    );
  });
});

describe('iterateCustomers', () => {
  it('iterates every customer once across pages and stops when the consumer stops', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapter(acmeDriver(calls));
    const ids: string[] = [];
    for await (const item of adapter.iterateCustomers({}, { pageSize: 5 })) ids.push(item.id);
    for await (const item of adapter.iterateCustomers({}, { pageSize: 5 })) if (item.id === '2') break;
    expect(ids).toStrictEqual(store.map((record) => String(record.key)));
    expect(calls.filter((call) => call.startsWith('page'))).toStrictEqual([
      'page:0+5',
      'page:5+5',
      'page:10+5',
      'page:0+5',
    ]);
  });
});

describe('iterateCustomers with a driver export (exportAll)', () => {
  /** Acme with a whole-store export for every plan but one selecting an email (then it pages). */
  function exportingDriver(calls: string[], failAfter?: number) {
    const driver = acmeDriver(calls);
    const list = driver.list as NonNullable<typeof driver.list>;
    return {
      ...driver,
      list: {
        ...list,
        exportAll(params: AcmeParams, { signal, onProgress }: IterateOptions) {
          if (params.mail !== null) return null;
          calls.push('export');
          onProgress?.();
          return (async function* () {
            try {
              for (const [index, record] of store.entries()) {
                signal?.throwIfAborted();
                if (index === failAfter) throw new TypeError('the export file ended mid-line');
                yield record;
              }
            } finally {
              calls.push('export-stopped');
            }
          })();
        },
      },
    };
  }

  it('takes every customer from the export, mapped once with the currency, and no page', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapter(exportingDriver(calls));
    const customers: Customer[] = [];
    let progress = 0;
    const onProgress = () => {
      progress += 1;
    };
    for await (const customer of adapter.iterateCustomers({}, { onProgress })) customers.push(customer);
    expect(customers).toStrictEqual(store.map((record) => toCustomer(record, 'EUR')));
    // The export's progress reaches the caller.
    expect(progress).toBe(1);
    expect(calls.filter((call) => call.startsWith('page'))).toStrictEqual([]);
    expect(calls.filter((call) => call === 'currency')).toHaveLength(1);
    expect(calls.filter((call) => call.startsWith('map'))).toHaveLength(store.length);
  });

  it('keeps only records matching the remainder of the plan', async () => {
    const adapter = defineCustomerAdapter(exportingDriver([]));
    const ids: string[] = [];
    for await (const customer of adapter.iterateCustomers({ name: 'reyes' })) ids.push(customer.id);
    const oracle = store.filter((record) => record.family === 'Reyes').map((record) => String(record.key));
    expect(ids).toStrictEqual(oracle);
    expect(ids.length).toBeGreaterThan(1);
  });

  it('pages as before when the driver answers null for the plan', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapter(exportingDriver(calls));
    const ids: string[] = [];
    for await (const customer of adapter.iterateCustomers({ email: 'c3@example.com' })) ids.push(customer.id);
    expect(ids).toStrictEqual(['3']);
    expect(calls).not.toContain('export');
    expect(calls.some((call) => call.startsWith('page'))).toBe(true);
  });

  it('stops the export when the consumer stops, and refuses undeclared filters first', async () => {
    const calls: string[] = [];
    const adapter = defineCustomerAdapter(exportingDriver(calls));
    for await (const customer of adapter.iterateCustomers({})) if (customer.id === '2') break;
    expect(calls.filter((call) => call.startsWith('export'))).toStrictEqual(['export', 'export-stopped']);
    calls.length = 0;
    const refused = adapter
      .iterateCustomers({ updatedAt: { from: '2024-01-01T00:00:00.000Z' } })
      [Symbol.asyncIterator]()
      .next();
    expect(await rejection(refused)).toBeInstanceOf(FilterNotSupportedError);
    expect(calls).toStrictEqual([]);
  });

  it('turns an unexpected failure of the export into an UpstreamError of the platform', async () => {
    const adapter = defineCustomerAdapter(exportingDriver([], 4));
    const ids: string[] = [];
    const failure = await rejection(
      (async () => {
        for await (const customer of adapter.iterateCustomers({})) ids.push(customer.id);
      })(),
    );
    expect(failure).toBeInstanceOf(UpstreamError);
    expect(ids).toStrictEqual(['1', '2', '3', '4']);
  });
});
