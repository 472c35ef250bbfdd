import {
  type Customer,
  type CustomerFilters,
  type CustomerQuery,
  createTokenBucket,
  type Page,
  type ViewedCustomer,
  type ViewOptions,
} from '@unicart/core';
import {
  type BlingAddressRecord,
  type BlingContactRecord,
  type BlingSimulator,
  startBlingSimulator,
} from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBlingAdapter } from './bling-adapter';

/*
 * The §4 filters and fields against the simulator's native contacts. The oracle reads the contacts
 * as the sheet describes them (§4, §10, §12), without the adapter's mapping or core's matching.
 */

const digits = (text: string) => text.replace(/\D/g, '');
const isEmpty = (address: BlingAddressRecord) => Object.values(address).every((value) => value.trim() === '');
/** Bling's (NF-e) Portuguese names of the seed's countries (sheet §10); empty is Brazil. */
const countryNames: Record<string, string> = {
  '': 'BR',
  BRASIL: 'BR',
  'ESTADOS UNIDOS': 'US',
  CANADÁ: 'CA',
  'REINO UNIDO': 'GB',
  ALEMANHA: 'DE',
  FRANÇA: 'FR',
  AUSTRÁLIA: 'AU',
  JAPÃO: 'JP',
  GEÓRGIA: 'GE',
  IRLANDA: 'IE',
};

function nativeMatches(contact: BlingContactRecord, filters: CustomerFilters): boolean {
  const phone = contact.celular || contact.telefone;
  if (filters.phone !== undefined && (phone === '' || !digits(phone).includes(filters.phone))) return false;
  if (filters.country !== undefined) {
    const hasAddress = !isEmpty(contact.endereco.geral) || !isEmpty(contact.endereco.cobranca);
    const code = countryNames[contact.pais.nome.trim().toUpperCase()];
    if (!hasAddress || code === undefined || !filters.country.includes(code)) return false;
  }
  return true;
}

describe('Bling §4 filters and fields', () => {
  let simulator: BlingSimulator;
  let customers: BlingContactRecord[];
  const adapter = () =>
    createBlingAdapter({
      accessToken: simulator.issueAccessToken(),
      baseUrl: simulator.url,
      limiter: createTokenBucket({ capacity: 1000, refillPerSecond: 1000 }),
    });
  const contactRequests = () => simulator.requests.filter((request) => request.path.includes('/contatos'));

  async function collect(
    query: Omit<CustomerQuery, 'limit' | 'cursor'>,
    limit = 9,
    options: ViewOptions = {},
  ): Promise<ViewedCustomer[]> {
    const found: ViewedCustomer[] = [];
    const reader = adapter();
    let cursor: string | null = null;
    do {
      const page: Page<ViewedCustomer> = await reader.listCustomers({ ...query, limit, cursor }, options);
      found.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return found;
  }
  const expectedIds = (filters: CustomerFilters) =>
    customers.filter((contact) => nativeMatches(contact, filters)).map((contact) => String(contact.id));
  const sorted = (ids: string[]) => [...ids].sort();

  beforeAll(async () => {
    simulator = await startBlingSimulator({ count: 40, rateLimit: false });
    const all: Customer[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Customer> = await adapter().listCustomers({ limit: 100, cursor });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    customers = all.map((customer) => simulator.stored(customer.id) as BlingContactRecord);
  });
  beforeEach(() => simulator.reset());
  afterAll(() => simulator.close());

  it('narrows phone on the list items and country on the contacts read whole, and counts them', async () => {
    const withPhone = customers.find(
      (contact) => digits(contact.celular || contact.telefone).length > 6,
    ) as BlingContactRecord;
    const foreign = customers.find(
      (contact) => countryNames[contact.pais.nome.trim().toUpperCase()] !== 'BR',
    );
    const cases: CustomerFilters[] = [
      { phone: digits(withPhone.celular || withPhone.telefone).slice(2, 8) },
      { country: ['BR'] },
      ...(foreign === undefined
        ? []
        : [{ country: [countryNames[foreign.pais.nome.toUpperCase()] as string, 'AQ'] }]),
    ];
    for (const filters of cases) {
      const wanted = expectedIds(filters);
      expect(wanted.length, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(wanted.length).toBeLessThan(customers.length);
      const found = (await collect(filters)).map((customer) => customer.id);
      expect(sorted(found), JSON.stringify(filters)).toStrictEqual(sorted(wanted));
      expect(await adapter().countCustomers(filters)).toBe(wanted.length);
    }
  });

  it('checks phone on the list items: only the contacts it keeps are read whole', async () => {
    const phone = digits(customers[0]?.celular || customers[0]?.telefone || '').slice(-5);
    await collect({ phone }, 100);
    expect(contactRequests().map((request) => request.path)).toStrictEqual(
      ['/Api/v3/contatos/tipos', '/Api/v3/contatos'].concat(
        expectedIds({ phone }).map((id) => `/Api/v3/contatos/${id}`),
      ),
    );
  });

  it('spares the read of each contact when the fields asked are all on the list items', async () => {
    const view = { fields: ['firstName', 'lastName', 'phone', 'status'] } as const;
    const shown = await collect({}, 100, { view });
    expect(contactRequests().filter((request) => /\/contatos\/\d+$/.test(request.path))).toHaveLength(0);
    const whole = await collect({}, 100);
    expect(shown).toStrictEqual(
      whole.map(({ id, firstName, lastName, phone, status }) => ({ id, firstName, lastName, phone, status })),
    );
    simulator.reset();
    await collect({}, 100, { view: { fields: ['email'] } });
    expect(contactRequests().filter((request) => /\/contatos\/\d+$/.test(request.path))).toHaveLength(
      customers.length,
    );
  });

  it('shows the contact as Bling sent it under raw', async () => {
    const id = String(customers[2]?.id);
    const shaped = (await adapter().getCustomer(id, {
      view: { fields: ['email'], raw: true },
    })) as ViewedCustomer;
    expect(Object.keys(shaped).sort()).toStrictEqual(['email', 'id', 'raw']);
    const answer = await fetch(`${simulator.url}/Api/v3/contatos/${id}`, {
      headers: { authorization: `Bearer ${simulator.issueAccessToken()}` },
    });
    expect(shaped.raw).toStrictEqual(((await answer.json()) as { data: unknown }).data);
  });
});
