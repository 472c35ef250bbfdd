import { customerSchema } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import fbaOrder from './__fixtures__/amazon-order-fba.json' with { type: 'json' };
import oneBuyer from './__fixtures__/amazon-orders-one-buyer.json' with { type: 'json' };
import searchPage from './__fixtures__/amazon-search-orders-page.json' with { type: 'json' };
import { type AmazonOrder, amazonOrderSchema, amazonSearchOrdersResponseSchema } from './amazon-api';
import { amazonCustomerId, mapAmazonCustomer, sumDecimalAmounts } from './map-amazon-customer';

const page = amazonSearchOrdersResponseSchema.parse(searchPage);
const [osaka, pending] = page.orders as [AmazonOrder, AmazonOrder];
const buyerOrders = oneBuyer.map((order) => amazonOrderSchema.parse(order));
const [seattle, unshipped, toronto] = buyerOrders as [AmazonOrder, AmazonOrder, AmazonOrder];

describe('amazonCustomerId', () => {
  it('is the first 24 hex digits of SHA-256 of the lower-cased email (CONTRACT §6)', () => {
    expect(amazonCustomerId('7qkz2m0v9xj3lwd@marketplace.amazon.co.jp')).toBe('1278b964e23262300f4c994a');
    expect(amazonCustomerId('X1K9V3Q7M2T8NB5@Marketplace.Amazon.com')).toBe('dab3a09b9ee68fc67a13ae5d');
  });
});

describe('mapAmazonCustomer', () => {
  it('derives every key of a buyer from one shipped order in Japan', () => {
    const customer = mapAmazonCustomer([osaka]);
    expect(customer).toStrictEqual({
      id: '1278b964e23262300f4c994a',
      email: '7qkz2m0v9xj3lwd@marketplace.amazon.co.jp',
      firstName: '佐々木',
      lastName: '美咲',
      phone: null,
      currency: 'JPY',
      note: null,
      acceptsMarketing: null,
      tags: [],
      ordersCount: 1,
      totalSpent: 7280,
      status: { id: null, status: null },
      dates: { createdAt: '2026-05-02T04:12:09.000Z', updatedAt: '2026-05-03T09:40:51.000Z' },
      addresses: [
        {
          id: null,
          firstName: '佐々木',
          lastName: '美咲',
          address1: '梅田3-1-1',
          address2: 'グランフロント 12F',
          city: '大阪市北区',
          postalCode: '530-0001',
          phone: '06-5550-1234',
          company: null,
          references: '宅配ボックスへ',
          defaultBilling: false,
          defaultShipping: true,
          country: { code: 'JP', name: 'Japan', codeIso2: 'JP', codeIso3: 'JPN' },
          state: { code: '大阪府', name: null },
        },
      ],
    });
    expect(customerSchema.strict().parse(customer)).toStrictEqual(customer);
  });

  it('gives no customer for orders without a buyer email (pending, FBA)', () => {
    expect(mapAmazonCustomer([pending])).toBeNull();
    expect(mapAmazonCustomer([amazonOrderSchema.parse(fbaOrder)])).toBeNull();
    expect(mapAmazonCustomer([])).toBeNull();
  });

  it('joins orders whose emails differ only in case, and leaves currency and total null across currencies', () => {
    const customer = mapAmazonCustomer([toronto, seattle, unshipped]);
    expect(customer).toMatchObject({
      id: 'dab3a09b9ee68fc67a13ae5d',
      // The email of the latest order (by purchase date): 2026-01-14T23:30:00.250Z.
      email: 'x1k9v3q7m2t8nb5@marketplace.amazon.com',
      // The latest order with a name is the Toronto one (the latest has none).
      firstName: 'M.',
      lastName: 'A. Smith-Jones',
      ordersCount: 3,
      currency: null,
      totalSpent: null,
      dates: { createdAt: '2025-02-28T23:59:59.000Z', updatedAt: '2026-02-01T12:00:00.000Z' },
    });
  });

  it('takes the address of the latest order that has one, a state given by name as its code', () => {
    expect(mapAmazonCustomer([seattle, unshipped, toronto])?.addresses).toStrictEqual([
      {
        id: null,
        firstName: 'Mary',
        lastName: 'Smith-Jones',
        address1: '1 Yonge St',
        address2: null,
        city: 'Toronto',
        postalCode: 'M5E 1E5',
        phone: null,
        company: null,
        references: 'Leave with the concierge',
        defaultBilling: false,
        defaultShipping: true,
        country: { code: 'CA', name: 'Canada', codeIso2: 'CA', codeIso3: 'CAN' },
        state: { code: 'Ontario', name: null },
      },
    ]);
  });

  it('sums one currency exactly, joins address lines 2 and 3, and drops empty strings', () => {
    const customer = mapAmazonCustomer([unshipped, seattle]);
    expect([customer?.currency, customer?.totalSpent, customer?.ordersCount]).toStrictEqual(['USD', 0.3, 2]);
    expect(customer?.addresses[0]).toMatchObject({
      firstName: 'Mary',
      lastName: 'Ann Smith-Jones',
      address2: 'Apt 5, Building B',
      company: null,
      phone: '+1 206-555-0100',
      state: { code: 'WA', name: null },
      references: null,
    });
  });

  it('has no name when no order carries one, and no address when none has one', () => {
    const customer = mapAmazonCustomer([unshipped]);
    expect([customer?.firstName, customer?.lastName, customer?.addresses]).toStrictEqual([null, null, []]);
  });
});

describe('sumDecimalAmounts', () => {
  it('adds decimal strings without binary noise, negatives included', () => {
    expect(sumDecimalAmounts(['0.10', '0.20'])).toBe(0.3);
    expect(sumDecimalAmounts(['7280', '500'])).toBe(7780);
    expect(sumDecimalAmounts(['19.99', '-0.9'])).toBe(19.09);
  });

  it('gives null when an amount is not a number', () => {
    expect(sumDecimalAmounts(['12.00', ''])).toBeNull();
  });
});
