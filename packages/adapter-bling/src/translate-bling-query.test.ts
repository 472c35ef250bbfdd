import { describe, expect, it } from 'vitest';
import { translateBlingQuery } from './translate-bling-query';

const context = { customerTypeId: 14700912001, nowSeconds: Date.parse('2026-12-04T20:00:00Z') / 1000 };
const base = { criterio: 1, idTipoContato: 14700912001, pesquisa: undefined, 'idsContatos[]': undefined };
const item = (id: number, nome: string, situacao = 'A') => ({ id, nome, situacao });

describe('translateBlingQuery', () => {
  it('always lists customers only: criterio=1 and the Cliente type', () => {
    expect(translateBlingQuery({}, context).windows).toStrictEqual([base]);
  });

  it('sends ids as idsContatos[] and search as pesquisa', () => {
    const plan = translateBlingQuery({ ids: ['16120034517', '7'], search: 'reyes' }, context);
    expect(plan.windows).toStrictEqual([
      { ...base, pesquisa: 'reyes', 'idsContatos[]': ['16120034517', '7'] },
    ]);
  });

  it('converts date bounds to São Paulo time, rounded inwards to the second (sheet §9)', () => {
    const plan = translateBlingQuery(
      { createdAt: { from: '2024-03-10T00:00:00.500Z', to: '2024-03-10T23:59:59.999Z' } },
      context,
    );
    expect(plan.windows).toStrictEqual([
      { ...base, dataInclusaoInicial: '2024-03-09 21:00:01', dataInclusaoFinal: '2024-03-10 20:59:59' },
    ]);
  });

  it('splits a range longer than a year into consecutive windows of 365 days', () => {
    const plan = translateBlingQuery(
      { updatedAt: { from: '2022-01-01T03:00:00.000Z', to: '2024-01-01T02:59:59.000Z' } },
      context,
    );
    expect(plan.windows).toStrictEqual([
      { ...base, dataAlteracaoInicial: '2022-01-01 00:00:00', dataAlteracaoFinal: '2022-12-31 23:59:59' },
      { ...base, dataAlteracaoInicial: '2023-01-01 00:00:00', dataAlteracaoFinal: '2023-12-31 23:59:59' },
    ]);
  });

  it('ends a range without `to` now and always sends both bounds', () => {
    const plan = translateBlingQuery({ createdAt: { from: '2026-06-01T03:00:00.000Z' } }, context);
    expect(plan.windows).toStrictEqual([
      { ...base, dataInclusaoInicial: '2026-06-01 00:00:00', dataInclusaoFinal: '2026-12-04 17:00:00' },
    ]);
  });

  it('finds email candidates with pesquisa and compares the e-mail exactly afterwards', () => {
    const plan = translateBlingQuery({ email: 'ana@example.com' }, context);
    expect(plan.windows[0]?.pesquisa).toBe('ana@example.com');
    expect(plan.email).toBe('ana@example.com');
  });

  it('keeps name matches case-insensitively but with accents significant (sheet §12)', () => {
    const plan = translateBlingQuery({ name: 'ÑÚÑEZ' }, context);
    expect(plan.windows[0]?.pesquisa).toBe('ÑÚÑEZ');
    expect(plan.keepItem(item(1, 'José Núñez'))).toBe(false);
    expect(plan.keepItem(item(2, 'José  Ñúñez'))).toBe(true);
    expect(plan.keepItem(item(3, 'Luis Ñúñez', 'E'))).toBe(false);
    expect(translateBlingQuery({ name: 'a r' }, context).keepItem(item(4, 'Ana   Reyes'))).toBe(true);
  });

  it('keeps only ids above sinceId', () => {
    const plan = translateBlingQuery({ sinceId: '16120034517' }, context);
    expect(plan.sinceId).toBe('16120034517');
    expect(plan.keepItem(item(16120034517, 'Ana Reyes'))).toBe(false);
    expect(plan.keepItem(item(16120034518, 'Luis Reyes'))).toBe(true);
  });
});
