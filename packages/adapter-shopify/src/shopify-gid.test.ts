import { describe, expect, it } from 'vitest';
import { customerGid, gidTail, optionalGidTail, parseShopifyCustomerId } from './shopify-gid';

describe('shopify GIDs', () => {
  it('takes the numeric tail of a GID', () => {
    expect(gidTail('gid://shopify/Customer/207119551')).toBe('207119551');
  });

  it('drops the query string of an address GID', () => {
    expect(gidTail('gid://shopify/MailingAddress/9123?model_name=CustomerAddress')).toBe('9123');
  });

  it('gives null for a missing reference', () => {
    expect([optionalGidTail(null), optionalGidTail({ id: 'gid://shopify/Product/7' })]).toStrictEqual([
      null,
      '7',
    ]);
  });

  it.each([
    ['207119551', '207119551'],
    [' 207119551 ', '207119551'],
    ['gid://shopify/Customer/207119551', '207119551'],
    ['gid://shopify/Order/207119551', null],
    ['abc', null],
    ['12a', null],
    ['-1', null],
    ['123456789012345678901', null],
  ])('reads the customer id %j as %j', (id, numeric) => {
    expect(parseShopifyCustomerId(id)).toBe(numeric);
  });

  it('builds a customer GID', () => {
    expect(customerGid('42')).toBe('gid://shopify/Customer/42');
  });
});
