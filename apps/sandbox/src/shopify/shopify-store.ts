import { largest } from '../kit/largest';
import type { ShopifyCustomerRecord, ShopifyOrderRecord } from './shopify-types';

/** Financial states whose totals count as money spent. */
const spentStatuses = new Set(['PAID', 'PARTIALLY_REFUNDED', 'PARTIALLY_PAID']);

/** The shop-level facts the API exposes besides customers and orders. */
export interface ShopifyShopInfo {
  /** `example.myshopify.com`. */
  readonly domain: string;
  readonly name: string;
  /** `CurrencyCode` of the shop. */
  readonly currency: string;
}

/** The data of one simulated Shopify shop. */
export class ShopifyStore {
  readonly customers = new Map<number, ShopifyCustomerRecord>();
  readonly orders = new Map<number, ShopifyOrderRecord>();
  // Orders never change in the simulator, so they are indexed once by customer.
  private readonly ordersByCustomer = new Map<number, ShopifyOrderRecord[]>();
  private nextCustomerId: number;
  private nextAddressId: number;

  constructor(
    readonly shop: ShopifyShopInfo,
    customers: readonly ShopifyCustomerRecord[],
    orders: readonly ShopifyOrderRecord[],
  ) {
    for (const customer of customers) this.customers.set(customer.id, structuredClone(customer));
    for (const order of orders) {
      const copy = structuredClone(order);
      this.orders.set(copy.id, copy);
      if (copy.customerId === null) continue;
      const owned = this.ordersByCustomer.get(copy.customerId) ?? [];
      owned.push(copy);
      this.ordersByCustomer.set(copy.customerId, owned);
    }
    const records = [...this.customers.values()];
    this.nextCustomerId =
      largest(
        7_010_392_210,
        records.map((customer) => customer.id),
      ) + 1031;
    this.nextAddressId =
      largest(
        9_122_999_999,
        records.flatMap((customer) => customer.addresses.map((address) => address.id)),
      ) + 1;
  }

  allocateCustomerId(): number {
    const id = this.nextCustomerId;
    this.nextCustomerId += 1031;
    return id;
  }

  allocateAddressId(): number {
    return this.nextAddressId++;
  }

  ordersOf(customerId: number): readonly ShopifyOrderRecord[] {
    return this.ordersByCustomer.get(customerId) ?? [];
  }

  /** `amountSpent`: totals of paid orders, in cents. */
  amountSpentCents(customerId: number): number {
    return this.ordersOf(customerId)
      .filter((order) => order.financialStatus !== null && spentStatuses.has(order.financialStatus))
      .reduce((sum, order) => sum + order.totalCents, 0);
  }
}
