import { describe, expect, it } from 'vitest';
import type { Customer } from '../models/customer';
import { applyCustomerView, fieldsToRead, fieldsUsedBy } from './customer-view';

const customer: Customer = {
  id: '7',
  email: 'ana@example.com',
  firstName: 'Ana',
  lastName: null,
  phone: null,
  currency: 'EUR',
  note: null,
  acceptsMarketing: false,
  tags: ['vip'],
  ordersCount: 2,
  totalSpent: 10,
  status: { id: null, status: null },
  dates: { createdAt: null, updatedAt: null },
  addresses: [],
};

describe('applyCustomerView', () => {
  it('keeps only the asked keys plus id, with their values', () => {
    expect(applyCustomerView(customer, { fields: ['lastName', 'tags'] })).toStrictEqual({
      id: '7',
      lastName: null,
      tags: ['vip'],
    });
  });

  it('adds raw when asked, and only then', () => {
    const raw = { customerId: 7 };
    expect(applyCustomerView(customer, { raw: true }, raw)).toStrictEqual({ ...customer, raw });
    expect(applyCustomerView(customer, { fields: ['email'], raw: true }, raw)).toStrictEqual({
      id: '7',
      email: 'ana@example.com',
      raw,
    });
    expect(applyCustomerView(customer, {}, raw)).not.toHaveProperty('raw');
  });
});

describe('fieldsToRead', () => {
  it('asks for every field without fields, and with raw (the native record is shown whole)', () => {
    expect(fieldsToRead(undefined)).toBeNull();
    expect(fieldsToRead({ fields: ['email'], raw: true })).toBeNull();
  });

  it('adds id and what the filters and the sort look at', () => {
    expect(
      fieldsToRead(
        { fields: ['email'] },
        fieldsUsedBy({ country: ['BR'] }, { key: 'name', direction: 'asc' }),
      ),
    ).toStrictEqual(new Set(['id', 'email', 'addresses', 'firstName', 'lastName']));
  });
});
