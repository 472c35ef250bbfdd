import { centsToMajor } from '../seed/money';
import type { SeedAddress, SeedCustomer, SeedOrder, SeedPeople } from '../seed/seed-people';
import { formatEcwidDate } from './ecwid-date';
import type { EcwidCustomer, EcwidOrder, EcwidPerson, EcwidShippingAddress } from './ecwid-types';

/** First ids of a seeded store, in the ranges real Ecwid stores show (sheet §4 example). */
export const firstEcwidIds = {
  customer: 277_137_633,
  address: 193_416_515,
  contact: 176_135_452,
  order: 1001,
};

const paymentStatuses: Readonly<Record<SeedOrder['payment'], string>> = {
  paid: 'PAID',
  pending: 'AWAITING_PAYMENT',
  refunded: 'REFUNDED',
  cancelled: 'CANCELLED',
};

/** Joins address lines the way Ecwid stores them: one `street`, lines separated by `\n` (sheet §9.7). */
export function ecwidStreet(address1: string | null, address2: string | null): string {
  return [address1, address2].filter((line): line is string => line !== null && line !== '').join('\n');
}

/** `"First Last"`, the only name Ecwid takes on input (sheet §2.2). */
function fullName(firstName: string | null, lastName: string | null): string {
  return [firstName, lastName].filter((part): part is string => part !== null && part !== '').join(' ');
}

/** Ecwid's own derivation of `firstName`/`lastName` from `name`: split at the first space (sheet §4). */
export function withDerivedNames(person: EcwidPerson): EcwidPerson {
  const { firstName: _first, lastName: _last, ...rest } = person;
  const name = person.name?.trim();
  if (name === undefined || name === '') return rest;
  const space = name.indexOf(' ');
  return space === -1
    ? { ...rest, firstName: name }
    : { ...rest, firstName: name.slice(0, space), lastName: name.slice(space + 1) };
}

function ecwidPerson(address: SeedAddress): EcwidPerson {
  return withDerivedNames({
    name: fullName(address.firstName, address.lastName),
    companyName: address.company ?? '',
    street: ecwidStreet(address.address1, address.address2),
    city: address.city,
    countryCode: address.countryCode,
    countryName: address.countryName,
    postalCode: address.postalCode ?? '',
    ...(address.regionCode === null ? {} : { stateOrProvinceCode: address.regionCode }),
    ...(address.regionName === null ? {} : { stateOrProvinceName: address.regionName }),
    phone: address.phone ?? '',
  });
}

/** The one-line rendering Ecwid adds to each address book entry. */
export function formatEcwidAddress(person: EcwidPerson): string {
  const area = [person.city, person.stateOrProvinceCode, person.postalCode].filter(Boolean).join(' ');
  return [person.street?.replace(/\n/g, ' '), area, person.countryName].filter(Boolean).join(', ');
}

function ecwidCustomer(
  seed: SeedCustomer,
  ids: { customer: number; address: number; contact: number },
): EcwidCustomer {
  // One customer in twenty carries dates written with a +0400 offset, as old Ecwid data does (sheet §1).
  const offset = seed.index % 20 === 3 ? 240 : 0;
  const registered = formatEcwidDate(seed.createdAt, offset);
  const name = fullName(seed.firstName, seed.lastName);
  const [billingAddress, ...otherAddresses] = seed.addresses;
  // Customers without an address book keep their phone in the contacts only.
  const billingPerson: EcwidPerson =
    billingAddress === undefined
      ? withDerivedNames(name === '' ? {} : { name })
      : { ...ecwidPerson(billingAddress), ...withDerivedNames({ name }), phone: seed.phone ?? '' };
  const shippingAddresses: EcwidShippingAddress[] = [billingAddress, ...otherAddresses]
    .filter((address): address is SeedAddress => address !== undefined)
    .map((address, orderBy) => {
      const person = ecwidPerson(address);
      return {
        id: ids.address++,
        ...person,
        ...(address.note === null ? {} : { note: address.note }),
        createdDate: registered,
        defaultAddress: orderBy === 0,
        orderBy,
        addressFormatted: formatEcwidAddress(person),
      };
    });
  const contacts = [
    ...(seed.email === null ? [] : [{ contact: seed.email, type: 'EMAIL' }]),
    ...(seed.phone === null ? [] : [{ contact: seed.phone, type: 'PHONE' }]),
  ].map((contact, orderBy) => ({
    id: ids.contact++,
    ...contact,
    default: true,
    orderBy,
    timestamp: registered,
  }));
  const wholesale = seed.tags.includes('wholesale');
  return {
    id: ids.customer,
    email: seed.email ?? '',
    registered,
    updated: formatEcwidDate(seed.updatedAt ?? seed.createdAt, offset),
    customerGroupId: wholesale ? 1 : 0,
    customerGroupName: wholesale ? 'Wholesale' : 'General',
    billingPerson,
    shippingAddresses,
    contacts,
    taxId: '',
    taxIdValid: true,
    taxExempt: false,
    b2b_b2c: wholesale ? 'b2b' : 'b2c',
    acceptMarketing: seed.acceptsMarketing,
    lang: seed.locale.split('-')[0] ?? 'en',
    privateAdminNotes: seed.note ?? '',
    favorites: [],
  };
}

// A bijection of order numbers onto five base-36 characters, for Ecwid's new-style ids ("XJ12H").
function newStyleOrderId(orderNumber: number): string {
  return ((orderNumber * 2_654_435_761) % 36 ** 5).toString(36).toUpperCase().padStart(5, '0');
}

function ecwidOrder(seed: SeedOrder, orderNumber: number, customerId: number | undefined): EcwidOrder {
  // Orders before 2022 carry the numeric ids of old stores.
  const id = seed.createdAt.getUTCFullYear() < 2022 ? String(orderNumber) : newStyleOrderId(orderNumber);
  return {
    id,
    internalId: 40_000_000 + orderNumber,
    orderNumber,
    vendorOrderNumber: id,
    ...(customerId === undefined ? {} : { customerId }),
    email: seed.email ?? '',
    paymentStatus: paymentStatuses[seed.payment],
    fulfillmentStatus:
      seed.payment === 'cancelled'
        ? 'WILL_NOT_DELIVER'
        : seed.fulfilled
          ? 'DELIVERED'
          : 'AWAITING_PROCESSING',
    subtotal: centsToMajor(seed.subtotalCents),
    tax: centsToMajor(seed.taxCents),
    discount: 0,
    couponDiscount: centsToMajor(seed.discountCents),
    total: centsToMajor(seed.totalCents),
    shippingOption: { shippingMethodName: 'Standard', shippingRate: centsToMajor(seed.shippingCents) },
    createDate: formatEcwidDate(seed.createdAt),
    updateDate: formatEcwidDate(seed.updatedAt),
    createTimestamp: Math.floor(seed.createdAt.getTime() / 1000),
    updateTimestamp: Math.floor(seed.updatedAt.getTime() / 1000),
    items: seed.items.map((item, index) => ({
      id: 90_000_000 + orderNumber * 10 + index,
      productId: item.productId,
      ...(item.variantId === null ? {} : { combinationId: item.variantId }),
      ...(item.sku === null ? {} : { sku: item.sku }),
      name: item.name,
      quantity: item.quantity,
      price: centsToMajor(item.unitPriceCents),
    })),
    ...(seed.billing === null ? {} : { billingPerson: ecwidPerson(seed.billing) }),
  };
}

/** Seed people as Ecwid customers (ids ascending with registration, with gaps) and their orders. */
export function toEcwidRecords(people: SeedPeople): { customers: EcwidCustomer[]; orders: EcwidOrder[] } {
  const ids = { ...firstEcwidIds };
  const customers: EcwidCustomer[] = [];
  const ordersWithOwner: { order: SeedOrder; customerId: number | undefined }[] = [];
  for (const seed of people.customers) {
    customers.push(ecwidCustomer(seed, ids));
    for (const order of seed.orders) ordersWithOwner.push({ order, customerId: ids.customer });
    // Ids grow with gaps: other stores on the platform take ids in between.
    ids.customer += 1 + ((seed.index * 7919) % 37);
  }
  for (const order of people.guestOrders) ordersWithOwner.push({ order, customerId: undefined });
  ordersWithOwner.sort((left, right) => left.order.createdAt.getTime() - right.order.createdAt.getTime());
  const orders = ordersWithOwner.map(({ order, customerId }, index) =>
    ecwidOrder(order, firstEcwidIds.order + index, customerId),
  );
  return { customers, orders };
}
