import { InvalidRequestError } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import chileCustomer from './__fixtures__/jumpseller-customer-chile.json' with { type: 'json' };
import shippingOnlyCustomer from './__fixtures__/jumpseller-customer-shipping-only.json' with {
  type: 'json',
};
import { jumpsellerCustomerSchema } from './jumpseller-api';
import {
  toJumpsellerCreateBody,
  toJumpsellerUpdateBody,
  updateNeedsCurrentCustomer,
} from './to-jumpseller-customer-input';

const chile = jumpsellerCustomerSchema.parse(chileCustomer);
const shippingOnly = jumpsellerCustomerSchema.parse(shippingOnlyCustomer);
const emptyAddress = {
  name: null,
  surname: null,
  address: null,
  city: null,
  postal: null,
  municipality: null,
  region: null,
  country: null,
};

function refusal(run: () => unknown): { paths: string[]; message: string } {
  try {
    run();
  } catch (error) {
    if (!InvalidRequestError.isInstance(error)) throw error;
    return { paths: error.issues.map((issue) => issue.path), message: error.message };
  }
  throw new Error('expected an InvalidRequestError');
}

describe('toJumpsellerCreateBody', () => {
  it('stores the name in the default billing address and sends every address key', () => {
    expect(
      toJumpsellerCreateBody({
        firstName: 'Élise',
        lastName: 'Durand',
        email: 'elise.durand@example.fr',
        phone: '+33 1 55 55 01 23',
        acceptsMarketing: true,
        addresses: [
          {
            address1: '8 Rue de Rivoli',
            city: 'Paris',
            postalCode: '75004',
            country: { code: 'FR' },
            defaultBilling: true,
          },
          {
            firstName: 'Luc',
            lastName: 'Durand',
            address1: '3 Quai Saint-Antoine',
            city: 'Lyon',
            postalCode: '69002',
            country: { code: 'FR' },
            state: { code: 'ARA' },
            defaultShipping: true,
          },
        ],
      }),
    ).toStrictEqual({
      customer: {
        email: 'elise.durand@example.fr',
        phone: '+33 1 55 55 01 23',
        accepts_marketing: true,
        billing_address: {
          name: 'Élise',
          surname: 'Durand',
          address: '8 Rue de Rivoli',
          city: 'Paris',
          postal: '75004',
          municipality: null,
          region: null,
          country: 'FR',
          taxid: null,
        },
        shipping_address: {
          name: 'Luc',
          surname: 'Durand',
          address: '3 Quai Saint-Antoine',
          city: 'Lyon',
          postal: '69002',
          municipality: null,
          region: 'ARA',
          country: 'FR',
        },
      },
    });
  });

  it('sends a billing address holding only the name when the input has none', () => {
    expect(
      toJumpsellerCreateBody({ firstName: 'Zoë', lastName: "O'Brien", email: 'zoe@example.ie' }),
    ).toStrictEqual({
      customer: {
        email: 'zoe@example.ie',
        billing_address: { ...emptyAddress, name: 'Zoë', surname: "O'Brien", taxid: null },
      },
    });
  });

  it('refuses a create without email before anything is sent', () => {
    expect(
      refusal(() => toJumpsellerCreateBody({ firstName: 'Ana', lastName: 'Reyes' })).paths,
    ).toStrictEqual(['customer.email']);
  });

  it('names every value Jumpseller cannot store instead of dropping it', () => {
    const { paths, message } = refusal(() =>
      toJumpsellerCreateBody({
        firstName: 'Ana',
        lastName: 'Reyes',
        email: 'ana@example.com',
        note: 'VIP',
        tags: ['wholesale'],
        addresses: [
          { address1: 'a', address2: 'Apt 4', company: 'ACME', phone: '+1', defaultBilling: true },
          { address1: 'b', defaultBilling: true },
          { address1: 'c', state: { name: 'Texas' }, defaultShipping: true },
          { address1: 'd' },
        ],
      }),
    );
    expect(paths).toStrictEqual([
      'customer.note',
      'customer.tags',
      'customer.addresses.0.address2',
      'customer.addresses.0.phone',
      'customer.addresses.0.company',
      'customer.addresses.2.state.code',
      'customer.addresses.3',
      'customer.addresses',
    ]);
    expect(message).toMatch(/^Jumpseller cannot store this customer: customer\.note: /);
  });

  it('refuses a billing address whose name differs from the customer’s', () => {
    expect(
      refusal(() =>
        toJumpsellerCreateBody({
          firstName: 'Ana',
          lastName: 'Reyes',
          email: 'ana@example.com',
          addresses: [{ firstName: 'Luis', lastName: 'Reyes', defaultBilling: true }],
        }),
      ).paths,
    ).toStrictEqual(['customer.firstName']);
  });
});

describe('toJumpsellerUpdateBody', () => {
  it('sends only the keys given when no name or address changes, without reading the customer', () => {
    const input = { phone: null, acceptsMarketing: false, email: 'new@example.cl', tags: [] };
    expect(updateNeedsCurrentCustomer(input)).toBe(false);
    expect(toJumpsellerUpdateBody(input, null)).toStrictEqual({
      customer: { email: 'new@example.cl', phone: null, accepts_marketing: false, customer_category: [] },
    });
  });

  it('re-sends the whole current billing address with the new name, tax id and comuna kept', () => {
    const input = { firstName: 'Josefa' };
    expect(updateNeedsCurrentCustomer(input)).toBe(true);
    expect(toJumpsellerUpdateBody(input, chile)).toStrictEqual({
      customer: {
        billing_address: {
          name: 'Josefa',
          surname: 'Muñoz Ñúñez',
          address: 'Av. Providencia 1234, depto 56',
          city: 'Santiago',
          postal: '7500000',
          municipality: 'Providencia',
          region: '12',
          country: 'CL',
          taxid: '12.345.678-5',
        },
      },
    });
  });

  it('keeps the tax id but not the comuna when the billing address moves to another city', () => {
    const body = toJumpsellerUpdateBody(
      {
        addresses: [
          { address1: 'Calle 5', city: 'Valparaíso', country: { code: 'CL' }, defaultBilling: true },
        ],
      },
      chile,
    );
    expect(body.customer.billing_address).toStrictEqual({
      name: 'María José',
      surname: 'Muñoz Ñúñez',
      address: 'Calle 5',
      city: 'Valparaíso',
      postal: null,
      municipality: null,
      region: null,
      country: 'CL',
      taxid: '12.345.678-5',
    });
  });

  it('creates the billing address of a customer named only on its shipping address, keeping the other name', () => {
    expect(
      toJumpsellerUpdateBody({ firstName: 'Kenji' }, shippingOnly).customer.billing_address,
    ).toStrictEqual({
      ...emptyAddress,
      name: 'Kenji',
      surname: '田中',
      taxid: null,
    });
  });

  it('refuses removing the email or every address, which Jumpseller cannot do', () => {
    expect(refusal(() => toJumpsellerUpdateBody({ email: null, addresses: [] }, chile)).paths).toStrictEqual([
      'customer.email',
      'customer.addresses',
    ]);
  });
});
