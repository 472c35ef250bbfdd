import { customerSchema } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import emailOnly from './__fixtures__/bigcommerce-customer-email-only.json' with { type: 'json' };
import full from './__fixtures__/bigcommerce-customer-full.json' with { type: 'json' };
import oddDates from './__fixtures__/bigcommerce-customer-odd-dates.json' with { type: 'json' };
import unicode from './__fixtures__/bigcommerce-customer-unicode.json' with { type: 'json' };
import { bigcommerceCustomerSchema } from './bigcommerce-api';
import { mapBigCommerceCustomer } from './map-bigcommerce-customer';

const map = (fixture: unknown, currency: string | null = 'USD', stateCodes: (string | null)[] = []) =>
  mapBigCommerceCustomer({ customer: bigcommerceCustomerSchema.parse(fixture), stateCodes }, currency);

const unitedStates = { code: 'US', name: 'United States', codeIso2: 'US', codeIso3: 'USA' };

describe('mapBigCommerceCustomer', () => {
  it('maps every field of a full customer, addresses in the order given, states with their codes', () => {
    expect(map(full, 'USD', ['TX', 'TX', 'CA'])).toStrictEqual({
      id: '21',
      email: 'ana.reyes@example.com',
      firstName: 'Ana',
      lastName: 'Reyes',
      phone: '+1 512 555 0100',
      currency: 'USD',
      note: 'Prefers morning delivery',
      acceptsMarketing: null,
      tags: [],
      ordersCount: null,
      totalSpent: null,
      status: { id: null, status: null },
      dates: { createdAt: '2021-05-04T10:15:30.000Z', updatedAt: '2024-11-02T08:00:05.000Z' },
      addresses: [
        {
          id: '114',
          firstName: 'Ana',
          lastName: 'Reyes',
          address1: '12 Oak St',
          address2: 'Suite 4',
          city: 'Austin',
          postalCode: '78701',
          phone: '+1 512 555 0100',
          company: 'Reyes Ceramics LLC',
          references: null,
          defaultBilling: false,
          defaultShipping: false,
          country: unitedStates,
          state: { code: 'TX', name: 'Texas' },
        },
        {
          id: '115',
          firstName: 'Ana',
          lastName: 'Reyes',
          address1: '400 W 2nd St',
          address2: null,
          city: 'Austin',
          postalCode: '78701',
          phone: '+1 512 555 0100',
          company: null,
          references: null,
          defaultBilling: false,
          defaultShipping: false,
          country: unitedStates,
          state: { code: 'TX', name: 'Texas' },
        },
        {
          id: '116',
          firstName: 'Luis',
          lastName: 'Reyes',
          address1: '88 Harbor Rd',
          address2: 'Unit 2B',
          city: 'San Diego',
          postalCode: '92101',
          phone: null,
          company: 'Reyes Studio',
          references: null,
          defaultBilling: false,
          defaultShipping: false,
          country: unitedStates,
          state: { code: 'CA', name: 'California' },
        },
      ],
    });
  });

  it('keeps a state name without a code when the geography has none for it', () => {
    expect(map(full).addresses.map((address) => address.state)).toStrictEqual([
      { code: null, name: 'Texas' },
      { code: null, name: 'Texas' },
      { code: null, name: 'California' },
    ]);
  });

  it('never reads consent from accepts_product_review_abandoned_cart_emails', () => {
    expect(full.accepts_product_review_abandoned_cart_emails).toBe(true);
    expect(map(full).acceptsMarketing).toBeNull();
  });

  it('maps the empty strings of an email-only record to null and no addresses to []', () => {
    expect(map(emailOnly, null)).toStrictEqual({
      id: '3',
      email: 'guest.buyer@example.org',
      firstName: null,
      lastName: null,
      phone: null,
      currency: null,
      note: null,
      acceptsMarketing: null,
      tags: [],
      ordersCount: null,
      totalSpent: null,
      status: { id: null, status: null },
      dates: { createdAt: '2019-03-02T11:20:00.000Z', updatedAt: '2019-03-02T11:20:00.000Z' },
      addresses: [],
    });
  });

  it('keeps unicode text as sent, and names countries as BigCommerce does', () => {
    const customer = map(unicode, 'EUR');
    expect([customer.email, customer.firstName, customer.lastName, customer.note]).toStrictEqual([
      'élise.durand@exemple.fr',
      'Élise',
      'Durand-Lefèvre',
      'Livraison après 18 h — sonner deux fois 🚪',
    ]);
    expect(customer.addresses).toStrictEqual([
      {
        id: '137',
        firstName: 'Élise',
        lastName: 'Durand',
        address1: '8 Rue de Rivoli',
        address2: 'Bâtiment B',
        city: 'Paris',
        postalCode: '75004',
        phone: '+33 1 55 55 01 23',
        company: null,
        references: null,
        defaultBilling: false,
        defaultShipping: false,
        country: { code: 'FR', name: 'France', codeIso2: 'FR', codeIso3: 'FRA' },
        state: null,
      },
      {
        id: '138',
        firstName: '美咲',
        lastName: '佐藤',
        address1: '1-2-3 Shibuya',
        address2: null,
        city: '渋谷区',
        postalCode: '150-0002',
        phone: null,
        company: '株式会社テスト',
        references: null,
        defaultBilling: false,
        defaultShipping: false,
        country: { code: 'JP', name: 'Japan', codeIso2: 'JP', codeIso3: 'JPN' },
        state: { code: null, name: 'Tokyo' },
      },
    ]);
  });

  it('reads a leap-day date and keeps the email as BigCommerce stores it; an empty country is no country', () => {
    const customer = map(oddDates);
    expect(customer.dates).toStrictEqual({
      createdAt: '2024-02-29T23:59:59.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(customer.email).toBe('Leap.Year@Example.COM');
    expect(customer.addresses[0]).toMatchObject({
      firstName: null,
      lastName: null,
      country: null,
      state: null,
    });
  });

  it('produces customers the canonical schema accepts', () => {
    for (const fixture of [full, emailOnly, unicode, oddDates]) {
      expect(customerSchema.safeParse(map(fixture)).success).toBe(true);
    }
  });
});
