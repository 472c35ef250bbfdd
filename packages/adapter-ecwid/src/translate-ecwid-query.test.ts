import { describe, expect, it } from 'vitest';
import { ecwidCountParams, ecwidCustomerPageParams, translateEcwidQuery } from './translate-ecwid-query';

// 2024-01-01T00:00:00.000Z is 1704067200 in UNIX seconds.
const newYear = '2024-01-01T00:00:00.000Z';

describe('translateEcwidQuery', () => {
  it('sends nothing and is exact without filters', () => {
    expect(translateEcwidQuery({})).toStrictEqual({ params: {}, exact: true });
  });

  it('sends search as keyword, which Ecwid matches exactly as the contract means', () => {
    expect(translateEcwidQuery({ search: 'ana reyes' })).toStrictEqual({
      params: { keyword: 'ana reyes' },
      exact: true,
    });
  });

  it('sends name as name, re-checked on the results', () => {
    expect(translateEcwidQuery({ name: 'Reyes' })).toStrictEqual({ params: { name: 'Reyes' }, exact: false });
  });

  it("sends email as Ecwid's partial email search, narrowed to equality on the results", () => {
    expect(translateEcwidQuery({ email: 'Ana.Reyes@example.com' })).toStrictEqual({
      params: { email: 'Ana.Reyes@example.com' },
      exact: false,
    });
  });

  it('never sends a negative bound, which Ecwid refuses: bounds at or before 1970 become 0', () => {
    expect(
      translateEcwidQuery({
        createdAt: { from: '1970-01-01T00:00:00.000Z', to: '1969-12-31T23:00:00.000Z' },
        updatedAt: { from: '1960-05-01T00:00:00.000Z', to: '1970-01-01T00:00:00.000Z' },
      }).params,
    ).toStrictEqual({ createdFrom: 0, createdTo: 0, updatedFrom: 0, updatedTo: 1 });
  });

  it('sends createdAt[from] as createdFrom in UNIX seconds, one second early', () => {
    expect(translateEcwidQuery({ createdAt: { from: newYear } })).toStrictEqual({
      params: { createdFrom: 1704067199 },
      exact: false,
    });
  });

  it('sends createdAt[to] as createdTo in UNIX seconds, one second late', () => {
    expect(translateEcwidQuery({ createdAt: { to: newYear } })).toStrictEqual({
      params: { createdTo: 1704067201 },
      exact: false,
    });
  });

  it('sends updatedAt[from] as updatedFrom in UNIX seconds, one second early', () => {
    expect(translateEcwidQuery({ updatedAt: { from: newYear } })).toStrictEqual({
      params: { updatedFrom: 1704067199 },
      exact: false,
    });
  });

  it('sends updatedAt[to] as updatedTo in UNIX seconds, one second late', () => {
    expect(translateEcwidQuery({ updatedAt: { to: newYear } })).toStrictEqual({
      params: { updatedTo: 1704067201 },
      exact: false,
    });
  });

  it('keeps the boundary second of fractional bounds (a date-only to ends at .999)', () => {
    const range = { from: '2024-01-01T00:00:00.500Z', to: '2024-01-31T23:59:59.999Z' };
    expect(translateEcwidQuery({ createdAt: range }).params).toStrictEqual({
      createdFrom: 1704067200,
      createdTo: 1706745600,
    });
  });

  it('sends no parameter for ids, which Ecwid cannot filter on, and re-checks the results', () => {
    expect(translateEcwidQuery({ ids: ['277137633'] })).toStrictEqual({ params: {}, exact: false });
  });

  it('combines filters into one search', () => {
    expect(
      translateEcwidQuery({ search: 'reyes', email: 'reyes@example.com', name: 'Diego' }).params,
    ).toStrictEqual({
      keyword: 'reyes',
      name: 'Diego',
      email: 'reyes@example.com',
    });
  });
});

describe('ecwidCustomerPageParams', () => {
  it('sends offset, an explicit limit and the order', () => {
    expect(ecwidCustomerPageParams(200, 50, 'REGISTERED_DATE_ASC')).toStrictEqual({
      sortBy: 'REGISTERED_DATE_ASC',
      offset: 200,
      limit: 50,
    });
  });

  it("never asks for more than Ecwid's maximum of 100", () => {
    expect(ecwidCustomerPageParams(0, 250, 'UPDATED_DATE_DESC').limit).toBe(100);
  });
});

describe('ecwidCountParams', () => {
  it('asks for one item and only the total', () => {
    expect(ecwidCountParams).toStrictEqual({ limit: 1, responseFields: 'total' });
  });
});
