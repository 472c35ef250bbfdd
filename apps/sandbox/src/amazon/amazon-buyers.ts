import { createHash } from 'node:crypto';
import type { NativeCustomerFacts } from '@unicart/core/testing';
import type { AmazonOrderRecord } from './amazon-types';

/** A buyer as the seller can see them: the orders that show their email (sheet §6). */
export interface AmazonBuyerRecord {
  /** CONTRACT §6: the first 24 hex digits of SHA-256 of the lower-cased email. */
  readonly id: string;
  /** The lower-cased email the orders share. */
  readonly email: string;
  /** The orders showing that email, as searchOrders answers them. */
  readonly orders: readonly AmazonOrderRecord[];
}

/** The buyers of orders as searchOrders shows them: grouped by email, case-insensitively. */
export function buyersOf(visibleOrders: Iterable<AmazonOrderRecord>): Map<string, AmazonBuyerRecord> {
  const byEmail = new Map<string, AmazonOrderRecord[]>();
  for (const order of visibleOrders) {
    const email = order.buyer?.buyerEmail?.trim().toLowerCase();
    if (!email) continue;
    byEmail.set(email, [...(byEmail.get(email) ?? []), order]);
  }
  const buyers = new Map<string, AmazonBuyerRecord>();
  for (const [email, orders] of byEmail) {
    const id = createHash('sha256').update(email).digest('hex').slice(0, 24);
    buyers.set(id, { id, email, orders });
  }
  return buyers;
}

/**
 * What a buyer's orders say of the customer, read from CONTRACT §6 and the sheet (§12) and never
 * through the adapter's derivation: the oracle of the conformance kit and the end-to-end suite.
 * Name: the latest order (by creation) with one, split at the first space; dates: the earliest
 * creation and the latest update; no phone.
 */
export function amazonCustomerFacts(buyer: AmazonBuyerRecord): NativeCustomerFacts {
  const byCreation = [...buyer.orders].sort(
    (left, right) =>
      Date.parse(left.createdTime) - Date.parse(right.createdTime) ||
      left.orderId.localeCompare(right.orderId),
  );
  const latest = byCreation.at(-1);
  const name =
    byCreation.findLast((order) => (order.buyer.buyerName ?? '').trim() !== '')?.buyer.buyerName?.trim() ??
    '';
  const space = name.search(/\s/);
  return {
    id: buyer.id,
    email: latest?.buyer.buyerEmail?.trim() ?? null,
    firstName: name === '' ? null : space === -1 ? name : name.slice(0, space),
    lastName: space === -1 ? null : name.slice(space).trim(),
    phone: null,
    createdAt: byCreation[0] ? new Date(byCreation[0].createdTime) : null,
    updatedAt: new Date(Math.max(...buyer.orders.map((order) => Date.parse(order.lastUpdatedTime)))),
  };
}
