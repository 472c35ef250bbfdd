import { base, de, el, en, es, Faker, fr, ja, type LocaleDefinition, pl, pt_BR, ru } from '@faker-js/faker';
import { type SeedCountry, seedCountries } from './geography';

/** A platform-neutral address; each simulator turns it into its native shape. */
export interface SeedAddress {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly company: string | null;
  readonly address1: string;
  readonly address2: string | null;
  readonly city: string;
  readonly postalCode: string | null;
  readonly countryCode: string;
  readonly countryName: string;
  readonly regionCode: string | null;
  readonly regionName: string | null;
  readonly phone: string | null;
  /** Delivery instructions. */
  readonly note: string | null;
}

/** A line of a seeded order; amounts in cents. */
export interface SeedLineItem {
  readonly productId: number;
  readonly variantId: number | null;
  readonly sku: string | null;
  readonly name: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

/** A seeded order; amounts in cents, in the store currency. */
export interface SeedOrder {
  readonly email: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly items: readonly SeedLineItem[];
  readonly subtotalCents: number;
  readonly taxCents: number;
  readonly shippingCents: number;
  readonly discountCents: number;
  readonly totalCents: number;
  readonly payment: 'paid' | 'pending' | 'refunded' | 'cancelled';
  readonly fulfilled: boolean;
  readonly billing: SeedAddress | null;
}

/** A platform-neutral customer with the awkward cases real stores have. */
export interface SeedCustomer {
  /** Position in creation order, 0-based. */
  readonly index: number;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  /** E.164. */
  readonly phone: string | null;
  readonly note: string | null;
  readonly acceptsMarketing: boolean | null;
  readonly tags: readonly string[];
  readonly locale: string;
  readonly createdAt: Date;
  /** `null`: never modified since registration. */
  readonly updatedAt: Date | null;
  readonly addresses: readonly SeedAddress[];
  readonly orders: readonly SeedOrder[];
}

/** Everything one seeding produces: customers in creation order and orders of guests. */
export interface SeedPeople {
  readonly customers: readonly SeedCustomer[];
  readonly guestOrders: readonly SeedOrder[];
}

/** Default number of customers per simulator. */
export const defaultSeedCount = 2500;
/** Default seed of the generator. */
export const defaultSeed = 7;

const firstCreated = Date.UTC(2019, 0, 1);
const lastCreated = Date.UTC(2025, 5, 30);
const lastUpdated = Date.UTC(2025, 8, 30);

const products: readonly Omit<SeedLineItem, 'quantity'>[] = [
  { productId: 101, variantId: 1011, sku: 'TEE-BLK-M', name: 'T-shirt - Black, M', unitPriceCents: 1900 },
  { productId: 101, variantId: 1012, sku: 'TEE-WHT-L', name: 'T-shirt - White, L', unitPriceCents: 1900 },
  { productId: 102, variantId: null, sku: 'MUG-01', name: 'Ceramic mug', unitPriceCents: 1250 },
  { productId: 103, variantId: 1031, sku: 'HOOD-BLU-L', name: 'Hoodie - Blue, L', unitPriceCents: 4500 },
  { productId: 104, variantId: null, sku: null, name: 'Gift card', unitPriceCents: 2500 },
  { productId: 105, variantId: null, sku: 'BEANIE', name: 'Beanie', unitPriceCents: 1800 },
  { productId: 106, variantId: 1061, sku: 'CAFÉ-250', name: 'Café moulu – 250 g', unitPriceCents: 899 },
  { productId: 107, variantId: null, sku: 'TOTE-01', name: 'Tote bag 🛍️', unitPriceCents: 1500 },
  { productId: 108, variantId: 1081, sku: 'SOCK-3P', name: 'Socks (3 pairs)', unitPriceCents: 1199 },
];

const tagPool = ['vip', 'wholesale', 'newsletter', 'returning', 'b2b', 'Größe L', 'imported'];

// Hand-picked names that break naive code: apostrophes, hyphens, particles, combining marks, one word.
const awkwardNames: readonly (readonly [string | null, string | null])[] = [
  ['Zoë', "O'Brien"],
  ['Anne-Marie', 'van der Berg'],
  ['José', 'García Márquez'],
  ['Łukasz', 'Żółć'],
  ['Ægir', 'Þórsson'],
  ['Cher', null],
  [null, 'Nakamura'],
  ['Renée', 'Lefèvre'],
  ['Nguyễn', 'Thị Minh Khai'],
  ['Zoe\u0308', 'Decomposed'],
  ['李', '小龍'],
  ['Мария', 'Иванова'],
];

/** A faker of one locale and the storefront language code its customers get. */
interface LocaleFaker {
  readonly language: string;
  readonly faker: Faker;
}

function seededFaker(locale: LocaleDefinition, seed: number): Faker {
  const faker = new Faker({ locale: [locale, en, base] });
  faker.seed(seed);
  return faker;
}

const internationalLocales: readonly (readonly [string, LocaleDefinition])[] = [
  ['de', de],
  ['fr', fr],
  ['es', es],
  ['pl', pl],
  ['pt-BR', pt_BR],
  ['ru', ru],
  ['el', el],
  ['ja', ja],
];

/** ASCII letters and digits of a name, for e-mail local parts. */
function asciiSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\p{ASCII}]/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();
}

function fillPattern(faker: Faker, pattern: string): string {
  return pattern.replace(/[#A]/g, (symbol) =>
    symbol === '#' ? String(faker.number.int(9)) : faker.string.alpha({ length: 1, casing: 'upper' }),
  );
}

function phoneFor(faker: Faker, country: SeedCountry): string {
  return `${country.dialCode}${faker.string.numeric({ length: 9, allowLeadingZeros: false })}`;
}

function pickCountry(faker: Faker): SeedCountry {
  // Half the customers in the first country (the US), the rest spread over the others.
  return faker.datatype.boolean()
    ? (seedCountries[0] as SeedCountry)
    : faker.helpers.arrayElement(seedCountries);
}

function makeAddress(faker: Faker, firstName: string | null, lastName: string | null): SeedAddress {
  const country = pickCountry(faker);
  const region = country.regions.length > 0 ? faker.helpers.arrayElement(country.regions) : null;
  return {
    firstName,
    lastName,
    company: faker.helpers.maybe(() => faker.company.name(), { probability: 0.15 }) ?? null,
    address1: faker.location.streetAddress(),
    address2: faker.helpers.maybe(() => faker.location.secondaryAddress(), { probability: 0.3 }) ?? null,
    city: faker.location.city(),
    postalCode: country.postalCodePattern === null ? null : fillPattern(faker, country.postalCodePattern),
    countryCode: country.code,
    countryName: country.name,
    regionCode: region?.code ?? null,
    regionName: region?.name ?? null,
    phone: faker.helpers.maybe(() => phoneFor(faker, country), { probability: 0.6 }) ?? null,
    note:
      faker.helpers.maybe(
        () => faker.helpers.arrayElement(['Leave at the door', 'Ring twice', 'Portería 🚪']),
        {
          probability: 0.1,
        },
      ) ?? null,
  };
}

function makeOrder(faker: Faker, after: Date, email: string | null, billing: SeedAddress | null): SeedOrder {
  const createdAt = faker.date.between({ from: after, to: new Date(lastUpdated) });
  const items = faker.helpers.multiple(
    () => ({ ...faker.helpers.arrayElement(products), quantity: faker.number.int({ min: 1, max: 3 }) }),
    { count: { min: 1, max: 4 } },
  );
  const subtotalCents = items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
  const discountCents =
    faker.helpers.maybe(() => faker.helpers.arrayElement([500, 1000]), { probability: 0.1 }) ?? 0;
  const taxCents = Math.round((subtotalCents - Math.min(discountCents, subtotalCents)) * 0.08);
  const shippingCents = faker.helpers.arrayElement([0, 499, 999]);
  const payment = faker.helpers.weightedArrayElement([
    { weight: 80, value: 'paid' as const },
    { weight: 8, value: 'pending' as const },
    { weight: 5, value: 'refunded' as const },
    { weight: 7, value: 'cancelled' as const },
  ]);
  return {
    email,
    createdAt,
    updatedAt: new Date(createdAt.getTime() + faker.number.int({ min: 0, max: 7 * 86_400 }) * 1000),
    items,
    subtotalCents,
    taxCents,
    shippingCents,
    discountCents,
    totalCents: Math.max(0, subtotalCents - discountCents) + taxCents + shippingCents,
    payment,
    fulfilled: payment === 'paid' && faker.datatype.boolean({ probability: 0.85 }),
    billing,
  };
}

function uniqueEmail(candidate: string, index: number, taken: Set<string>): string {
  const email = taken.has(candidate.toLowerCase()) ? candidate.replace('@', `.${index}@`) : candidate;
  taken.add(email.toLowerCase());
  return email;
}

/** Whole seconds: every platform stores customer dates to the second. */
function wholeSeconds(time: number): Date {
  return new Date(Math.floor(time / 1000) * 1000);
}

/**
 * Generates `count` customers deterministically (the same `seed` gives the same people), in creation
 * order, with the awkward cases of real stores: no addresses, several addresses, unicode and one-word
 * names, no e-mail or an upper-case one, e-mails that contain others, identical registration times,
 * never-modified customers, orders in every payment state, and guest orders.
 */
export function generateSeedPeople(count = defaultSeedCount, seed = defaultSeed): SeedPeople {
  const faker = seededFaker(en, seed);
  const english: LocaleFaker = { language: 'en', faker };
  const international = internationalLocales.map(([language, locale]) => ({
    language,
    faker: seededFaker(locale, seed),
  }));
  const registrationTimes = Array.from({ length: count }, () =>
    faker.number.int({ min: firstCreated, max: lastCreated }),
  ).sort((left, right) => left - right);
  const takenEmails = new Set<string>();
  const customers: SeedCustomer[] = [];

  for (let index = 0; index < count; index++) {
    const previous = customers[index - 1];
    // About 2% register in the same second as the customer before them (bulk imports).
    const createdAt =
      previous !== undefined && faker.datatype.boolean({ probability: 0.02 })
        ? previous.createdAt
        : wholeSeconds(registrationTimes[index] ?? firstCreated);
    const names = faker.datatype.boolean({ probability: 0.12 })
      ? faker.helpers.arrayElement(international)
      : english;
    let [firstName, lastName]: readonly [string | null, string | null] = [
      names.faker.person.firstName(),
      names.faker.person.lastName(),
    ];
    if (faker.datatype.boolean({ probability: 0.04 }))
      [firstName, lastName] = faker.helpers.arrayElement(awkwardNames);

    const slug = [firstName, lastName].map((part) => asciiSlug(part ?? '')).filter((part) => part !== '');
    const localPart = slug.length > 0 ? slug.join('.') : `customer${index}`;
    let email: string | null =
      `${localPart}@${faker.helpers.arrayElement(['example.com', 'example.org', 'mail.example.net'])}`;
    const earlierEmail = previous?.email;
    // E-mails containing an earlier one: partial (Ecwid) and tokenized (Shopify) searches match both.
    if (earlierEmail && faker.datatype.boolean({ probability: 0.02 })) {
      email = faker.datatype.boolean() ? `x${earlierEmail}` : `${earlierEmail}.au`;
    }
    if (faker.datatype.boolean({ probability: 0.03 }))
      email = email.replace(/^./, (letter) => letter.toUpperCase());
    const hasPhone = faker.datatype.boolean({ probability: 0.6 });
    if (faker.datatype.boolean({ probability: 0.04 }) && (hasPhone || firstName !== null)) email = null;
    email = email === null ? null : uniqueEmail(email, index, takenEmails);

    const addressCount = faker.helpers.weightedArrayElement([
      { weight: 20, value: 0 },
      { weight: 55, value: 1 },
      { weight: 18, value: 2 },
      { weight: 7, value: faker.number.int({ min: 3, max: 4 }) },
    ]);
    const addresses = Array.from({ length: addressCount }, () => makeAddress(faker, firstName, lastName));
    const orderCount =
      addressCount === 0 || faker.datatype.boolean({ probability: 0.45 })
        ? 0
        : faker.number.int({ min: 1, max: 5 });
    const orders = Array.from({ length: orderCount }, () =>
      makeOrder(faker, createdAt, email, addresses[0] ?? null),
    );
    const updatedAt = faker.datatype.boolean({ probability: 0.08 })
      ? null
      : wholeSeconds(faker.number.int({ min: createdAt.getTime(), max: lastUpdated }));

    customers.push({
      index,
      firstName,
      lastName,
      email,
      phone: hasPhone
        ? phoneFor(faker, addresses[0] === undefined ? pickCountry(faker) : seedCountryOf(addresses[0]))
        : null,
      note:
        faker.helpers.maybe(
          () =>
            faker.helpers.arrayElement([
              'Prefers morning delivery',
              'Wholesale account',
              'Спасибо!',
              'Allergic to nuts 🥜',
            ]),
          { probability: 0.15 },
        ) ?? null,
      acceptsMarketing: faker.helpers.weightedArrayElement([
        { weight: 40, value: true },
        { weight: 45, value: false },
        { weight: 15, value: null },
      ]),
      tags:
        faker.helpers.maybe(() => faker.helpers.arrayElements(tagPool, { min: 1, max: 3 }), {
          probability: 0.3,
        }) ?? [],
      locale: names.language,
      createdAt,
      updatedAt,
      addresses,
      orders,
    });
  }

  const guestOrders = Array.from({ length: Math.ceil(count / 25) }, () =>
    makeOrder(
      faker,
      new Date(firstCreated),
      faker.internet.email().toLowerCase(),
      makeAddress(faker, null, null),
    ),
  );
  return { customers, guestOrders };
}

function seedCountryOf(address: SeedAddress): SeedCountry {
  return (
    seedCountries.find((country) => country.code === address.countryCode) ?? (seedCountries[0] as SeedCountry)
  );
}

const generated = new Map<string, SeedPeople>();

/** `generateSeedPeople`, computed once per `(count, seed)`: the result is never mutated. */
export function seedPeople(count = defaultSeedCount, seed = defaultSeed): SeedPeople {
  const key = `${count}:${seed}`;
  let people = generated.get(key);
  if (people === undefined) {
    people = generateSeedPeople(count, seed);
    generated.set(key, people);
  }
  return people;
}
