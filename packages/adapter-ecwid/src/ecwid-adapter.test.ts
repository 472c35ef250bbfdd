import {
  type CustomerAdapterV1,
  InvalidRequestError,
  NotFoundError,
  UnicartError,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { type GeneratedSeed, runAdapterConformance } from '@unicart/core/testing';
import {
  type EcwidSimulator,
  type EcwidSimulatorOptions,
  type EcwidCustomer as EcwidStoredCustomer,
  type EcwidOrder as EcwidStoredOrder,
  ecwidCustomerFacts,
  startEcwidSimulator,
} from '@unicart/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEcwidAdapter, type EcwidAdapterSettings, ecwidPlatform } from './ecwid-adapter';
import { type EcwidCustomer, ecwidCustomerSchema } from './ecwid-api';
import {
  ecwidCustomerFull,
  ecwidCustomerMissingContacts,
  ecwidCustomerPartialEmail,
  ecwidCustomers,
  ecwidCustomerUnicode,
  ecwidOrders,
} from './ecwid-fixtures.fixture';
import { mapEcwidCustomer } from './map-ecwid-customer';
import { mapEcwidOrder } from './map-ecwid-order';

const accessToken = 'secret_conformance_token_4f9a';
const storePath = '/api/v3/1003';
const anaId = String(ecwidCustomerFull.id);
const unknownId = '987654321';
const writeTime = '2025-06-01T12:00:00.000Z';

runAdapterConformance({
  definition: ecwidPlatform,
  simulator: (seed: GeneratedSeed) => startEcwidSimulator({ ...seed, rateLimit: false }),
  // The kit makes hundreds of requests: unpaced, so the suite stays fast.
  settings: (simulator) => ({ ...simulator.credentials, baseUrl: simulator.url, limiter: false }),
  secrets: (simulator) => [simulator.credentials.accessToken],
  native: ecwidCustomerFacts,
  createInput: { firstName: 'Conformance', lastName: 'Tester', email: 'conformance.tester@example.com' },
});

/** A fixture as the simulator stores it: Ecwid answers `contacts: []` when a customer has none. */
const storedFixture = (customer: EcwidCustomer) =>
  ({ ...customer, contacts: customer.contacts ?? [] }) as EcwidStoredCustomer;
const seeded = {
  customers: ecwidCustomers.map(storedFixture),
  orders: ecwidOrders as readonly EcwidStoredOrder[],
};

function startStore(options: EcwidSimulatorOptions = {}): Promise<EcwidSimulator> {
  return startEcwidSimulator({
    accessToken,
    rateLimit: false,
    now: () => new Date(writeTime),
    data: seeded,
    ...options,
  });
}

let simulator: EcwidSimulator;
/** The simulator the current test talks to: the shared one, or one started with other settings. */
let upstream: EcwidSimulator;
let ownStore: EcwidSimulator | undefined;

beforeAll(async () => {
  simulator = await startStore();
});

beforeEach(() => {
  simulator.reset();
  upstream = simulator;
});

afterAll(async () => {
  await simulator.close();
});

afterEach(async () => {
  await ownStore?.close();
  ownStore = undefined;
  vi.useRealTimers();
});

function connect(settings: Partial<EcwidAdapterSettings> = {}): CustomerAdapterV1 {
  return createEcwidAdapter({
    storeId: '1003',
    accessToken,
    baseUrl: upstream.url,
    limiter: false,
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2_000 },
    ...settings,
  });
}

/** An adapter on a store of its own, started with other settings. */
async function connectToStore(
  options: EcwidSimulatorOptions,
  settings: Partial<EcwidAdapterSettings> = {},
): Promise<CustomerAdapterV1> {
  ownStore = await startStore(options);
  upstream = ownStore;
  return connect(settings);
}

/** Method, path and query of every request the simulator received. */
const sent = () => upstream.requests.map((request) => [request.method, request.path, request.query]);

/** The customer as the adapter must map Ecwid's answer for it, in the store currency. */
const customerOf = (customer: { id: number }, currency: string | null = 'USD') =>
  mapEcwidCustomer(ecwidCustomerSchema.parse(upstream.stored(String(customer.id))), currency);

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('createEcwidAdapter: list', () => {
  it("sends Ecwid's search with the bearer token and user agent, and maps with the store currency", async () => {
    const adapter = connect();
    const page = await adapter.listCustomers({ search: 'reyes', limit: 2, cursor: null });
    expect(sent()).toStrictEqual([
      [
        'GET',
        `${storePath}/customers`,
        { keyword: 'reyes', sortBy: 'REGISTERED_DATE_ASC', offset: '0', limit: '2' },
      ],
      ['GET', `${storePath}/profile`, {}],
    ]);
    expect(upstream.requests[0]?.headers).toMatchObject({
      authorization: `Bearer ${accessToken}`,
      'user-agent': 'unicart-adapter-ecwid/0.0.0-test',
    });
    expect(page).toStrictEqual({
      items: [customerOf(ecwidCustomerFull), customerOf(ecwidCustomerPartialEmail)],
      nextCursor: null,
    });
  });

  it('continues from the offset in the cursor and ends with a null cursor', async () => {
    const adapter = connect();
    const first = await adapter.listCustomers({ limit: 4, cursor: null });
    const second = await adapter.listCustomers({ limit: 4, cursor: first.nextCursor });
    expect(
      upstream.requests.filter((request) => request.path.endsWith('/customers')).map((r) => r.query),
    ).toStrictEqual([
      { sortBy: 'REGISTERED_DATE_ASC', offset: '0', limit: '4' },
      { sortBy: 'REGISTERED_DATE_ASC', offset: '4', limit: '4' },
    ]);
    expect([first.items.length, second.items.length, second.nextCursor]).toStrictEqual([4, 2, null]);
  });

  it("narrows Ecwid's partial email match to the customer whose email is equal", async () => {
    const adapter = connect();
    const page = await adapter.listCustomers({ email: 'REYES@example.com', limit: 10, cursor: null });
    expect(sent()[0]).toStrictEqual([
      'GET',
      `${storePath}/customers`,
      { email: 'REYES@example.com', sortBy: 'REGISTERED_DATE_ASC', offset: '0', limit: '100' },
    ]);
    expect(page).toStrictEqual({ items: [customerOf(ecwidCustomerPartialEmail)], nextCursor: null });
  });

  it('keeps the narrowing across pages of one customer each', async () => {
    const adapter = connect();
    const first = await adapter.listCustomers({ name: 'reyes', limit: 1, cursor: null });
    const second = await adapter.listCustomers({ name: 'reyes', limit: 1, cursor: first.nextCursor });
    expect(sent()[0]?.[2]).toStrictEqual({
      name: 'reyes',
      sortBy: 'REGISTERED_DATE_ASC',
      offset: '0',
      limit: '100',
    });
    expect([...first.items, ...second.items].map((customer) => customer.id)).toStrictEqual([
      anaId,
      String(ecwidCustomerPartialEmail.id),
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('asks Ecwid for the boundary second of createdAt[to] and includes the customer registered on it', async () => {
    const adapter = connect();
    const page = await adapter.listCustomers({
      createdAt: { from: '2024-08-01T00:00:00.000Z', to: '2024-08-21T07:52:09.000Z' },
      limit: 10,
      cursor: null,
    });
    expect(sent()[0]?.[2]).toStrictEqual({
      createdFrom: '1722470399',
      createdTo: '1724226730',
      sortBy: 'REGISTERED_DATE_ASC',
      offset: '0',
      limit: '100',
    });
    expect(page.items.map((customer) => customer.id)).toStrictEqual([anaId]);
  });

  it('drops the extra second it asked Ecwid for below createdAt[from]', async () => {
    const adapter = connect();
    const page = await adapter.listCustomers({
      createdAt: { from: '2024-08-21T07:52:10.000Z', to: '2024-08-31T00:00:00.000Z' },
      limit: 10,
      cursor: null,
    });
    expect(sent()[0]?.[2]).toMatchObject({ createdFrom: '1724226729' });
    expect(page).toStrictEqual({ items: [], nextCursor: null });
  });

  it('sends updatedAt bounds as updatedFrom and updatedTo, leaving out customers never updated', async () => {
    const adapter = connect();
    const page = await adapter.listCustomers({
      updatedAt: { from: '2024-01-01T00:00:00.000Z', to: '2024-12-31T23:59:59.999Z' },
      limit: 10,
      cursor: null,
    });
    expect(sent()[0]?.[2]).toMatchObject({ updatedFrom: '1704067199', updatedTo: '1735689600' });
    expect(page.items.map((customer) => customer.id)).toStrictEqual([
      String(ecwidCustomerUnicode.id),
      String(ecwidCustomerMissingContacts.id),
      anaId,
    ]);
  });

  it('looks ids up with one GET each, skipping unknown ones and applying the other filters', async () => {
    const adapter = connect();
    const page = await adapter.listCustomers({
      ids: [String(ecwidCustomerMissingContacts.id), unknownId, anaId],
      createdAt: { from: '2024-06-01T00:00:00.000Z' },
      limit: 10,
      cursor: null,
    });
    expect(sent()).toStrictEqual([
      ['GET', `${storePath}/customers/${ecwidCustomerMissingContacts.id}`, {}],
      ['GET', `${storePath}/customers/${unknownId}`, {}],
      ['GET', `${storePath}/customers/${anaId}`, {}],
      ['GET', `${storePath}/profile`, {}],
    ]);
    expect(page).toStrictEqual({ items: [customerOf(ecwidCustomerFull)], nextCursor: null });
  });

  it("scans Ecwid's keyword results for the ids when search is given too", async () => {
    const adapter = connect();
    const page = await adapter.listCustomers({
      ids: [anaId, String(ecwidCustomerMissingContacts.id)],
      search: 'reyes',
      limit: 10,
      cursor: null,
    });
    expect(sent()[0]).toStrictEqual([
      'GET',
      `${storePath}/customers`,
      { keyword: 'reyes', sortBy: 'REGISTERED_DATE_ASC', offset: '0', limit: '100' },
    ]);
    expect(page.items.map((customer) => customer.id)).toStrictEqual([anaId]);
  });

  it('refuses sinceId before any request: Ecwid can neither filter nor sort by id', async () => {
    const adapter = connect();
    const error = await failureOf(adapter.listCustomers({ sinceId: '1', limit: 10, cursor: null }));
    expect([UnicartError.isInstance(error) && error.code, upstream.requests.length]).toStrictEqual([
      'filter_not_supported',
      0,
    ]);
  });
});

describe('createEcwidAdapter: count', () => {
  it("reads Ecwid's total from a one-item search when Ecwid's answer is exact", async () => {
    const adapter = connect();
    expect(await adapter.countCustomers({ search: 'reyes' })).toBe(2);
    expect(sent()).toStrictEqual([
      ['GET', `${storePath}/customers`, { keyword: 'reyes', limit: '1', responseFields: 'total' }],
    ]);
  });

  it("counts the re-checked results when Ecwid's answer is looser", async () => {
    const adapter = connect();
    expect(await adapter.countCustomers({ email: 'reyes@example.com' })).toBe(1);
    expect(sent()).toStrictEqual([
      [
        'GET',
        `${storePath}/customers`,
        { email: 'reyes@example.com', sortBy: 'REGISTERED_DATE_ASC', offset: '0', limit: '100' },
      ],
    ]);
  });
});

describe('createEcwidAdapter: get', () => {
  it('gets a customer by id, mapped with the store currency', async () => {
    const adapter = connect();
    expect(await adapter.getCustomer(anaId)).toStrictEqual(customerOf(ecwidCustomerFull));
    expect(sent()).toStrictEqual([
      ['GET', `${storePath}/customers/${anaId}`, {}],
      ['GET', `${storePath}/profile`, {}],
    ]);
  });

  it('returns null when Ecwid has no such customer', async () => {
    const adapter = connect();
    expect(await adapter.getCustomer(unknownId)).toBeNull();
  });

  it('returns null for an id Ecwid cannot have, without a request', async () => {
    const adapter = connect();
    expect([await adapter.getCustomer('../profile'), upstream.requests.length]).toStrictEqual([null, 0]);
  });

  it('reads the store currency once per adapter', async () => {
    const adapter = await connectToStore({ currency: 'EUR' });
    await adapter.getCustomer(anaId);
    const customer = await adapter.getCustomer(anaId);
    expect([
      customer?.currency,
      sent().filter(([, path]) => path === `${storePath}/profile`).length,
    ]).toStrictEqual(['EUR', 1]);
  });

  it('maps with currency null when the token lacks read_store_profile, and says so once', async () => {
    const warn = vi.fn();
    const adapter = await connectToStore(
      { scopes: ['read_customers', 'create_customers', 'update_customers', 'read_orders'] },
      { logger: { warn } },
    );
    await adapter.getCustomer(anaId);
    const customer = await adapter.getCustomer(anaId);
    expect([customer?.currency, sent().length, warn.mock.calls.length]).toStrictEqual([null, 3, 1]);
  });
});

describe('createEcwidAdapter: create', () => {
  it('creates with POST, then reads the stored customer back (Ecwid answers only the id)', async () => {
    const adapter = connect();
    const before = upstream.customerIds();
    const created = await adapter.createCustomer({
      firstName: 'Mei',
      lastName: 'Lin',
      email: 'mei.lin@example.com',
      phone: '+1 555 0101',
      note: 'Met at the fair',
      acceptsMarketing: true,
      addresses: [
        {
          address1: '1 Main St',
          address2: 'Unit 2',
          city: 'Springfield',
          postalCode: '62701',
          country: { code: 'US' },
          state: { code: 'IL' },
          defaultBilling: true,
          defaultShipping: true,
        },
      ],
    });
    const place = {
      street: '1 Main St\nUnit 2',
      city: 'Springfield',
      countryCode: 'US',
      countryName: 'United States of America',
      postalCode: '62701',
      stateOrProvinceCode: 'IL',
    };
    expect(upstream.requests[0]?.body).toStrictEqual({
      email: 'mei.lin@example.com',
      billingPerson: { name: 'Mei Lin', phone: '+1 555 0101', ...place },
      shippingAddresses: [{ defaultAddress: true, ...place }],
      acceptMarketing: true,
      privateAdminNotes: 'Met at the fair',
    });
    // Ecwid assigns the id; the simulator's back door says which.
    const [id] = upstream.customerIds().filter((known) => !before.includes(known));
    const addressId = String(upstream.stored(id ?? '')?.shippingAddresses[0]?.id);
    expect(sent()).toStrictEqual([
      ['POST', `${storePath}/customers`, {}],
      ['GET', `${storePath}/customers/${id}`, {}],
      ['GET', `${storePath}/profile`, {}],
    ]);
    const address = {
      address1: '1 Main St',
      address2: 'Unit 2',
      city: 'Springfield',
      postalCode: '62701',
      company: null,
      references: null,
      country: { code: 'US', name: 'United States of America', codeIso2: 'US', codeIso3: 'USA' },
      // Ecwid stores the name of a region it knows beside the code it was given.
      state: { code: 'IL', name: 'Illinois' },
    };
    expect(created).toStrictEqual({
      id,
      email: 'mei.lin@example.com',
      firstName: 'Mei',
      lastName: 'Lin',
      phone: '+1 555 0101',
      currency: 'USD',
      note: 'Met at the fair',
      acceptsMarketing: true,
      tags: [],
      ordersCount: 0,
      totalSpent: 0,
      status: { id: null, status: null },
      dates: { createdAt: writeTime, updatedAt: writeTime },
      addresses: [
        {
          id: null,
          firstName: 'Mei',
          lastName: 'Lin',
          phone: '+1 555 0101',
          defaultBilling: true,
          defaultShipping: false,
          ...address,
        },
        {
          id: addressId,
          firstName: null,
          lastName: null,
          phone: null,
          defaultBilling: false,
          defaultShipping: true,
          ...address,
        },
      ],
    });
  });

  it('refuses a create without email before any request, naming customer.email', async () => {
    const adapter = connect();
    const error = await failureOf(adapter.createCustomer({ firstName: 'Mei', lastName: 'Lin' }));
    expect([
      InvalidRequestError.isInstance(error) && error.issues[0]?.path,
      upstream.requests.length,
    ]).toStrictEqual(['customer.email', 0]);
  });

  it('refuses tags before any request', async () => {
    const adapter = connect();
    const error = await failureOf(
      adapter.createCustomer({ firstName: 'Mei', lastName: 'Lin', email: 'mei@example.com', tags: ['vip'] }),
    );
    expect([
      InvalidRequestError.isInstance(error) && error.issues[0]?.path,
      upstream.requests.length,
    ]).toStrictEqual(['customer.tags', 0]);
  });

  it("reports Ecwid's 409 for an email in use as InvalidRequestError, without repeating the POST", async () => {
    const adapter = connect();
    const error = await failureOf(
      adapter.createCustomer({ firstName: 'Ana', lastName: 'Reyes', email: 'ANA.REYES@example.com' }),
    );
    expect([InvalidRequestError.isInstance(error) && error.issues[0]?.path, sent()]).toStrictEqual([
      'customer.email',
      [['POST', `${storePath}/customers`, {}]],
    ]);
  });
});

describe('createEcwidAdapter: update', () => {
  it('renames by reading the customer, writing the complete billing person, and reading it back', async () => {
    const adapter = connect();
    const before = customerOf(ecwidCustomerFull);
    const updated = await adapter.updateCustomer(anaId, { firstName: 'Renamed' });
    expect(sent()).toStrictEqual([
      ['GET', `${storePath}/customers/${anaId}`, {}],
      ['PUT', `${storePath}/customers/${anaId}`, {}],
      ['GET', `${storePath}/customers/${anaId}`, {}],
      ['GET', `${storePath}/profile`, {}],
    ]);
    expect(upstream.requests[1]?.body).toStrictEqual({
      billingPerson: {
        name: 'Renamed Reyes',
        phone: '+15125550100',
        companyName: '',
        street: '12 Oak St\nApt 4',
        city: 'Austin',
        countryCode: 'US',
        countryName: 'United States',
        postalCode: '78701',
        stateOrProvinceCode: 'TX',
        stateOrProvinceName: 'Texas',
      },
    });
    const [billing, shipping] = before.addresses;
    expect(updated).toStrictEqual({
      ...before,
      firstName: 'Renamed',
      dates: { createdAt: before.dates.createdAt, updatedAt: writeTime },
      addresses: [{ ...billing, firstName: 'Renamed' }, shipping],
    });
  });

  it('changes only the fields sent: a note alone leaves every other field as it was', async () => {
    const adapter = connect();
    const before = upstream.stored(anaId);
    await adapter.updateCustomer(anaId, { note: 'VIP' });
    expect(upstream.requests[1]?.body).toStrictEqual({ privateAdminNotes: 'VIP' });
    expect(upstream.stored(anaId)).toStrictEqual({
      ...before,
      privateAdminNotes: 'VIP',
      updated: '2025-06-01 12:00:00 +0000',
    });
  });

  it('replaces the address list, keeping an existing shipping address by its id', async () => {
    const adapter = connect();
    const updated = await adapter.updateCustomer(anaId, {
      addresses: [{ id: '193416515', address1: '1 Elm St', city: 'Dallas', defaultShipping: true }],
    });
    expect(updated.addresses).toStrictEqual([
      {
        id: '193416515',
        firstName: null,
        lastName: null,
        address1: '1 Elm St',
        address2: null,
        city: 'Dallas',
        postalCode: null,
        phone: null,
        company: null,
        references: null,
        defaultBilling: false,
        defaultShipping: true,
        country: null,
        state: null,
      },
    ]);
  });

  it('throws NotFoundError for an unknown customer, without writing', async () => {
    const adapter = connect();
    const error = await failureOf(adapter.updateCustomer(unknownId, { note: 'x' }));
    expect([NotFoundError.isInstance(error), sent()]).toStrictEqual([
      true,
      [['GET', `${storePath}/customers/${unknownId}`, {}]],
    ]);
  });
});

describe('createEcwidAdapter: delete', () => {
  it('deletes with DELETE', async () => {
    const adapter = connect();
    await adapter.deleteCustomer(anaId);
    expect([sent(), upstream.stored(anaId)]).toStrictEqual([
      [['DELETE', `${storePath}/customers/${anaId}`, {}]],
      undefined,
    ]);
  });

  it('throws NotFoundError for an unknown customer', async () => {
    const adapter = connect();
    expect(NotFoundError.isInstance(await failureOf(adapter.deleteCustomer(unknownId)))).toBe(true);
  });

  it('throws NotFoundError when Ecwid answers that it deleted nothing', async () => {
    const adapter = createEcwidAdapter({
      storeId: '1003',
      accessToken,
      limiter: false,
      fetch: async () => Response.json({ deleteCount: 0 }),
    });
    expect(NotFoundError.isInstance(await failureOf(adapter.deleteCustomer(anaId)))).toBe(true);
  });
});

describe("createEcwidAdapter: a customer's orders", () => {
  it('checks the customer, then pages its orders by offset, mapped with the store currency', async () => {
    const adapter = connect();
    const first = await adapter.listCustomerOrders(anaId, { limit: 2, cursor: null });
    const second = await adapter.listCustomerOrders(anaId, { limit: 2, cursor: first.nextCursor });
    expect(sent()).toStrictEqual([
      ['GET', `${storePath}/customers/${anaId}`, { responseFields: 'id' }],
      ['GET', `${storePath}/orders`, { customerId: anaId, offset: '0', limit: '2' }],
      ['GET', `${storePath}/profile`, {}],
      ['GET', `${storePath}/customers/${anaId}`, { responseFields: 'id' }],
      ['GET', `${storePath}/orders`, { customerId: anaId, offset: '2', limit: '2' }],
    ]);
    // Ecwid lists orders newest first (sheet, Orders summary).
    const [shipped, delivered, cancelled] = ecwidOrders.map((order) => mapEcwidOrder(order, 'USD'));
    expect([first, second]).toStrictEqual([
      { items: [cancelled, delivered], nextCursor: '2' },
      { items: [shipped], nextCursor: null },
    ]);
  });

  it('throws NotFoundError for the orders of an unknown customer', async () => {
    const adapter = connect();
    const error = await failureOf(adapter.listCustomerOrders(unknownId, { limit: 2, cursor: null }));
    expect([NotFoundError.isInstance(error), sent().length]).toStrictEqual([true, 1]);
  });

  it('returns an empty last page for a customer without orders', async () => {
    const adapter = connect();
    const page = await adapter.listCustomerOrders(String(ecwidCustomerPartialEmail.id), {
      limit: 2,
      cursor: null,
    });
    expect(page).toStrictEqual({ items: [], nextCursor: null });
  });
});

describe('createEcwidAdapter: credentials and limits', () => {
  it('reports an unknown storeId as rejected credentials, without retrying', async () => {
    const adapter = connect({ storeId: '4242' });
    const error = await failureOf(adapter.getCustomer(anaId));
    expect([UpstreamUnauthorizedError.isInstance(error), sent().length]).toStrictEqual([true, 1]);
  });

  it('reports a rejected token as UpstreamUnauthorizedError, without retrying or quoting the token', async () => {
    const adapter = connect({ accessToken: 'secret_revoked_token_0000' });
    const error = await failureOf(adapter.listCustomers({ limit: 10, cursor: null }));
    expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
    expect([sent().length, JSON.stringify(error).includes('secret_revoked'), String(error)]).toStrictEqual([
      1,
      false,
      'UpstreamUnauthorizedError: Ecwid rejected the access token (INVALID_API_TOKEN)',
    ]);
  });

  it('refuses a storeId that is not numeric, naming the field but not the value', () => {
    let thrown: unknown;
    try {
      createEcwidAdapter({ storeId: '../1003', accessToken: 'secret_x' });
    } catch (error) {
      thrown = error;
    }
    expect(InvalidRequestError.isInstance(thrown) && thrown.issues).toStrictEqual([
      { path: 'storeId', message: 'must be the numeric Ecwid store id' },
    ]);
  });

  it('asks a limiter given in the settings before every request', async () => {
    const acquire = vi.fn(async () => undefined);
    const adapter = connect({ limiter: { acquire } });
    await adapter.getCustomer(anaId);
    expect(acquire.mock.calls.length).toBe(upstream.requests.length);
  });

  it("paces by default to a burst of 10, then 9.5 requests a second: under Ecwid's 600 a minute", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const requested: string[] = [];
    const adapter = createEcwidAdapter({
      storeId: '1003',
      accessToken,
      fetch: async (input) => {
        requested.push(String(input));
        return Response.json({ total: 6 });
      },
    });
    const counts = Array.from({ length: 12 }, () => adapter.countCustomers({}));
    await vi.advanceTimersByTimeAsync(0);
    const afterBurst = requested.length;
    await vi.advanceTimersByTimeAsync(105);
    const before11th = requested.length;
    await vi.advanceTimersByTimeAsync(1);
    const at11th = requested.length;
    await vi.advanceTimersByTimeAsync(105);
    expect([afterBurst, before11th, at11th, requested.length]).toStrictEqual([10, 10, 11, 12]);
    expect(await Promise.all(counts)).toStrictEqual(Array.from({ length: 12 }, () => 6));
  });
});

describe('ecwidPlatform', () => {
  it('calls only the public Ecwid API of the store', () => {
    expect(ecwidPlatform.upstreamUrls({ storeId: '1003', accessToken })).toStrictEqual([
      'https://app.ecwid.com/api/v3/1003',
    ]);
  });

  it('validates stored credentials strictly', () => {
    const { credentialsSchema } = ecwidPlatform;
    expect([
      credentialsSchema.safeParse({ storeId: '1003', accessToken }).success,
      credentialsSchema.safeParse({ storeId: 1003, accessToken }).success,
      credentialsSchema.safeParse({ storeId: '1003', accessToken: '' }).success,
      credentialsSchema.safeParse({ storeId: '1003', accessToken, shop: 'x' }).success,
    ]).toStrictEqual([true, false, false, false]);
  });
});

describe('createEcwidAdapter: the deleted-customer feed (sync)', () => {
  it('lists the ids Ecwid deleted at or after since, from GET /customers/deleted', async () => {
    const adapter = connect();
    const [first, second] = ecwidCustomers;
    await adapter.deleteCustomer(String(first!.id));
    await adapter.deleteCustomer(String(second!.id));
    const deletedAt = Date.parse(writeTime) / 1000;

    expect(await adapter.listDeletedCustomerIds?.(null)).toStrictEqual([
      String(first!.id),
      String(second!.id),
    ]);
    expect(await adapter.listDeletedCustomerIds?.('2025-06-01T11:59:59.500Z')).toStrictEqual([
      String(first!.id),
      String(second!.id),
    ]);
    expect(await adapter.listDeletedCustomerIds?.('2025-06-01T12:00:01.000Z')).toStrictEqual([]);
    const feedQueries = upstream.requests
      .filter((request) => request.path === `${storePath}/customers/deleted`)
      .map((request) => request.query);
    expect(feedQueries).toStrictEqual([
      { offset: '0', limit: '100' },
      { from_date: String(deletedAt - 1), offset: '0', limit: '100' },
      { from_date: String(deletedAt + 1), offset: '0', limit: '100' },
    ]);
  });

  it('declares the feed in its sync capabilities', () => {
    expect(connect().capabilities.sync).toStrictEqual({ changes: 'updatedAt', deletes: 'native' });
  });
});
