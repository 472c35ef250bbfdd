import { seedCountries } from '../seed/geography';
import { centsToMajor } from '../seed/money';
import type { SeedAddress, SeedCustomer, SeedOrder, SeedPeople } from '../seed/seed-people';
import type {
  JumpsellerAddress,
  JumpsellerBillingAddress,
  JumpsellerCustomerCategory,
  JumpsellerCustomerRecord,
  JumpsellerOrderAddress,
  JumpsellerOrderRecord,
} from './jumpseller-types';

/** First ids of a seeded store, in the ranges of the sheet's examples. */
export const firstJumpsellerIds = { customer: 4_102_001, order: 10_001, category: 301 };

/** A date-time as Jumpseller writes order dates: `2023-04-01 10:00:00 UTC` (sheet §11). */
export function jumpsellerDateTime(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A day as Jumpseller writes marketing consent dates: `2021-05-04`. */
export function jumpsellerDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function categoryCode(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\p{ASCII}]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
}

/** The merchant's customer groups: one per seed tag. */
export function seedCategories(people: SeedPeople): JumpsellerCustomerCategory[] {
  const names = [...new Set(people.customers.flatMap((customer) => customer.tags))].sort();
  return names.map((name, index) => ({
    id: firstJumpsellerIds.category + index,
    name,
    code: categoryCode(name),
  }));
}

function shippingAddress(address: SeedAddress): JumpsellerAddress {
  return {
    name: address.firstName,
    surname: address.lastName,
    // One street line: the complement is typed into it (sheet §5).
    address: address.address2 === null ? address.address1 : `${address.address1}, ${address.address2}`,
    city: address.city,
    postal: address.postalCode,
    municipality: null,
    region: address.regionCode,
    country: address.countryCode,
  };
}

function billingAddress(address: SeedAddress, index: number): JumpsellerBillingAddress {
  const taxid = index % 4 === 0 ? `${String(10_000_000 + index * 7).slice(0, 8)}-${index % 10}` : null;
  return { ...shippingAddress(address), taxid };
}

/** A phone as merchants type it: half with the calling code apart in `phone_prefix` (sheet §5). */
function phoneFields(
  phone: string | null,
  index: number,
): { phone: string | null; phone_prefix: string | null } {
  if (phone === null) return { phone: null, phone_prefix: null };
  const prefix = seedCountries
    .map((country) => country.dialCode)
    .sort((left, right) => right.length - left.length)
    .find((dialCode) => phone.startsWith(dialCode));
  if (prefix === undefined || index % 2 === 0) return { phone, phone_prefix: null };
  const national = phone.slice(prefix.length).replace(/^(\d)(\d{4})(\d+)$/, '$1 $2 $3');
  return { phone: national, phone_prefix: prefix };
}

function customerRecord(
  seed: SeedCustomer,
  id: number,
  categories: ReadonlyMap<string, JumpsellerCustomerCategory>,
): JumpsellerCustomerRecord {
  const [first, ...rest] = seed.addresses;
  // One customer in nine only ever gave shipping addresses: no billing address, so no name on the account.
  const onlyShipping = seed.index % 9 === 4;
  const billing = first === undefined || onlyShipping ? [] : [billingAddress(first, seed.index)];
  const shipping = (
    onlyShipping ? seed.addresses : rest.length > 0 ? rest : seed.index % 3 === 0 ? [] : [first]
  )
    .filter((address) => address !== undefined)
    .map(shippingAddress);
  const accepts = seed.acceptsMarketing === true;
  const consentDay = jumpsellerDay(seed.createdAt);
  return {
    id,
    email: seed.email ?? `customer${seed.index}@example.com`,
    ...phoneFields(seed.phone, seed.index),
    status: seed.index % 41 === 7 ? 'disabled' : seed.index % 17 === 3 ? 'pending' : 'approved',
    accepts_marketing: accepts,
    accepted_marketing_at: accepts || seed.index % 5 === 1 ? consentDay : null,
    cancelled_marketing_at:
      !accepts && seed.index % 5 === 1 ? jumpsellerDay(seed.updatedAt ?? seed.createdAt) : null,
    shipping_addresses: shipping,
    billing_addresses: billing,
    customer_categories: seed.tags.flatMap((tag) => {
      const category = categories.get(tag);
      return category === undefined ? [] : [category];
    }),
    customer_additional_fields:
      seed.index % 6 === 0
        ? [
            {
              id: 700_000 + seed.index,
              label: 'Birthday',
              value: `1990-0${(seed.index % 9) + 1}-1${seed.index % 10}`,
              area: 'contact',
              customer_id: id,
              checkout_custom_field_id: 42,
            },
          ]
        : [],
  };
}

function orderAddress(address: SeedAddress): JumpsellerOrderAddress {
  const street = shippingAddress(address);
  return {
    name: street.name,
    surname: street.surname,
    address: street.address,
    city: street.city,
    postal: street.postal,
    municipality: null,
    region: address.regionName,
    region_code: address.regionCode,
    country: address.countryName,
    country_code: address.countryCode,
  };
}

const statuses: Readonly<Record<SeedOrder['payment'], { status: string; statusEnum: string }>> = {
  paid: { status: 'Paid', statusEnum: 'paid' },
  pending: { status: 'Pending Payment', statusEnum: 'pending_payment' },
  refunded: { status: 'Canceled', statusEnum: 'canceled' },
  cancelled: { status: 'Canceled', statusEnum: 'canceled' },
};

function orderRecord(
  seed: SeedOrder,
  id: number,
  customer: JumpsellerCustomerRecord | null,
  currency: string,
): JumpsellerOrderRecord {
  const { status, statusEnum } = statuses[seed.payment];
  const shipment = seed.fulfilled
    ? { label: 'Delivered', statusEnum: 'delivered', fulfillment: 'fulfilled' }
    : seed.payment === 'paid'
      ? { label: 'Requested', statusEnum: 'requested', fulfillment: 'unfulfilled' }
      : { label: 'Unfulfilled', statusEnum: 'unfulfilled', fulfillment: 'unfulfilled' };
  const billing = seed.billing === null ? null : { ...orderAddress(seed.billing), taxid: null };
  const fullname =
    billing === null ? (seed.email ?? '') : [billing.name, billing.surname].filter(Boolean).join(' ');
  return {
    id,
    created_at: jumpsellerDateTime(seed.createdAt),
    completed_at:
      seed.payment === 'paid' ? jumpsellerDateTime(new Date(seed.createdAt.getTime() + 312_000)) : null,
    currency,
    subtotal: centsToMajor(seed.subtotalCents),
    tax: centsToMajor(seed.taxCents),
    shipping_tax: 0,
    shipping: centsToMajor(seed.shippingCents),
    discount: centsToMajor(seed.discountCents),
    shipping_discount: 0,
    gift_cards_discount: 0,
    total: centsToMajor(seed.totalCents),
    status,
    status_name: status,
    status_enum: statusEnum,
    fulfillment_status: shipment.fulfillment,
    shipment_status: shipment.label,
    shipment_status_enum: shipment.statusEnum,
    shipping_method_name: 'Despacho a domicilio',
    payment_method_name: 'Webpay',
    payment_method_type: 'webpay',
    customer: {
      id: customer?.id ?? null,
      email: customer?.email ?? seed.email ?? '',
      phone: customer?.phone ?? null,
      phone_prefix: customer?.phone_prefix ?? null,
      ip: `203.0.113.${id % 250}`,
      fullname,
    },
    shipping_address: seed.billing === null ? null : orderAddress(seed.billing),
    billing_address: billing,
    products: seed.items.map((item) => ({
      id: item.productId,
      variant_id: item.variantId,
      sku: item.sku,
      name: item.name,
      qty: item.quantity,
      price: centsToMajor(item.unitPriceCents),
      discount: 0,
      weight: 0.5,
      taxes: [],
    })),
    promotions: [],
    coupons: seed.discountCents === 0 ? null : 'OTONO10',
  };
}

/**
 * Seed people as Jumpseller customers (ascending ids with the gaps deleted accounts leave) and their
 * orders, plus guest orders: some with the e-mail of a registered customer, which are still not
 * that customer's orders (sheet §14.10).
 */
export function toJumpsellerRecords(
  people: SeedPeople,
  currency: string,
): {
  customers: JumpsellerCustomerRecord[];
  orders: JumpsellerOrderRecord[];
  categories: JumpsellerCustomerCategory[];
} {
  const categories = seedCategories(people);
  const byName = new Map(categories.map((category) => [category.name, category]));
  const customers: JumpsellerCustomerRecord[] = [];
  const owned: { order: SeedOrder; customer: JumpsellerCustomerRecord | null }[] = [];
  let id = firstJumpsellerIds.customer;
  for (const seed of people.customers) {
    const customer = customerRecord(seed, id, byName);
    customers.push(customer);
    for (const order of seed.orders) owned.push({ order, customer });
    id += 1 + (seed.index % 7 === 0 ? 3 : 0);
  }
  people.guestOrders.forEach((order, index) => {
    const namesake = index % 4 === 0 ? customers[(index * 13) % Math.max(customers.length, 1)] : undefined;
    owned.push({
      order: namesake === undefined ? order : { ...order, email: namesake.email },
      customer: null,
    });
  });
  owned.sort((left, right) => left.order.createdAt.getTime() - right.order.createdAt.getTime());
  const orders = owned.map(({ order, customer }, index) =>
    orderRecord(order, firstJumpsellerIds.order + index * 2, customer, currency),
  );
  return { customers, orders, categories };
}
