import { type Address, type Customer, customerSchema } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { mapShopifyCountry, mapShopifyCustomer, toFilterableCustomer } from './map-shopify-customer';
import { shopifyCustomerSchema, shopifyCustomerSummarySchema } from './shopify-api';
import { customerFixtures } from './shopify-fixtures.fixture';

const map = (fixture: unknown) => mapShopifyCustomer(shopifyCustomerSchema.parse(fixture));

const emptyAddress: Omit<Address, 'id' | 'country' | 'state'> = {
  firstName: null,
  lastName: null,
  address1: null,
  address2: null,
  city: null,
  postalCode: null,
  phone: null,
  company: null,
  references: null,
  defaultBilling: false,
  defaultShipping: false,
};

describe('mapShopifyCustomer', () => {
  it('maps the sheet’s full customer, every field', () => {
    expect(map(customerFixtures.full)).toStrictEqual({
      id: '7010392211',
      email: 'ana.reyes@example.com',
      firstName: 'Ana',
      lastName: 'Reyes',
      phone: '+15125550100',
      currency: 'USD',
      note: 'Prefers morning delivery',
      acceptsMarketing: true,
      tags: ['vip', 'wholesale'],
      ordersCount: 3,
      totalSpent: 84.5,
      status: { id: null, status: 'ENABLED' },
      dates: { createdAt: '2025-04-15T19:26:33.000Z', updatedAt: '2025-06-02T08:01:10.000Z' },
      addresses: [
        {
          id: '9123',
          firstName: 'Ana',
          lastName: 'Reyes',
          address1: '12 Oak St',
          address2: 'Apt 4',
          city: 'Austin',
          postalCode: '78701',
          phone: '+15125550100',
          company: null,
          references: null,
          defaultBilling: true,
          defaultShipping: true,
          country: { code: 'US', name: 'United States', codeIso2: 'US', codeIso3: 'USA' },
          state: { code: 'TX', name: 'Texas' },
        },
      ],
    } satisfies Customer);
  });

  it('maps a customer without email: no email and no consent to speak of', () => {
    expect(map(customerFixtures.noEmail)).toStrictEqual({
      id: '7010392003',
      email: null,
      firstName: 'Bob',
      lastName: 'Norman',
      phone: '+16135551111',
      currency: 'CAD',
      note: null,
      acceptsMarketing: null,
      tags: [],
      ordersCount: 0,
      totalSpent: 0,
      status: { id: null, status: 'DISABLED' },
      dates: { createdAt: '2024-01-10T09:00:00.000Z', updatedAt: '2024-03-05T12:30:00.000Z' },
      addresses: [
        {
          ...emptyAddress,
          id: '8001',
          firstName: 'Bob',
          lastName: 'Norman',
          address1: '44 Rideau St',
          city: 'Ottawa',
          postalCode: 'K1N 5W8',
          phone: '+16135551111',
          company: 'Norman Lumber Ltd.',
          defaultBilling: true,
          defaultShipping: true,
          country: { code: 'CA', name: 'Canada', codeIso2: 'CA', codeIso3: 'CAN' },
          state: { code: 'ON', name: 'Ontario' },
        },
      ],
    } satisfies Customer);
  });

  it('maps an invited customer without addresses, whose pending consent is no consent', () => {
    expect(map(customerFixtures.noAddresses)).toStrictEqual({
      id: '7010392577',
      email: 'dana.whitfield@example.org',
      firstName: 'Dana',
      lastName: 'Whitfield',
      phone: null,
      currency: 'USD',
      note: null,
      acceptsMarketing: false,
      tags: [],
      ordersCount: 0,
      totalSpent: 0,
      status: { id: null, status: 'INVITED' },
      dates: { createdAt: '2025-09-01T06:00:00.000Z', updatedAt: '2025-11-20T16:45:00.000Z' },
      addresses: [],
    } satisfies Customer);
  });

  it('keeps unicode names, notes and tags as they are, and a province-less address has no state', () => {
    expect(map(customerFixtures.unicode)).toStrictEqual({
      id: '7010392388',
      email: 'zoe.angstrom@example.de',
      firstName: 'Zoë',
      lastName: 'Ångström-Núñez',
      phone: null,
      currency: 'EUR',
      note: 'Bitte nach 18 Uhr liefern 🚚',
      acceptsMarketing: false,
      tags: ['stammkunde', 'grüße'],
      ordersCount: 0,
      totalSpent: 0,
      status: { id: null, status: 'ENABLED' },
      dates: { createdAt: '2024-08-19T22:05:41.000Z', updatedAt: '2025-02-14T10:00:00.000Z' },
      addresses: [
        {
          ...emptyAddress,
          id: '8450',
          firstName: 'Zoë',
          lastName: 'Ångström-Núñez',
          address1: 'Königstraße 5',
          city: 'Stuttgart',
          postalCode: '70173',
          defaultBilling: true,
          defaultShipping: true,
          country: { code: 'DE', name: 'Germany', codeIso2: 'DE', codeIso3: 'DEU' },
          state: null,
        },
      ],
    } satisfies Customer);
  });

  it('maps several addresses, marks only the default one, and maps ZZ to no country', () => {
    expect(map(customerFixtures.manyAddresses)).toStrictEqual({
      id: '7010392402',
      email: 'kenji.yamada@example.jp',
      firstName: '健二',
      lastName: '山田',
      phone: '+81312345678',
      currency: 'JPY',
      note: null,
      acceptsMarketing: false,
      tags: ['b2b'],
      ordersCount: 1,
      totalSpent: 12000,
      status: { id: null, status: 'ENABLED' },
      dates: { createdAt: '2025-01-31T23:59:59.000Z', updatedAt: '2025-02-01T00:00:05.000Z' },
      addresses: [
        {
          ...emptyAddress,
          id: '8600',
          firstName: '健二',
          lastName: '山田',
          address1: '千代田1-1',
          city: '千代田区',
          postalCode: '100-0001',
          phone: '+81312345678',
          company: '山田商事',
          country: { code: 'JP', name: 'Japan', codeIso2: 'JP', codeIso3: 'JPN' },
          state: { code: 'JP-13', name: 'Tokyo' },
        },
        {
          ...emptyAddress,
          id: '8601',
          firstName: 'Kenji',
          lastName: 'Yamada',
          address1: '350 5th Ave',
          address2: 'Floor 21',
          city: 'New York',
          postalCode: '10118',
          defaultBilling: true,
          defaultShipping: true,
          country: { code: 'US', name: 'United States', codeIso2: 'US', codeIso3: 'USA' },
          state: { code: 'NY', name: 'New York' },
        },
        {
          ...emptyAddress,
          id: '8602',
          firstName: 'Kenji',
          lastName: 'Yamada',
          address1: 'Unknown street',
          country: null,
          state: null,
        },
        {
          ...emptyAddress,
          id: '8603',
          firstName: 'Kenji',
          lastName: 'Yamada',
          address1: '1 Shore Rd',
          city: 'Georgetown',
          postalCode: 'ASCN 1ZZ',
          country: { code: 'AC', name: 'Ascension Island', codeIso2: 'AC', codeIso3: null },
          state: null,
        },
      ],
    } satisfies Customer);
  });

  it('maps an invalid email address as no consent', () => {
    const customer = map(customerFixtures.similarEmail);
    expect([customer.email, customer.acceptsMarketing, customer.currency]).toStrictEqual([
      'ana.reyes@example.com.mx',
      false,
      'MXN',
    ]);
  });

  it.each(Object.entries(customerFixtures))(
    'gives a valid canonical customer for the %s fixture',
    (_, fixture) => {
      const customer = map(fixture);
      expect(customerSchema.strict().parse(customer)).toStrictEqual(customer);
    },
  );
});

describe('mapShopifyCountry', () => {
  it.each([
    ['ZZ (unknown region)', 'ZZ', 'Unknown Region', null],
    ['no code', null, 'Canada', null],
    ['Kosovo', 'XK', 'Kosovo', { code: 'XK', name: 'Kosovo', codeIso2: 'XK', codeIso3: 'XKX' }],
    [
      'Tristan da Cunha',
      'TA',
      'Tristan da Cunha',
      { code: 'TA', name: 'Tristan da Cunha', codeIso2: 'TA', codeIso3: null },
    ],
    ['a code without a name', 'FR', null, { code: 'FR', name: 'France', codeIso2: 'FR', codeIso3: 'FRA' }],
  ])('maps %s', (_, code, name, country) => {
    expect(mapShopifyCountry(code, name)).toStrictEqual(country);
  });
});

describe('toFilterableCustomer', () => {
  it('carries what the re-checked filters read, and nothing else', () => {
    const summary = shopifyCustomerSummarySchema.parse(customerFixtures.full);
    expect(toFilterableCustomer(summary)).toStrictEqual({
      id: '7010392211',
      email: 'ana.reyes@example.com',
      firstName: 'Ana',
      lastName: 'Reyes',
      dates: { createdAt: '2025-04-15T19:26:33.000Z', updatedAt: '2025-06-02T08:01:10.000Z' },
      acceptsMarketing: true,
      phone: '+15125550100',
      tags: ['vip', 'wholesale'],
      ordersCount: 3,
    });
  });
});
