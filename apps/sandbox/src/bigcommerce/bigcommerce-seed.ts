import type { SeedAddress, SeedCustomer, SeedOrder, SeedPeople } from '../seed/seed-people';
import type {
  BigCommerceAddressRecord,
  BigCommerceBillingAddress,
  BigCommerceCustomerRecord,
  BigCommerceData,
  BigCommerceOrderRecord,
  BigCommerceSubscriberRecord,
} from './bigcommerce-types';

/** First ids of a seeded store. */
const firstIds = { customer: 1, address: 101, order: 100, orderProduct: 1, subscriber: 1 };

/** RFC 3339 UTC with whole seconds, as v3 writes dates (sheet §1). */
export function bigcommerceDate(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}

/** RFC 2822 in UTC, as v2 writes dates (`Tue, 20 Nov 2012 00:00:00 +0000`). */
export function bigcommerceV2Date(instant: Date): string {
  return instant.toUTCString().replace('GMT', '+0000');
}

/** Cents as a four-decimal string, BigCommerce's "Float-As-String". */
export function fourDecimals(cents: number): string {
  return (Math.round(cents) / 100).toFixed(4);
}

const orderStatuses: Readonly<Record<SeedOrder['payment'], { id: number; name: string; payment: string }>> = {
  paid: { id: 10, name: 'Completed', payment: 'captured' },
  pending: { id: 7, name: 'Awaiting Payment', payment: '' },
  refunded: { id: 4, name: 'Refunded', payment: 'refunded' },
  cancelled: { id: 5, name: 'Cancelled', payment: 'void' },
};

function addressRecord(address: SeedAddress, id: number, customerId: number): BigCommerceAddressRecord {
  return {
    id,
    customer_id: customerId,
    first_name: address.firstName ?? '',
    last_name: address.lastName ?? '',
    company: address.company ?? '',
    address1: address.address1,
    address2: address.address2 ?? '',
    city: address.city,
    state_or_province: address.regionName ?? '',
    postal_code: address.postalCode ?? '',
    country_code: address.countryCode,
    country: address.countryName,
    phone: address.phone ?? '',
    address_type: address.company === null ? 'residential' : 'commercial',
  };
}

function billingOf(address: SeedAddress | null, email: string | null): BigCommerceBillingAddress {
  return {
    first_name: address?.firstName ?? '',
    last_name: address?.lastName ?? '',
    company: address?.company ?? '',
    street_1: address?.address1 ?? '',
    street_2: address?.address2 ?? '',
    city: address?.city ?? '',
    state: address?.regionName ?? '',
    zip: address?.postalCode ?? '',
    country: address?.countryName ?? '',
    country_iso2: address?.countryCode ?? '',
    phone: address?.phone ?? '',
    email: email ?? '',
  };
}

function orderRecord(
  order: SeedOrder,
  id: number,
  customerId: number,
  currency: string,
  nextProductId: () => number,
): BigCommerceOrderRecord {
  const status = orderStatuses[order.payment];
  const subtotalIncTax = order.subtotalCents + order.taxCents;
  return {
    id,
    customer_id: customerId,
    date_created: bigcommerceV2Date(order.createdAt),
    date_modified: bigcommerceV2Date(order.updatedAt),
    status_id: status.id,
    status: status.name,
    custom_status: status.name,
    subtotal_ex_tax: fourDecimals(order.subtotalCents),
    subtotal_inc_tax: fourDecimals(subtotalIncTax),
    subtotal_tax: fourDecimals(order.taxCents),
    shipping_cost_ex_tax: fourDecimals(order.shippingCents),
    shipping_cost_inc_tax: fourDecimals(order.shippingCents),
    total_ex_tax: fourDecimals(order.totalCents - order.taxCents),
    total_inc_tax: fourDecimals(order.totalCents),
    total_tax: fourDecimals(order.taxCents),
    discount_amount: fourDecimals(0),
    coupon_discount: fourDecimals(order.discountCents),
    items_total: order.items.reduce((sum, item) => sum + item.quantity, 0),
    payment_method: order.payment === 'pending' ? 'Bank Deposit' : 'Credit Card',
    payment_status: status.payment,
    currency_code: currency,
    default_currency_code: currency,
    store_default_currency_code: currency,
    billing_address: billingOf(order.billing, order.email),
    products: order.items.map((item) => {
      const priceIncTax = Math.round(item.unitPriceCents * 1.08);
      return {
        id: nextProductId(),
        order_id: id,
        product_id: item.productId,
        // A catalogue product without options still has its base variant (sheet, Orders).
        variant_id: item.variantId ?? item.productId * 10,
        name: item.name,
        sku: item.sku ?? '',
        quantity: item.quantity,
        base_price: fourDecimals(item.unitPriceCents),
        price_ex_tax: fourDecimals(item.unitPriceCents),
        price_inc_tax: fourDecimals(priceIncTax),
        total_ex_tax: fourDecimals(item.unitPriceCents * item.quantity),
        total_inc_tax: fourDecimals(priceIncTax * item.quantity),
        product_options: [],
      };
    }),
  };
}

/**
 * A customer as BigCommerce stores one created with only an email and names: every other string
 * `""`, no group, no address (sheet §4). `fields` replace any of it.
 */
export function newBigCommerceCustomer(
  id: number,
  created: Date,
  fields: Partial<BigCommerceCustomerRecord> = {},
): BigCommerceCustomerRecord {
  const date = bigcommerceDate(created);
  return {
    id,
    email: '',
    first_name: '',
    last_name: '',
    company: '',
    phone: '',
    notes: '',
    tax_exempt_category: '',
    registration_ip_address: '',
    customer_group_id: 0,
    date_created: date,
    date_modified: date,
    authentication: { force_password_reset: false },
    accepts_product_review_abandoned_cart_emails: false,
    origin_channel_id: 1,
    channel_ids: null,
    store_credit_amounts: [{ amount: 0 }],
    addresses: [],
    ...fields,
  };
}

/** Phones as merchants type them: E.164, or grouped with spaces or dashes. */
function typedPhone(phone: string | null, index: number): string {
  if (phone === null) return '';
  if (index % 3 === 1) return phone.replace(/^(\+\d{1,3})(\d{3})(\d{3})(\d+)$/, '$1 $2 $3 $4');
  if (index % 3 === 2) return phone.replace(/^(\+\d{1,3})(\d{3})(\d{3})(\d+)$/, '$1-$2-$3-$4');
  return phone;
}

function customerRecord(seed: SeedCustomer, id: number, addressIds: () => number): BigCommerceCustomerRecord {
  const created = bigcommerceDate(seed.createdAt);
  return {
    id,
    email: seed.email ?? '',
    // Records imported long ago may hold empty names (sheet §4).
    first_name: seed.firstName ?? '',
    last_name: seed.lastName ?? '',
    company: seed.addresses[0]?.company ?? '',
    phone: typedPhone(seed.phone, seed.index),
    notes: seed.note ?? '',
    tax_exempt_category: seed.index % 40 === 5 ? 'G' : '',
    registration_ip_address: seed.index % 4 === 0 ? '' : `203.0.113.${seed.index % 250}`,
    customer_group_id: seed.tags.includes('wholesale') ? 2 : seed.tags.includes('vip') ? 1 : 0,
    date_created: created,
    date_modified: seed.updatedAt === null ? created : bigcommerceDate(seed.updatedAt),
    authentication: { force_password_reset: false },
    accepts_product_review_abandoned_cart_emails: seed.index % 3 !== 0,
    origin_channel_id: 1,
    channel_ids: seed.index % 10 === 0 ? [1] : null,
    store_credit_amounts: [{ amount: seed.index % 25 === 0 ? 15 : 0 }],
    addresses: seed.addresses.slice(0, 10).map((address) => addressRecord(address, addressIds(), id)),
  };
}

function subscriberRecord(
  customer: BigCommerceCustomerRecord,
  seed: SeedCustomer,
  id: number,
): BigCommerceSubscriberRecord | null {
  // No opinion: never subscribed. `false`: half unsubscribed (empty consents), half never asked.
  if (seed.acceptsMarketing === null || (seed.acceptsMarketing === false && seed.index % 2 === 0))
    return null;
  return {
    id,
    // Subscribers are keyed by email, typed by the shopper: case may differ from the account's.
    email: seed.index % 7 === 0 ? customer.email.toUpperCase() : customer.email,
    first_name: customer.first_name,
    last_name: customer.last_name,
    source: seed.index % 5 === 0 ? 'order' : 'storefront',
    order_id: null,
    channel_id: 1,
    consents: seed.acceptsMarketing ? ['marketing_newsletter'] : [],
    date_created: customer.date_created,
    date_modified: customer.date_modified,
  };
}

/**
 * The seed people as a BigCommerce store: customers with an email (BigCommerce requires one; the
 * others shop as guests, so their orders are guest orders), their addresses (at most 10), their v2
 * orders, and newsletter subscribers carrying the marketing consent.
 */
export function toBigCommerceData(people: SeedPeople, currency: string): Required<BigCommerceData> {
  let addressId = firstIds.address;
  let orderId = firstIds.order;
  let productId = firstIds.orderProduct;
  let subscriberId = firstIds.subscriber;
  const nextProductId = () => productId++;
  const customers: BigCommerceCustomerRecord[] = [];
  const orders: BigCommerceOrderRecord[] = [];
  const subscribers: BigCommerceSubscriberRecord[] = [];
  const guestOrders: SeedOrder[] = [...people.guestOrders];
  let customerId = firstIds.customer;
  for (const seed of people.customers) {
    if (seed.email === null) {
      guestOrders.push(...seed.orders);
      continue;
    }
    const customer = customerRecord(seed, customerId++, () => addressId++);
    customers.push(customer);
    const subscriber = subscriberRecord(customer, seed, subscriberId);
    if (subscriber !== null) {
      subscribers.push(subscriber);
      subscriberId += 1;
    }
    for (const order of seed.orders) {
      orders.push(orderRecord(order, orderId++, customer.id, currency, nextProductId));
    }
  }
  for (const order of guestOrders) orders.push(orderRecord(order, orderId++, 0, currency, nextProductId));
  return { customers, orders, subscribers };
}
