import { customerSchema } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import chileCustomer from './__fixtures__/jumpseller-customer-chile.json' with { type: 'json' };
import fullCustomer from './__fixtures__/jumpseller-customer-full.json' with { type: 'json' };
import noAddressCustomer from './__fixtures__/jumpseller-customer-no-address.json' with { type: 'json' };
import shippingOnlyCustomer from './__fixtures__/jumpseller-customer-shipping-only.json' with {
  type: 'json',
};
import sparseCustomer from './__fixtures__/jumpseller-customer-sparse.json' with { type: 'json' };
import { jumpsellerCustomerSchema } from './jumpseller-api';
import { mapJumpsellerCustomer } from './map-jumpseller-customer';

const map = (fixture: unknown, currency: string | null = 'USD') =>
  mapJumpsellerCustomer(jumpsellerCustomerSchema.parse(fixture), currency);

const unitedStates = { code: 'US', name: 'United States of America', codeIso2: 'US', codeIso3: 'USA' };
const noExtras = { id: null, address2: null, phone: null, company: null, references: null };

describe('mapJumpsellerCustomer', () => {
  it('maps every field of the sheet’s example, billing addresses first', () => {
    expect(map(fullCustomer)).toStrictEqual({
      id: '4102217',
      email: 'ana.reyes@example.com',
      firstName: 'Ana',
      lastName: 'Reyes',
      phone: '+15125550100',
      currency: 'USD',
      note: null,
      acceptsMarketing: true,
      tags: ['Wholesale'],
      ordersCount: null,
      totalSpent: null,
      status: { id: 'approved', status: 'approved' },
      dates: { createdAt: null, updatedAt: null },
      addresses: [
        {
          ...noExtras,
          firstName: 'Ana',
          lastName: 'Reyes',
          address1: '12 Oak St',
          city: 'Austin',
          postalCode: '78701',
          defaultBilling: true,
          defaultShipping: false,
          country: unitedStates,
          state: { code: 'TX', name: null },
        },
        {
          ...noExtras,
          firstName: 'Ana',
          lastName: 'Reyes',
          address1: '400 W 2nd St',
          city: 'Austin',
          postalCode: '78701',
          defaultBilling: false,
          defaultShipping: false,
          country: unitedStates,
          state: { code: 'TX', name: null },
        },
        {
          ...noExtras,
          firstName: 'Luis',
          lastName: 'Reyes',
          address1: '88 Harbor Rd',
          city: 'San Diego',
          postalCode: '92101',
          defaultBilling: false,
          defaultShipping: true,
          country: unitedStates,
          state: { code: 'CA', name: null },
        },
        {
          ...noExtras,
          firstName: 'Ana',
          lastName: 'Reyes',
          address1: '500 Congress Ave',
          city: 'Austin',
          postalCode: '78701',
          defaultBilling: false,
          defaultShipping: false,
          country: unitedStates,
          state: { code: 'TX', name: null },
        },
      ],
    });
  });

  it('puts phone_prefix before a national number and keeps unicode names and region codes', () => {
    const customer = map(chileCustomer, 'CLP');
    expect([customer.email, customer.firstName, customer.lastName, customer.phone]).toStrictEqual([
      'MJ.Munoz@Example.cl',
      'María José',
      'Muñoz Ñúñez',
      '+56 9 8765 4321',
    ]);
    expect([customer.status, customer.acceptsMarketing, customer.tags, customer.currency]).toStrictEqual([
      { id: 'pending', status: 'pending' },
      false,
      ['Clientes frecuentes', 'Größe L'],
      'CLP',
    ]);
    expect(customer.addresses).toStrictEqual([
      {
        ...noExtras,
        firstName: 'María José',
        lastName: 'Muñoz Ñúñez',
        address1: 'Av. Providencia 1234, depto 56',
        city: 'Santiago',
        postalCode: '7500000',
        defaultBilling: true,
        defaultShipping: false,
        country: { code: 'CL', name: 'Chile', codeIso2: 'CL', codeIso3: 'CHL' },
        state: { code: '12', name: null },
      },
    ]);
  });

  it('gives no name to a customer without addresses, whose fullname is only its email', () => {
    const customer = map(noAddressCustomer);
    expect([customer.firstName, customer.lastName, customer.phone, customer.addresses]).toStrictEqual([
      null,
      null,
      null,
      [],
    ]);
  });

  it('falls back to the default shipping address for the name, and drops a prefix without a number', () => {
    const customer = map(shippingOnlyCustomer);
    expect([customer.firstName, customer.lastName, customer.phone, customer.status.status]).toStrictEqual([
      '健二',
      '田中',
      null,
      'disabled',
    ]);
    expect(customer.addresses[0]?.defaultShipping).toBe(true);
    expect(customer.addresses[0]?.country?.codeIso3).toBe('JPN');
  });

  it('reads the singular address objects and wrapped categories, blanks and unknown countries as null', () => {
    expect(map(sparseCustomer, null)).toStrictEqual({
      id: '4102555',
      email: 'zoe.obrien@example.ie',
      firstName: 'Zoë',
      lastName: "O'Brien",
      phone: null,
      currency: null,
      note: null,
      acceptsMarketing: null,
      tags: ['VIP'],
      ordersCount: null,
      totalSpent: null,
      status: { id: null, status: null },
      dates: { createdAt: null, updatedAt: null },
      addresses: [
        {
          ...noExtras,
          firstName: 'Zoë',
          lastName: "O'Brien",
          address1: null,
          city: 'Dublin',
          postalCode: null,
          defaultBilling: true,
          defaultShipping: false,
          country: null,
          state: null,
        },
      ],
    });
  });

  it('always gives a valid canonical customer', () => {
    for (const fixture of [
      fullCustomer,
      chileCustomer,
      noAddressCustomer,
      shippingOnlyCustomer,
      sparseCustomer,
    ]) {
      const customer = map(fixture);
      expect(customerSchema.strict().parse(customer)).toStrictEqual(customer);
    }
  });
});
