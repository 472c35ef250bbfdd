import { describe, expect, it } from 'vitest';
import { alterationWindows, translateBlingQuery } from './translate-bling-query';

describe('translateBlingQuery', () => {
  it('asks nothing more without filters, and Bling’s answer is exact', () => {
    expect(translateBlingQuery({})).toStrictEqual({
      params: { query: { pesquisa: undefined, 'idsContatos[]': undefined }, sinceId: null, readWhole: false },
      remainder: null,
    });
  });

  it('sends ids as idsContatos[] and search as pesquisa', () => {
    expect(translateBlingQuery({ ids: ['16120034517', '7'], search: 'reyes' }).params.query).toStrictEqual({
      pesquisa: 'reyes',
      'idsContatos[]': ['16120034517', '7'],
    });
  });

  it('finds email candidates with pesquisa, reads them whole and leaves the exact match to core', () => {
    expect(translateBlingQuery({ email: 'ana@example.com' })).toStrictEqual({
      params: {
        query: { pesquisa: 'ana@example.com', 'idsContatos[]': undefined },
        sinceId: null,
        readWhole: true,
      },
      remainder: { email: 'ana@example.com' },
    });
  });

  it('searches the longest word of a name, so names written with several spaces are still found', () => {
    const plan = translateBlingQuery({ name: 'a  Reyes' });
    expect(plan.params.query.pesquisa).toBe('Reyes');
    expect(plan.remainder).toStrictEqual({ name: 'a  Reyes' });
  });

  it('keeps the caller’s search in pesquisa when name is filtered too', () => {
    const plan = translateBlingQuery({ search: 'CLI-0001', name: 'Ana' });
    expect(plan.params.query.pesquisa).toBe('CLI-0001');
    expect(plan.remainder).toStrictEqual({ name: 'Ana' });
  });

  it('passes sinceId to the driver, which reads every page and sorts', () => {
    expect(translateBlingQuery({ sinceId: '16120034517' })).toMatchObject({
      params: { sinceId: '16120034517' },
      remainder: null,
    });
  });
});

describe('alterationWindows', () => {
  it('converts to São Paulo time, widening both ends to Bling’s whole seconds (sheet §9)', () => {
    expect(
      alterationWindows('2026-12-01T00:00:00.500Z', Date.parse('2026-12-04T20:00:00.100Z')),
    ).toStrictEqual([
      { dataAlteracaoInicial: '2026-11-30 21:00:00', dataAlteracaoFinal: '2026-12-04 17:00:01' },
    ]);
  });

  it('splits more than a year into consecutive windows of 365 days', () => {
    expect(
      alterationWindows('2022-01-01T03:00:00.000Z', Date.parse('2024-01-01T02:59:59.000Z')),
    ).toStrictEqual([
      { dataAlteracaoInicial: '2022-01-01 00:00:00', dataAlteracaoFinal: '2022-12-31 23:59:59' },
      { dataAlteracaoInicial: '2023-01-01 00:00:00', dataAlteracaoFinal: '2023-12-31 23:59:59' },
    ]);
  });
});
