import { largest } from '../kit/largest';
import type {
  JumpsellerCustomer,
  JumpsellerCustomerCategory,
  JumpsellerCustomerRecord,
  JumpsellerOrderRecord,
} from './jumpseller-types';

/** The data of one simulated Jumpseller store. */
export class JumpsellerStore {
  /** Read freely; change only through `save` and `remove`, which keep the id order current. */
  readonly customers = new Map<number, JumpsellerCustomerRecord>();
  readonly orders = new Map<number, JumpsellerOrderRecord>();
  readonly categories = new Map<number, JumpsellerCustomerCategory>();
  private nextCustomerId: number;
  // Sorted once per change, not per page: exports of 100 000 customers read 1 000 pages.
  private byAscendingId: JumpsellerCustomerRecord[] | undefined;

  constructor(
    customers: readonly JumpsellerCustomerRecord[],
    orders: readonly JumpsellerOrderRecord[],
    categories: readonly JumpsellerCustomerCategory[],
  ) {
    for (const customer of customers) this.customers.set(customer.id, structuredClone(customer));
    for (const order of orders) this.orders.set(order.id, structuredClone(order));
    for (const category of categories) this.categories.set(category.id, { ...category });
    // Categories named on seeded customers exist in the store even when not listed separately.
    for (const customer of customers) {
      for (const category of customer.customer_categories) {
        if (!this.categories.has(category.id)) this.categories.set(category.id, { ...category });
      }
    }
    this.nextCustomerId = largest(4_102_000, this.customers.keys()) + 1;
  }

  allocateCustomerId(): number {
    return this.nextCustomerId++;
  }

  /** Stores a new or changed customer. */
  save(customer: JumpsellerCustomerRecord): void {
    if (!this.customers.has(customer.id)) this.byAscendingId = undefined;
    else if (this.byAscendingId !== undefined) {
      const index = this.byAscendingId.findIndex((stored) => stored.id === customer.id);
      this.byAscendingId[index] = customer;
    }
    this.customers.set(customer.id, customer);
  }

  remove(id: number): void {
    this.customers.delete(id);
    this.byAscendingId = undefined;
  }

  /** Customers in ascending id (= creation) order, as the list answers them (sheet §3). */
  customersByAscendingId(): readonly JumpsellerCustomerRecord[] {
    this.byAscendingId ??= [...this.customers.values()].sort((left, right) => left.id - right.id);
    return this.byAscendingId;
  }

  /** The registered customer with this e-mail, compared ignoring case (sheet §3, unconfirmed). */
  customerByEmail(email: string): JumpsellerCustomerRecord | undefined {
    const wanted = email.toLowerCase();
    for (const customer of this.customers.values()) {
      if (customer.email.toLowerCase() === wanted) return customer;
    }
    return undefined;
  }

  /** Orders placed by the customer's account, ascending id; guest orders with its e-mail are not (sheet §7). */
  ordersOf(customerId: number): JumpsellerOrderRecord[] {
    return [...this.orders.values()]
      .filter((order) => order.customer.id === customerId)
      .sort((left, right) => left.id - right.id);
  }

  /** The customer object of every answer: the record plus `fullname` (sheet §5). */
  present(customer: JumpsellerCustomerRecord): JumpsellerCustomer {
    const record = structuredClone(customer);
    return {
      id: record.id,
      email: record.email,
      phone: record.phone,
      phone_prefix: record.phone_prefix,
      fullname: fullnameOf(record),
      status: record.status,
      accepts_marketing: record.accepts_marketing,
      accepted_marketing_at: record.accepted_marketing_at,
      cancelled_marketing_at: record.cancelled_marketing_at,
      shipping_addresses: record.shipping_addresses,
      billing_addresses: record.billing_addresses,
      customer_categories: record.customer_categories,
      customer_additional_fields: record.customer_additional_fields,
    };
  }
}

/** "Retrieved from the default billing address. Defaults to customer email if no name is found" (sheet §5). */
export function fullnameOf(customer: JumpsellerCustomerRecord): string {
  const billing = customer.billing_addresses[0];
  const name = [billing?.name, billing?.surname].filter(
    (part) => part !== null && part !== undefined && part !== '',
  );
  return name.length === 0 ? customer.email : name.join(' ');
}

/**
 * Jumpseller's customer search as the sheet assumes it (§3, unconfirmed): a case-insensitive
 * substring over e-mail, phone, `fullname`, every address's "name surname" and billing tax ids,
 * accents not folded. Loose on purpose: `ana@example.com` also finds `juliana@example.com`.
 */
export function matchesJumpsellerSearch(customer: JumpsellerCustomerRecord, query: string): boolean {
  const needle = query.toLowerCase();
  if (needle === '') return true;
  const addressNames = [...customer.billing_addresses, ...customer.shipping_addresses].map((address) =>
    [address.name, address.surname].filter((part) => part !== null).join(' '),
  );
  const haystack = [
    customer.email,
    customer.phone,
    fullnameOf(customer),
    ...addressNames,
    ...customer.billing_addresses.map((address) => address.taxid),
  ];
  return haystack.some((value) => value?.toLowerCase().includes(needle) === true);
}
