import { type InputIssue, InvalidRequestError, isCountryCode } from '@unicart/core';
import { shopifyAdminSchema } from '@unicart/sandbox';
import { isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { shopifyCustomerSchema } from './shopify-api';
import { customerFixtures } from './shopify-fixtures.fixture';
import {
  planShopifyAddresses,
  toShopifyCustomerCreate,
  toShopifyCustomerUpdate,
  toShopifyMailingAddressInput,
  updateNeedsCurrentCustomer,
} from './to-shopify-customer-input';

const kenji = shopifyCustomerSchema.parse(customerFixtures.manyAddresses);
const tokyo = 'gid://shopify/MailingAddress/8600?model_name=CustomerAddress';
const newYork = 'gid://shopify/MailingAddress/8601?model_name=CustomerAddress';
const unknownRegion = 'gid://shopify/MailingAddress/8602?model_name=CustomerAddress';
const ascension = 'gid://shopify/MailingAddress/8603?model_name=CustomerAddress';

function issuesOf(run: () => unknown): readonly InputIssue[] {
  try {
    run();
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('toShopifyCustomerCreate', () => {
  it('sends the given fields and consent when the customer accepts marketing with an email', () => {
    const create = toShopifyCustomerCreate({
      firstName: 'Ana',
      lastName: 'Reyes',
      email: 'ana@example.com',
      phone: '+15125550100',
      note: 'VIP',
      tags: ['vip'],
      acceptsMarketing: true,
    });
    expect(create.input).toStrictEqual({
      firstName: 'Ana',
      lastName: 'Reyes',
      email: 'ana@example.com',
      phone: '+15125550100',
      note: 'VIP',
      tags: ['vip'],
      emailMarketingConsent: { marketingState: 'SUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN' },
    });
  });

  it('sends no consent when the customer does not accept marketing, and leaves nulls out', () => {
    const create = toShopifyCustomerCreate({
      firstName: 'A',
      lastName: 'B',
      email: null,
      acceptsMarketing: false,
    });
    expect(create.input).toStrictEqual({ firstName: 'A', lastName: 'B' });
  });

  it('refuses consent without an email', () => {
    expect(
      issuesOf(() => toShopifyCustomerCreate({ firstName: 'A', lastName: 'B', acceptsMarketing: true })),
    ).toStrictEqual([{ path: 'customer.acceptsMarketing', message: 'needs an email on Shopify' }]);
  });

  it('refuses a tag with a comma, which Shopify would split', () => {
    expect(
      issuesOf(() => toShopifyCustomerCreate({ firstName: 'A', lastName: 'B', tags: ['ok', 'a,b'] })),
    ).toStrictEqual([{ path: 'customer.tags.1', message: 'must not contain a comma' }]);
  });

  it('plans one address creation per address, the flagged one as default', () => {
    const create = toShopifyCustomerCreate({
      firstName: 'A',
      lastName: 'B',
      addresses: [
        { address1: '1 Main St', country: { code: 'US' }, state: { code: 'TX' } },
        { address1: '2 Side St', postalCode: '10118', city: 'New York', defaultShipping: true },
      ],
    });
    expect(create.addresses).toStrictEqual({
      creates: [
        {
          index: 0,
          address: { address1: '1 Main St', countryCode: 'US', provinceCode: 'TX' },
          setAsDefault: false,
        },
        { index: 1, address: { address1: '2 Side St', city: 'New York', zip: '10118' }, setAsDefault: true },
      ],
      updates: [],
      makeDefault: null,
      deletes: [],
    });
  });
});

describe('toShopifyMailingAddressInput', () => {
  it('renames every canonical field to its Shopify input field', () => {
    const issues: InputIssue[] = [];
    const input = toShopifyMailingAddressInput(
      {
        firstName: 'Ana',
        lastName: 'Reyes',
        company: 'Acme',
        address1: '12 Oak St',
        address2: 'Apt 4',
        city: 'Austin',
        postalCode: '78701',
        phone: '+15125550100',
        references: null,
        country: { code: 'US', name: 'United States' },
        state: { code: 'TX', name: 'Texas' },
      },
      'customer.addresses.0',
      issues,
    );
    expect(input).toStrictEqual({
      firstName: 'Ana',
      lastName: 'Reyes',
      company: 'Acme',
      address1: '12 Oak St',
      address2: 'Apt 4',
      city: 'Austin',
      zip: '78701',
      phone: '+15125550100',
      countryCode: 'US',
      provinceCode: 'TX',
    });
    expect(issues).toStrictEqual([]);
  });

  it('sends null for the fields the caller clears', () => {
    const input = toShopifyMailingAddressInput({ address2: null, country: null, state: null }, 'a', []);
    expect(input).toStrictEqual({ address2: null, countryCode: null, provinceCode: null });
  });

  it.each([
    [
      { references: 'Ring twice' },
      'customer.addresses.2.references',
      'has no Shopify field; send null or leave it out',
    ],
    [
      { state: { name: 'Texas' } },
      'customer.addresses.2.state.code',
      'is required by Shopify when a state is given',
    ],
    [
      { country: { code: 'PR' } },
      'customer.addresses.2.country.code',
      'is not a country on Shopify; send country US with state PR',
    ],
    [{ country: { code: 'AQ' } }, 'customer.addresses.2.country.code', 'is not a country on Shopify'],
  ])('refuses %j', (address, path, message) => {
    const issues: InputIssue[] = [];
    toShopifyMailingAddressInput(address, 'customer.addresses.2', issues);
    expect(issues).toStrictEqual([{ path, message }]);
  });

  it('knows exactly the ISO countries that Shopify’s CountryCode enum lacks', () => {
    const countryCodes = shopifyAdminSchema().getType('CountryCode');
    if (!isEnumType(countryCodes)) throw new Error('CountryCode is an enum');
    const shopify = new Set(countryCodes.getValues().map((value) => value.name));
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const iso = [...letters]
      .flatMap((first) => [...letters].map((second) => first + second))
      .filter(isCountryCode);
    const refused = iso.filter((code) => {
      const issues: InputIssue[] = [];
      toShopifyMailingAddressInput({ country: { code } }, 'a', issues);
      return issues.length > 0;
    });
    expect(refused).toStrictEqual(iso.filter((code) => !shopify.has(code)));
  });
});

describe('planShopifyAddresses', () => {
  const current = kenji.addressesV2.nodes;

  it('changes only the keys sent of a listed address, keeps the unchanged, deletes the unlisted', () => {
    const plan = planShopifyAddresses(
      current,
      '8601',
      [{ id: '8600', city: 'Minato' }, { id: '8601' }, { address1: 'New St', country: { code: 'FR' } }],
      [],
    );
    expect(plan).toStrictEqual({
      creates: [{ index: 2, address: { address1: 'New St', countryCode: 'FR' }, setAsDefault: false }],
      updates: [
        {
          index: 0,
          addressId: tokyo,
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
      ],
      makeDefault: null,
      deletes: [unknownRegion, ascension],
    });
  });

  it('makes an unchanged address the default without rewriting it', () => {
    const plan = planShopifyAddresses(
      current,
      '8601',
      [{ id: '8600', defaultBilling: true }, { id: '8601' }],
      [],
    );
    expect(plan).toStrictEqual({
      creates: [],
      updates: [],
      makeDefault: tokyo,
      deletes: [unknownRegion, ascension],
    });
  });

  it('sets a changed address as default in the same update', () => {
    const plan = planShopifyAddresses(
      current,
      '8601',
      [{ id: '8602', city: 'Nowhere', defaultShipping: true }],
      [],
    );
    expect(plan.updates.map((update) => [update.addressId, update.setAsDefault])).toStrictEqual([
      [unknownRegion, true],
    ]);
    expect(plan.deletes).toStrictEqual([tokyo, newYork, ascension]);
  });

  it('deletes every address for an empty list', () => {
    expect(planShopifyAddresses(current, '8601', [], []).deletes).toStrictEqual([
      tokyo,
      newYork,
      unknownRegion,
      ascension,
    ]);
  });

  it('refuses an id that is not one of the customer’s addresses, or one listed twice', () => {
    const issues: InputIssue[] = [];
    planShopifyAddresses(current, '8601', [{ id: '1' }, { id: '8600' }, { id: '8600' }], issues);
    expect(issues).toStrictEqual([
      { path: 'customer.addresses.0.id', message: 'is not an address of this customer, or is listed twice' },
      { path: 'customer.addresses.2.id', message: 'is not an address of this customer, or is listed twice' },
    ]);
  });

  it('refuses two different default addresses: Shopify has one', () => {
    const issues: InputIssue[] = [];
    planShopifyAddresses(current, null, [{ defaultBilling: true }, { defaultShipping: true }], issues);
    expect(issues).toStrictEqual([
      {
        path: 'customer.addresses',
        message: 'Shopify has one default address: mark at most one address as default',
      },
    ]);
  });
});

describe('toShopifyCustomerUpdate', () => {
  it('sends only the keys given, nulls included (they clear the field)', () => {
    expect(toShopifyCustomerUpdate({ lastName: 'Nuevo', phone: null, tags: [] }, null)).toStrictEqual({
      input: { lastName: 'Nuevo', phone: null, tags: [] },
      consent: null,
      addresses: null,
    });
  });

  it('sends no customerUpdate when only consent changes, and withdraws consent as UNSUBSCRIBED', () => {
    expect(toShopifyCustomerUpdate({ acceptsMarketing: false }, kenji)).toStrictEqual({
      input: null,
      consent: { marketingState: 'UNSUBSCRIBED' },
      addresses: null,
    });
  });

  it('refuses consent for a customer who will have no email', () => {
    expect(
      issuesOf(() => toShopifyCustomerUpdate({ acceptsMarketing: true, email: null }, kenji)),
    ).toStrictEqual([{ path: 'customer.acceptsMarketing', message: 'needs an email on Shopify' }]);
  });

  it('accepts consent with the email sent in the same update', () => {
    const bob = shopifyCustomerSchema.parse(customerFixtures.noEmail);
    expect(
      toShopifyCustomerUpdate({ acceptsMarketing: true, email: 'bob@example.com' }, bob).consent,
    ).toStrictEqual({
      marketingState: 'SUBSCRIBED',
      marketingOptInLevel: 'SINGLE_OPT_IN',
    });
  });

  it.each([
    [{ firstName: 'A' }, false],
    [{ acceptsMarketing: true }, true],
    [{ addresses: [] }, true],
  ])('needs the stored customer for %j: %s', (input, needed) => {
    expect(updateNeedsCurrentCustomer(input)).toBe(needed);
  });
});
