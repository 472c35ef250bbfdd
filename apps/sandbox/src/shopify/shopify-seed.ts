import type { SeedAddress, SeedCustomer, SeedOrder, SeedPeople } from '../seed/seed-people';
import type {
  ShopifyAddressRecord,
  ShopifyConsent,
  ShopifyCustomerRecord,
  ShopifyCustomerState,
  ShopifyEmailMarketingState,
  ShopifyFinancialStatus,
  ShopifyOrderRecord,
} from './shopify-types';

/** First ids of a seeded shop, in the ranges real shops show (sheet §4 example). */
export const firstShopifyIds = {
  customer: 7_010_392_211,
  address: 9_123_000_000,
  order: 5_882_261_045_418,
  lineItem: 14_001_000_000,
  orderNumber: 1001,
};

/** DateTime as Shopify writes it: UTC, whole seconds, no milliseconds (sheet §9.14). */
export function shopifyDateTime(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}

const financialStatuses: Readonly<Record<SeedOrder['payment'], ShopifyFinancialStatus>> = {
  paid: 'PAID',
  pending: 'PENDING',
  refunded: 'REFUNDED',
  cancelled: 'VOIDED',
};

function addressRecord(address: SeedAddress, id: number): ShopifyAddressRecord {
  return {
    id,
    firstName: address.firstName,
    lastName: address.lastName,
    company: address.company,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    zip: address.postalCode,
    // Shopify writes Japanese prefectures as `JP-13`.
    provinceCode: address.regionCode?.replace(/^JP(\d+)$/, 'JP-$1') ?? null,
    countryCode: address.countryCode,
    phone: address.phone,
  };
}

function emailConsent(seed: SeedCustomer): ShopifyConsent<ShopifyEmailMarketingState> {
  const updatedAt = shopifyDateTime(seed.createdAt);
  if (seed.acceptsMarketing === true) {
    // One subscriber in thirty still has to confirm a double opt-in.
    return seed.index % 30 === 0
      ? { state: 'PENDING', optInLevel: 'CONFIRMED_OPT_IN', updatedAt }
      : { state: 'SUBSCRIBED', optInLevel: 'SINGLE_OPT_IN', updatedAt };
  }
  if (seed.acceptsMarketing === false && seed.index % 2 === 0) {
    return { state: 'UNSUBSCRIBED', optInLevel: 'SINGLE_OPT_IN', updatedAt };
  }
  return { state: 'NOT_SUBSCRIBED', optInLevel: null, updatedAt: null };
}

const states: readonly ShopifyCustomerState[] = [
  'ENABLED',
  'DISABLED',
  'ENABLED',
  'INVITED',
  'DISABLED',
  'ENABLED',
];

function customerRecord(seed: SeedCustomer, id: number, ids: { address: number }, takenPhones: Set<string>) {
  const phone = seed.phone !== null && !takenPhones.has(seed.phone) ? seed.phone : null;
  if (phone !== null) takenPhones.add(phone);
  const addresses = seed.addresses.map((address) => addressRecord(address, ids.address++));
  const record: ShopifyCustomerRecord = {
    id,
    firstName: seed.firstName,
    lastName: seed.lastName,
    email: seed.email,
    phone,
    note: seed.note,
    tags: [...seed.tags].sort(),
    state: seed.index % 50 === 7 ? 'DECLINED' : (states[seed.index % states.length] as ShopifyCustomerState),
    verifiedEmail: seed.email !== null && seed.index % 9 !== 4,
    taxExempt: seed.tags.includes('wholesale'),
    locale: seed.locale,
    createdAt: shopifyDateTime(seed.createdAt),
    updatedAt: shopifyDateTime(seed.updatedAt ?? seed.createdAt),
    emailMarketing: emailConsent(seed),
    smsMarketing: { state: 'NOT_SUBSCRIBED', optInLevel: null, updatedAt: null },
    addresses,
    defaultAddressId: addresses[0]?.id ?? null,
  };
  return record;
}

function orderRecord(seed: SeedOrder, position: number, customerId: number | null): ShopifyOrderRecord {
  const id = firstShopifyIds.order + position * 97;
  const cancelled = seed.payment === 'cancelled';
  const closed = seed.fulfilled || cancelled;
  return {
    id,
    number: firstShopifyIds.orderNumber + position,
    customerId,
    email: seed.email,
    createdAt: shopifyDateTime(seed.createdAt),
    updatedAt: shopifyDateTime(seed.updatedAt),
    processedAt: shopifyDateTime(seed.createdAt),
    cancelledAt: cancelled ? shopifyDateTime(seed.updatedAt) : null,
    closed,
    closedAt: closed ? shopifyDateTime(seed.updatedAt) : null,
    financialStatus: financialStatuses[seed.payment],
    fulfillmentStatus: seed.fulfilled ? 'FULFILLED' : 'UNFULFILLED',
    subtotalCents: seed.subtotalCents,
    taxCents: seed.taxCents,
    shippingCents: seed.shippingCents,
    discountCents: seed.discountCents,
    totalCents: seed.totalCents,
    lineItems: seed.items.map((item, index) => ({
      id: firstShopifyIds.lineItem + position * 10 + index,
      name: item.name,
      sku: item.sku,
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
      productId: 8_000_000_000 + item.productId,
      variantId: item.variantId === null ? null : 44_000_000_000 + item.variantId,
    })),
  };
}

/** Seed people as Shopify customers (ids ascending with creation, with gaps) and their orders. */
export function toShopifyRecords(people: SeedPeople): {
  customers: ShopifyCustomerRecord[];
  orders: ShopifyOrderRecord[];
} {
  const ids = { address: firstShopifyIds.address };
  const takenPhones = new Set<string>();
  let customerId = firstShopifyIds.customer;
  const customers: ShopifyCustomerRecord[] = [];
  const owned: { order: SeedOrder; customerId: number | null }[] = [];
  for (const seed of people.customers) {
    customers.push(customerRecord(seed, customerId, ids, takenPhones));
    for (const order of seed.orders) owned.push({ order, customerId });
    customerId += 1 + ((seed.index * 104_729) % 4093);
  }
  for (const order of people.guestOrders) owned.push({ order, customerId: null });
  owned.sort((left, right) => left.order.createdAt.getTime() - right.order.createdAt.getTime());
  return {
    customers,
    orders: owned.map(({ order, customerId: owner }, position) => orderRecord(order, position, owner)),
  };
}
