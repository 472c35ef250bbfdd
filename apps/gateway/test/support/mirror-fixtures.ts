import type { Address, Customer } from '@unicart/core';

/** An address in `country` (ISO alpha-2), or one without a country when `null`. */
export function address(country: string | null, id = `a-${country ?? 'none'}`): Address {
  return {
    id,
    firstName: null,
    lastName: null,
    address1: '1 High Street',
    address2: null,
    city: 'Somewhere',
    postalCode: '12345',
    phone: null,
    company: null,
    references: null,
    defaultBilling: true,
    defaultShipping: false,
    country: country === null ? null : { code: country, name: country, codeIso2: country, codeIso3: null },
    state: null,
  } as Address;
}

/** A complete canonical customer with `overrides`. */
export function customer(id: string, overrides: Partial<Customer> = {}): Customer {
  return {
    id,
    email: `c${id}@example.com`,
    firstName: 'First',
    lastName: 'Last',
    phone: null,
    currency: 'EUR',
    note: null,
    acceptsMarketing: null,
    tags: [],
    ordersCount: null,
    totalSpent: null,
    status: { id: null, status: null },
    dates: { createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' },
    addresses: [],
    ...overrides,
  };
}

/** A tiny deterministic generator, so a failing case can be replayed. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const firstNames = ['Ada', 'ada', 'Ångström', 'Zoë', 'Øyvind', '李', 'Émile', 'bob', 'Bob', null, 'Ñuño', ''];
const lastNames = [
  'Lovelace',
  'lovelace',
  'Ünal',
  'Müller',
  'O’Brien',
  'Ñúñez',
  'Smith',
  null,
  'de la Cruz',
  '王',
];
const countries = ['DE', 'FR', 'US', 'BR', 'GB', null];
const tagPool = ['VIP', 'vip', 'Wholesale', 'retail', 'Früh', 'late payer', 'b2b'];
const phones = ['+49 (30) 1234-5678', '030 123 45', '+1-555-0100', null, '5550100', '(11) 98765-4321'];
const days = ['2023-12-31', '2024-01-01', '2024-01-15', '2024-02-29', '2024-06-30', '2025-01-01'];

/**
 * Customers with every awkward case the filters and sorts meet: unicode and differently cased
 * names, null emails, names and lastNames, equal keys (ties), guests without addresses, addresses
 * without a country, ids of different lengths (numeric order ≠ text order).
 */
export function mirrorFixtures(count = 80, seed = 7): Customer[] {
  const random = seeded(seed);
  const pick = <Item>(items: readonly Item[]): Item => items[Math.floor(random() * items.length)] as Item;
  const result: Customer[] = [];
  for (let index = 0; index < count; index += 1) {
    // 9, 10, 11 … 1000, 1001 …: text order and numeric order differ.
    const id = String(index < count / 2 ? 5 + index * 3 : 990 + index);
    const first = pick(firstNames);
    const day = pick(days);
    const hasTime = random() < 0.5;
    const createdAt = random() < 0.1 ? null : `${day}T${hasTime ? '10:30:00.000' : '00:00:00.000'}Z`;
    const updatedAt = random() < 0.1 ? null : `${pick(days)}T23:59:59.999Z`;
    const addresses: Address[] = [];
    const addressCount = Math.floor(random() * 3);
    for (let a = 0; a < addressCount; a += 1) addresses.push(address(pick(countries), `${id}-${a}`));
    const tags = [...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(tagPool)))];
    result.push(
      customer(id, {
        email: random() < 0.15 ? null : `${pick(['Ada', 'ada', 'zoë', 'Bob'])}.${index % 7}@Example.com`,
        firstName: first === '' ? null : first,
        lastName: pick(lastNames),
        phone: pick(phones),
        acceptsMarketing: pick([true, false, null]),
        ordersCount: pick([0, 1, 2, 5, 12, null]),
        totalSpent: pick([0, 10.5, 10.51, 99.99, 1234.5, null]),
        tags,
        dates: { createdAt, updatedAt },
        addresses,
      }),
    );
  }
  return result;
}
