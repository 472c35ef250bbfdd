import type { Customer } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { matchesAmazonQuery, translateAmazonQuery } from './translate-amazon-query';

const buyer: Customer = {
  id: 'dab3a09b9ee68fc67a13ae5d',
  email: 'x1k9v3q7m2t8nb5@marketplace.amazon.com',
  firstName: 'Zoë',
  lastName: 'Østergård',
  phone: null,
  currency: 'USD',
  note: null,
  acceptsMarketing: null,
  tags: [],
  ordersCount: 2,
  totalSpent: 12.5,
  status: { id: null, status: null },
  dates: { createdAt: '2025-02-28T23:59:59.000Z', updatedAt: '2026-02-01T12:00:00.000Z' },
  addresses: [],
};

describe('translateAmazonQuery', () => {
  it('keeps every filter for the derived customers: nothing is left to a looser upstream', () => {
    expect(translateAmazonQuery({ name: 'zoë', search: 'x1k9' })).toStrictEqual({
      params: { filters: { name: 'zoë', search: 'x1k9' } },
      remainder: null,
    });
  });
});

describe('matchesAmazonQuery', () => {
  const matches = (filters: Parameters<typeof translateAmazonQuery>[0]) =>
    matchesAmazonQuery(buyer, translateAmazonQuery(filters).params);

  it('matches email case-insensitively and exactly', () => {
    expect(matches({ email: 'X1K9V3Q7M2T8NB5@MARKETPLACE.AMAZON.COM' })).toBe(true);
    expect(matches({ email: 'x1k9v3q7m2t8nb5@marketplace.amazon' })).toBe(false);
  });

  it('matches name on "firstName lastName", case-insensitively', () => {
    expect(matches({ name: 'ZOË ØSTER' })).toBe(true);
    expect(matches({ name: 'Østergård Zoë' })).toBe(false);
  });

  it('matches search in firstName, lastName or email', () => {
    expect(matches({ search: 'MARKETPLACE.AMAZON' })).toBe(true);
    expect(matches({ search: 'stergå' })).toBe(true);
    expect(matches({ search: 'nobody' })).toBe(false);
  });

  it('matches date ranges inclusively at both ends', () => {
    expect(matches({ createdAt: { from: '2025-02-28T23:59:59.000Z', to: '2025-02-28T23:59:59.000Z' } })).toBe(
      true,
    );
    expect(matches({ updatedAt: { from: '2026-02-01T12:00:00.001Z' } })).toBe(false);
  });
});
