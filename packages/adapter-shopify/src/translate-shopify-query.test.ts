import type { CustomerFilters } from '@unicart/core';
import { parseShopifySearch } from '@unicart/sandbox';
import { describe, expect, it } from 'vitest';
import { escapeFreeText, quoteSearchValue, translateShopifyQuery } from './translate-shopify-query';

describe('translateShopifyQuery', () => {
  const cases: [string, CustomerFilters, string | null][] = [
    ['no filter', {}, null],
    ['one id', { ids: ['207119551'] }, 'id:207119551'],
    ['several ids as one OR group', { ids: ['1', '22', '333'] }, '(id:1 OR id:22 OR id:333)'],
    ['sinceId as an id range', { sinceId: '7010392211' }, 'id:>7010392211'],
    [
      'createdAt from, quoted, to the second',
      { createdAt: { from: '2024-01-31T10:00:00.500Z' } },
      "customer_date:>='2024-01-31T10:00:00Z'",
    ],
    [
      'createdAt to a whole day',
      { createdAt: { to: '2024-01-31T23:59:59.999Z' } },
      "customer_date:<='2024-01-31T23:59:59Z'",
    ],
    [
      'updatedAt range widened by a day each way',
      { updatedAt: { from: '2024-02-10T08:00:00.000Z', to: '2024-02-12T23:59:59.999Z' } },
      "updated_at:>='2024-02-09T08:00:00Z' updated_at:<='2024-02-13T23:59:59Z'",
    ],
    ['email as one quoted phrase', { email: 'Ana.Reyes@Example.com' }, 'email:"Ana.Reyes@Example.com"'],
    ['search as free text', { search: 'Bob Norman' }, 'Bob Norman'],
    ['name not at all: it is matched on our side', { name: 'Reyes' }, null],
    [
      'every filter joined by spaces (AND)',
      {
        ids: ['5', '6'],
        sinceId: '4',
        createdAt: { from: '2024-01-01T00:00:00.000Z' },
        email: 'a@b.co',
        search: 'ana',
        name: 'An',
      },
      '(id:5 OR id:6) id:>4 customer_date:>=\'2024-01-01T00:00:00Z\' email:"a@b.co" ana',
    ],
  ];

  it.each(cases)('translates %s', (_, filters, query) => {
    expect(translateShopifyQuery(filters).query).toBe(query);
  });

  it.each<[string, CustomerFilters, boolean]>([
    ['ids', { ids: ['1'] }, false],
    ['sinceId', { sinceId: '1' }, false],
    ['search', { search: 'x' }, false],
    ['email', { email: 'a@b.co' }, true],
    ['name', { name: 'x' }, true],
    ['createdAt', { createdAt: { to: '2024-01-01T00:00:00.000Z' } }, true],
    ['updatedAt', { updatedAt: { from: '2024-01-01T00:00:00.000Z' } }, true],
  ])('re-checks each customer on our side for %s: %s', (_, filters, recheck) => {
    expect(translateShopifyQuery(filters).recheck).toBe(recheck);
  });

  it.each<[string, CustomerFilters, boolean]>([
    ['no filter', {}, true],
    ['ids and sinceId', { ids: ['1', '2'], sinceId: '1' }, true],
    ['search', { search: 'x' }, false],
    ['email', { email: 'a@b.co' }, false],
    ['createdAt', { createdAt: { from: '2024-01-01T00:00:00.000Z' } }, false],
  ])('counts %s with customersCount: %s', (_, filters, countable) => {
    expect(translateShopifyQuery(filters).countable).toBe(countable);
  });
});

describe('quoteSearchValue', () => {
  it.each([
    ['plain', 'ana@example.com', '"ana@example.com"'],
    ['a double quote', 'a"b@example.com', '"a\\"b@example.com"'],
    ['a backslash', 'a\\b', '"a\\\\b"'],
    ['a space, colon and parentheses', 'x y:(z)', '"x y:(z)"'],
    ['connectives', 'a OR b AND NOT c', '"a OR b AND NOT c"'],
  ])('quotes a value with %s', (_, value, quoted) => {
    expect(quoteSearchValue(value)).toBe(quoted);
  });

  it.each(['a"b" OR id:1', 'x\\" OR (id:>0', "it's \\ all: (one) AND NOT two"])(
    'keeps %s one email term whatever it holds',
    (value) => {
      expect(parseShopifySearch(`email:${quoteSearchValue(value)}`)).toStrictEqual({
        kind: 'term',
        field: 'email',
        comparator: ':',
        value,
        quoted: true,
        prefix: false,
        rangeTo: null,
      });
    },
  );
});

describe('escapeFreeText', () => {
  const cases: [string, string, string][] = [
    ['words', 'Bob  Norman', 'Bob Norman'],
    ['a colon (no field)', 'email:ana', 'email\\:ana'],
    ['parentheses (no group)', '(vip)', '\\(vip\\)'],
    ['double quotes (no phrase)', '"Ana', '\\"Ana'],
    ['single quotes', "O'Brien", "O\\'Brien"],
    ['a backslash', 'back\\slash', 'back\\\\slash'],
    ['a leading minus (no negation)', '-spam', '\\-spam'],
    ['connectives as words', 'Tom OR Jerry and NOT', 'Tom "OR" Jerry "and" "NOT"'],
    ['a comparator after a colon', 'id:>5', 'id\\:>5'],
  ];

  it.each(cases)('escapes %s', (_, text, escaped) => {
    expect(escapeFreeText(text)).toBe(escaped);
  });

  it.each(cases)('keeps the words of text with %s as free-text words, nothing else', (_, text) => {
    const words = text.split(/\s+/).filter((word) => word !== '');
    const terms = words.map((word) => ({
      kind: 'term',
      field: null,
      comparator: ':',
      value: word,
      quoted: /^(?:OR|AND|NOT)$/i.test(word),
      prefix: false,
      rangeTo: null,
    }));
    expect(parseShopifySearch(escapeFreeText(text))).toStrictEqual(
      terms.length === 1 ? terms[0] : { kind: 'and', children: terms },
    );
  });
});
