import { describe, expect, it } from 'vitest';
import { customerSchema } from './customer';
import { customerCreateInputSchema, customerUpdateInputSchema } from './customer-input';
import { orderSchema } from './order';

const customer = {
  id: '207119551',
  email: null,
  firstName: 'Ana',
  lastName: null,
  phone: null,
  currency: 'USD',
  note: null,
  acceptsMarketing: null,
  tags: [],
  ordersCount: null,
  totalSpent: null,
  status: { id: null, status: null },
  dates: { createdAt: '2014-06-06T14:57:19.000Z', updatedAt: null },
  addresses: [
    {
      id: null,
      firstName: null,
      lastName: null,
      address1: null,
      address2: null,
      city: null,
      postalCode: null,
      phone: null,
      company: null,
      references: null,
      defaultBilling: true,
      defaultShipping: false,
      country: { code: 'US', name: 'United States', codeIso2: 'US', codeIso3: 'USA' },
      state: { code: 'TX', name: null },
    },
  ],
};

describe('customerSchema', () => {
  it('accepts a customer with every key present and unknowns as null', () => {
    expect(customerSchema.parse(customer)).toStrictEqual(customer);
  });

  it('rejects a customer that omits a key', () => {
    const { phone: _omitted, ...withoutPhone } = customer;
    expect(customerSchema.safeParse(withoutPhone).success).toBe(false);
  });

  it('rejects keys beyond the contract', () => {
    expect(customerSchema.safeParse({ ...customer, gid: 'gid://shopify/Customer/1' }).success).toBe(false);
  });

  it('rejects dates that are not in toISOString form', () => {
    const dates = { createdAt: '2014-06-06T14:57:19Z', updatedAt: null };
    expect(customerSchema.safeParse({ ...customer, dates }).success).toBe(false);
  });

  it('rejects a lower-case currency', () => {
    expect(customerSchema.safeParse({ ...customer, currency: 'usd' }).success).toBe(false);
  });
});

describe('orderSchema', () => {
  it('accepts an order with null totals and an item without ids', () => {
    const order = {
      id: 'MYSTORE-X8UYE',
      number: null,
      customerId: null,
      email: null,
      currency: null,
      status: { id: null, status: 'PAID' },
      paymentStatus: 'PAID',
      fulfillmentStatus: null,
      totals: { subtotal: null, tax: null, shipping: null, discount: null, total: 10 },
      dates: { createdAt: null, updatedAt: null },
      items: [
        { id: null, productId: null, variantId: null, sku: null, name: 'Gift', quantity: 1, price: null },
      ],
    };
    expect(orderSchema.parse(order)).toStrictEqual(order);
  });
});

describe('customer input', () => {
  it('requires a first and last name on create', () => {
    const result = customerCreateInputSchema.safeParse({ firstName: 'Ana', lastName: '  ' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toStrictEqual(['lastName']);
  });

  it('rejects unknown keys', () => {
    const result = customerUpdateInputSchema.safeParse({ nickname: 'ana' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('accepts a country given as just its code and upper-cases it', () => {
    const parsed = customerUpdateInputSchema.parse({
      addresses: [{ country: { code: 'us' }, defaultBilling: true }],
    });
    expect(parsed.addresses?.[0]?.country?.code).toBe('US');
  });

  it('rejects an unknown country code and a malformed email', () => {
    expect(customerUpdateInputSchema.safeParse({ addresses: [{ country: { code: 'QQ' } }] }).success).toBe(
      false,
    );
    expect(customerUpdateInputSchema.safeParse({ email: 'not-an-email' }).success).toBe(false);
  });

  it('accepts an update with only some keys, leaving the rest absent', () => {
    expect(customerUpdateInputSchema.parse({ note: null })).toStrictEqual({ note: null });
  });
});
