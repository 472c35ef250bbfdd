import { customerSchema } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import {
  ecwidCustomerContactEmail,
  ecwidCustomerFull,
  ecwidCustomerGuest,
  ecwidCustomerMissingContacts,
  ecwidCustomerPartialEmail,
  ecwidCustomers,
  ecwidCustomerUnicode,
} from './ecwid-fixtures.fixture';
import { mapEcwidCustomer } from './map-ecwid-customer';

const status = { id: null, status: null };
const unitedStates = { code: 'US', name: 'United States', codeIso2: 'US', codeIso3: 'USA' };
const spain = { code: 'ES', name: 'Spain', codeIso2: 'ES', codeIso3: 'ESP' };

describe('mapEcwidCustomer', () => {
  it('maps the sheet example with its billing and default shipping address', () => {
    expect(mapEcwidCustomer(ecwidCustomerFull, 'USD')).toStrictEqual({
      id: '277137633',
      email: 'ana.reyes@example.com',
      firstName: 'Ana',
      lastName: 'Reyes',
      phone: '+15125550100',
      currency: 'USD',
      note: 'Prefers morning delivery',
      acceptsMarketing: true,
      tags: [],
      ordersCount: 2,
      totalSpent: 84.5,
      status,
      dates: { createdAt: '2024-08-21T07:52:09.000Z', updatedAt: '2024-09-02T10:11:12.000Z' },
      addresses: [
        {
          id: null,
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
          defaultShipping: false,
          country: unitedStates,
          state: { code: 'TX', name: 'Texas' },
        },
        {
          id: '193416515',
          firstName: 'Ana',
          lastName: 'Reyes',
          address1: '12 Oak St',
          address2: 'Apt 4',
          city: 'Austin',
          postalCode: '78701',
          phone: '+15125550100',
          company: null,
          references: null,
          defaultBilling: false,
          defaultShipping: true,
          country: unitedStates,
          state: { code: 'TX', name: 'Texas' },
        },
      ],
    });
  });

  it('maps a guest-like customer with a one-word name, no address and unknown consent', () => {
    expect(mapEcwidCustomer(ecwidCustomerGuest, 'USD')).toStrictEqual({
      id: '277140012',
      email: 'kim.guest@example.com',
      firstName: 'Kim',
      lastName: null,
      phone: null,
      currency: 'USD',
      note: null,
      acceptsMarketing: null,
      tags: [],
      ordersCount: 0,
      totalSpent: 0,
      status,
      dates: { createdAt: '2024-03-05T12:00:00.000Z', updatedAt: null },
      addresses: [],
    });
  });

  it('maps a unicode three-word name, +0400 dates, shipping notes and the default phone contact', () => {
    expect(mapEcwidCustomer(ecwidCustomerUnicode, 'EUR')).toStrictEqual({
      id: '277145501',
      email: 'jose.garcia@example.es',
      firstName: 'José',
      lastName: 'María García Márquez',
      phone: '+34 911 234 567',
      currency: 'EUR',
      note: 'Cliente mayorista',
      acceptsMarketing: false,
      tags: [],
      ordersCount: 1,
      totalSpent: 120.4,
      status,
      dates: { createdAt: '2023-11-14T05:30:00.000Z', updatedAt: '2024-01-10T14:57:19.000Z' },
      addresses: [
        {
          id: null,
          firstName: 'José',
          lastName: 'María García Márquez',
          address1: 'Calle de Alcalá 48',
          address2: null,
          city: 'Madrid',
          postalCode: '28014',
          phone: null,
          company: 'Ferretería Núñez S.L.',
          references: null,
          defaultBilling: true,
          defaultShipping: false,
          country: spain,
          state: { code: 'M', name: 'Madrid' },
        },
        {
          id: '193420001',
          firstName: 'José',
          lastName: 'María García Márquez',
          address1: 'Calle de Alcalá 48',
          address2: null,
          city: 'Madrid',
          postalCode: '28014',
          phone: '+34 911 234 567',
          company: 'Ferretería Núñez S.L.',
          references: null,
          defaultBilling: false,
          defaultShipping: true,
          country: spain,
          state: { code: 'M', name: 'Madrid' },
        },
        {
          id: '193420002',
          firstName: 'Núria',
          lastName: 'Puig',
          address1: 'Carrer de Mallorca 401',
          address2: '3º 2ª',
          city: 'Barcelona',
          postalCode: '08013',
          phone: '+34 600 000 001',
          company: null,
          references: 'Portería: dejar con el conserje',
          defaultBilling: false,
          defaultShipping: false,
          country: spain,
          state: { code: 'B', name: 'Barcelona' },
        },
      ],
    });
  });

  it('maps a customer without contacts or stats, splitting the full name Ecwid did not split', () => {
    expect(mapEcwidCustomer(ecwidCustomerMissingContacts, 'PLN')).toStrictEqual({
      id: '277150020',
      email: 'lucja.wk@example.pl',
      firstName: 'Łucja',
      lastName: 'Wiśniewska-Kowalska',
      phone: '+48 22 123 45 67',
      currency: 'PLN',
      note: null,
      acceptsMarketing: true,
      tags: [],
      ordersCount: 4,
      totalSpent: null,
      status,
      dates: { createdAt: '2024-05-31T01:45:00.000Z', updatedAt: '2024-06-01T08:00:00.000Z' },
      addresses: [
        {
          id: null,
          firstName: 'Łucja',
          lastName: 'Wiśniewska-Kowalska',
          address1: 'ul. Marszałkowska 10',
          address2: 'm. 5',
          city: 'Warszawa',
          postalCode: '00-590',
          phone: '+48 22 123 45 67',
          company: null,
          references: null,
          defaultBilling: true,
          defaultShipping: false,
          country: { code: 'PL', name: 'Poland', codeIso2: 'PL', codeIso3: 'POL' },
          state: { code: null, name: 'Mazowieckie' },
        },
      ],
    });
  });

  it('maps a CJK one-word name, an email held only in contacts and a country without its name', () => {
    expect(mapEcwidCustomer(ecwidCustomerContactEmail, null)).toStrictEqual({
      id: '277160777',
      email: 'wang.xiaoming@example.cn',
      firstName: '王小明',
      lastName: null,
      phone: '+86 21 5555 0000',
      currency: null,
      note: null,
      acceptsMarketing: false,
      tags: [],
      ordersCount: 0,
      totalSpent: 0,
      status,
      dates: { createdAt: '2025-01-15T03:04:05.000Z', updatedAt: '2025-02-01T02:00:00.000Z' },
      addresses: [
        {
          id: null,
          firstName: '王小明',
          lastName: null,
          address1: '南京东路 100号',
          address2: null,
          city: '上海',
          postalCode: '200001',
          phone: '+86 21 5555 0000',
          company: null,
          references: null,
          defaultBilling: true,
          defaultShipping: false,
          country: { code: 'CN', name: "People's Republic of China", codeIso2: 'CN', codeIso3: 'CHN' },
          state: { code: 'SH', name: 'Shanghai' },
        },
      ],
    });
  });

  it('maps a business customer with a company on the billing address', () => {
    expect(mapEcwidCustomer(ecwidCustomerPartialEmail, 'CAD').addresses).toStrictEqual([
      {
        id: null,
        firstName: 'Diego',
        lastName: 'Reyes',
        address1: '200 Queen St W',
        address2: null,
        city: 'Toronto',
        postalCode: 'M5H 2N2',
        phone: '+1 416 555 0199',
        company: 'Reyes Outfitters Ltd.',
        references: null,
        defaultBilling: true,
        defaultShipping: false,
        country: { code: 'CA', name: 'Canada', codeIso2: 'CA', codeIso3: 'CAN' },
        state: { code: 'ON', name: 'Ontario' },
      },
    ]);
  });

  it('gives every fixture every canonical key, and nothing else', () => {
    for (const native of ecwidCustomers) {
      const customer = mapEcwidCustomer(native, 'USD');
      expect(customerSchema.strict().parse(customer)).toStrictEqual(customer);
    }
  });

  it('prefers the default contact of a type over an earlier one', () => {
    expect(mapEcwidCustomer(ecwidCustomerContactEmail, null).email).toBe('wang.xiaoming@example.cn');
  });

  it('falls back to the first contact of a type when none is the default', () => {
    const native = {
      ...ecwidCustomerGuest,
      contacts: [
        { contact: 'kim@example.org', type: 'EMAIL', default: false },
        { contact: '+1 555 0100', type: 'PHONE', default: false },
        { contact: '+1 555 0199', type: 'PHONE', default: false },
      ],
      email: '',
    };
    const customer = mapEcwidCustomer(native, null);
    expect([customer.email, customer.phone]).toStrictEqual(['kim@example.org', '+1 555 0100']);
  });

  it('splits the search result name when there is no billing person', () => {
    const native = { id: 1, name: 'Ana María Reyes', billingPerson: null };
    const customer = mapEcwidCustomer(native, null);
    expect([customer.firstName, customer.lastName]).toStrictEqual(['Ana', 'María Reyes']);
  });

  it("reads a billing person with only a name and a phone as the customer's, not as an address", () => {
    const native = { id: 1, billingPerson: { name: 'Kim', phone: '+1 555 0100', countryCode: '' } };
    const customer = mapEcwidCustomer(native, null);
    expect([customer.phone, customer.addresses]).toStrictEqual(['+1 555 0100', []]);
  });

  it('keeps a missing registration date and consent as null, never a guess', () => {
    const customer = mapEcwidCustomer({ id: 7 }, null);
    expect([customer.dates, customer.acceptsMarketing, customer.ordersCount, customer.email]).toStrictEqual([
      { createdAt: null, updatedAt: null },
      null,
      null,
      null,
    ]);
  });
});
