import { majorToCents } from '../seed/money';
import { formatEcwidDate, parseEcwidDate } from './ecwid-date';
import type { EcwidCustomer, EcwidCustomerStats, EcwidOrder } from './ecwid-types';

/** A deleted customer, as `GET /customers/deleted` lists it. */
export interface EcwidDeletedCustomer {
  readonly id: number;
  readonly date: string;
}

const countedPayments = new Set(['PAID', 'PARTIALLY_REFUNDED']);

/** The data of one simulated Ecwid store: customers by id, orders, and deletions. */
export class EcwidStore {
  readonly customers = new Map<number, EcwidCustomer>();
  readonly orders: EcwidOrder[] = [];
  readonly deleted: EcwidDeletedCustomer[] = [];
  // Orders never change in the simulator, so they are indexed once by customer.
  private readonly ordersByCustomer = new Map<number, EcwidOrder[]>();
  private nextCustomerId = 1;
  private nextAddressId = 1;
  private nextContactId = 1;

  constructor(customers: readonly EcwidCustomer[], orders: readonly EcwidOrder[]) {
    for (const customer of customers) this.customers.set(customer.id, structuredClone(customer));
    for (const order of structuredClone(orders)) {
      this.orders.push(order);
      if (order.customerId === undefined) continue;
      const owned = this.ordersByCustomer.get(order.customerId) ?? [];
      owned.push(order);
      this.ordersByCustomer.set(order.customerId, owned);
    }
    const maxima = [...this.customers.values()].reduce(
      (max, customer) => ({
        customer: Math.max(max.customer, customer.id),
        address: Math.max(max.address, ...customer.shippingAddresses.map((address) => address.id)),
        contact: Math.max(max.contact, ...customer.contacts.map((contact) => contact.id)),
      }),
      { customer: 0, address: 0, contact: 0 },
    );
    this.nextCustomerId = maxima.customer + 17;
    this.nextAddressId = maxima.address + 1;
    this.nextContactId = maxima.contact + 1;
  }

  allocateCustomerId(): number {
    const id = this.nextCustomerId;
    this.nextCustomerId += 17;
    return id;
  }

  allocateAddressId(): number {
    return this.nextAddressId++;
  }

  allocateContactId(): number {
    return this.nextContactId++;
  }

  /** Orders of a customer, by id (orders keep `customerId` after the customer is deleted, sheet §9.12). */
  ordersOf(customerId: number): EcwidOrder[] {
    return this.ordersByCustomer.get(customerId) ?? [];
  }

  /** Statistics Ecwid computes: orders count, and sales over paid orders. */
  statsOf(customerId: number): EcwidCustomerStats {
    const orders = this.ordersOf(customerId);
    const paid = orders.filter((order) => countedPayments.has(order.paymentStatus));
    const salesCents = paid.reduce((sum, order) => sum + majorToCents(order.total), 0);
    const dates = orders.map((order) => parseEcwidDate(order.createDate)).sort((left, right) => left - right);
    const first = dates[0];
    const last = dates[dates.length - 1];
    return {
      numberOfOrders: orders.length,
      salesValue: salesCents / 100,
      averageOrderValue: paid.length === 0 ? 0 : Math.round(salesCents / paid.length) / 100,
      ...(first === undefined ? {} : { firstOrderDate: formatEcwidDate(new Date(first)) }),
      ...(last === undefined ? {} : { lastOrderDate: formatEcwidDate(new Date(last)) }),
    };
  }

  /** A customer as the API answers it: with `name`, `totalOrderCount` and `stats`. */
  present(customer: EcwidCustomer): EcwidCustomer {
    const stats = this.statsOf(customer.id);
    const name = customer.billingPerson.name;
    return {
      id: customer.id,
      ...(name === undefined || name === '' ? {} : { name }),
      email: customer.email,
      registered: customer.registered,
      updated: customer.updated,
      totalOrderCount: stats.numberOfOrders,
      customerGroupId: customer.customerGroupId,
      customerGroupName: customer.customerGroupName,
      billingPerson: structuredClone(customer.billingPerson),
      shippingAddresses: structuredClone(customer.shippingAddresses),
      contacts: structuredClone(customer.contacts),
      taxId: customer.taxId,
      taxIdValid: customer.taxIdValid,
      taxExempt: customer.taxExempt,
      b2b_b2c: customer.b2b_b2c,
      acceptMarketing: customer.acceptMarketing,
      lang: customer.lang,
      stats,
      privateAdminNotes: customer.privateAdminNotes,
      favorites: structuredClone(customer.favorites),
    };
  }
}
