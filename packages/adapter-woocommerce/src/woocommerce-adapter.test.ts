import {
  type CustomerFilters,
  InvalidRequestError,
  NotFoundError,
  UnicartError,
  UpstreamError,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { runAdapterConformance } from '@unicart/core/testing';
import {
  startWooCommerceSimulator,
  type WooCommerceOrderRecord,
  type WooCommerceSimulator,
  type WooCommerceSimulatorOptions,
  type WooCommerceUserRecord,
  wooCommerceCustomerFacts,
} from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import fullCustomer from './__fixtures__/woocommerce-customer-full.json' with { type: 'json' };
import customerWithoutBilling from './__fixtures__/woocommerce-customer-no-billing.json' with {
  type: 'json',
};
import customerWithoutShipping from './__fixtures__/woocommerce-customer-no-shipping.json' with {
  type: 'json',
};
import subscriber from './__fixtures__/woocommerce-customer-subscriber.json' with { type: 'json' };
import unicodeCustomer from './__fixtures__/woocommerce-customer-unicode.json' with { type: 'json' };
import completedOrder from './__fixtures__/woocommerce-order-completed.json' with { type: 'json' };
import guestOrder from './__fixtures__/woocommerce-order-guest.json' with { type: 'json' };
import pendingOrder from './__fixtures__/woocommerce-order-pending.json' with { type: 'json' };
import processingOrder from './__fixtures__/woocommerce-order-processing.json' with { type: 'json' };
import unicodeOrder from './__fixtures__/woocommerce-order-unicode.json' with { type: 'json' };
import { mapWooCommerceCustomer } from './map-woocommerce-customer';
import { mapWooCommerceOrder } from './map-woocommerce-order';
import { createWooCommerceAdapter, woocommercePlatform } from './woocommerce-adapter';
import { woocommerceCustomerSchema, woocommerceOrderSchema } from './woocommerce-api';
import type { WooCommerceAdapterSettings } from './woocommerce-connection';

/** The fields of a v3 customer fixture that the WordPress user behind it stores (sheet §4). */
interface WooCommerceCustomerFixture
  extends Pick<
    WooCommerceUserRecord,
    'id' | 'username' | 'email' | 'first_name' | 'last_name' | 'role' | 'billing' | 'shipping' | 'meta_data'
  > {
  readonly date_created_gmt: string;
  readonly date_modified_gmt: string | null;
}

/** A v3 customer fixture as the WordPress user the simulator stores. */
function userRecord(customer: WooCommerceCustomerFixture): WooCommerceUserRecord {
  return {
    id: customer.id,
    username: customer.username,
    email: customer.email,
    first_name: customer.first_name,
    last_name: customer.last_name,
    display_name: `${customer.first_name} ${customer.last_name}`.trim() || customer.username,
    role: customer.role,
    date_created_gmt: customer.date_created_gmt,
    date_modified_gmt: customer.date_modified_gmt,
    billing: customer.billing,
    shipping: customer.shipping,
    meta_data: customer.meta_data,
  };
}

const customers: WooCommerceCustomerFixture[] = [
  fullCustomer,
  customerWithoutShipping,
  customerWithoutBilling,
  unicodeCustomer,
  subscriber,
];
const orders: WooCommerceOrderRecord[] = [
  completedOrder,
  processingOrder,
  pendingOrder,
  unicodeOrder,
  guestOrder,
];
const administrator: WooCommerceCustomerFixture = {
  ...fullCustomer,
  id: 1,
  email: 'admin@shop.example.com',
  username: 'admin',
  role: 'administrator',
};
const seeded = { customers: [...customers, administrator].map(userRecord), orders };
const consumerKey = 'ck_4f1c0ffee4f1c0ffee4f1c0ffee4f1c0ffee4f1c';
const consumerSecret = 'cs_9e2bead9e2bead9e2bead9e2bead9e2bead9e2b';
const basicAuthorization = `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}`;
const now = new Date('2025-01-15T10:00:00Z');
const everyRoleByAscendingId = { role: 'all', orderby: 'id', order: 'asc' };
const apiRoot = '/wp-json/wc/v3';

runAdapterConformance({
  definition: woocommercePlatform,
  simulator: startWooCommerceSimulator,
  settings: (simulator) => ({ ...simulator.credentials, baseUrl: simulator.url }),
  secrets: (simulator) => [simulator.credentials.consumerKey, simulator.credentials.consumerSecret],
  native: wooCommerceCustomerFacts,
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
        defaultShipping: true,
      },
    ],
  },
});

function canonical(native: WooCommerceCustomerFixture, currency: string | null = 'USD') {
  return mapWooCommerceCustomer(woocommerceCustomerSchema.parse(native), currency);
}

/** Every address sub-key of a block `""`: what a replaced block starts from. */
const blankAddress = {
  first_name: '',
  last_name: '',
  company: '',
  address_1: '',
  address_2: '',
  city: '',
  state: '',
  postcode: '',
  country: '',
};

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** Another site, for the cases that need its own settings; closed by the caller. */
function startSite(options: WooCommerceSimulatorOptions = {}) {
  return startWooCommerceSimulator({ consumerKey, consumerSecret, now: () => now, data: seeded, ...options });
}

describe('createWooCommerceAdapter', () => {
  let upstream: WooCommerceSimulator;

  beforeAll(async () => {
    upstream = await startSite();
  });

  beforeEach(() => {
    upstream.reset();
  });

  afterAll(async () => {
    await upstream.close();
  });

  const adapterWith = (settings: Partial<WooCommerceAdapterSettings> = {}, site = upstream) =>
    createWooCommerceAdapter({
      url: 'https://shop.example.com',
      consumerKey,
      consumerSecret,
      baseUrl: site.url,
      retry: { maxRetries: 0 },
      ...settings,
    });
  const requestsTo = (path: string) =>
    upstream.requests.filter((request) => request.path === `${apiRoot}${path}`);
  const customerListQueries = () => requestsTo('/customers').map((request) => request.query);
  const listIds = async (filters: CustomerFilters) =>
    (await adapterWith().listCustomers({ ...filters, limit: 100, cursor: null })).items.map(
      (customer) => customer.id,
    );

  describe('authentication', () => {
    it('sends the key pair as HTTP Basic with its user agent, and nothing in the URL', async () => {
      await adapterWith().getCustomer('25');
      const [request] = upstream.requests;
      expect([request?.headers.authorization, request?.headers['user-agent'], request?.query]).toStrictEqual([
        basicAuthorization,
        'unicart-adapter-woocommerce/0.0.0-test',
        {},
      ]);
    });

    it('sends the key pair as query parameters, without an Authorization header, when asked to', async () => {
      await adapterWith({ authMethod: 'query-string' }).getCustomer('25');
      const [request] = upstream.requests;
      expect([request?.headers.authorization, request?.query]).toStrictEqual([
        undefined,
        { consumer_key: consumerKey, consumer_secret: consumerSecret },
      ]);
    });

    it('keeps query-string secrets out of the error when the site cannot be reached', async () => {
      // Nothing listens on port 9 (discard) of the loopback address.
      const adapter = adapterWith({ authMethod: 'query-string', baseUrl: 'http://127.0.0.1:9' });
      const error = await failure(adapter.getCustomer('25'));
      const text = `${String(error)} ${JSON.stringify(error)} ${String((error as Error).cause)}`;
      expect([
        UpstreamError.isInstance(error),
        text.includes(consumerKey),
        text.includes(consumerSecret),
      ]).toStrictEqual([true, false, false]);
    });

    it('maps a wrong consumer secret to UpstreamUnauthorizedError', async () => {
      const error = await failure(adapterWith({ consumerSecret: 'cs_wrong_secret_value' }).getCustomer('25'));
      expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
    });

    it('maps an unknown consumer key to UpstreamUnauthorizedError', async () => {
      const error = await failure(adapterWith({ consumerKey: 'ck_unknown_key_value' }).countCustomers({}));
      expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
    });
  });

  describe('settings', () => {
    it('keeps the sub-directory of the site under baseUrl', async () => {
      const site = await startSite({ sitePath: '/store' });
      try {
        const customer = await adapterWith({ url: 'https://example.com/store' }, site).getCustomer('25');
        expect([site.requests[0]?.path, customer?.id]).toStrictEqual([`/store${apiRoot}/customers/25`, '25']);
      } finally {
        await site.close();
      }
    });

    it('warns that WooCommerce ignores API keys on a plain-http site', () => {
      const warn = vi.fn();
      adapterWith({ url: 'http://shop.example.com', baseUrl: undefined, logger: { warn } });
      expect(warn.mock.calls).toStrictEqual([
        [
          { platform: 'woocommerce' },
          'The WooCommerce site URL is plain http://: WooCommerce ignores API keys over HTTP, use its https:// URL',
        ],
      ]);
    });

    it('refuses a site URL that is not a URL, at creation', () => {
      expect(() => adapterWith({ url: 'shop.example.com' })).toThrow(InvalidRequestError);
    });

    it('asks a limiter given in the settings before every request', async () => {
      const acquire = vi.fn(async () => undefined);
      await adapterWith({ limiter: { acquire } }).listCustomers({ limit: 10, cursor: null });
      expect([upstream.requests.length > 0, acquire.mock.calls.length]).toStrictEqual([
        true,
        upstream.requests.length,
      ]);
    });
  });

  describe('listCustomers', () => {
    it('asks for every role in ascending id order at offset 0, and points the cursor at the next offset', async () => {
      const page = await adapterWith().listCustomers({ limit: 2, cursor: null });
      expect(customerListQueries()).toStrictEqual([
        { ...everyRoleByAscendingId, offset: '0', per_page: '2' },
      ]);
      expect(page).toStrictEqual({
        items: [canonical(administrator), canonical(customerWithoutBilling)],
        nextCursor: '2',
      });
    });

    it('continues from the offset in the cursor and ends with null', async () => {
      const page = await adapterWith().listCustomers({ limit: 4, cursor: '4' });
      expect(customerListQueries()).toStrictEqual([
        { ...everyRoleByAscendingId, offset: '4', per_page: '4' },
      ]);
      expect(page).toStrictEqual({
        items: [canonical(unicodeCustomer), canonical(subscriber)],
        nextCursor: null,
      });
    });

    it('reads the store currency once per adapter, after the customers', async () => {
      const adapter = adapterWith();
      await adapter.listCustomers({ limit: 2, cursor: null });
      await adapter.listCustomers({ limit: 2, cursor: '2' });
      expect(upstream.requests.map((request) => request.path)).toStrictEqual([
        `${apiRoot}/customers`,
        `${apiRoot}/data/currencies/current`,
        `${apiRoot}/customers`,
      ]);
    });

    it('lists customers with a null currency when the key may not read store data', async () => {
      const site = await startSite({ keyOwnerManagesWooCommerce: false });
      try {
        const page = await adapterWith({}, site).listCustomers({ limit: 2, cursor: null });
        expect(page.items).toStrictEqual([
          canonical(administrator, null),
          canonical(customerWithoutBilling, null),
        ]);
      } finally {
        await site.close();
      }
    });

    it('sends ids as include', async () => {
      expect(await listIds({ ids: ['25', '7'] })).toStrictEqual(['7', '25']);
      expect(customerListQueries()).toStrictEqual([
        { ...everyRoleByAscendingId, include: '25,7', offset: '0', per_page: '100' },
      ]);
    });

    it('sends email as it is given and finds the customer whatever its case', async () => {
      expect(await listIds({ email: 'ANA.REYES@EXAMPLE.COM' })).toStrictEqual(['25']);
      expect(customerListQueries()).toStrictEqual([
        { ...everyRoleByAscendingId, email: 'ANA.REYES@EXAMPLE.COM', offset: '0', per_page: '100' },
      ]);
    });

    it('sends search to WordPress, which matches logins and emails', async () => {
      expect(await listIds({ search: 'zoe' })).toStrictEqual(['31']);
      expect(customerListQueries()).toStrictEqual([
        { ...everyRoleByAscendingId, search: 'zoe', offset: '0', per_page: '100' },
      ]);
    });

    it('sends search and checks the email itself when both are given', async () => {
      expect(await listIds({ search: 'example', email: 'Zoe.Nguyen@example.jp' })).toStrictEqual(['31']);
      expect(customerListQueries()).toStrictEqual([
        { ...everyRoleByAscendingId, search: 'example', offset: '0', per_page: '100' },
      ]);
    });

    it('checks an email that is not an address itself when search is also sent: it matches nobody', async () => {
      expect(await listIds({ search: 'example', email: 'not-an-email' })).toStrictEqual([]);
      expect(customerListQueries()).toStrictEqual([
        { ...everyRoleByAscendingId, search: 'example', offset: '0', per_page: '100' },
      ]);
    });

    it('lets WooCommerce refuse an email filter that is not an address when it is sent alone', async () => {
      const error = await failure(
        adapterWith().listCustomers({ email: 'not-an-email', limit: 10, cursor: null }),
      );
      expect(InvalidRequestError.isInstance(error)).toBe(true);
    });

    it('finds where sinceId starts with one-customer probes, then lists from there', async () => {
      expect(await listIds({ sinceId: '12' })).toStrictEqual(['25', '31', '40']);
      expect(customerListQueries()).toStrictEqual([
        { ...everyRoleByAscendingId, offset: '0', per_page: '1' },
        { ...everyRoleByAscendingId, offset: '1', per_page: '1' },
        { ...everyRoleByAscendingId, offset: '2', per_page: '1' },
        { ...everyRoleByAscendingId, offset: '4', per_page: '1' },
        { ...everyRoleByAscendingId, offset: '3', per_page: '1' },
        { ...everyRoleByAscendingId, offset: '3', per_page: '100' },
      ]);
    });

    it('checks createdAt itself on pages of 100', async () => {
      const createdAt = { from: '2023-01-01T00:00:00.000Z', to: '2024-06-30T23:59:59.999Z' };
      expect(await listIds({ createdAt })).toStrictEqual(['1', '25', '31']);
      expect(customerListQueries()).toStrictEqual([
        { ...everyRoleByAscendingId, offset: '0', per_page: '100' },
      ]);
    });

    it('checks updatedAt itself, leaving out customers never modified', async () => {
      expect(await listIds({ updatedAt: { from: '2024-01-01T00:00:00.000Z' } })).toStrictEqual([
        '1',
        '25',
        '31',
        '40',
      ]);
      expect(customerListQueries()).toStrictEqual([
        { ...everyRoleByAscendingId, offset: '0', per_page: '100' },
      ]);
    });

    it('checks name itself on first and last names, which WordPress search ignores', async () => {
      expect(await listIds({ name: 'NGUYỄN' })).toStrictEqual(['31']);
      expect(customerListQueries()).toStrictEqual([
        { ...everyRoleByAscendingId, offset: '0', per_page: '100' },
      ]);
    });

    it('reads a body that PHP notices precede', async () => {
      const site = await startSite({ phpNotices: true });
      try {
        const page = await adapterWith({}, site).listCustomers({ limit: 1, cursor: '1' });
        expect(page).toStrictEqual({ items: [canonical(customerWithoutBilling)], nextCursor: '2' });
      } finally {
        await site.close();
      }
    });

    it('explains a missing REST route (WooCommerce inactive) with an UpstreamError', async () => {
      // WordPress lives under /store: the site root the adapter was given has no WooCommerce route.
      const site = await startSite({ sitePath: '/store' });
      const error = await failure(adapterWith({}, site).listCustomers({ limit: 1, cursor: null }));
      await site.close();
      expect([UpstreamError.isInstance(error), (error as Error).message]).toStrictEqual([
        true,
        'WooCommerce has no REST route for GET /customers: check that url is the WordPress site root, that WooCommerce is active and that pretty permalinks are enabled',
      ]);
    });
  });

  describe('countCustomers', () => {
    it('reads X-WP-Total of a one-customer request', async () => {
      expect(await adapterWith().countCustomers({})).toBe(6);
      expect(upstream.requests.map((request) => request.query)).toStrictEqual([
        { ...everyRoleByAscendingId, offset: '0', per_page: '1' },
      ]);
    });

    it('counts from the X-WP-Total header, not from the customers of the page', async () => {
      const site = await startWooCommerceSimulator({ count: 17, consumerKey, consumerSecret });
      try {
        const users = site.customerIds().length;
        expect(users).toBeGreaterThan(17);
        expect([
          await adapterWith({}, site).countCustomers({}),
          site.requests[0]?.query.per_page,
        ]).toStrictEqual([users, '1']);
      } finally {
        await site.close();
      }
    });

    it('sends the native filters with the count request', async () => {
      expect(await adapterWith().countCustomers({ email: 'evan.obrien@example.ie' })).toBe(1);
      expect(customerListQueries()).toStrictEqual([
        { ...everyRoleByAscendingId, email: 'evan.obrien@example.ie', offset: '0', per_page: '1' },
      ]);
    });

    it('counts by scanning when it checks a filter itself', async () => {
      expect(await adapterWith().countCustomers({ name: 'ana' })).toBe(2);
      expect(customerListQueries()).toStrictEqual([
        // A count reads only what the check looks at.
        { ...everyRoleByAscendingId, offset: '0', per_page: '100', _fields: 'id,first_name,last_name' },
      ]);
    });
  });

  describe('sort and fields', () => {
    it('sorts by registration date with orderby and order, asking only for the keys of the asked fields', async () => {
      const page = await adapterWith().listCustomers(
        { limit: 2, cursor: null, sort: { key: 'createdAt', direction: 'desc' } },
        { view: { fields: ['email'] } },
      );
      expect(customerListQueries()).toStrictEqual([
        {
          role: 'all',
          orderby: 'registered_date',
          order: 'desc',
          offset: '0',
          per_page: '2',
          _fields: 'id,email,date_created_gmt,date_modified_gmt',
        },
      ]);
      for (const customer of page.items) expect(Object.keys(customer).sort()).toStrictEqual(['email', 'id']);
    });

    it('reads one customer with _fields, and the record as WooCommerce sent it under raw', async () => {
      const shaped = await adapterWith().getCustomer('31', { view: { fields: ['addresses'] } });
      expect(shaped).toStrictEqual({ id: '31', addresses: canonical(unicodeCustomer).addresses });
      expect(upstream.requests[0]?.query).toStrictEqual({ _fields: 'id,billing,shipping' });
      const raw = await adapterWith().getCustomer('31', { view: { raw: true } });
      expect(raw?.raw).toMatchObject({ id: 31, billing: expect.any(Object), shipping: expect.any(Object) });
    });
  });

  describe('getCustomer', () => {
    it('reads /customers/{id} and maps it with the store currency', async () => {
      expect(await adapterWith().getCustomer('31')).toStrictEqual(canonical(unicodeCustomer));
      expect(upstream.requests[0]).toMatchObject({
        method: 'GET',
        path: `${apiRoot}/customers/31`,
        query: {},
      });
    });

    it('gives null for an unknown customer', async () => {
      expect(await adapterWith().getCustomer('987')).toBeNull();
    });

    it('gives null for an id WooCommerce cannot have, without a request', async () => {
      expect([await adapterWith().getCustomer('abc'), upstream.requests]).toStrictEqual([null, []]);
    });
  });

  describe('createCustomer', () => {
    it('posts the WooCommerce body and returns the customer WooCommerce stored', async () => {
      const created = await adapterWith().createCustomer({
        firstName: 'Marta',
        lastName: 'Lindqvist',
        email: 'marta@example.se',
        phone: '+46 8 555 0166',
        addresses: [
          { address1: 'Drottninggatan 5', city: 'Stockholm', country: { code: 'SE' }, defaultShipping: true },
        ],
      });
      expect(requestsTo('/customers')[0]).toMatchObject({
        method: 'POST',
        body: {
          email: 'marta@example.se',
          first_name: 'Marta',
          last_name: 'Lindqvist',
          billing: { phone: '+46 8 555 0166' },
          shipping: { address_1: 'Drottninggatan 5', city: 'Stockholm', country: 'SE' },
        },
      });
      expect(created).toStrictEqual({
        id: '41',
        email: 'marta@example.se',
        firstName: 'Marta',
        lastName: 'Lindqvist',
        phone: '+46 8 555 0166',
        currency: 'USD',
        note: null,
        acceptsMarketing: null,
        tags: [],
        ordersCount: null,
        totalSpent: null,
        status: { id: null, status: 'customer' },
        dates: { createdAt: '2025-01-15T10:00:00.000Z', updatedAt: '2025-01-15T10:00:00.000Z' },
        // The billing block holds only the phone: the customer's phone, not an address.
        addresses: [
          {
            id: null,
            firstName: null,
            lastName: null,
            address1: 'Drottninggatan 5',
            address2: null,
            city: 'Stockholm',
            postalCode: null,
            phone: null,
            company: null,
            references: null,
            defaultBilling: false,
            defaultShipping: true,
            country: { code: 'SE', name: 'Sweden', codeIso2: 'SE', codeIso3: 'SWE' },
            state: null,
          },
        ],
      });
      expect(upstream.stored('41')).toStrictEqual({
        id: 41,
        username: 'marta',
        email: 'marta@example.se',
        first_name: 'Marta',
        last_name: 'Lindqvist',
        // WordPress registers a user with the login as its display name.
        display_name: 'marta',
        role: 'customer',
        date_created_gmt: '2025-01-15T10:00:00',
        date_modified_gmt: '2025-01-15T10:00:00',
        billing: { ...blankAddress, email: '', phone: '+46 8 555 0166' },
        shipping: {
          ...blankAddress,
          address_1: 'Drottninggatan 5',
          city: 'Stockholm',
          country: 'SE',
          phone: '',
        },
        meta_data: [],
      });
    });

    it('refuses a customer without an email before any request', async () => {
      const error = await failure(
        adapterWith().createCustomer({ firstName: 'Marta', lastName: 'Lindqvist' }),
      );
      expect([InvalidRequestError.isInstance(error) && error.issues, upstream.requests]).toStrictEqual([
        [{ path: 'customer.email', message: 'WooCommerce requires an email to create a customer' }],
        [],
      ]);
    });

    it('maps an email already registered to an InvalidRequestError naming customer.email', async () => {
      const error = await failure(
        adapterWith().createCustomer({ firstName: 'Ana', lastName: 'Again', email: 'ana.reyes@example.com' }),
      );
      expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
        { path: 'customer.email', message: 'is already registered on this store' },
      ]);
    });
  });

  describe('updateCustomer', () => {
    const putBody = (id: string) =>
      requestsTo(`/customers/${id}`).find((request) => request.method === 'PUT')?.body;
    const storedBlocks = (id: string) => {
      const stored = upstream.stored(id);
      return { billing: stored?.billing, shipping: stored?.shipping };
    };

    it('puts only the keys sent, and a shipping address alone blanks billing but its phone and email', async () => {
      const updated = await adapterWith().updateCustomer('25', {
        firstName: 'Anita',
        addresses: [{ address1: '9 Elm St', city: 'Dallas', country: { code: 'US' }, defaultShipping: true }],
      });
      const shipping = { ...blankAddress, address_1: '9 Elm St', city: 'Dallas', country: 'US', phone: '' };
      expect(putBody('25')).toStrictEqual({ first_name: 'Anita', billing: blankAddress, shipping });
      const stored = upstream.stored('25');
      expect([
        stored?.first_name,
        stored?.last_name,
        stored?.email,
        stored?.billing,
        stored?.shipping,
      ]).toStrictEqual([
        'Anita',
        fullCustomer.last_name,
        fullCustomer.email,
        { ...blankAddress, email: fullCustomer.billing.email, phone: fullCustomer.billing.phone },
        shipping,
      ]);
      expect([
        updated.phone,
        updated.addresses.map((address) => [address.defaultShipping, address.city]),
      ]).toStrictEqual([fullCustomer.billing.phone, [[true, 'Dallas']]]);
    });

    it('replaces the billing address only: shipping blanked, the billing phone and email kept', async () => {
      const updated = await adapterWith().updateCustomer('25', {
        addresses: [
          {
            firstName: 'Ana',
            lastName: 'Reyes',
            address1: '1 Main St',
            city: 'Houston',
            postalCode: '77002',
            country: { code: 'US' },
            state: { code: 'TX' },
            defaultBilling: true,
          },
        ],
      });
      const billing = {
        ...blankAddress,
        first_name: 'Ana',
        last_name: 'Reyes',
        address_1: '1 Main St',
        city: 'Houston',
        state: 'TX',
        postcode: '77002',
        country: 'US',
      };
      expect(putBody('25')).toStrictEqual({ billing, shipping: { ...blankAddress, phone: '' } });
      expect(storedBlocks('25')).toStrictEqual({
        billing: { ...billing, email: 'ana.reyes@example.com', phone: '+1 512 555 0100' },
        shipping: { ...blankAddress, phone: '' },
      });
      expect([
        updated.phone,
        updated.addresses.map((address) => [address.defaultBilling, address.address1, address.phone]),
      ]).toStrictEqual(['+1 512 555 0100', [[true, '1 Main St', '+1 512 555 0100']]]);
    });

    it('blanks both blocks for an empty address list, keeping the phone as the customer phone only', async () => {
      const updated = await adapterWith().updateCustomer('25', { addresses: [] });
      expect(putBody('25')).toStrictEqual({
        billing: blankAddress,
        shipping: { ...blankAddress, phone: '' },
      });
      expect(storedBlocks('25')).toStrictEqual({
        billing: { ...blankAddress, email: 'ana.reyes@example.com', phone: '+1 512 555 0100' },
        shipping: { ...blankAddress, phone: '' },
      });
      expect([updated.phone, updated.addresses]).toStrictEqual(['+1 512 555 0100', []]);
    });

    it('writes "" for every field an address leaves out, the old values gone', async () => {
      await adapterWith().updateCustomer('31', {
        addresses: [{ city: 'Ōsaka', country: { code: 'JP' }, defaultBilling: true, defaultShipping: true }],
      });
      const address = { ...blankAddress, city: 'Ōsaka', country: 'JP' };
      expect(putBody('31')).toStrictEqual({ billing: address, shipping: { ...address, phone: '' } });
      expect(storedBlocks('31')).toStrictEqual({
        billing: { ...address, email: 'zoe.nguyen@example.jp', phone: '+81 3-5555-0123' },
        shipping: { ...address, phone: '' },
      });
    });

    it('writes the phone sent with the addresses into billing', async () => {
      const updated = await adapterWith().updateCustomer('12', {
        phone: '+1 416 555 0199',
        addresses: [
          { address1: '1 King St W', city: 'Toronto', country: { code: 'CA' }, defaultShipping: true },
        ],
      });
      const shipping = {
        ...blankAddress,
        address_1: '1 King St W',
        city: 'Toronto',
        country: 'CA',
        phone: '',
      };
      expect(putBody('12')).toStrictEqual({
        billing: { ...blankAddress, phone: '+1 416 555 0199' },
        shipping,
      });
      expect(storedBlocks('12')).toStrictEqual({
        billing: { ...blankAddress, email: 'billing@tremblay-fils.example.ca', phone: '+1 416 555 0199' },
        shipping,
      });
      expect([updated.phone, updated.addresses.map((address) => address.defaultShipping)]).toStrictEqual([
        '+1 416 555 0199',
        [true],
      ]);
    });

    it("writes the billing address's own phone as the customer phone", async () => {
      const updated = await adapterWith().updateCustomer('25', {
        addresses: [{ address1: '1 Main St', phone: '+1 512 555 0111', defaultBilling: true }],
      });
      expect(putBody('25')).toStrictEqual({
        billing: { ...blankAddress, address_1: '1 Main St', phone: '+1 512 555 0111' },
        shipping: { ...blankAddress, phone: '' },
      });
      expect([upstream.stored('25')?.billing.phone, updated.phone]).toStrictEqual([
        '+1 512 555 0111',
        '+1 512 555 0111',
      ]);
    });

    it('refuses a phone that differs from the billing address phone before any request', async () => {
      const error = await failure(
        adapterWith().updateCustomer('25', {
          phone: '+1 512 555 0199',
          addresses: [{ address1: '1 Main St', phone: '+1 512 555 0111', defaultBilling: true }],
        }),
      );
      expect([InvalidRequestError.isInstance(error), upstream.requests, upstream.stored('25')]).toStrictEqual(
        [true, [], userRecord(fullCustomer)],
      );
    });

    it('throws NotFoundError for an unknown customer', async () => {
      expect(
        NotFoundError.isInstance(await failure(adapterWith().updateCustomer('987', { firstName: 'X' }))),
      ).toBe(true);
    });

    it("refuses to change an administrator's email with an InvalidRequestError", async () => {
      const error = await failure(adapterWith().updateCustomer('1', { email: 'new.admin@shop.example.com' }));
      expect([InvalidRequestError.isInstance(error), upstream.stored('1')?.email]).toStrictEqual([
        true,
        'admin@shop.example.com',
      ]);
    });
  });

  describe('deleteCustomer', () => {
    it('deletes with force=true, as customers cannot be trashed', async () => {
      await adapterWith().deleteCustomer('40');
      expect(upstream.requests[0]).toMatchObject({
        method: 'DELETE',
        path: `${apiRoot}/customers/40`,
        query: { force: 'true' },
      });
      expect(upstream.stored('40')).toBeUndefined();
    });

    it('refuses to delete an administrator with an InvalidRequestError', async () => {
      const error = await failure(adapterWith().deleteCustomer('1'));
      expect([UnicartError.isInstance(error) && error.code, upstream.stored('1')?.role]).toStrictEqual([
        'invalid_request',
        'administrator',
      ]);
    });

    it('throws NotFoundError for an unknown customer', async () => {
      expect(NotFoundError.isInstance(await failure(adapterWith().deleteCustomer('987')))).toBe(true);
    });
  });

  describe('listCustomerOrders', () => {
    const order = (native: unknown) => mapWooCommerceOrder(woocommerceOrderSchema.parse(native));

    it('checks the customer, then pages its orders by offset in ascending id order', async () => {
      const page = await adapterWith().listCustomerOrders('25', { limit: 2, cursor: null });
      expect(upstream.requests.map(({ method, path, query }) => ({ method, path, query }))).toStrictEqual([
        { method: 'GET', path: `${apiRoot}/customers/25`, query: { _fields: 'id' } },
        {
          method: 'GET',
          path: `${apiRoot}/orders`,
          query: { customer: '25', offset: '0', per_page: '2', orderby: 'id', order: 'asc' },
        },
      ]);
      expect(page).toStrictEqual({ items: [order(completedOrder), order(processingOrder)], nextCursor: '2' });
    });

    it('ends with the last order and a null cursor', async () => {
      const page = await adapterWith().listCustomerOrders('25', { limit: 2, cursor: '2' });
      expect(page).toStrictEqual({ items: [order(pendingOrder)], nextCursor: null });
    });

    it('gives an empty last page for a customer without orders', async () => {
      expect(await adapterWith().listCustomerOrders('40', { limit: 2, cursor: null })).toStrictEqual({
        items: [],
        nextCursor: null,
      });
    });

    it('throws NotFoundError for an unknown customer without asking for orders', async () => {
      const error = await failure(adapterWith().listCustomerOrders('987', { limit: 2, cursor: null }));
      expect([NotFoundError.isInstance(error), requestsTo('/orders')]).toStrictEqual([true, []]);
    });
  });
});
