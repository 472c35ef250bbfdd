import { describe, expect, it } from 'vitest';
import { translateJumpsellerQuery } from './translate-jumpseller-query';

describe('translateJumpsellerQuery', () => {
  it('reads the whole ascending list without filters; limit and cursor are not filters', () => {
    expect(translateJumpsellerQuery({ limit: 50, cursor: '100' } as never)).toStrictEqual({
      params: { kind: 'all', afterId: null },
      remainder: null,
    });
  });

  it('starts the list after sinceId, and checks it and name on the list, which has no such parameter', () => {
    expect(translateJumpsellerQuery({ sinceId: '4102217', name: 'reyes' })).toStrictEqual({
      params: { kind: 'all', afterId: '4102217' },
      remainder: { sinceId: '4102217', name: 'reyes' },
    });
  });

  it('reads the search, and checks every other filter on its answer', () => {
    expect(translateJumpsellerQuery({ search: 'ana', email: 'ana@example.com', ids: ['1'] })).toStrictEqual({
      params: { kind: 'search', query: 'ana', order: 'asc' },
      remainder: { ids: ['1'], email: 'ana@example.com' },
    });
  });

  it('reads every customer newest first through the empty search for -id, and ids in that order', () => {
    const desc = { key: 'id', direction: 'desc' } as const;
    expect(translateJumpsellerQuery({ phone: '5550', tags: ['VIP'] }, desc)).toStrictEqual({
      params: { kind: 'search', query: '', order: 'desc' },
      remainder: { tags: ['VIP'], phone: '5550' },
    });
    expect(translateJumpsellerQuery({ ids: ['12', '4102217', '900'] }, desc).params).toStrictEqual({
      kind: 'ids',
      ids: ['4102217', '900', '12'],
    });
    expect(
      translateJumpsellerQuery({ acceptsMarketing: true }, { key: 'id', direction: 'asc' }),
    ).toStrictEqual({
      params: { kind: 'all', afterId: null },
      remainder: { acceptsMarketing: true },
    });
  });

  it('looks the email up, and compares it again ignoring case', () => {
    expect(translateJumpsellerQuery({ email: 'Ana@Example.com', name: 'Ana' })).toStrictEqual({
      params: { kind: 'email', email: 'Ana@Example.com' },
      remainder: { name: 'Ana', email: 'Ana@Example.com' },
    });
  });

  it('reads each id once, and none that cannot be a Jumpseller id', () => {
    expect(translateJumpsellerQuery({ ids: ['4102217', '4102217', 'abc', '0', '12'] })).toStrictEqual({
      params: { kind: 'ids', ids: ['4102217', '12'] },
      remainder: null,
    });
  });
});
