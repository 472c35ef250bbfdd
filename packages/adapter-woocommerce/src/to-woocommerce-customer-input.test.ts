import { InvalidRequestError } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { toWooCommerceCreateBody, toWooCommerceUpdateBody } from './to-woocommerce-customer-input';

function issuesOf(write: () => unknown): unknown {
  try {
    write();
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

const address = {
  firstName: 'Ana',
  lastName: 'Reyes',
  company: 'Reyes LLC',
  address1: '12 Oak St',
  address2: 'Apt 4',
  city: 'Austin',
  postalCode: '78701',
  phone: '+1 512 555 0100',
  country: { code: 'US' },
  state: { code: 'TX' },
};

describe('toWooCommerceCreateBody', () => {
  it('sends names and email, and leaves username and password for WooCommerce to generate', () => {
    expect(
      toWooCommerceCreateBody({ firstName: 'Ana', lastName: 'Reyes', email: 'ana@example.com' }),
    ).toStrictEqual({
      email: 'ana@example.com',
      first_name: 'Ana',
      last_name: 'Reyes',
    });
  });

  it('fills billing and shipping from one address flagged as both, and the phone into billing', () => {
    expect(
      toWooCommerceCreateBody({
        firstName: 'Ana',
        lastName: 'Reyes',
        email: 'ana@example.com',
        phone: '+1 512 555 0100',
        addresses: [{ ...address, defaultBilling: true, defaultShipping: true }],
      }),
    ).toStrictEqual({
      email: 'ana@example.com',
      first_name: 'Ana',
      last_name: 'Reyes',
      billing: {
        first_name: 'Ana',
        last_name: 'Reyes',
        company: 'Reyes LLC',
        address_1: '12 Oak St',
        address_2: 'Apt 4',
        city: 'Austin',
        state: 'TX',
        postcode: '78701',
        country: 'US',
        phone: '+1 512 555 0100',
      },
      shipping: {
        first_name: 'Ana',
        last_name: 'Reyes',
        company: 'Reyes LLC',
        address_1: '12 Oak St',
        address_2: 'Apt 4',
        city: 'Austin',
        state: 'TX',
        postcode: '78701',
        country: 'US',
        phone: '+1 512 555 0100',
      },
    });
  });

  it('puts the customer phone into billing when no billing address is sent', () => {
    expect(
      toWooCommerceCreateBody({
        firstName: 'Ana',
        lastName: 'Reyes',
        email: 'ana@example.com',
        phone: '+1 555',
      }),
    ).toStrictEqual({
      email: 'ana@example.com',
      first_name: 'Ana',
      last_name: 'Reyes',
      billing: { phone: '+1 555' },
    });
  });

  it('refuses a create without an email, naming customer.email', () => {
    expect(issuesOf(() => toWooCommerceCreateBody({ firstName: 'Ana', lastName: 'Reyes' }))).toStrictEqual([
      { path: 'customer.email', message: 'WooCommerce requires an email to create a customer' },
    ]);
  });

  it('refuses a note, marketing consent and tags, which WooCommerce cannot store', () => {
    expect(
      issuesOf(() =>
        toWooCommerceCreateBody({
          firstName: 'Ana',
          lastName: 'Reyes',
          email: 'ana@example.com',
          note: 'VIP',
          acceptsMarketing: false,
          tags: ['vip'],
        }),
      ),
    ).toStrictEqual([
      { path: 'customer.note', message: 'WooCommerce customers have no note' },
      { path: 'customer.acceptsMarketing', message: 'WooCommerce customers have no marketing consent' },
      { path: 'customer.tags', message: 'WooCommerce customers have no tags' },
    ]);
  });

  it('accepts a null note and empty tags, which say nothing WooCommerce cannot store', () => {
    expect(
      toWooCommerceCreateBody({
        firstName: 'Ana',
        lastName: 'Reyes',
        email: 'ana@example.com',
        note: null,
        tags: [],
      }),
    ).toStrictEqual({ email: 'ana@example.com', first_name: 'Ana', last_name: 'Reyes' });
  });

  it('refuses delivery instructions and address ids', () => {
    expect(
      issuesOf(() =>
        toWooCommerceCreateBody({
          firstName: 'Ana',
          lastName: 'Reyes',
          email: 'ana@example.com',
          addresses: [{ ...address, id: '3', references: 'Back door', defaultBilling: true }],
        }),
      ),
    ).toStrictEqual([
      { path: 'customer.addresses.0.id', message: 'WooCommerce addresses have no ids; omit it' },
      {
        path: 'customer.addresses.0.references',
        message: 'WooCommerce addresses have no delivery instructions',
      },
    ]);
  });

  it('refuses an address that is neither the billing nor the shipping one', () => {
    expect(
      issuesOf(() =>
        toWooCommerceCreateBody({
          firstName: 'Ana',
          lastName: 'Reyes',
          email: 'a@example.com',
          addresses: [address],
        }),
      ),
    ).toStrictEqual([
      {
        path: 'customer.addresses.0',
        message:
          'WooCommerce keeps only a billing and a shipping address: set defaultBilling and/or defaultShipping',
      },
    ]);
  });

  it('refuses a second billing candidate', () => {
    expect(
      issuesOf(() =>
        toWooCommerceCreateBody({
          firstName: 'Ana',
          lastName: 'Reyes',
          email: 'ana@example.com',
          addresses: [
            { ...address, defaultBilling: true },
            { ...address, defaultBilling: true, defaultShipping: true },
          ],
        }),
      ),
    ).toStrictEqual([
      { path: 'customer.addresses.1.defaultBilling', message: 'WooCommerce keeps only one billing address' },
    ]);
  });

  it('refuses a customer phone that differs from the billing address phone', () => {
    expect(
      issuesOf(() =>
        toWooCommerceCreateBody({
          firstName: 'Ana',
          lastName: 'Reyes',
          email: 'ana@example.com',
          phone: '+1 000',
          addresses: [{ ...address, defaultBilling: true }],
        }),
      ),
    ).toStrictEqual([
      { path: 'customer.phone', message: 'differs from the billing address phone, which is the same field' },
    ]);
  });

  it('writes a state name where no state code is given', () => {
    const body = toWooCommerceCreateBody({
      firstName: 'Ana',
      lastName: 'Reyes',
      email: 'ana@example.com',
      addresses: [
        { city: 'Cork', country: { code: 'IE' }, state: { name: 'County Cork' }, defaultShipping: true },
      ],
    });
    expect(body.shipping).toStrictEqual({ city: 'Cork', state: 'County Cork', country: 'IE' });
  });
});

describe('toWooCommerceUpdateBody', () => {
  it('sends only the keys given', () => {
    expect(toWooCommerceUpdateBody({ firstName: 'Renamed' })).toStrictEqual({ first_name: 'Renamed' });
  });

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

  it('replaces the addresses: every sub-key of both blocks, "" where not given, the billing phone kept', () => {
    expect(
      toWooCommerceUpdateBody({
        addresses: [{ address2: null, city: 'Dallas', country: null, defaultShipping: true }],
      }),
    ).toStrictEqual({ billing: blank, shipping: { ...blank, phone: '', city: 'Dallas' } });
  });

  it('writes the billing phone only when it is given, by the address or the customer phone', () => {
    const billingAddress = { address1: '12 Oak St', defaultBilling: true };
    expect([
      toWooCommerceUpdateBody({ addresses: [{ ...billingAddress, phone: '+1 512 555 0100' }] }).billing
        ?.phone,
      toWooCommerceUpdateBody({ addresses: [billingAddress], phone: '+1 512 555 0199' }).billing?.phone,
      toWooCommerceUpdateBody({ addresses: [billingAddress] }).billing?.phone,
    ]).toStrictEqual(['+1 512 555 0100', '+1 512 555 0199', undefined]);
  });

  it('blanks both address blocks for an empty address list', () => {
    expect(toWooCommerceUpdateBody({ addresses: [] })).toStrictEqual({
      billing: blank,
      shipping: { ...blank, phone: '' },
    });
  });

  it('clears the billing phone when the phone is null', () => {
    expect(toWooCommerceUpdateBody({ phone: null })).toStrictEqual({ billing: { phone: '' } });
  });

  it('refuses to remove the email, which WooCommerce requires', () => {
    expect(issuesOf(() => toWooCommerceUpdateBody({ email: null }))).toStrictEqual([
      { path: 'customer.email', message: 'WooCommerce requires an email; it cannot be removed' },
    ]);
  });

  it('sends an empty body for an empty update', () => {
    expect(toWooCommerceUpdateBody({})).toStrictEqual({});
  });
});
