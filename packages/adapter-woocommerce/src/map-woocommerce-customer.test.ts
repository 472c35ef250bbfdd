import { describe, expect, it } from 'vitest';
import fullCustomer from './__fixtures__/woocommerce-customer-full.json' with { type: 'json' };
import customerWithoutBilling from './__fixtures__/woocommerce-customer-no-billing.json' with {
  type: 'json',
};
import customerWithoutShipping from './__fixtures__/woocommerce-customer-no-shipping.json' with {
  type: 'json',
};
import subscriber from './__fixtures__/woocommerce-customer-subscriber.json' with { type: 'json' };
import unicodeCustomer from './__fixtures__/woocommerce-customer-unicode.json' with { type: 'json' };
import { mapWooCommerceCustomer } from './map-woocommerce-customer';
import { woocommerceCustomerSchema } from './woocommerce-api';

const parse = (native: unknown) => woocommerceCustomerSchema.parse(native);

describe('mapWooCommerceCustomer', () => {
  it('maps the sheet example with every field, billing and shipping as two default addresses', () => {
    expect(mapWooCommerceCustomer(parse(fullCustomer), 'USD')).toStrictEqual({
      id: '25',
      email: 'ana.reyes@example.com',
      firstName: 'Ana',
      lastName: 'Reyes',
      phone: '+1 512 555 0100',
      currency: 'USD',
      note: null,
      acceptsMarketing: null,
      tags: [],
      ordersCount: null,
      totalSpent: null,
      status: { id: null, status: 'customer' },
      dates: { createdAt: '2024-03-05T13:02:11.000Z', updatedAt: '2024-06-01T07:15:00.000Z' },
      addresses: [
        {
          id: null,
          firstName: 'Ana',
          lastName: 'Reyes',
          address1: '12 Oak St',
          address2: 'Apt 4',
          city: 'Austin',
          postalCode: '78701',
          phone: '+1 512 555 0100',
          company: null,
          references: null,
          defaultBilling: true,
          defaultShipping: false,
          country: { code: 'US', name: 'United States of America', codeIso2: 'US', codeIso3: 'USA' },
          state: { code: 'TX', name: null },
        },
        {
          id: null,
          firstName: 'Ana',
          lastName: 'Reyes',
          address1: '12 Oak St',
          address2: 'Apt 4',
          city: 'Austin',
          postalCode: '78701',
          phone: null,
          company: null,
          references: null,
          defaultBilling: false,
          defaultShipping: true,
          country: { code: 'US', name: 'United States of America', codeIso2: 'US', codeIso3: 'USA' },
          state: { code: 'TX', name: null },
        },
      ],
    });
  });

  it('skips a shipping block whose fields are all empty', () => {
    const customer = mapWooCommerceCustomer(parse(customerWithoutShipping), 'USD');
    expect(customer.addresses).toStrictEqual([
      {
        id: null,
        firstName: 'Bruno',
        lastName: 'Tremblay',
        address1: '220 Yonge St',
        address2: null,
        city: 'Toronto',
        postalCode: 'M5B 2H1',
        phone: '+1 416 555 0142',
        company: 'Tremblay & Fils Inc.',
        references: null,
        defaultBilling: true,
        defaultShipping: false,
        country: { code: 'CA', name: 'Canada', codeIso2: 'CA', codeIso3: 'CAN' },
        state: { code: 'ON', name: null },
      },
    ]);
  });

  it('keeps the account email when the billing email differs', () => {
    expect(mapWooCommerceCustomer(parse(customerWithoutShipping), null).email).toBe(
      'bruno.tremblay@example.ca',
    );
  });

  it('skips an entirely empty billing block and takes the phone from shipping', () => {
    const customer = mapWooCommerceCustomer(parse(customerWithoutBilling), 'USD');
    expect(customer.phone).toBe('+351 21 555 0199');
    expect(customer.addresses).toStrictEqual([
      {
        id: null,
        firstName: 'Carla',
        lastName: 'Mendes',
        address1: 'Rua Augusta 100',
        address2: '3º Esq',
        city: 'Lisboa',
        postalCode: '1100-053',
        phone: '+351 21 555 0199',
        company: null,
        references: null,
        defaultBilling: false,
        defaultShipping: true,
        country: { code: 'PT', name: 'Portugal', codeIso2: 'PT', codeIso3: 'PRT' },
        state: null,
      },
    ]);
  });

  /** A block whose address sub-keys are all `""`. */
  const blank = {
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

  it('maps a billing block holding only a phone to no address, the phone still the customer phone', () => {
    const native = parse({
      ...fullCustomer,
      billing: { ...blank, email: 'ana.reyes@example.com', phone: '+1 512 555 0100' },
      shipping: { ...blank, phone: '' },
    });
    const customer = mapWooCommerceCustomer(native, 'USD');
    expect([customer.phone, customer.addresses]).toStrictEqual(['+1 512 555 0100', []]);
  });

  it('maps a shipping block holding only a phone to no address, the phone still the customer phone', () => {
    const native = parse({
      ...customerWithoutBilling,
      shipping: { ...blank, phone: '+351 21 555 0199' },
    });
    const customer = mapWooCommerceCustomer(native, 'USD');
    expect([customer.phone, customer.addresses]).toStrictEqual(['+351 21 555 0199', []]);
  });

  it('gives a null updatedAt when date_modified_gmt is null', () => {
    expect(mapWooCommerceCustomer(parse(customerWithoutBilling), 'USD').dates).toStrictEqual({
      createdAt: '2021-05-10T18:45:30.000Z',
      updatedAt: null,
    });
  });

  it('reads the _gmt dates as UTC, never the site-local ones, even across midnight', () => {
    expect(mapWooCommerceCustomer(parse(unicodeCustomer), 'USD').dates).toStrictEqual({
      createdAt: '2023-08-14T22:10:05.000Z',
      updatedAt: '2024-02-29T23:59:59.000Z',
    });
  });

  it('keeps non-ASCII names and addresses exactly', () => {
    const customer = mapWooCommerceCustomer(parse(unicodeCustomer), 'JPY');
    expect(customer).toStrictEqual({
      id: '31',
      email: 'zoe.nguyen@example.jp',
      firstName: 'Zoë',
      lastName: 'Nguyễn',
      phone: '+81 3-5555-0123',
      currency: 'JPY',
      note: null,
      acceptsMarketing: null,
      tags: [],
      ordersCount: null,
      totalSpent: null,
      status: { id: null, status: 'customer' },
      dates: { createdAt: '2023-08-14T22:10:05.000Z', updatedAt: '2024-02-29T23:59:59.000Z' },
      addresses: [
        {
          id: null,
          firstName: 'Zoë',
          lastName: 'Nguyễn',
          address1: '千代田1-1',
          address2: '皇居外苑ビル 3階',
          city: '千代田区',
          postalCode: '100-0001',
          phone: '+81 3-5555-0123',
          company: '株式会社サンプル',
          references: null,
          defaultBilling: true,
          defaultShipping: false,
          country: { code: 'JP', name: 'Japan', codeIso2: 'JP', codeIso3: 'JPN' },
          state: { code: 'JP13', name: null },
        },
        {
          id: null,
          firstName: 'Zoë',
          lastName: 'Nguyễn',
          address1: 'Avenida Paulista, 1578',
          address2: 'Conjunto 12',
          city: 'São Paulo',
          postalCode: '01310-200',
          phone: '+55 11 5555-0188',
          company: null,
          references: null,
          defaultBilling: false,
          defaultShipping: true,
          country: { code: 'BR', name: 'Brazil', codeIso2: 'BR', codeIso3: 'BRA' },
          state: { code: 'SP', name: null },
        },
      ],
    });
  });

  it('carries the WordPress role of a subscriber as its status', () => {
    expect(mapWooCommerceCustomer(parse(subscriber), 'USD').status).toStrictEqual({
      id: null,
      status: 'subscriber',
    });
  });

  it('keeps a billing block that has only names and a country', () => {
    expect(mapWooCommerceCustomer(parse(subscriber), 'USD').addresses).toStrictEqual([
      {
        id: null,
        firstName: 'Evan',
        lastName: "O'Brien",
        address1: null,
        address2: null,
        city: null,
        postalCode: null,
        phone: null,
        company: null,
        references: null,
        defaultBilling: true,
        defaultShipping: false,
        country: { code: 'IE', name: 'Ireland', codeIso2: 'IE', codeIso3: 'IRL' },
        state: null,
      },
    ]);
  });

  it('gives a null email when the account email is empty, whatever the billing email (sheet §10)', () => {
    const native = parse({ ...customerWithoutShipping, email: '' });
    expect([native.billing?.email, mapWooCommerceCustomer(native, null).email]).toStrictEqual([
      'billing@tremblay-fils.example.ca',
      null,
    ]);
  });

  it('gives null for empty names and a null store currency', () => {
    const customer = mapWooCommerceCustomer(parse({ ...fullCustomer, first_name: '', last_name: ' ' }), null);
    expect([customer.firstName, customer.lastName, customer.currency]).toStrictEqual([null, null, null]);
  });

  it('gives a null country for a code the country table does not know', () => {
    const native = parse({ ...subscriber, billing: { ...subscriber.billing, country: 'XK1' } });
    expect(mapWooCommerceCustomer(native, null).addresses[0]?.country).toBeNull();
  });

  it('gives null dates for the zero date WordPress writes when unset', () => {
    const native = parse({ ...fullCustomer, date_created_gmt: '0000-00-00T00:00:00', date_modified_gmt: '' });
    expect(mapWooCommerceCustomer(native, null).dates).toStrictEqual({ createdAt: null, updatedAt: null });
  });

  it('maps a customer without billing or shipping objects to no addresses', () => {
    const { billing: _billing, shipping: _shipping, ...rest } = fullCustomer;
    const customer = mapWooCommerceCustomer(parse(rest), null);
    expect([customer.addresses, customer.phone]).toStrictEqual([[], null]);
  });
});
