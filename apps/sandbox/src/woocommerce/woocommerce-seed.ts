import { centsToFixed } from '../seed/money';
import type { SeedAddress, SeedCustomer, SeedOrder, SeedPeople } from '../seed/seed-people';
import type {
  WooCommerceBilling,
  WooCommerceOrderRecord,
  WooCommerceShipping,
  WooCommerceUserRecord,
} from './woocommerce-types';

/** A date as WordPress stores `*_gmt` values: UTC, no offset, no milliseconds. */
export function wordpressGmt(instant: Date): string {
  return instant.toISOString().slice(0, 19);
}

/** An empty address: WooCommerce writes `""` for every unset field (sheet §5). */
export function emptyShipping(): WooCommerceShipping {
  return {
    first_name: '',
    last_name: '',
    company: '',
    address_1: '',
    address_2: '',
    city: '',
    state: '',
    postcode: '',
    country: '',
    phone: '',
  };
}

function shippingOf(address: SeedAddress): WooCommerceShipping {
  return {
    first_name: address.firstName ?? '',
    last_name: address.lastName ?? '',
    company: address.company ?? '',
    address_1: address.address1,
    address_2: address.address2 ?? '',
    city: address.city,
    state: address.regionCode ?? '',
    postcode: address.postalCode ?? '',
    country: address.countryCode,
    phone: address.phone ?? '',
  };
}

// Shop owners type phone numbers in every format; one in two is written with spaces.
function typedPhone(phone: string, index: number): string {
  return index % 2 === 0 ? phone : phone.replace(/^(\+\d{1,3})(\d{3})(\d{3})(\d+)$/, '$1 $2 $3 $4');
}

const asciiWord = (text: string | null) =>
  (text ?? '')
    .normalize('NFKD')
    .replace(/[^a-zA-Z0-9]/g, '')
    .toLowerCase();

function usernameFor(seed: SeedCustomer, taken: Set<string>): string {
  const fromName = [asciiWord(seed.firstName), asciiWord(seed.lastName)]
    .filter((part) => part !== '')
    .join('.');
  const base = seed.email?.split('@')[0]?.toLowerCase() || fromName || `customer${seed.index}`;
  // WooCommerce appends a random four-digit suffix on a clash; the simulator derives it from the seed index.
  const username = taken.has(base) ? `${base}-${String(seed.index % 10_000).padStart(4, '0')}` : base;
  taken.add(username);
  return username;
}

function userRecord(seed: SeedCustomer, id: number, takenUsernames: Set<string>): WooCommerceUserRecord {
  const [first, second] = seed.addresses;
  const username = usernameFor(seed, takenUsernames);
  const fullName = [seed.firstName, seed.lastName].filter(Boolean).join(' ');
  const billing: WooCommerceBilling =
    first === undefined
      ? { ...emptyShipping(), email: '' }
      : {
          ...shippingOf(first),
          email: seed.email ?? '',
          phone: seed.phone === null ? '' : typedPhone(seed.phone, seed.index),
        };
  // Most buyers ship where they bill; some have a second address, some never filled shipping in.
  const shipping =
    second !== undefined
      ? shippingOf(second)
      : first !== undefined && seed.index % 5 !== 0
        ? shippingOf(first)
        : emptyShipping();
  return {
    id,
    username,
    email: seed.email ?? '',
    first_name: seed.firstName ?? '',
    last_name: seed.lastName ?? '',
    display_name: seed.index % 3 === 0 && fullName !== '' ? fullName : username,
    role: seed.index % 33 === 5 ? 'subscriber' : 'customer',
    date_created_gmt: wordpressGmt(seed.createdAt),
    date_modified_gmt: seed.updatedAt === null ? null : wordpressGmt(seed.updatedAt),
    billing,
    shipping,
    meta_data:
      seed.index % 4 === 0
        ? [
            {
              id: 10_000 + seed.index,
              key: '_wc_last_active',
              value: String(Math.floor(seed.createdAt.getTime() / 1000)),
            },
          ]
        : [],
  };
}

/** Two users every shop has besides its customers: hidden by the default `role=customer` (sheet §9.4). */
function staffUsers(): WooCommerceUserRecord[] {
  const created = '2018-11-02T09:00:00';
  const staff = (id: number, username: string, role: string): WooCommerceUserRecord => ({
    id,
    username,
    email: `${username}@shop.example.com`,
    first_name: '',
    last_name: '',
    display_name: username,
    role,
    date_created_gmt: created,
    date_modified_gmt: null,
    billing: { ...emptyShipping(), email: '' },
    shipping: emptyShipping(),
    meta_data: [],
  });
  return [staff(1, 'admin', 'administrator'), staff(2, 'manager', 'shop_manager')];
}

const orderStatuses: Readonly<Record<SeedOrder['payment'], string>> = {
  paid: 'processing',
  pending: 'pending',
  refunded: 'refunded',
  cancelled: 'cancelled',
};

function orderRecord(
  seed: SeedOrder,
  id: number,
  customerId: number,
  currency: string,
): WooCommerceOrderRecord {
  const status = seed.payment === 'paid' && seed.fulfilled ? 'completed' : orderStatuses[seed.payment];
  const paid = seed.payment === 'paid' || seed.payment === 'refunded';
  const billingAddress = seed.billing === null ? emptyShipping() : shippingOf(seed.billing);
  const lineTaxRate = seed.subtotalCents === 0 ? 0 : seed.taxCents / seed.subtotalCents;
  return {
    id,
    parent_id: 0,
    number: String(id),
    order_key: `wc_order_${id.toString(36)}${(id * 7919).toString(36)}`,
    created_via: 'checkout',
    version: '9.4.2',
    status,
    currency,
    date_created_gmt: wordpressGmt(seed.createdAt),
    date_modified_gmt: wordpressGmt(seed.updatedAt),
    date_completed_gmt: status === 'completed' ? wordpressGmt(seed.updatedAt) : null,
    date_paid_gmt: paid ? wordpressGmt(seed.createdAt) : null,
    discount_total: centsToFixed(seed.discountCents),
    discount_tax: '0.00',
    shipping_total: centsToFixed(seed.shippingCents),
    shipping_tax: '0.00',
    cart_tax: centsToFixed(seed.taxCents),
    total: centsToFixed(seed.totalCents),
    total_tax: centsToFixed(seed.taxCents),
    prices_include_tax: false,
    customer_id: customerId,
    customer_note: '',
    billing: { ...billingAddress, email: seed.email ?? '' },
    shipping: billingAddress,
    payment_method: 'stripe',
    payment_method_title: 'Credit Card (Stripe)',
    transaction_id: paid ? `ch_${id.toString(36)}` : '',
    line_items: seed.items.map((item, index) => {
      const lineCents = item.unitPriceCents * item.quantity;
      const taxCents = Math.round(lineCents * lineTaxRate);
      return {
        id: id * 10 + index,
        name: item.name,
        product_id: item.productId,
        variation_id: item.variantId ?? 0,
        quantity: item.quantity,
        tax_class: '',
        subtotal: centsToFixed(lineCents),
        subtotal_tax: centsToFixed(taxCents),
        total: centsToFixed(lineCents),
        total_tax: centsToFixed(taxCents),
        taxes: [],
        meta_data: [],
        sku: item.sku ?? '',
        price: item.unitPriceCents / 100,
        parent_name: item.variantId === null ? null : (item.name.split(' - ')[0] ?? null),
      };
    }),
    shipping_lines:
      seed.shippingCents === 0
        ? []
        : [
            {
              id: id * 10 + 8,
              method_title: 'Flat rate',
              method_id: 'flat_rate',
              total: centsToFixed(seed.shippingCents),
              total_tax: '0.00',
            },
          ],
    coupon_lines:
      seed.discountCents === 0
        ? []
        : [
            {
              id: id * 10 + 9,
              code: 'spring10',
              discount: centsToFixed(seed.discountCents),
              discount_tax: '0.00',
            },
          ],
    meta_data: [],
  };
}

/** Seed people as WordPress users (staff first, ids ascending with gaps) and their orders. */
export function toWooCommerceRecords(
  people: SeedPeople,
  currency: string,
): { customers: WooCommerceUserRecord[]; orders: WooCommerceOrderRecord[] } {
  const takenUsernames = new Set(['admin', 'manager']);
  const users = staffUsers();
  const owned: { order: SeedOrder; customerId: number }[] = [];
  let id = 3;
  for (const seed of people.customers) {
    users.push(userRecord(seed, id, takenUsernames));
    for (const order of seed.orders) owned.push({ order, customerId: id });
    // Deleted users leave gaps in WordPress ids.
    id += 1 + (seed.index % 7 === 0 ? 2 : 0);
  }
  for (const order of people.guestOrders) owned.push({ order, customerId: 0 });
  owned.sort((left, right) => left.order.createdAt.getTime() - right.order.createdAt.getTime());
  // Orders are posts: their ids share a sequence with pages and products, hence the gaps.
  const orders = owned.map(({ order, customerId }, index) =>
    orderRecord(order, 100 + index * 3, customerId, currency),
  );
  return { customers: users, orders };
}
