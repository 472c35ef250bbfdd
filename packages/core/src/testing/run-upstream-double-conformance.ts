import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerAdapterV1 } from '../adapter/v1/customer-adapter-v1';
import { customerOperations } from '../adapter/v1/customer-adapter-v1';
import { FilterNotSupportedError } from '../errors/filter-not-supported-error';
import { NotFoundError } from '../errors/not-found-error';
import { OperationNotSupportedError } from '../errors/operation-not-supported-error';
import { UnicartError } from '../errors/unicart-error';
import { UpstreamRateLimitedError } from '../errors/upstream-rate-limited-error';
import { UpstreamTimeoutError } from '../errors/upstream-timeout-error';
import { UpstreamUnauthorizedError } from '../errors/upstream-unauthorized-error';
import { type Customer, customerSchema } from '../models/customer';
import type { CustomerCreateInput, CustomerUpdateInput } from '../models/customer-input';
import { type Order, orderSchema } from '../models/order';
import {
  type CustomerFilterName,
  type CustomerFilters,
  customerFilterNames,
  isIdGreater,
  matchesCustomerFilters,
} from '../query/customer-query';
import type { UpstreamDouble } from './upstream-double';
import type { UpstreamDoubleConformanceOptions } from './upstream-double-conformance-options';

/** Timeouts and waits short enough for a test run, long enough for a loaded CI machine. */
const kitTimeoutMs = 400;
const kitRetry = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2_000 };

const byNumericId = (left: { id: string }, right: { id: string }) =>
  isIdGreater(left.id, right.id) ? 1 : isIdGreater(right.id, left.id) ? -1 : 0;

async function collect(
  adapter: CustomerAdapterV1,
  filters: CustomerFilters,
  pageSize = 2,
): Promise<Customer[]> {
  const customers: Customer[] = [];
  for await (const customer of adapter.iterateCustomers(filters, { pageSize })) customers.push(customer);
  return customers;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/** Everything an error exposes: message, own fields, causes; secrets must appear in none of it. */
function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof Error) parts.push(current.message, current.stack ?? '');
    parts.push(typeof current === 'object' ? JSON.stringify(current) : String(current));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

/** A value for one filter, for checking that an undeclared filter is refused. */
function sampleFilter(name: CustomerFilterName): CustomerFilters {
  const instant = '2024-01-01T00:00:00.000Z';
  switch (name) {
    case 'ids':
      return { ids: ['1'] };
    case 'sinceId':
      return { sinceId: '1' };
    case 'createdAt[from]':
      return { createdAt: { from: instant } };
    case 'createdAt[to]':
      return { createdAt: { to: instant } };
    case 'updatedAt[from]':
      return { updatedAt: { from: instant } };
    case 'updatedAt[to]':
      return { updatedAt: { to: instant } };
    case 'name':
      return { name: 'Ana' };
    case 'search':
      return { search: 'Ana' };
    case 'email':
      return { email: 'ana@example.com' };
    default:
      return {};
  }
}

function middle<Item>(items: readonly Item[]): Item {
  return items[Math.floor((items.length - 1) / 2)] as Item;
}

/**
 * For each filter with contract semantics, a value chosen from the seeded customers that must
 * include some and exclude others. `search` is checked separately: its matching is the platform's.
 */
function narrowingFilters(all: readonly Customer[]): Partial<Record<CustomerFilterName, CustomerFilters>> {
  const sorted = [...all].sort(byNumericId);
  const created = all
    .map((customer) => customer.dates.createdAt)
    .filter((date) => date !== null)
    .sort();
  const updated = all
    .map((customer) => customer.dates.updatedAt)
    .filter((date) => date !== null)
    .sort();
  const named = all.find((customer) => customer.lastName !== null && customer.lastName.length > 1);
  const withEmail = all.find((customer) => customer.email !== null);
  return {
    ids: { ids: [sorted[0]?.id ?? '1', sorted[2]?.id ?? '2'] },
    sinceId: { sinceId: sorted[1]?.id ?? '1' },
    'createdAt[from]': { createdAt: { from: middle(created) } },
    'createdAt[to]': { createdAt: { to: middle(created) } },
    'updatedAt[from]': { updatedAt: { from: middle(updated) } },
    'updatedAt[to]': { updatedAt: { to: middle(updated) } },
    name: { name: named?.lastName?.toUpperCase() ?? 'NAME' },
    email: { email: withEmail?.email?.toUpperCase() ?? 'NOBODY@EXAMPLE.COM' },
  };
}

/**
 * The conformance suite every adapter runs once. It checks the rules that hold on every platform:
 * the spec version and declared operations; canonical output; undeclared filters refused before
 * any request; each declared filter narrowing to exactly the contract's answer across pages;
 * pages covering every record once; writes verified through the double's back door; upstream
 * failures mapped to the right errors after the right retries; and no secret in any error.
 */
export function runUpstreamDoubleConformance<Credentials extends object, NativeCustomer, NativeOrder>(
  options: UpstreamDoubleConformanceOptions<Credentials, NativeCustomer, NativeOrder>,
): void {
  const { definition } = options;
  const operations = definition.capabilities.operations;
  const declared = definition.capabilities.filters;
  const errorsSeen: unknown[] = [];
  let upstream: UpstreamDouble<NativeCustomer, NativeOrder>;
  let adapter: CustomerAdapterV1;

  const expectFailure = async (promise: Promise<unknown>) => {
    const error = await caught(promise);
    errorsSeen.push(error);
    return error;
  };

  describe(`${definition.platform} adapter conformance`, () => {
    beforeEach(() => {
      upstream = options.upstream();
      upstream.seed(options.fixtures.customers, options.fixtures.orders);
      adapter = definition.create({
        ...options.settings(upstream.baseUrl),
        timeoutMs: kitTimeoutMs,
        retry: kitRetry,
      });
    });

    afterEach(() => {
      upstream.close();
    });

    it('implements specification v1 for the platform it names', () => {
      expect(definition.specificationVersion).toBe('v1');
      expect(adapter.specificationVersion).toBe('v1');
      expect(adapter.platform).toBe(definition.platform);
      expect(adapter.capabilities).toStrictEqual(definition.capabilities);
    });

    it('declares every operation and only known filters', () => {
      expect(Object.keys(operations).sort()).toStrictEqual([...customerOperations].sort());
      for (const name of Object.keys(declared)) expect(customerFilterNames).toContain(name);
      expect(operations.list).toBe(true);
    });

    it('refuses each undeclared operation with OperationNotSupportedError before any request', async () => {
      const calls: Record<string, () => Promise<unknown>> = {
        list: () => adapter.listCustomers({ limit: 1, cursor: null }),
        count: () => adapter.countCustomers({}),
        get: () => adapter.getCustomer('1'),
        create: () => adapter.createCustomer({ firstName: 'A', lastName: 'B' }),
        update: () => adapter.updateCustomer('1', { firstName: 'A' }),
        delete: () => adapter.deleteCustomer('1'),
        orders: () => adapter.listCustomerOrders('1', { limit: 1, cursor: null }),
      };
      for (const operation of customerOperations.filter((name) => !operations[name])) {
        const error = await expectFailure((calls[operation] as () => Promise<unknown>)());
        expect(OperationNotSupportedError.isInstance(error)).toBe(true);
        expect((error as Error).message).toBe('The resource is not available for this ecommerce');
      }
      expect(upstream.requests).toHaveLength(0);
    });

    it('refuses each undeclared filter with FilterNotSupportedError before any request', async () => {
      const undeclared = customerFilterNames.filter(
        (name) => name !== 'limit' && name !== 'page' && declared[name] === undefined,
      );
      for (const name of undeclared) {
        const error = await expectFailure(
          adapter.listCustomers({ ...sampleFilter(name), limit: 10, cursor: null }),
        );
        expect(FilterNotSupportedError.isInstance(error)).toBe(true);
        expect((error as FilterNotSupportedError).filter).toBe(name);
        expect((error as FilterNotSupportedError).platform).toBe(definition.platform);
      }
      expect(upstream.requests).toHaveLength(0);
    });

    it('lists every seeded customer as a valid canonical Customer', async () => {
      const all = await collect(adapter, {}, 100);
      expect(all).toHaveLength(options.fixtures.customers.length);
      for (const customer of all) expect(customerSchema.strict().parse(customer)).toStrictEqual(customer);
    });

    it('covers every record exactly once across pages, whatever the page size, and ends with null', async () => {
      const everything = (await collect(adapter, {}, 100)).map((customer) => customer.id).sort();
      for (const limit of [1, 2, 3]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await adapter.listCustomers({ limit, cursor });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items.map((customer) => customer.id));
          cursor = page.nextCursor;
          pages += 1;
          expect(pages).toBeLessThan(everything.length * 3 + 5);
        } while (cursor !== null);
        expect(seen.sort()).toStrictEqual(everything);
      }
    });

    it('narrows each declared filter to exactly the customers the contract says, across pages', async () => {
      const all = await collect(adapter, {}, 100);
      const cases = narrowingFilters(all);
      for (const [name, filters] of Object.entries(cases) as [CustomerFilterName, CustomerFilters][]) {
        if (declared[name] === undefined) continue;
        const expected = all.filter((customer) => matchesCustomerFilters(customer, filters)).map((c) => c.id);
        expect(expected.length, `fixtures must let '${name}' include someone`).toBeGreaterThan(0);
        expect(expected.length, `fixtures must let '${name}' exclude someone`).toBeLessThan(all.length);
        const found = (await collect(adapter, filters)).map((customer) => customer.id);
        if (name === 'sinceId') {
          expect(found, 'sinceId returns ascending ids').toStrictEqual(
            [...found].sort((a, b) => byNumericId({ id: a }, { id: b })),
          );
        }
        expect(found.sort(), `filter '${name}'`).toStrictEqual(expected.sort());
      }
    });

    it('combines declared filters with AND', async () => {
      const all = await collect(adapter, {}, 100);
      const cases = narrowingFilters(all);
      const usable = (Object.keys(cases) as CustomerFilterName[]).filter(
        (name) => declared[name] !== undefined,
      );
      if (usable.length < 2) return;
      const combined = Object.assign({}, ...usable.slice(0, 2).map((name) => cases[name])) as CustomerFilters;
      const expected = all.filter((customer) => matchesCustomerFilters(customer, combined)).map((c) => c.id);
      const found = (await collect(adapter, combined)).map((customer) => customer.id);
      expect(found.sort()).toStrictEqual(expected.sort());
    });

    it('finds a customer by its email with the platform search, without returning everyone', async () => {
      if (declared.search === undefined) return;
      const all = await collect(adapter, {}, 100);
      const target = all.find((customer) => customer.email !== null);
      expect(target, 'fixtures need a customer with an email').toBeDefined();
      const found = await collect(adapter, { search: target?.email ?? '' });
      expect(found.map((customer) => customer.id)).toContain(target?.id);
      expect(found.length).toBeLessThan(all.length);
    });

    it('counts the same customers it lists', async () => {
      if (!operations.count) return;
      const all = await collect(adapter, {}, 100);
      expect(await adapter.countCustomers({})).toBe(all.length);
      const emailFilter = narrowingFilters(all).email;
      if (declared.email !== undefined && emailFilter) {
        const expected = all.filter((customer) => matchesCustomerFilters(customer, emailFilter)).length;
        expect(await adapter.countCustomers(emailFilter)).toBe(expected);
      }
    });

    it('gets a customer exactly as it is listed, and null for an unknown id', async () => {
      if (!operations.get) return;
      const all = await collect(adapter, {}, 100);
      for (const customer of all) expect(await adapter.getCustomer(customer.id)).toStrictEqual(customer);
      expect(await adapter.getCustomer('987654321')).toBeNull();
    });

    it('creates a customer that the platform really stores', async () => {
      if (!operations.create) return;
      const input: CustomerCreateInput = options.createInput ?? {
        firstName: 'Conformance',
        lastName: 'Tester',
        email: 'conformance.tester@example.com',
      };
      const created = await adapter.createCustomer(input);
      expect(customerSchema.parse(created)).toStrictEqual(created);
      expect(created.firstName).toBe(input.firstName);
      expect(created.lastName).toBe(input.lastName);
      const stored = upstream.stored(created.id);
      expect(stored, 'the double stores the new customer').toBeDefined();
      expect(stored?.firstName).toBe(input.firstName);
      expect(stored?.lastName).toBe(input.lastName);
      if (input.email) expect(stored?.email?.toLowerCase()).toBe(input.email.toLowerCase());
    });

    it('refuses an invalid create before any request', async () => {
      if (!operations.create) return;
      const error = await expectFailure(adapter.createCustomer({ firstName: '', lastName: 'X' }));
      expect(UnicartError.isInstance(error) && error.code).toBe('invalid_request');
      expect(upstream.requests).toHaveLength(0);
    });

    it('updates only the fields sent, as the platform stores them', async () => {
      if (!operations.update) return;
      const [target] = (await collect(adapter, {}, 100)).filter((customer) => customer.email !== null);
      expect(target).toBeDefined();
      const input: CustomerUpdateInput = options.updateInput ?? { firstName: 'Renamed' };
      const updated = await adapter.updateCustomer(target?.id ?? '', input);
      expect(customerSchema.parse(updated)).toStrictEqual(updated);
      const stored = upstream.stored(target?.id ?? '');
      for (const [key, value] of Object.entries(input)) {
        if (typeof value === 'string' || typeof value === 'boolean') {
          expect(updated[key as keyof Customer], `updated ${key}`).toBe(value);
          expect(stored?.[key as keyof Customer], `stored ${key}`).toBe(value);
        }
      }
      if (!('email' in input)) expect(stored?.email).toBe(target?.email);
      if (!('lastName' in input)) expect(stored?.lastName).toBe(target?.lastName);
    });

    it('throws NotFoundError when updating an unknown customer', async () => {
      if (!operations.update) return;
      const error = await expectFailure(adapter.updateCustomer('987654321', { firstName: 'Nobody' }));
      expect(NotFoundError.isInstance(error)).toBe(true);
    });

    it('deletes a customer from the platform, and throws NotFoundError for an unknown one', async () => {
      if (!operations.delete) return;
      const all = await collect(adapter, {}, 100);
      const candidates = [...all].reverse();
      let deleted: string | null = null;
      for (const customer of candidates) {
        try {
          await adapter.deleteCustomer(customer.id);
          deleted = customer.id;
          break;
        } catch (error) {
          // Some platforms refuse to delete customers with orders; try the next one.
          if (!(UnicartError.isInstance(error) && error.code === 'invalid_request')) throw error;
        }
      }
      expect(deleted, 'at least one seeded customer can be deleted').not.toBeNull();
      expect(upstream.stored(deleted ?? '')).toBeUndefined();
      expect(await adapter.getCustomer(deleted ?? '')).toBeNull();
      const error = await expectFailure(adapter.deleteCustomer('987654321'));
      expect(NotFoundError.isInstance(error)).toBe(true);
    });

    it("lists each customer's orders as valid canonical Orders, every order once across pages", async () => {
      if (!operations.orders) return;
      const all = await collect(adapter, {}, 100);
      let total = 0;
      for (const customer of all) {
        const seen: Order[] = [];
        let cursor: string | null = null;
        do {
          const page = await adapter.listCustomerOrders(customer.id, { limit: 2, cursor });
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor !== null);
        for (const order of seen) {
          expect(orderSchema.parse(order)).toStrictEqual(order);
          expect(order.customerId).toBe(customer.id);
        }
        expect(new Set(seen.map((order) => order.id)).size).toBe(seen.length);
        total += seen.length;
      }
      expect(total, 'fixtures need orders').toBeGreaterThanOrEqual(3);
      const error = await expectFailure(adapter.listCustomerOrders('987654321', { limit: 2, cursor: null }));
      expect(NotFoundError.isInstance(error)).toBe(true);
    });

    describe('upstream failures', () => {
      let knownId: string;

      // One good call first, so that anything the adapter caches (store currency, tokens) is warm
      // and the injected failure hits the call under test.
      beforeEach(async () => {
        const [first] = await collect(adapter, {}, 100);
        knownId = first?.id ?? '';
        await adapter.getCustomer(knownId);
      });

      it('maps rejected credentials to UpstreamUnauthorizedError', async () => {
        upstream.failNext('unauthorized', 5);
        const error = await expectFailure(adapter.getCustomer(knownId));
        expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
        expect((error as UnicartError).status).toBe(424);
      });

      it('retries a rate-limited request after the wait and succeeds', async () => {
        const before = upstream.requests.length;
        upstream.failNext('rateLimited', 1);
        const customer = await adapter.getCustomer(knownId);
        expect(customer?.id).toBe(knownId);
        expect(upstream.requests.length - before).toBeGreaterThanOrEqual(2);
      });

      it('gives up on persistent rate limiting with UpstreamRateLimitedError carrying the wait', async () => {
        upstream.failNext('rateLimited', 10);
        const error = await expectFailure(adapter.getCustomer(knownId));
        expect(UpstreamRateLimitedError.isInstance(error)).toBe(true);
        expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      }, 15_000);

      it('retries server errors, then fails with upstream_error', async () => {
        const before = upstream.requests.length;
        upstream.failNext('serverError', 10);
        const error = await expectFailure(adapter.getCustomer(knownId));
        expect(UnicartError.isInstance(error) && error.code).toBe('upstream_error');
        expect(upstream.requests.length - before).toBe(kitRetry.maxRetries + 1);
      });

      it('recovers when a server error is followed by success', async () => {
        upstream.failNext('serverError', 1);
        expect((await adapter.getCustomer(knownId))?.id).toBe(knownId);
      });

      it('maps an unparseable body to upstream_error, never a crash or a half-mapped object', async () => {
        upstream.failNext('garbage', 10);
        const error = await expectFailure(adapter.getCustomer(knownId));
        expect(UnicartError.isInstance(error) && error.code).toBe('upstream_error');
      });

      it('maps a platform that does not answer in time to UpstreamTimeoutError', async () => {
        upstream.failNext('timeout', 10);
        const error = await expectFailure(adapter.getCustomer(knownId));
        expect(UpstreamTimeoutError.isInstance(error)).toBe(true);
      }, 15_000);

      it('keeps every secret out of every error it raised', () => {
        expect(errorsSeen.length).toBeGreaterThan(0);
        for (const error of errorsSeen) {
          const text = errorText(error);
          for (const secret of options.secrets) expect(text).not.toContain(secret);
        }
      });
    });
  });
}
