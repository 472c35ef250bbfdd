import { createHash } from 'node:crypto';
import { largest } from '../kit/largest';
import type { WooCommerceCustomer, WooCommerceOrderRecord, WooCommerceUserRecord } from './woocommerce-types';

/** Site settings that shape answers. */
export interface WooCommerceSite {
  /** The site origin, for `_links` and `Link` headers (known once the simulator listens). */
  readonly origin: () => string;
  /** The site time zone as a fixed offset; `date_created` is written in it (sheet §9.1). */
  readonly utcOffsetMinutes: number;
  /** Store currency (ISO 4217). */
  readonly currency: string;
}

const wcPrefix = '/wp-json/wc/v3';

/** A `_gmt` value in site time, the way WordPress writes the non-`_gmt` twin (no offset). */
export function siteTime(gmt: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(`${gmt}Z`) + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
}

/** The data of one simulated WooCommerce site: WordPress users and orders. */
export class WooCommerceStore {
  readonly users = new Map<number, WooCommerceUserRecord>();
  readonly orders = new Map<number, WooCommerceOrderRecord>();
  // Orders never change in the simulator, so paying customers are known once.
  private readonly payingUserIds = new Set<number>();
  private nextUserId: number;

  constructor(
    readonly site: WooCommerceSite,
    users: readonly WooCommerceUserRecord[],
    orders: readonly WooCommerceOrderRecord[],
  ) {
    for (const user of users) this.users.set(user.id, structuredClone(user));
    for (const order of orders) {
      this.orders.set(order.id, structuredClone(order));
      if (order.date_paid_gmt !== null && order.customer_id !== 0) this.payingUserIds.add(order.customer_id);
    }
    this.nextUserId = largest(2, this.users.keys()) + 1;
  }

  allocateUserId(): number {
    return this.nextUserId++;
  }

  /** WooCommerce flags a customer as paying once one of their orders was paid. */
  isPayingCustomer(userId: number): boolean {
    return this.payingUserIds.has(userId);
  }

  private link(path: string): { href: string }[] {
    return [{ href: `${this.site.origin()}${wcPrefix}${path}` }];
  }

  /** The v3 customer object (sheet §4). */
  presentCustomer(user: WooCommerceUserRecord): WooCommerceCustomer {
    const offset = this.site.utcOffsetMinutes;
    const avatarHash = createHash('md5').update(user.email.trim().toLowerCase()).digest('hex');
    return {
      id: user.id,
      date_created: siteTime(user.date_created_gmt, offset),
      date_created_gmt: user.date_created_gmt,
      date_modified: user.date_modified_gmt === null ? null : siteTime(user.date_modified_gmt, offset),
      date_modified_gmt: user.date_modified_gmt,
      email: user.email,
      first_name: user.first_name,
      last_name: user.last_name,
      role: user.role,
      username: user.username,
      billing: { ...user.billing },
      shipping: { ...user.shipping },
      is_paying_customer: this.isPayingCustomer(user.id),
      avatar_url: `https://secure.gravatar.com/avatar/${avatarHash}?s=96&d=mm&r=g`,
      meta_data: structuredClone(user.meta_data),
      _links: { self: this.link(`/customers/${user.id}`), collection: this.link('/customers') },
    };
  }

  /** The v3 order object: the stored fields plus site-time dates and links. */
  presentOrder(order: WooCommerceOrderRecord): Record<string, unknown> {
    const offset = this.site.utcOffsetMinutes;
    const local = (gmt: string | null) => (gmt === null ? null : siteTime(gmt, offset));
    return {
      ...structuredClone(order),
      date_created: local(order.date_created_gmt),
      date_modified: local(order.date_modified_gmt),
      date_completed: local(order.date_completed_gmt),
      date_paid: local(order.date_paid_gmt),
      tax_lines: [],
      fee_lines: [],
      refunds: [],
      currency_symbol: this.site.currency === 'USD' ? '$' : this.site.currency,
      needs_payment: order.status === 'pending',
      needs_processing: order.status === 'processing',
      is_editable: order.status === 'pending' || order.status === 'on-hold',
      _links: {
        self: this.link(`/orders/${order.id}`),
        collection: this.link('/orders'),
        ...(order.customer_id === 0 ? {} : { customer: this.link(`/customers/${order.customer_id}`) }),
      },
    };
  }
}
