import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from './shopify-search-syntax';

const term = (field: string | null, value: string, extra: Record<string, unknown> = {}) => ({
  kind: 'term',
  field,
  comparator: ':',
  value,
  quoted: false,
  prefix: false,
  rangeTo: null,
  ...extra,
});

describe('parseSearchQuery', () => {
  it('reads whitespace as AND, OR between groups, and parentheses', () => {
    expect(parseSearchQuery('(id:1 OR id:2) email:"a@b.com"')).toStrictEqual({
      kind: 'and',
      children: [
        { kind: 'or', children: [term('id', '1'), term('id', '2')] },
        term('email', 'a@b.com', { quoted: true }),
      ],
    });
  });

  it('reads comparators, quoted dates and ranges', () => {
    expect(parseSearchQuery("customer_date:>='2024-01-01T00:00:00Z'")).toStrictEqual(
      term('customer_date', '2024-01-01T00:00:00Z', { comparator: ':>=', quoted: true }),
    );
    expect(parseSearchQuery('orders_count:1..5')).toStrictEqual(term('orders_count', '1', { rangeTo: '5' }));
  });

  it('reads NOT and a leading minus as negation, but not an escaped minus or a quoted connective', () => {
    expect(parseSearchQuery('NOT tag:vip')).toStrictEqual({ kind: 'not', child: term('tag', 'vip') });
    expect(parseSearchQuery('-state:DISABLED')).toStrictEqual({
      kind: 'not',
      child: term('state', 'DISABLED'),
    });
    expect(parseSearchQuery('\\-x "OR"')).toStrictEqual({
      kind: 'and',
      children: [term(null, '-x'), term(null, 'OR', { quoted: true })],
    });
  });

  it('keeps escaped special characters as text', () => {
    expect(parseSearchQuery('a\\:b \\(c\\)')).toStrictEqual({
      kind: 'and',
      children: [term(null, 'a:b'), term(null, '(c)')],
    });
  });

  it('reads a trailing star as a prefix and forgives unbalanced parentheses', () => {
    expect(parseSearchQuery('email:*')).toStrictEqual(term('email', '', { prefix: true }));
    expect(parseSearchQuery('(id:1')).toStrictEqual(term('id', '1'));
    expect(parseSearchQuery('id:1)')).toStrictEqual(term('id', '1'));
  });
});

describe('escapes inside quotes', () => {
  it('keeps an escaped quote inside a phrase, so the phrase does not end there', () => {
    expect(parseSearchQuery('email:"a\\"b\\" OR id:1"')).toStrictEqual({
      kind: 'term',
      field: 'email',
      comparator: ':',
      value: 'a"b" OR id:1',
      quoted: true,
      prefix: false,
      rangeTo: null,
    });
  });
});
