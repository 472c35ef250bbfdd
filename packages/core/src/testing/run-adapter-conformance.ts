import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdapterLogger } from '../adapter/v1/adapter-definition';
import type { CustomerAdapterV1, Page } from '../adapter/v1/customer-adapter-v1';
import { customerOperations } from '../adapter/v1/customer-adapter-v1';
import { FilterNotSupportedError } from '../errors/filter-not-supported-error';
import { NotFoundError } from '../errors/not-found-error';
import { OperationNotSupportedError } from '../errors/operation-not-supported-error';
import { SortNotSupportedError } from '../errors/sort-not-supported-error';
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
  type CustomerSort,
  customerFilterNames,
  customerSortKeys,
} from '../query/customer-query';
import type {
  AdapterConformanceOptions,
  AnySimulator,
  NativeCustomerFacts,
  NativeCustomerOf,
} from './conformance-options';
import { byNumericId, expectedOrder, expectedToMatch } from './expected-customers';

/**
 * Each attempt's timeout: long enough for a loaded CI machine answering over loopback (a create is
 * not repeated after a timeout); the timeout check uses its own short one.
 */
const kitTimeoutMs = 5_000;
const shortTimeoutMs = 300;
const kitRetry = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2_000 };
/** The simulator's generated data unless the suite seeds its own. */
const defaultSeed = { count: 12, seed: 7 };
const unknownId = '987654321';
/** `limit` and `page` page through a list; they filter nothing (typed loosely: core may list them or not). */

async function collect(
  adapter: CustomerAdapterV1,
  filters: CustomerFilters,
  pageSize = 2,
): Promise<Customer[]> {
  const customers: Customer[] = [];
  for await (const customer of adapter.iterateCustomers(filters, { pageSize })) customers.push(customer);
  return customers;
}

/** The ids of a sorted list, page after page of `limit`. */
async function sortedIds(adapter: CustomerAdapterV1, sort: CustomerSort, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Customer> = await adapter.listCustomers({ limit, cursor, sort });
    ids.push(...page.items.map((customer) => customer.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
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
    case 'acceptsMarketing':
      return { acceptsMarketing: true };
    case 'ordersCount[min]':
      return { ordersCount: { min: 1 } };
    case 'ordersCount[max]':
      return { ordersCount: { max: 1 } };
    case 'totalSpent[min]':
      return { totalSpent: { min: 10 } };
    case 'totalSpent[max]':
      return { totalSpent: { max: 10 } };
    case 'country':
      return { country: ['BR'] };
    case 'tags':
      return { tags: ['vip'] };
    case 'phone':
      return { phone: '5555' };
  }
}

function middle<Item>(items: readonly Item[]): Item {
  return items[Math.floor((items.length - 1) / 2)] as Item;
}

/**
 * For each filter with contract semantics, a value chosen from the native customers that must
 * include some and exclude others. `search` is checked separately: its matching is the platform's.
 */
function narrowingFilters(
  all: readonly NativeCustomerFacts[],
): Partial<Record<CustomerFilterName, CustomerFilters>> {
  const ids = all.map((customer) => customer.id).sort(byNumericId);
  const instants = (pick: (customer: NativeCustomerFacts) => Date | null) =>
    all
      .map(pick)
      .filter((date) => date !== null)
      .map((date) => date.toISOString())
      .sort();
  const created = instants((customer) => customer.createdAt);
  const updated = instants((customer) => customer.updatedAt);
  const named = all.find((customer) => customer.lastName !== null && customer.lastName.length > 1);
  const withEmail = all.find((customer) => customer.email !== null);
  const numbers = (pick: (customer: NativeCustomerFacts) => number | null | undefined) => {
    const values = all.map(pick).filter((value) => typeof value === 'number');
    return values.length === all.length ? values.sort((left, right) => left - right) : [];
  };
  const consents = all.map((customer) => customer.acceptsMarketing);
  const counts = numbers((customer) => customer.ordersCount);
  const spent = numbers((customer) => customer.totalSpent);
  const country = all.flatMap((customer) => customer.countryCodes ?? []).find((code) => code !== null);
  const tag = all.flatMap((customer) => customer.tags ?? [])[0];
  const phone = all.find((customer) => (customer.phone?.replace(/\D/g, '').length ?? 0) >= 6)?.phone;
  // A field the oracle cannot read is not checked (see `NativeCustomerFacts`).
  const when = <Value>(value: Value | undefined, filters: (value: Value) => CustomerFilters) =>
    value === undefined ? undefined : filters(value);
  return {
    acceptsMarketing: consents.includes(undefined)
      ? undefined
      : { acceptsMarketing: !consents.includes(false) },
    // The largest as a minimum and the smallest as a maximum: each keeps someone, unless all are equal.
    'ordersCount[min]': when(counts.at(-1), (min) => ({ ordersCount: { min } })),
    'ordersCount[max]': when(counts[0], (max) => ({ ordersCount: { max } })),
    'totalSpent[min]': when(spent.at(-1), (min) => ({ totalSpent: { min } })),
    'totalSpent[max]': when(spent[0], (max) => ({ totalSpent: { max } })),
    country: when(country ?? undefined, (code) => ({ country: [code.toUpperCase(), 'AQ'] })),
    tags: when(tag, (value) => ({ tags: [value.toUpperCase()] })),
    // The last digits of a phone, so that its punctuation and prefix do not matter.
    phone: when(phone ?? undefined, (value) => ({ phone: value.replace(/\D/g, '').slice(-6) })),
    ids: { ids: [ids[0] ?? '1', ids[2] ?? '2'] },
    sinceId: { sinceId: ids[1] ?? '1' },
    'createdAt[from]': { createdAt: { from: middle(created) } },
    'createdAt[to]': { createdAt: { to: middle(created) } },
    'updatedAt[from]': { updatedAt: { from: middle(updated) } },
    'updatedAt[to]': { updatedAt: { to: middle(updated) } },
    name: { name: named?.lastName?.toUpperCase() ?? 'NAME' },
    email: { email: withEmail?.email?.toUpperCase() ?? 'NOBODY@EXAMPLE.COM' },
  };
}

const instantOf = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const timeOf = (date: Date | null) => (date === null ? null : date.getTime());

/**
 * The conformance suite every adapter runs once, against its platform's simulator. It checks the
 * rules that hold on every platform: the spec version and declared operations; canonical output
 * agreeing with the native records; undeclared filters refused before any request; each declared
 * filter giving exactly the set the native oracle computes, across pages; pages covering every
 * record once; writes verified on the simulator's native records; upstream failures mapped to the
 * right errors after the right retries; no secret in any error or log line. An operation the
 * platform does not declare is reported as skipped.
 */
export function runAdapterConformance<Credentials extends object, Simulator extends AnySimulator>(
  options: AdapterConformanceOptions<Credentials, Simulator>,
): void {
  const { definition } = options;
  const operations = definition.capabilities.operations;
  const declared = definition.capabilities.filters;
  const undeclaredOperations = customerOperations.filter((name) => !operations[name]);
  const undeclaredFilters = customerFilterNames.filter((name) => declared[name] === undefined);
  const errorsSeen: unknown[] = [];
  const logged: string[] = [];
  const logger: AdapterLogger = {
    warn(details, message) {
      logged.push(`${JSON.stringify(details)} ${message}`);
    },
  };
  let simulator: Simulator;
  let adapter: CustomerAdapterV1;

  const facts = (id: string): NativeCustomerFacts | undefined => {
    const native = simulator.stored(id);
    return native === undefined ? undefined : options.native(native as NativeCustomerOf<Simulator>);
  };
  const allFacts = (): NativeCustomerFacts[] =>
    simulator.customerIds().map((id) => facts(id) as NativeCustomerFacts);
  const expectedIds = (filters: CustomerFilters) =>
    allFacts()
      .filter((customer) => expectedToMatch(customer, filters))
      .map((customer) => customer.id)
      .sort();
  const expectFailure = async (promise: Promise<unknown>) => {
    const error = await caught(promise);
    errorsSeen.push(error);
    return error;
  };

  describe(`${definition.platform} adapter conformance`, () => {
    beforeAll(async () => {
      simulator = await options.simulator(defaultSeed);
      if (options.seed !== undefined) simulator.seed(options.seed);
    });

    afterAll(async () => {
      await simulator?.close();
    });

    const createAdapter = (timeoutMs: number) =>
      definition.create({ logger, ...options.settings(simulator), timeoutMs, retry: kitRetry });

    beforeEach(() => {
      simulator.reset();
      adapter = createAdapter(kitTimeoutMs);
    });

    it('implements specification v1 for the platform it names', () => {
      expect(definition.specificationVersion).toBe('v1');
      expect(adapter.specificationVersion).toBe('v1');
      expect(adapter.platform).toBe(definition.platform);
      expect(simulator.platform).toBe(definition.platform);
      expect(adapter.capabilities).toStrictEqual(definition.capabilities);
    });

    it('declares every operation and only known filters', () => {
      expect(Object.keys(operations).sort()).toStrictEqual([...customerOperations].sort());
      for (const name of Object.keys(declared)) expect(customerFilterNames).toContain(name);
      expect(operations.list).toBe(true);
    });

    it.skipIf(undeclaredOperations.length === 0)(
      'refuses each undeclared operation with OperationNotSupportedError before any request',
      async () => {
        const calls: Record<string, () => Promise<unknown>> = {
          list: () => adapter.listCustomers({ limit: 1, cursor: null }),
          count: () => adapter.countCustomers({}),
          get: () => adapter.getCustomer('1'),
          create: () => adapter.createCustomer({ firstName: 'A', lastName: 'B' }),
          update: () => adapter.updateCustomer('1', { firstName: 'A' }),
          delete: () => adapter.deleteCustomer('1'),
          orders: () => adapter.listCustomerOrders('1', { limit: 1, cursor: null }),
        };
        for (const operation of undeclaredOperations) {
          const error = await expectFailure((calls[operation] as () => Promise<unknown>)());
          expect(OperationNotSupportedError.isInstance(error)).toBe(true);
          expect((error as Error).message).toBe('The resource is not available for this ecommerce');
        }
        expect(simulator.requests).toHaveLength(0);
      },
    );

    it.skipIf(undeclaredFilters.length === 0)(
      'refuses each undeclared filter with FilterNotSupportedError before any request',
      async () => {
        for (const name of undeclaredFilters) {
          const error = await expectFailure(
            adapter.listCustomers({ ...sampleFilter(name), limit: 10, cursor: null }),
          );
          expect(FilterNotSupportedError.isInstance(error)).toBe(true);
          expect((error as FilterNotSupportedError).filter).toBe(name);
          expect((error as FilterNotSupportedError).platform).toBe(definition.platform);
        }
        expect(simulator.requests).toHaveLength(0);
      },
    );

    it('lists every stored customer as a valid canonical Customer agreeing with its native record', async () => {
      const all = await collect(adapter, {}, 100);
      expect(all.map((customer) => customer.id).sort()).toStrictEqual(simulator.customerIds().sort());
      expect(all.length, 'the seed needs at least five customers').toBeGreaterThanOrEqual(5);
      for (const customer of all) {
        expect(customerSchema.strict().parse(customer)).toStrictEqual(customer);
        const native = facts(customer.id) as NativeCustomerFacts;
        expect(
          {
            email: customer.email,
            firstName: customer.firstName,
            lastName: customer.lastName,
            phone: customer.phone,
            createdAt: instantOf(customer.dates.createdAt),
            updatedAt: instantOf(customer.dates.updatedAt),
          },
          `customer ${customer.id}`,
        ).toStrictEqual({
          email: native.email,
          firstName: native.firstName,
          lastName: native.lastName,
          phone: native.phone,
          createdAt: timeOf(native.createdAt),
          updatedAt: timeOf(native.updatedAt),
        });
      }
    });

    it('covers every record exactly once across pages, whatever the page size, and ends with null', async () => {
      const everything = simulator.customerIds().sort();
      for (const limit of [1, 2, 3]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: Page<Customer> = await adapter.listCustomers({ limit, cursor });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items.map((customer) => customer.id));
          cursor = page.nextCursor;
          pages += 1;
          expect(pages).toBeLessThan(everything.length * 3 + 5);
        } while (cursor !== null);
        expect(seen.sort()).toStrictEqual(everything);
      }
    });

    const narrowing = customerFilterNames.filter((name) => name !== 'search');
    for (const name of narrowing) {
      it.skipIf(declared[name] === undefined)(
        `narrows '${name}' to exactly the customers the native records say, across pages`,
        async (context) => {
          const filters = narrowingFilters(allFacts())[name];
          if (filters === undefined) {
            context.skip(`the native records alone do not tell '${name}'`);
            return;
          }
          const expected = expectedIds(filters);
          expect(expected.length, `the seed must let '${name}' include someone`).toBeGreaterThan(0);
          expect(expected.length, `the seed must let '${name}' exclude someone`).toBeLessThan(
            simulator.customerIds().length,
          );
          const found = (await collect(adapter, filters)).map((customer) => customer.id);
          if (name === 'sinceId') {
            expect(found, 'sinceId returns ascending ids').toStrictEqual([...found].sort(byNumericId));
          }
          expect(found.sort(), `filter '${name}'`).toStrictEqual(expected);
        },
      );
    }

    const declaredSorts = definition.capabilities.sorts ?? {};
    for (const key of customerSortKeys) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort: CustomerSort = { key, direction };
        it.skipIf(declaredSorts[key] === undefined)(
          `sorts by ${direction === 'desc' ? '-' : ''}${key} in the order §4 and the native records give, across pages`,
          async () => {
            const expected = allFacts()
              .sort(expectedOrder(sort))
              .map((customer) => customer.id);
            expect(await sortedIds(adapter, sort, 3)).toStrictEqual(expected);
          },
        );
      }
    }

    const undeclaredSorts = customerSortKeys.filter((key) => declaredSorts[key] === undefined);
    it.skipIf(undeclaredSorts.length === 0)(
      'refuses each undeclared sort with SortNotSupportedError before any request',
      async () => {
        for (const key of undeclaredSorts) {
          const error = await expectFailure(
            adapter.listCustomers({ limit: 10, cursor: null, sort: { key, direction: 'desc' } }),
          );
          expect(SortNotSupportedError.isInstance(error), key).toBe(true);
          expect((error as SortNotSupportedError).sort).toBe(`-${key}`);
        }
        expect(simulator.requests).toHaveLength(0);
      },
    );

    const combinable = narrowing.filter((name) => declared[name] !== undefined);
    it.skipIf(combinable.length < 2)('combines declared filters with AND', async () => {
      const cases = narrowingFilters(allFacts());
      const combinable = narrowing.filter(
        (name) => declared[name] !== undefined && cases[name] !== undefined,
      );
      const combined = Object.assign(
        {},
        ...combinable.slice(0, 2).map((name) => cases[name]),
      ) as CustomerFilters;
      const found = (await collect(adapter, combined)).map((customer) => customer.id);
      expect(found.sort()).toStrictEqual(expectedIds(combined));
    });

    it.skipIf(declared.search === undefined)(
      'finds a customer by its email with the platform search, without returning everyone',
      async () => {
        const target = allFacts().find((customer) => customer.email !== null);
        expect(target, 'the seed needs a customer with an email').toBeDefined();
        const found = await collect(adapter, { search: target?.email ?? '' });
        expect(found.map((customer) => customer.id)).toContain(target?.id);
        expect(found.length).toBeLessThan(simulator.customerIds().length);
      },
    );

    it.skipIf(!operations.count)('counts the same customers the native records hold', async () => {
      expect(await adapter.countCustomers({})).toBe(simulator.customerIds().length);
      const emailFilter = narrowingFilters(allFacts()).email;
      if (declared.email !== undefined && emailFilter) {
        expect(await adapter.countCustomers(emailFilter)).toBe(expectedIds(emailFilter).length);
      }
    });

    it.skipIf(!operations.get)(
      'gets a customer exactly as it is listed, and null for an unknown id',
      async () => {
        const all = await collect(adapter, {}, 100);
        for (const customer of all) expect(await adapter.getCustomer(customer.id)).toStrictEqual(customer);
        expect(await adapter.getCustomer(unknownId)).toBeNull();
      },
    );

    it.skipIf(!operations.create)('creates a customer that the platform really stores', async () => {
      const input: CustomerCreateInput = options.createInput ?? {
        firstName: 'Conformance',
        lastName: 'Tester',
        email: 'conformance.tester@example.com',
      };
      const before = simulator.customerIds();
      const created = await adapter.createCustomer(input);
      expect(customerSchema.parse(created)).toStrictEqual(created);
      expect(before).not.toContain(created.id);
      const stored = facts(created.id);
      expect(stored, 'the simulator stores the new customer').toBeDefined();
      expect([stored?.firstName, stored?.lastName]).toStrictEqual([input.firstName, input.lastName]);
      expect([created.firstName, created.lastName]).toStrictEqual([input.firstName, input.lastName]);
      if (input.email) expect(stored?.email?.toLowerCase()).toBe(input.email.toLowerCase());
      if (input.phone) expect(stored?.phone).toBe(input.phone);
      expect(simulator.customerIds().sort()).toStrictEqual([...before, created.id].sort());
    });

    it.skipIf(!operations.create)('refuses an invalid create before any request', async () => {
      const error = await expectFailure(adapter.createCustomer({ firstName: '', lastName: 'X' }));
      expect(UnicartError.isInstance(error) && error.code).toBe('invalid_request');
      expect(simulator.requests).toHaveLength(0);
    });

    it.skipIf(!operations.update)('updates only the fields sent, as the platform stores them', async () => {
      const target = allFacts().find((customer) => customer.email !== null) as NativeCustomerFacts;
      expect(target, 'the seed needs a customer with an email').toBeDefined();
      const input: CustomerUpdateInput = options.updateInput ?? { firstName: 'Renamed' };
      const updated = await adapter.updateCustomer(target.id, input);
      expect(customerSchema.parse(updated)).toStrictEqual(updated);
      const stored = facts(target.id) as NativeCustomerFacts;
      const written = ['email', 'firstName', 'lastName', 'phone'] as const;
      for (const key of written) {
        const sent = input[key];
        if (sent === undefined) {
          expect(stored[key], `stored ${key}, not sent`).toStrictEqual(target[key]);
        } else {
          expect(updated[key], `updated ${key}`).toBe(sent);
          expect(key === 'email' ? stored[key]?.toLowerCase() : stored[key], `stored ${key}`).toBe(
            key === 'email' ? sent?.toLowerCase() : sent,
          );
        }
      }
      expect(stored.createdAt).toStrictEqual(target.createdAt);
    });

    it.skipIf(!operations.update)('throws NotFoundError when updating an unknown customer', async () => {
      const error = await expectFailure(adapter.updateCustomer(unknownId, { firstName: 'Nobody' }));
      expect(NotFoundError.isInstance(error)).toBe(true);
    });

    it.skipIf(!operations.delete)(
      'deletes a customer from the platform, and throws NotFoundError for an unknown one',
      async () => {
        let deleted: string | null = null;
        for (const id of [...simulator.customerIds()].reverse()) {
          try {
            await adapter.deleteCustomer(id);
            deleted = id;
            break;
          } catch (error) {
            // Some platforms refuse to delete some customers (administrators, buyers with orders).
            if (!(UnicartError.isInstance(error) && error.code === 'invalid_request')) throw error;
          }
        }
        expect(deleted, 'at least one seeded customer can be deleted').not.toBeNull();
        expect(simulator.stored(deleted ?? '')).toBeUndefined();
        expect(simulator.customerIds()).not.toContain(deleted);
        const error = await expectFailure(adapter.deleteCustomer(unknownId));
        expect(NotFoundError.isInstance(error)).toBe(true);
      },
    );

    it.skipIf(!operations.orders)(
      "lists each customer's orders as valid canonical Orders, every order once across pages",
      async () => {
        let total = 0;
        for (const id of simulator.customerIds()) {
          const seen: Order[] = [];
          let cursor: string | null = null;
          do {
            const page = await adapter.listCustomerOrders(id, { limit: 2, cursor });
            expect(page.items.length).toBeLessThanOrEqual(2);
            seen.push(...page.items);
            cursor = page.nextCursor;
          } while (cursor !== null);
          for (const order of seen) {
            expect(orderSchema.parse(order)).toStrictEqual(order);
            expect(order.customerId).toBe(id);
          }
          expect(new Set(seen.map((order) => order.id)).size).toBe(seen.length);
          total += seen.length;
        }
        expect(total, 'the seed needs orders').toBeGreaterThanOrEqual(3);
        const error = await expectFailure(adapter.listCustomerOrders(unknownId, { limit: 2, cursor: null }));
        expect(NotFoundError.isInstance(error)).toBe(true);
      },
    );

    describe('upstream failures', () => {
      let knownId: string;
      let before: number;

      // One good call first, so that anything the adapter caches (store currency, tokens) is warm
      // and the injected failure hits the call under test.
      beforeEach(async () => {
        knownId = simulator.customerIds()[0] ?? '';
        await adapter.getCustomer(knownId);
        before = simulator.requests.length;
      });
      const sentSince = () => simulator.requests.length - before;

      it('maps rejected credentials to UpstreamUnauthorizedError, without retrying', async () => {
        simulator.failNext('unauthorized', 5);
        const error = await expectFailure(adapter.getCustomer(knownId));
        expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
        expect((error as UnicartError).status).toBe(424);
        expect(sentSince()).toBe(1);
      });

      it('retries a rate-limited request after the wait and succeeds', async () => {
        simulator.failNext('rateLimited', 1);
        const customer = await adapter.getCustomer(knownId);
        expect(customer?.id).toBe(knownId);
        expect(sentSince()).toBe(2);
      });

      it('gives up on persistent rate limiting with UpstreamRateLimitedError carrying the wait', async () => {
        simulator.failNext('rateLimited', 10);
        const error = await expectFailure(adapter.getCustomer(knownId));
        expect(UpstreamRateLimitedError.isInstance(error)).toBe(true);
        expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(sentSince()).toBe(kitRetry.maxRetries + 1);
      }, 15_000);

      it('retries server errors, then fails with upstream_error', async () => {
        simulator.failNext('serverError', 10);
        const error = await expectFailure(adapter.getCustomer(knownId));
        expect(UnicartError.isInstance(error) && error.code).toBe('upstream_error');
        expect(sentSince()).toBe(kitRetry.maxRetries + 1);
      });

      it('recovers when a server error is followed by success', async () => {
        simulator.failNext('serverError', 1);
        expect((await adapter.getCustomer(knownId))?.id).toBe(knownId);
        expect(sentSince()).toBe(2);
      });

      it('maps an unparseable body to upstream_error, never a crash or a half-mapped object', async () => {
        simulator.failNext('malformed', 10);
        const error = await expectFailure(adapter.getCustomer(knownId));
        expect(UnicartError.isInstance(error) && error.code).toBe('upstream_error');
      });

      it('maps a platform that does not answer in time to UpstreamTimeoutError', async () => {
        simulator.failNext('delayed', 10, { delayMs: shortTimeoutMs * 10 });
        const error = await expectFailure(createAdapter(shortTimeoutMs).getCustomer(knownId));
        expect(UpstreamTimeoutError.isInstance(error)).toBe(true);
      }, 15_000);

      it('keeps every secret out of every error it raised and every line it logged', () => {
        expect(errorsSeen.length).toBeGreaterThan(0);
        const secrets = options.secrets(simulator);
        expect(secrets.length).toBeGreaterThan(0);
        for (const text of [...errorsSeen.map(errorText), ...logged]) {
          for (const secret of secrets) expect(text).not.toContain(secret);
        }
      });
    });
  });
}
