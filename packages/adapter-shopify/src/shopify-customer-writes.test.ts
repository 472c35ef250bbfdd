import {
  type Customer,
  type CustomerAdapterV1,
  InvalidRequestError,
  NotFoundError,
  UnicartError,
  UpstreamError,
} from '@unicart/core';
import type { ShopifySimulator } from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCustomerDocument } from './shopify-documents';
import {
  adapterFor,
  customerFixtures,
  customerRecord,
  graphqlCalls,
  servedCustomer,
  startSeededShopify,
} from './shopify-fixtures.fixture';

let upstream: ShopifySimulator;
let adapter: CustomerAdapterV1;

beforeAll(async () => {
  upstream = await startSeededShopify();
});

beforeEach(() => {
  upstream.reset();
  adapter = adapterFor(upstream);
});

afterAll(() => upstream.close());

/** The id Shopify gave the customer created during the test (the simulator's back door says which). */
const createdId = (before: readonly string[]) =>
  upstream.customerIds().find((id) => !before.includes(id)) ?? 'none';
const kenjiGid = 'gid://shopify/Customer/7010392402';
const addressGid = (id: number) => `gid://shopify/MailingAddress/${id}?model_name=CustomerAddress`;

async function failure(promise: Promise<unknown>): Promise<UnicartError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!UnicartError.isInstance(error)) throw new Error(`expected a UnicartError, got ${String(error)}`);
  return error;
}

const operations = () => graphqlCalls(upstream).map((call) => call.operationName);
const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/;

describe('createCustomer', () => {
  it('creates the customer with consent, then each address, then reads it back', async () => {
    const before = upstream.customerIds();
    const created = await adapter.createCustomer({
      firstName: 'Maya',
      lastName: 'Lin',
      email: 'maya.lin@example.com',
      phone: '+15125550199',
      note: 'Gift wrap',
      tags: ['new'],
      acceptsMarketing: true,
      addresses: [
        {
          firstName: 'Maya',
          lastName: 'Lin',
          address1: '9 Elm St',
          city: 'Austin',
          postalCode: '78702',
          country: { code: 'US' },
          state: { code: 'TX' },
          defaultBilling: true,
        },
        { address1: '1 Bay St', city: 'Toronto', country: { code: 'CA' }, state: { code: 'ON' } },
      ],
    });
    const id = createdId(before);
    const newCustomerGid = `gid://shopify/Customer/${id}`;
    const [billingId, otherId] = upstream.stored(id)?.addresses.map((address) => address.id) ?? [];
    expect(graphqlCalls(upstream)).toStrictEqual([
      {
        operationName: createCustomerDocument.operationName,
        variables: {
          input: {
            firstName: 'Maya',
            lastName: 'Lin',
            email: 'maya.lin@example.com',
            phone: '+15125550199',
            note: 'Gift wrap',
            tags: ['new'],
            emailMarketingConsent: { marketingState: 'SUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN' },
          },
        },
      },
      {
        operationName: 'CreateCustomerAddress',
        variables: {
          customerId: newCustomerGid,
          address: {
            firstName: 'Maya',
            lastName: 'Lin',
            address1: '9 Elm St',
            city: 'Austin',
            zip: '78702',
            countryCode: 'US',
            provinceCode: 'TX',
          },
          setAsDefault: true,
        },
      },
      {
        operationName: 'CreateCustomerAddress',
        variables: {
          customerId: newCustomerGid,
          address: { address1: '1 Bay St', city: 'Toronto', countryCode: 'CA', provinceCode: 'ON' },
          setAsDefault: false,
        },
      },
      { operationName: 'GetCustomer', variables: { id: newCustomerGid, addressesFirst: 50 } },
    ]);
    const noAddress = {
      address2: null,
      phone: null,
      company: null,
      references: null,
    };
    expect(created).toStrictEqual({
      id,
      email: 'maya.lin@example.com',
      firstName: 'Maya',
      lastName: 'Lin',
      phone: '+15125550199',
      currency: 'USD',
      note: 'Gift wrap',
      acceptsMarketing: true,
      tags: ['new'],
      ordersCount: 0,
      totalSpent: 0,
      status: { id: null, status: 'DISABLED' },
      dates: { createdAt: expect.any(String), updatedAt: expect.any(String) },
      addresses: [
        {
          ...noAddress,
          id: String(billingId),
          firstName: 'Maya',
          lastName: 'Lin',
          address1: '9 Elm St',
          city: 'Austin',
          postalCode: '78702',
          defaultBilling: true,
          defaultShipping: true,
          country: { code: 'US', name: 'United States', codeIso2: 'US', codeIso3: 'USA' },
          state: { code: 'TX', name: 'Texas' },
        },
        {
          ...noAddress,
          id: String(otherId),
          firstName: null,
          lastName: null,
          address1: '1 Bay St',
          city: 'Toronto',
          postalCode: null,
          defaultBilling: false,
          defaultShipping: false,
          country: { code: 'CA', name: 'Canada', codeIso2: 'CA', codeIso3: 'CAN' },
          state: { code: 'ON', name: 'Ontario' },
        },
      ],
    } satisfies Customer);
    expect(created.dates.createdAt).toMatch(isoUtc);
    const address = { company: null, address2: null, phone: null };
    expect(upstream.stored(id)).toStrictEqual({
      id: Number(id),
      firstName: 'Maya',
      lastName: 'Lin',
      email: 'maya.lin@example.com',
      phone: '+15125550199',
      note: 'Gift wrap',
      tags: ['new'],
      state: 'DISABLED',
      verifiedEmail: expect.any(Boolean),
      taxExempt: false,
      locale: expect.any(String),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      updatedAt: expect.any(String),
      emailMarketing: { state: 'SUBSCRIBED', optInLevel: 'SINGLE_OPT_IN', updatedAt: expect.any(String) },
      smsMarketing: expect.any(Object),
      addresses: [
        {
          ...address,
          id: billingId,
          firstName: 'Maya',
          lastName: 'Lin',
          address1: '9 Elm St',
          city: 'Austin',
          zip: '78702',
          provinceCode: 'TX',
          countryCode: 'US',
        },
        {
          ...address,
          id: otherId,
          firstName: null,
          lastName: null,
          address1: '1 Bay St',
          city: 'Toronto',
          zip: null,
          provinceCode: 'ON',
          countryCode: 'CA',
        },
      ],
      defaultAddressId: billingId,
    });
  });

  it('maps Shopify’s refusal to InvalidRequestError naming the field', async () => {
    const error = await failure(
      adapter.createCustomer({ firstName: 'Other', lastName: 'Ana', email: 'ana.reyes@example.com' }),
    );
    expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
      { path: 'customer.email', message: 'Email has already been taken' },
    ]);
    expect(operations()).toStrictEqual(['CreateCustomer']);
  });

  it('removes the new customer again when one of its addresses is refused', async () => {
    const before = upstream.customerIds();
    const error = await failure(
      adapter.createCustomer({
        firstName: 'Maya',
        lastName: 'Lin',
        addresses: [{ address1: '1 Main St', country: { code: 'US' }, state: { code: 'ZZ' } }],
      }),
    );
    expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
      { path: 'customer.addresses.0.state.code', message: 'Province is not valid' },
    ]);
    const newCustomerGid = (graphqlCalls(upstream)[1]?.variables as { customerId?: string } | undefined)
      ?.customerId;
    expect(graphqlCalls(upstream).slice(1)).toStrictEqual([
      {
        operationName: 'CreateCustomerAddress',
        variables: {
          customerId: expect.stringMatching(/^gid:\/\/shopify\/Customer\/\d+$/),
          address: { address1: '1 Main St', countryCode: 'US', provinceCode: 'ZZ' },
          setAsDefault: false,
        },
      },
      { operationName: 'DeleteCustomer', variables: { id: newCustomerGid } },
    ]);
    expect(upstream.customerIds()).toStrictEqual(before);
  });

  it('refuses an address with delivery instructions before any request: Shopify has no such field', async () => {
    const error = await failure(
      adapter.createCustomer({ firstName: 'A', lastName: 'B', addresses: [{ references: 'Back door' }] }),
    );
    expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
      { path: 'customer.addresses.0.references', message: 'has no Shopify field; send null or leave it out' },
    ]);
    expect(upstream.requests).toStrictEqual([]);
  });

  it('does not repeat a create after a 500: Shopify may have acted', async () => {
    upstream.failNext('serverError');
    const error = await failure(adapter.createCustomer({ firstName: 'A', lastName: 'B' }));
    expect(UpstreamError.isInstance(error) && error.upstreamStatus).toBe(500);
    expect(operations()).toStrictEqual(['CreateCustomer']);
  });

  it('repeats a throttled create after the wait: Shopify did not act', async () => {
    upstream.failNext('rateLimited');
    const created = await adapter.createCustomer({ firstName: 'A', lastName: 'B' });
    expect(operations()).toStrictEqual(['CreateCustomer', 'CreateCustomer', 'GetCustomer']);
    expect([upstream.stored(created.id)?.firstName, upstream.stored(created.id)?.lastName]).toStrictEqual([
      'A',
      'B',
    ]);
  });
});

describe('updateCustomer', () => {
  it('sends only the keys given, then reads the customer back', async () => {
    const stored = upstream.stored('7010392211');
    const updated = await adapter.updateCustomer('7010392211', { firstName: 'Anita', note: null });
    expect(graphqlCalls(upstream)).toStrictEqual([
      {
        operationName: 'UpdateCustomer',
        variables: { input: { firstName: 'Anita', note: null, id: 'gid://shopify/Customer/7010392211' } },
      },
      {
        operationName: 'GetCustomer',
        variables: { id: 'gid://shopify/Customer/7010392211', addressesFirst: 50 },
      },
    ]);
    const before = servedCustomer(customerFixtures.full);
    expect(updated).toStrictEqual({
      ...before,
      firstName: 'Anita',
      note: null,
      dates: { createdAt: before.dates.createdAt, updatedAt: expect.any(String) },
    });
    expect((updated.dates.updatedAt ?? '') > (before.dates.updatedAt ?? '')).toBe(true);
    expect(upstream.stored('7010392211')).toStrictEqual({
      ...stored,
      firstName: 'Anita',
      note: null,
      updatedAt: expect.any(String),
    });
    expect(upstream.stored('7010392211')?.updatedAt).not.toBe(stored?.updatedAt);
  });

  it('withdraws marketing consent with the consent mutation, as UNSUBSCRIBED', async () => {
    const updated = await adapter.updateCustomer('7010392211', { acceptsMarketing: false });
    expect(graphqlCalls(upstream)).toStrictEqual([
      {
        operationName: 'GetCustomer',
        variables: { id: 'gid://shopify/Customer/7010392211', addressesFirst: 50 },
      },
      {
        operationName: 'UpdateEmailMarketingConsent',
        variables: {
          input: {
            customerId: 'gid://shopify/Customer/7010392211',
            emailMarketingConsent: { marketingState: 'UNSUBSCRIBED' },
          },
        },
      },
      {
        operationName: 'GetCustomer',
        variables: { id: 'gid://shopify/Customer/7010392211', addressesFirst: 50 },
      },
    ]);
    expect(updated.acceptsMarketing).toBe(false);
  });

  it('refuses consent for a customer without email after reading it, before any write', async () => {
    const error = await failure(adapter.updateCustomer('7010392003', { acceptsMarketing: true }));
    expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
      { path: 'customer.acceptsMarketing', message: 'needs an email on Shopify' },
    ]);
    expect(operations()).toStrictEqual(['GetCustomer']);
  });

  it('replaces the address book: adds, changes, deletes and moves the default', async () => {
    const updated = await adapter.updateCustomer('7010392402', {
      addresses: [
        { id: '8600', city: 'Minato' },
        { id: '8601' },
        {
          address1: '5 Rue de Rivoli',
          city: 'Paris',
          postalCode: '75001',
          country: { code: 'FR' },
          defaultShipping: true,
        },
      ],
    });
    expect(graphqlCalls(upstream).slice(1, -1)).toStrictEqual([
      {
        operationName: 'CreateCustomerAddress',
        variables: {
          customerId: kenjiGid,
          address: { address1: '5 Rue de Rivoli', city: 'Paris', zip: '75001', countryCode: 'FR' },
          setAsDefault: true,
        },
      },
      {
        operationName: 'UpdateCustomerAddress',
        variables: {
          customerId: kenjiGid,
          addressId: addressGid(8600),
          address: {
            firstName: '健二',
            lastName: '山田',
            company: '山田商事',
            address1: '千代田1-1',
            address2: '',
            city: 'Minato',
            zip: '100-0001',
            phone: '+81312345678',
            countryCode: 'JP',
            provinceCode: 'JP-13',
          },
          setAsDefault: false,
        },
      },
      {
        operationName: 'DeleteCustomerAddress',
        variables: { customerId: kenjiGid, addressId: addressGid(8602) },
      },
      {
        operationName: 'DeleteCustomerAddress',
        variables: { customerId: kenjiGid, addressId: addressGid(8603) },
      },
    ]);
    const stored = upstream.stored('7010392402');
    const parisId = stored?.addresses[2]?.id;
    expect(
      updated.addresses.map((address) => [address.id, address.city, address.defaultShipping]),
    ).toStrictEqual([
      ['8600', 'Minato', false],
      ['8601', 'New York', false],
      [String(parisId), 'Paris', true],
    ]);
    const [minato, newYork] = customerRecord(customerFixtures.manyAddresses).addresses;
    expect(stored?.addresses).toStrictEqual([
      { ...minato, city: 'Minato', address2: null },
      newYork,
      {
        id: parisId,
        firstName: null,
        lastName: null,
        company: null,
        address1: '5 Rue de Rivoli',
        address2: null,
        city: 'Paris',
        zip: '75001',
        provinceCode: null,
        countryCode: 'FR',
        phone: null,
      },
    ]);
    expect(stored?.defaultAddressId).toBe(parisId);
  });

  it('makes an unchanged address the default with customerUpdateDefaultAddress', async () => {
    await adapter.updateCustomer('7010392402', {
      addresses: [{ id: '8600', defaultBilling: true }, { id: '8601' }, { id: '8602' }, { id: '8603' }],
    });
    expect(graphqlCalls(upstream).slice(1, -1)).toStrictEqual([
      {
        operationName: 'SetDefaultCustomerAddress',
        variables: { customerId: kenjiGid, addressId: addressGid(8600) },
      },
    ]);
    expect(upstream.stored('7010392402')?.defaultAddressId).toBe(8600);
  });

  it('maps a refusal of an existing customer to InvalidRequestError', async () => {
    const error = await failure(adapter.updateCustomer('7010392211', { email: 'zoe.angstrom@example.de' }));
    expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
      { path: 'customer.email', message: 'Email has already been taken' },
    ]);
    expect(operations()).toStrictEqual(['UpdateCustomer', 'GetCustomer']);
  });

  it('throws NotFoundError for an id that is no Shopify id, without asking Shopify', async () => {
    const error = await failure(adapter.updateCustomer('nobody', { firstName: 'X' }));
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(upstream.requests).toStrictEqual([]);
  });

  it('throws NotFoundError for an unknown customer whose address book would change', async () => {
    const error = await failure(adapter.updateCustomer('987654321', { addresses: [] }));
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(operations()).toStrictEqual(['GetCustomer']);
  });
});

describe('deleteCustomer', () => {
  it('deletes a customer by its GID', async () => {
    await adapter.deleteCustomer('7010392577');
    expect(graphqlCalls(upstream)).toStrictEqual([
      { operationName: 'DeleteCustomer', variables: { id: 'gid://shopify/Customer/7010392577' } },
    ]);
    expect(upstream.stored('7010392577')).toBeUndefined();
  });

  it('refuses to delete a customer with orders with InvalidRequestError', async () => {
    const error = await failure(adapter.deleteCustomer('7010392211'));
    expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
      { path: 'customer.id', message: 'Customer can’t be deleted because they have associated orders' },
    ]);
    expect(upstream.stored('7010392211')).toBeDefined();
  });

  it('throws NotFoundError for an unknown customer', async () => {
    const error = await failure(adapter.deleteCustomer('987654321'));
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(operations()).toStrictEqual(['DeleteCustomer']);
  });

  it('throws NotFoundError for an id that is no Shopify id, without asking Shopify', async () => {
    expect(NotFoundError.isInstance(await failure(adapter.deleteCustomer('gid://shopify/Order/1')))).toBe(
      true,
    );
    expect(upstream.requests).toStrictEqual([]);
  });
});
