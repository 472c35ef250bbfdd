import {
  type Customer,
  type CustomerFilters,
  InvalidRequestError,
  NotFoundError,
  type Page,
} from '@unicart/core';
import { type GeneratedSeed, runAdapterConformance } from '@unicart/core/testing';
import {
  type BigCommerceCustomerRecord,
  type BigCommerceOrderRecord,
  type BigCommerceSimulator,
  bigcommerceCustomerFacts,
  newBigCommerceCustomer,
  startBigCommerceSimulator,
} from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BigCommerceAdapterSettings,
  bigcommercePlatform,
  createBigCommerceAdapter,
} from './bigcommerce-adapter';

// A quota large enough for the kit, still announced on every reply so the limiter runs.
const startForConformance = (options: GeneratedSeed) =>
  startBigCommerceSimulator({ ...options, rateLimit: { quota: 100_000, windowMs: 30_000 } });

runAdapterConformance({
  definition: bigcommercePlatform,
  simulator: startForConformance,
  settings: (simulator) => ({ ...simulator.credentials, baseUrl: simulator.url }),
  secrets: (simulator) => [simulator.credentials.accessToken],
  native: bigcommerceCustomerFacts,
  createInput: {
    firstName: 'Marta',
    lastName: 'Lindqvist',
    email: 'marta.lindqvist@example.se',
    phone: '+46 8 555 0166',
    addresses: [
      {
        address1: 'Drottninggatan 5',
        city: 'Stockholm',
        postalCode: '111 51',
        country: { code: 'SE' },
        defaultBilling: true,
      },
    ],
  },
});

const customer = (id: number, fields: Partial<BigCommerceCustomerRecord> = {}) =>
  newBigCommerceCustomer(id, new Date('2024-05-14T09:34:00Z'), {
    email: `customer${id}@example.com`,
    first_name: 'First',
    last_name: `Last${id}`,
    ...fields,
  });

function order(id: number, customerId: number, email: string): BigCommerceOrderRecord {
  return {
    id,
    customer_id: customerId,
    date_created: 'Sat, 01 Apr 2023 10:00:00 +0000',
    date_modified: 'Mon, 03 Apr 2023 12:30:00 +0000',
    status_id: 10,
    status: 'Completed',
    custom_status: 'Completed',
    subtotal_ex_tax: '55.0000',
    subtotal_inc_tax: '59.4000',
    subtotal_tax: '4.4000',
    shipping_cost_ex_tax: '6.0000',
    shipping_cost_inc_tax: '6.0000',
    total_ex_tax: '61.0000',
    total_inc_tax: '65.4000',
    total_tax: '4.4000',
    discount_amount: '0.0000',
    coupon_discount: '0.0000',
    items_total: 2,
    payment_method: 'Credit Card',
    payment_status: 'captured',
    currency_code: 'USD',
    default_currency_code: 'USD',
    store_default_currency_code: 'USD',
    billing_address: {
      first_name: '',
      last_name: '',
      company: '',
      street_1: '',
      street_2: '',
      city: '',
      state: '',
      zip: '',
      country: '',
      country_iso2: '',
      phone: '',
      email,
    },
    products: [
      {
        id: id * 10,
        order_id: id,
        product_id: 77,
        variant_id: 93,
        name: 'Glazed mug — blue',
        sku: 'MUG-BLUE-12',
        quantity: 2,
        base_price: '25.0000',
        price_ex_tax: '25.0000',
        price_inc_tax: '27.0000',
        total_ex_tax: '50.0000',
        total_inc_tax: '54.0000',
        product_options: [],
      },
    ],
  };
}

const texasAddress = {
  id: 114,
  customer_id: 21,
  first_name: 'Ana',
  last_name: 'Reyes',
  company: '',
  address1: '12 Oak St',
  address2: 'Suite 4',
  city: 'Austin',
  state_or_province: 'Texas',
  postal_code: '78701',
  country_code: 'US',
  country: 'United States',
  phone: '',
  address_type: 'residential' as const,
};

const customers = [
  customer(21, {
    first_name: 'Ana',
    last_name: 'Núñez',
    email: 'ana@example.com',
    addresses: [texasAddress],
  }),
  customer(22, { first_name: 'Juliana', last_name: 'Reyes', email: 'juliana@example.com' }),
  customer(23, { first_name: 'Ana', last_name: 'Nunez', date_created: '2024-05-14T09:34:01Z' }),
  customer(24, {
    first_name: '',
    last_name: '',
    email: 'guest.buyer@example.org',
    date_created: '2024-05-14T09:33:59Z',
  }),
];
const orders = [
  order(120, 21, 'ana@example.com'),
  order(121, 21, 'ana@example.com'),
  order(122, 0, 'ana@example.com'),
];

describe('createBigCommerceAdapter on the simulator', () => {
  let simulator: BigCommerceSimulator;

  beforeAll(async () => {
    simulator = await startBigCommerceSimulator({ count: 0, rateLimit: false });
    simulator.seed({ customers, orders, subscribers: [] });
  });
  beforeEach(() => simulator.reset());
  afterAll(() => simulator.close());

  const adapter = (settings: Partial<BigCommerceAdapterSettings> = {}) =>
    createBigCommerceAdapter({
      ...simulator.credentials,
      baseUrl: simulator.url,
      retry: { maxRetries: 0 },
      ...settings,
    });
  const listIds = async (filters: CustomerFilters, limit = 100) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Customer> = await adapter().listCustomers({ ...filters, limit, cursor });
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return ids;
  };
  const customerRequests = () =>
    simulator.requests.filter((request) => request.path === '/stores/abc123/v3/customers');

  it('authenticates with X-Auth-Token only, under /stores/{hash}', async () => {
    await adapter().getCustomer('21');
    const [request] = simulator.requests;
    expect(request?.headers['x-auth-token']).toBe(simulator.credentials.accessToken);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers['user-agent']).toBe('unicart-adapter-bigcommerce/0.0.0-test');
  });

  it('reads one customer through id:in with its addresses, and null for an unknown or malformed id', async () => {
    const reader = adapter();
    const found = await reader.getCustomer('21');
    expect(customerRequests().map((request) => request.query)).toStrictEqual([
      { 'id:in': '21', include: 'addresses' },
    ]);
    expect(
      found?.addresses.map((address) => [address.id, address.state, address.country?.codeIso3]),
    ).toStrictEqual([['114', { code: 'TX', name: 'Texas' }, 'USA']]);
    expect(found?.currency).toBe('USD');
    expect(await adapter().getCustomer('999')).toBeNull();
    const before = simulator.requests.length;
    expect(await adapter().getCustomer('21,22')).toBeNull();
    expect(simulator.requests.length).toBe(before);
  });

  it('sends whole-second date bounds unencoded and re-checks millisecond bounds itself', async () => {
    expect(await listIds({ createdAt: { from: '2024-05-14T09:34:00.000Z' } })).toStrictEqual([
      '21',
      '22',
      '23',
    ]);
    expect(await listIds({ createdAt: { from: '2024-05-14T09:34:00.001Z' } })).toStrictEqual(['23']);
    expect(await listIds({ createdAt: { to: '2024-05-14T09:33:59.999Z' } })).toStrictEqual(['24']);
    expect(
      customerRequests().map(
        (request) => request.query['date_created:min'] ?? request.query['date_created:max'],
      ),
    ).toStrictEqual(['2024-05-14T09:34:00Z', '2024-05-14T09:34:00Z', '2024-05-14T09:33:59Z']);
  });

  it('narrows name:like, which also matches without accents, to the contract', async () => {
    expect(await listIds({ name: 'ana nunez' })).toStrictEqual(['23']);
    expect(customerRequests()[0]?.query['name:like']).toBe('ana nunez');
  });

  it('matches email whole and case-insensitively', async () => {
    expect(await listIds({ email: 'ANA@example.com' })).toStrictEqual(['21']);
  });

  it('lists after sinceId in ascending id order across pages', async () => {
    expect(await listIds({ sinceId: '21' }, 1)).toStrictEqual(['22', '23', '24']);
  });

  it('counts with the total of a one-customer page when BigCommerce filters exactly', async () => {
    expect(await adapter().countCustomers({ createdAt: { from: '2024-05-14T09:34:00.000Z' } })).toBe(3);
    expect(customerRequests().map((request) => request.query)).toStrictEqual([
      { 'date_created:min': '2024-05-14T09:34:00Z', limit: '1' },
    ]);
  });

  it('refuses the free-text search BigCommerce does not have', async () => {
    await expect(adapter().listCustomers({ search: 'ana', limit: 10, cursor: null })).rejects.toMatchObject({
      code: 'filter_not_supported',
    });
    expect(simulator.requests).toHaveLength(0);
  });

  it('creates with an array of one customer, the state written as its name', async () => {
    const created = await adapter().createCustomer({
      firstName: 'Zoë',
      lastName: "O'Brien",
      email: 'zoe@example.com',
      note: 'VIP 🥇',
      addresses: [
        {
          address1: '1 Main St',
          city: 'Austin',
          postalCode: '78701',
          country: { code: 'US' },
          state: { code: 'TX' },
        },
      ],
    });
    const post = simulator.requests.find((request) => request.method === 'POST');
    expect(post?.body).toStrictEqual([
      {
        email: 'zoe@example.com',
        first_name: 'Zoë',
        last_name: "O'Brien",
        notes: 'VIP 🥇',
        addresses: [
          {
            first_name: 'Zoë',
            last_name: "O'Brien",
            company: '',
            address1: '1 Main St',
            address2: '',
            city: 'Austin',
            state_or_province: 'Texas',
            postal_code: '78701',
            country_code: 'US',
            phone: '',
            address_type: 'residential',
          },
        ],
      },
    ]);
    const stored = simulator.stored(created.id);
    expect([stored?.first_name, stored?.notes, stored?.addresses[0]?.state_or_province]).toStrictEqual([
      'Zoë',
      'VIP 🥇',
      'Texas',
    ]);
  });

  it('refuses a create without the email BigCommerce requires, before any request', async () => {
    await expect(adapter().createCustomer({ firstName: 'A', lastName: 'B' })).rejects.toSatisfy(
      InvalidRequestError.isInstance,
    );
    expect(simulator.requests).toHaveLength(0);
  });

  it('maps an email already in use to InvalidRequestError', async () => {
    await expect(
      adapter().createCustomer({ firstName: 'A', lastName: 'B', email: 'JULIANA@example.com' }),
    ).rejects.toSatisfy(InvalidRequestError.isInstance);
  });

  it('refuses newsletter consent, kept by BigCommerce in subscribers, before any request', async () => {
    await expect(
      adapter().createCustomer({
        firstName: 'A',
        lastName: 'B',
        email: 'news@example.com',
        acceptsMarketing: true,
      }),
    ).rejects.toSatisfy(InvalidRequestError.isInstance);
    await expect(adapter().updateCustomer('21', { acceptsMarketing: false })).rejects.toSatisfy(
      InvalidRequestError.isInstance,
    );
    expect(simulator.requests).toHaveLength(0);
  });

  it('updates only the keys sent, and replaces the address book through the addresses resource', async () => {
    const updated = await adapter().updateCustomer('21', {
      lastName: 'Núñez-Ortega',
      addresses: [
        {
          address1: '88 Harbor Rd',
          city: 'San Diego',
          country: { code: 'US' },
          state: { name: 'California' },
        },
      ],
    });
    const writes = simulator.requests.filter((request) => request.method !== 'GET');
    expect(writes.map((request) => [request.method, request.path, request.query])).toStrictEqual([
      ['PUT', '/stores/abc123/v3/customers', {}],
      ['POST', '/stores/abc123/v3/customers/addresses', {}],
      ['DELETE', '/stores/abc123/v3/customers/addresses', { 'id:in': '114' }],
    ]);
    expect(writes[0]?.body).toStrictEqual([{ id: 21, last_name: 'Núñez-Ortega' }]);
    const stored = simulator.stored('21');
    expect([
      stored?.email,
      stored?.last_name,
      stored?.addresses.map((address) => address.city),
    ]).toStrictEqual(['ana@example.com', 'Núñez-Ortega', ['San Diego']]);
    expect(updated.addresses.map((address) => address.city)).toStrictEqual(['San Diego']);
  });

  it('deletes with id:in only after finding the customer, and never sends a DELETE for an unknown one', async () => {
    await adapter().deleteCustomer('22');
    expect(simulator.stored('22')).toBeUndefined();
    expect(simulator.requests.at(-1)).toMatchObject({ method: 'DELETE', query: { 'id:in': '22' } });
    await expect(adapter().deleteCustomer('999')).rejects.toSatisfy(NotFoundError.isInstance);
    expect(simulator.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
  });

  it("lists a customer's orders with their line items, never guest orders with the same email", async () => {
    const first = await adapter().listCustomerOrders('21', { limit: 1, cursor: null });
    const second = await adapter().listCustomerOrders('21', { limit: 1, cursor: first.nextCursor });
    expect(
      [...first.items, ...second.items].map((item) => [item.id, item.customerId, item.items.length]),
    ).toStrictEqual([
      ['120', '21', 1],
      ['121', '21', 1],
    ]);
    const last = await adapter().listCustomerOrders('21', { limit: 1, cursor: second.nextCursor });
    expect(last).toStrictEqual({ items: [], nextCursor: null });
  });

  it('answers no orders for a customer without any (v2 answers 204), NotFoundError for an unknown customer', async () => {
    expect(await adapter().listCustomerOrders('22', { limit: 10, cursor: null })).toStrictEqual({
      items: [],
      nextCursor: null,
    });
    await expect(adapter().listCustomerOrders('999', { limit: 10, cursor: null })).rejects.toSatisfy(
      NotFoundError.isInstance,
    );
  });
});

describe('pacing by the announced quota', () => {
  let simulator: BigCommerceSimulator;

  beforeAll(async () => {
    simulator = await startBigCommerceSimulator({ count: 5, rateLimit: { quota: 4, windowMs: 500 } });
  });
  afterAll(() => simulator.close());

  it('waits for the window to reset instead of meeting a 429', async () => {
    const adapter = createBigCommerceAdapter({
      ...simulator.credentials,
      baseUrl: simulator.url,
      retry: { maxRetries: 0 },
    });
    const startedAt = Date.now();
    for (let request = 0; request < 10; request += 1) await adapter.getCustomer('1');
    // Ten requests at four per 500 ms take at least two resets, and none was refused (no retries allowed).
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
  });
});
