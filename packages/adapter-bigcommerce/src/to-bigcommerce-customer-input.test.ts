import { InvalidRequestError } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import {
  planAddressBookChanges,
  type StateNames,
  stateCodesToLookUp,
  toBigCommerceCreateBody,
  toBigCommerceUpdateBody,
} from './to-bigcommerce-customer-input';

// As BigCommerce's geography answers: Texas for US/TX, nothing for US/ZZ; any text where no state list exists.
const stateNames: StateNames = ({ countryCode, code }) => {
  if (countryCode === 'US') return code === 'TX' ? 'Texas' : undefined;
  return code;
};

function issuesOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('toBigCommerceCreateBody', () => {
  it('writes names, email, phone, note and the addresses inside the customer, states as names', () => {
    expect(
      toBigCommerceCreateBody(
        {
          firstName: 'Ana',
          lastName: 'Reyes',
          email: 'ana.reyes@example.com',
          phone: '+1 512 555 0100',
          note: 'Prefers morning delivery',
          tags: [],
          addresses: [
            {
              address1: '12 Oak St',
              address2: 'Suite 4',
              city: 'Austin',
              postalCode: '78701',
              company: 'Reyes Ceramics LLC',
              country: { code: 'US' },
              state: { code: 'TX' },
              defaultBilling: true,
            },
            {
              firstName: 'Élise',
              lastName: 'Durand',
              address1: '8 Rue de Rivoli',
              city: 'Paris',
              country: { code: 'FR' },
              state: { code: 'IDF', name: 'Île-de-France' },
            },
          ],
        },
        stateNames,
      ),
    ).toStrictEqual({
      email: 'ana.reyes@example.com',
      first_name: 'Ana',
      last_name: 'Reyes',
      phone: '+1 512 555 0100',
      notes: 'Prefers morning delivery',
      addresses: [
        {
          first_name: 'Ana',
          last_name: 'Reyes',
          company: 'Reyes Ceramics LLC',
          address1: '12 Oak St',
          address2: 'Suite 4',
          city: 'Austin',
          state_or_province: 'Texas',
          postal_code: '78701',
          country_code: 'US',
          phone: '',
          address_type: 'residential',
        },
        {
          first_name: 'Élise',
          last_name: 'Durand',
          company: '',
          address1: '8 Rue de Rivoli',
          address2: '',
          city: 'Paris',
          state_or_province: 'Île-de-France',
          postal_code: '',
          country_code: 'FR',
          phone: '',
          address_type: 'residential',
        },
      ],
    });
  });

  it('refuses, before any request, what BigCommerce cannot store, naming each field', () => {
    expect(
      issuesOf(() =>
        toBigCommerceCreateBody(
          {
            firstName: 'Ana',
            lastName: 'Reyes',
            tags: ['vip'],
            addresses: [
              { city: 'Austin', country: { code: 'US' }, state: { code: 'ZZ' }, references: 'Ring twice' },
              { address1: '1 Main St', city: 'Nowhere' },
            ],
          },
          stateNames,
        ),
      ),
    ).toStrictEqual([
      { path: 'customer.tags', message: 'BigCommerce customers have no tags: only [] can be stored' },
      { path: 'customer.email', message: 'BigCommerce requires an email' },
    ]);
    expect(
      issuesOf(() =>
        toBigCommerceCreateBody(
          {
            firstName: 'Ana',
            lastName: 'Reyes',
            email: 'ana@example.com',
            addresses: [
              { city: 'Austin', country: { code: 'US' }, state: { code: 'ZZ' }, references: 'Ring twice' },
              { address1: '1 Main St', city: 'Nowhere' },
            ],
          },
          stateNames,
        ),
      ),
    ).toStrictEqual([
      { path: 'customer.addresses[0].address1', message: 'is required by BigCommerce' },
      {
        path: 'customer.addresses[0].references',
        message: 'BigCommerce addresses have no delivery instructions',
      },
      { path: 'customer.addresses[0].state.code', message: 'is not a state BigCommerce knows in US' },
      { path: 'customer.addresses[1].country', message: 'is required by BigCommerce' },
    ]);
  });

  it('refuses more than 10 addresses', () => {
    const address = { address1: '1 Main St', city: 'Austin', country: { code: 'US' } };
    expect(
      issuesOf(() =>
        toBigCommerceCreateBody(
          { firstName: 'A', lastName: 'B', email: 'a@example.com', addresses: Array(11).fill(address) },
          stateNames,
        ),
      ),
    ).toStrictEqual([{ path: 'customer.addresses', message: 'BigCommerce takes at most 10' }]);
  });
});

describe('toBigCommerceUpdateBody', () => {
  it('writes only the keys sent; null clears to ""', () => {
    expect(toBigCommerceUpdateBody({ lastName: 'Reyes-Ortega', phone: null, note: null })).toStrictEqual({
      last_name: 'Reyes-Ortega',
      phone: '',
      notes: '',
    });
    expect(toBigCommerceUpdateBody({ addresses: [] })).toStrictEqual({});
  });

  it('refuses clearing the email, which BigCommerce requires, and consent, which lives in subscribers', () => {
    expect(issuesOf(() => toBigCommerceUpdateBody({ email: null, acceptsMarketing: true }))).toStrictEqual([
      { path: 'customer.email', message: 'BigCommerce requires an email' },
      {
        path: 'customer.acceptsMarketing',
        message: 'BigCommerce keeps newsletter consent in its subscribers, which this adapter does not write',
      },
    ]);
  });
});

describe('planAddressBookChanges', () => {
  const existing = [
    {
      id: 114,
      first_name: 'Ana',
      last_name: 'Reyes',
      address1: '12 Oak St',
      city: 'Austin',
      country_code: 'US',
    },
    {
      id: 115,
      first_name: 'Ana',
      last_name: 'Reyes',
      address1: '400 W 2nd St',
      city: 'Austin',
      country_code: 'US',
    },
  ];
  const names = { firstName: 'Ana', lastName: 'Reyes' };

  it('rewrites the addresses named by id, adds the others and deletes the rest', () => {
    const changes = planAddressBookChanges(
      existing,
      [
        {
          id: '115',
          address1: '400 W 2nd St',
          city: 'Austin',
          country: { code: 'US' },
          state: { name: 'Texas' },
        },
        { address1: '1 Shore Rd', city: 'Dublin', country: { code: 'IE' } },
      ],
      names,
      stateNames,
    );
    expect(changes).toStrictEqual({
      create: [
        {
          first_name: 'Ana',
          last_name: 'Reyes',
          company: '',
          address1: '1 Shore Rd',
          address2: '',
          city: 'Dublin',
          state_or_province: '',
          postal_code: '',
          country_code: 'IE',
          phone: '',
          address_type: 'residential',
        },
      ],
      update: [
        {
          id: 115,
          first_name: 'Ana',
          last_name: 'Reyes',
          company: '',
          address1: '400 W 2nd St',
          address2: '',
          city: 'Austin',
          state_or_province: 'Texas',
          postal_code: '',
          country_code: 'US',
          phone: '',
          address_type: 'residential',
        },
      ],
      remove: [114],
    });
  });

  it('refuses an address id the customer does not have', () => {
    expect(
      issuesOf(() =>
        planAddressBookChanges(
          existing,
          [{ id: '999', address1: 'x', city: 'y', country: { code: 'US' } }],
          names,
          stateNames,
        ),
      ),
    ).toStrictEqual([{ path: 'customer.addresses[0].id', message: 'is not an address of this customer' }]);
  });

  it('empties the address book when given []', () => {
    expect(planAddressBookChanges(existing, [], names, stateNames)).toStrictEqual({
      create: [],
      update: [],
      remove: [114, 115],
    });
  });
});

describe('stateCodesToLookUp', () => {
  it('lists the codes given without a name', () => {
    expect(
      stateCodesToLookUp([
        { country: { code: 'US' }, state: { code: 'TX' } },
        { country: { code: 'US' }, state: { code: 'CA', name: 'California' } },
        { state: { code: 'ON' } },
        { country: { code: 'CA' } },
      ]),
    ).toStrictEqual([{ countryCode: 'US', code: 'TX' }]);
  });
});
