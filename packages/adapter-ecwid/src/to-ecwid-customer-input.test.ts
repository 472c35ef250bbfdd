import { type CustomerUpdateInput, InvalidRequestError } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { ecwidCustomerFull, ecwidCustomerGuest, ecwidCustomerUnicode } from './ecwid-fixtures.fixture';
import { assertEcwidCanStore, toEcwidCreateBody, toEcwidUpdateBody } from './to-ecwid-customer-input';

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

const emptyBillingPlace = {
  companyName: '',
  street: '',
  city: '',
  countryCode: '',
  countryName: '',
  postalCode: '',
  stateOrProvinceCode: '',
  stateOrProvinceName: '',
};

describe('toEcwidCreateBody', () => {
  it('writes names and phone to the billing person, the billing address beside them, the others as shipping', () => {
    const body = toEcwidCreateBody({
      firstName: 'Ana',
      lastName: 'Reyes',
      email: 'ana.reyes@example.com',
      phone: '+15125550100',
      note: 'Prefers morning delivery',
      acceptsMarketing: true,
      tags: [],
      addresses: [
        {
          address1: '12 Oak St',
          address2: 'Apt 4',
          city: 'Austin',
          postalCode: '78701',
          country: { code: 'US' },
          state: { code: 'TX', name: 'Texas' },
          defaultBilling: true,
        },
        {
          firstName: 'Núria',
          lastName: 'Puig',
          address1: 'Carrer de Mallorca 401',
          city: 'Barcelona',
          country: { code: 'ES' },
          references: 'Portería',
          defaultShipping: true,
        },
      ],
    });
    expect(body).toStrictEqual({
      email: 'ana.reyes@example.com',
      billingPerson: {
        name: 'Ana Reyes',
        phone: '+15125550100',
        street: '12 Oak St\nApt 4',
        city: 'Austin',
        countryCode: 'US',
        countryName: 'United States of America',
        postalCode: '78701',
        stateOrProvinceCode: 'TX',
        stateOrProvinceName: 'Texas',
      },
      shippingAddresses: [
        {
          name: 'Núria Puig',
          note: 'Portería',
          defaultAddress: true,
          street: 'Carrer de Mallorca 401',
          city: 'Barcelona',
          countryCode: 'ES',
          countryName: 'Spain',
        },
      ],
      acceptMarketing: true,
      privateAdminNotes: 'Prefers morning delivery',
    });
  });

  it('writes only the name and email of a customer without anything else', () => {
    expect(toEcwidCreateBody({ firstName: 'Kim', lastName: 'Lee', email: 'kim@example.com' })).toStrictEqual({
      email: 'kim@example.com',
      billingPerson: { name: 'Kim Lee' },
    });
  });

  it('writes an address that is both billing and default shipping to both places', () => {
    const body = toEcwidCreateBody({
      firstName: 'Kim',
      lastName: 'Lee',
      email: 'kim@example.com',
      addresses: [{ city: 'Austin', defaultBilling: true, defaultShipping: true }],
    });
    expect([body.billingPerson, body.shippingAddresses]).toStrictEqual([
      { name: 'Kim Lee', city: 'Austin' },
      [{ defaultAddress: true, city: 'Austin' }],
    ]);
  });

  it('keeps a second address line without a first one, as Ecwid reads it back', () => {
    const body = toEcwidCreateBody({
      firstName: 'Kim',
      lastName: 'Lee',
      email: 'kim@example.com',
      addresses: [{ address2: 'Suite 5', defaultBilling: true }],
    });
    expect(body.billingPerson?.street).toBe('\nSuite 5');
  });

  it('refuses a create without email, which Ecwid requires', () => {
    expect(issuesOf(() => toEcwidCreateBody({ firstName: 'Kim', lastName: 'Lee' }))).toStrictEqual([
      { path: 'customer.email', message: 'is required by Ecwid' },
    ]);
  });

  it('refuses tags, which Ecwid customers do not have', () => {
    const input = { firstName: 'Kim', lastName: 'Lee', email: 'kim@example.com', tags: ['vip'] };
    expect(issuesOf(() => toEcwidCreateBody(input))).toStrictEqual([
      { path: 'customer.tags', message: 'must be empty: Ecwid customers have no tags' },
    ]);
  });

  it('refuses a billing address naming someone else than the customer', () => {
    const input = {
      firstName: 'Kim',
      lastName: 'Lee',
      email: 'kim@example.com',
      addresses: [{ firstName: 'Ana', defaultBilling: true }],
    };
    expect(issuesOf(() => toEcwidCreateBody(input))).toStrictEqual([
      {
        path: 'customer.addresses.0.firstName',
        message:
          "must equal the customer's firstName: on Ecwid the billing address shares it with the customer",
      },
    ]);
  });

  it('refuses an address id on a new customer', () => {
    const input = { firstName: 'Kim', lastName: 'Lee', email: 'kim@example.com', addresses: [{ id: '5' }] };
    expect(issuesOf(() => toEcwidCreateBody(input))).toStrictEqual([
      { path: 'customer.addresses.0.id', message: 'must be absent: a new customer has no addresses' },
    ]);
  });
});

describe('assertEcwidCanStore', () => {
  it('refuses two billing addresses and two default shipping addresses', () => {
    const addresses = [
      { defaultBilling: true, defaultShipping: true },
      { defaultBilling: true, defaultShipping: true },
    ];
    expect(issuesOf(() => assertEcwidCanStore({ addresses }))).toStrictEqual([
      { path: 'customer.addresses.1.defaultBilling', message: 'is set twice: Ecwid has one billing address' },
      {
        path: 'customer.addresses.1.defaultShipping',
        message: 'is set twice: Ecwid has one default shipping address',
      },
    ]);
  });

  it('refuses a multi-line first address line, which Ecwid would split', () => {
    expect(issuesOf(() => assertEcwidCanStore({ addresses: [{ address1: 'a\nb' }] }))).toStrictEqual([
      { path: 'customer.addresses.0.address1', message: 'must be a single line on Ecwid' },
    ]);
  });

  it('refuses an id or delivery instructions on the billing-only address', () => {
    const addresses = [{ id: '193416515', references: 'Ring twice', defaultBilling: true }];
    expect(issuesOf(() => assertEcwidCanStore({ addresses }))).toStrictEqual([
      { path: 'customer.addresses.0.id', message: "must be null: Ecwid's billing address has no id" },
      {
        path: 'customer.addresses.0.references',
        message: "must be null: Ecwid's billing address has no delivery instructions",
      },
    ]);
  });

  it('refuses a shipping address id that is not an Ecwid id', () => {
    expect(issuesOf(() => assertEcwidCanStore({ addresses: [{ id: 'home' }] }))).toStrictEqual([
      { path: 'customer.addresses.0.id', message: 'is not an Ecwid address id' },
    ]);
  });

  it('refuses removing the email, which Ecwid requires', () => {
    expect(issuesOf(() => assertEcwidCanStore({ email: null }))).toStrictEqual([
      { path: 'customer.email', message: 'cannot be removed: Ecwid requires an email' },
    ]);
  });

  it('accepts what Ecwid can store', () => {
    expect(() => assertEcwidCanStore({ tags: [], addresses: [{ defaultBilling: true }] })).not.toThrow();
  });
});

describe('toEcwidUpdateBody', () => {
  const update = (input: CustomerUpdateInput) => toEcwidUpdateBody(input, ecwidCustomerFull);

  it('sends only the plain fields that were sent', () => {
    expect(update({ email: 'ana@example.org', note: null, acceptsMarketing: false })).toStrictEqual({
      email: 'ana@example.org',
      acceptMarketing: false,
      privateAdminNotes: '',
    });
  });

  it('sends nothing for an empty update', () => {
    expect(update({})).toStrictEqual({});
  });

  it('renames through the complete billing person, keeping its address and phone', () => {
    expect(update({ firstName: 'Renamed' })).toStrictEqual({
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
  });

  it('changes the phone through the complete billing person, keeping its name as Ecwid has it', () => {
    const body = toEcwidUpdateBody({ phone: '+34 600 111 222' }, ecwidCustomerUnicode);
    expect([body.billingPerson?.name, body.billingPerson?.phone, body.billingPerson?.city]).toStrictEqual([
      'José María García Márquez',
      '+34 600 111 222',
      'Madrid',
    ]);
  });

  it('replaces the addresses: the billing entry into the billing person, the others complete by id', () => {
    const body = update({
      addresses: [
        { firstName: 'Ana', city: 'Dallas', country: { code: 'US' }, defaultBilling: true },
        { id: '193416515', address1: '1 Elm St', defaultShipping: true },
        { city: 'Houston' },
      ],
    });
    expect(body).toStrictEqual({
      billingPerson: {
        name: 'Ana Reyes',
        phone: '+15125550100',
        ...emptyBillingPlace,
        city: 'Dallas',
        countryCode: 'US',
        countryName: 'United States of America',
      },
      shippingAddresses: [
        {
          id: 193416515,
          name: '',
          phone: '',
          note: '',
          defaultAddress: true,
          ...emptyBillingPlace,
          street: '1 Elm St',
        },
        { defaultAddress: false, city: 'Houston' },
      ],
    });
  });

  it('clears the billing address when the new list has none, keeping name and phone', () => {
    expect(update({ addresses: [] })).toStrictEqual({
      billingPerson: { name: 'Ana Reyes', phone: '+15125550100', ...emptyBillingPlace },
      shippingAddresses: [],
    });
  });

  it("refuses an address id that is not one of the customer's", () => {
    expect(issuesOf(() => update({ addresses: [{ id: '999' }] }))).toStrictEqual([
      { path: 'customer.addresses.0.id', message: "is not one of this customer's Ecwid addresses" },
    ]);
  });

  it('refuses a billing address phone that differs from the customer phone', () => {
    expect(
      issuesOf(() => update({ addresses: [{ phone: '+1 555 0000', defaultBilling: true }] })),
    ).toStrictEqual([
      {
        path: 'customer.addresses.0.phone',
        message: "must equal the customer's phone: on Ecwid the billing address shares it with the customer",
      },
    ]);
  });

  it('refuses a last name for a customer without first name: Ecwid would read it as the first name', () => {
    const nameless = { ...ecwidCustomerGuest, name: '', billingPerson: {} };
    expect(issuesOf(() => toEcwidUpdateBody({ lastName: 'Lee' }, nameless))).toStrictEqual([
      { path: 'customer.firstName', message: 'is required with a lastName on Ecwid' },
    ]);
  });

  it('refuses removing the phone while a phone contact would still show it', () => {
    expect(issuesOf(() => toEcwidUpdateBody({ phone: null }, ecwidCustomerUnicode))).toStrictEqual([
      {
        path: 'customer.phone',
        message:
          'cannot be removed: the customer also has a phone contact on Ecwid, which this adapter does not change',
      },
    ]);
  });

  it('removes the phone of a customer without phone contact', () => {
    expect(update({ phone: null }).billingPerson?.phone).toBe('');
  });
});
