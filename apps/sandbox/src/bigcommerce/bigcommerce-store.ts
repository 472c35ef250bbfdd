import { largest } from '../kit/largest';
import type {
  BigCommerceCustomerRecord,
  BigCommerceData,
  BigCommerceOrderRecord,
  BigCommerceSubscriberRecord,
} from './bigcommerce-types';

/** Sub-resources `include=` adds to a customer (sheet §2.1). */
export interface CustomerIncludes {
  readonly addresses: boolean;
  readonly storeCredit: boolean;
}

/** The data of one simulated BigCommerce store. */
export class BigCommerceStore {
  readonly customers = new Map<number, BigCommerceCustomerRecord>();
  readonly subscribers = new Map<number, BigCommerceSubscriberRecord>();
  readonly orders = new Map<number, BigCommerceOrderRecord>();
  private nextCustomerId: number;
  private nextAddressId: number;
  private nextSubscriberId: number;

  constructor(data: BigCommerceData) {
    // Kept in id order (new ids only grow), so lists need no sort.
    const byId = [...data.customers].sort((left, right) => left.id - right.id);
    for (const customer of byId) this.customers.set(customer.id, structuredClone(customer));
    for (const order of data.orders ?? []) this.orders.set(order.id, structuredClone(order));
    for (const subscriber of data.subscribers ?? []) {
      this.subscribers.set(subscriber.id, structuredClone(subscriber));
    }
    this.nextCustomerId = largest(0, this.customers.keys()) + 1;
    this.nextAddressId =
      largest(
        100,
        [...this.customers.values()].flatMap((customer) => customer.addresses.map((address) => address.id)),
      ) + 1;
    this.nextSubscriberId = largest(0, this.subscribers.keys()) + 1;
  }

  allocateCustomerId(): number {
    return this.nextCustomerId++;
  }

  allocateAddressId(): number {
    return this.nextAddressId++;
  }

  allocateSubscriberId(): number {
    return this.nextSubscriberId++;
  }

  /** Customers in id order. */
  customersById(): BigCommerceCustomerRecord[] {
    return [...this.customers.values()];
  }

  hasEmail(email: string, exceptId?: number): boolean {
    const wanted = email.toLowerCase();
    for (const customer of this.customers.values()) {
      if (customer.id !== exceptId && customer.email.toLowerCase() === wanted) return true;
    }
    return false;
  }

  /** The v3 customer as answered: without `addresses` unless included, with its counts (sheet §4). */
  presentCustomer(customer: BigCommerceCustomerRecord, includes: CustomerIncludes): Record<string, unknown> {
    const { addresses, store_credit_amounts, ...fields } = structuredClone(customer);
    return {
      ...fields,
      address_count: addresses.length,
      attribute_count: 0,
      ...(includes.addresses ? { addresses } : {}),
      ...(includes.storeCredit ? { store_credit_amounts } : {}),
    };
  }

  /** The v2 order as answered: its line items and addresses are sub-resources, linked (sheet, Orders). */
  presentOrder(order: BigCommerceOrderRecord, storeHash: string): Record<string, unknown> {
    const { products: _products, ...fields } = structuredClone(order);
    const link = (resource: string) => ({
      url: `https://api.bigcommerce.com/stores/${storeHash}/v2${resource}`,
      resource,
    });
    return {
      ...fields,
      products: link(`/orders/${order.id}/products`),
      shipping_addresses: link(`/orders/${order.id}/shipping_addresses`),
      coupons: link(`/orders/${order.id}/coupons`),
    };
  }
}
