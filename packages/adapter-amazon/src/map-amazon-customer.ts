import { createHash } from 'node:crypto';
import {
  type Address,
  blankToNull,
  type Customer,
  splitFullName,
  toCountry,
  toCurrencyCode,
  toIsoUtc,
} from '@unicart/core';
import type { AmazonDeliveryAddress, AmazonOrder } from './amazon-api';

/** A buyer's email as the derivation compares it: trimmed, lower case (CONTRACT §6); `null` when absent. */
export function amazonBuyerKey(order: AmazonOrder): string | null {
  const email = blankToNull(order.buyer?.buyerEmail)?.trim().toLowerCase();
  return email === undefined || email === null ? null : email;
}

/** The contract's customer id of a buyer: the first 24 hex digits of SHA-256 of the lower-cased email. */
export function amazonCustomerId(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 24);
}

/** The customer id an order belongs to, or `null` for an order without a buyer email (nobody's). */
export function amazonOrderCustomerId(order: AmazonOrder): string | null {
  const key = amazonBuyerKey(order);
  return key === null ? null : amazonCustomerId(key);
}

const instant = (iso: string) => Date.parse(toIsoUtc(iso) ?? '') || 0;
/** Oldest first; orders of the same second by id, so the choice of "latest" never depends on input order. */
const byCreation = (left: AmazonOrder, right: AmazonOrder) =>
  instant(left.createdTime) - instant(right.createdTime) || left.orderId.localeCompare(right.orderId);

/** Adds decimal strings exactly (`"0.10"` + `"0.20"` is `0.3`, not `0.30000000000000004`). */
export function sumDecimalAmounts(amounts: readonly string[]): number | null {
  let scale = 0;
  for (const amount of amounts) {
    if (!/^-?\d+(\.\d+)?$/.test(amount.trim())) return null;
    scale = Math.max(scale, amount.trim().split('.')[1]?.length ?? 0);
  }
  let total = 0n;
  for (const amount of amounts) {
    const [whole = '0', fraction = ''] = amount.trim().replace('-', '').split('.');
    const units = BigInt(whole + fraction.padEnd(scale, '0'));
    total += amount.trim().startsWith('-') ? -units : units;
  }
  return Number(total) / 10 ** scale;
}

/** A delivery address as the canonical Address: the shipping address, never a billing one (sheet §12). */
export function mapAmazonAddress(
  address: AmazonDeliveryAddress,
  instructions: string | null | undefined,
): Address {
  const { firstName, lastName } = splitFullName(address.name);
  const line2 = [blankToNull(address.addressLine2), blankToNull(address.addressLine3)].filter(
    (line) => line !== null,
  );
  const state = blankToNull(address.stateOrRegion);
  return {
    id: null,
    firstName,
    lastName,
    address1: blankToNull(address.addressLine1),
    address2: line2.length === 0 ? null : line2.join(', '),
    city: blankToNull(address.city),
    postalCode: blankToNull(address.postalCode),
    phone: blankToNull(address.phone),
    company: blankToNull(address.companyName),
    references: blankToNull(instructions),
    defaultBilling: false,
    defaultShipping: true,
    country: toCountry(address.countryCode),
    state: state === null ? null : { code: state, name: null },
  };
}

/**
 * One buyer's customer, derived from the orders that carry their email (CONTRACT §6, sheet §12):
 * `null` when none does (the buyer is no customer). Orders of other buyers must not be passed.
 */
export function mapAmazonCustomer(orders: readonly AmazonOrder[]): Customer | null {
  const own = orders.filter((order) => amazonBuyerKey(order) !== null).sort(byCreation);
  const latest = own.at(-1);
  if (latest === undefined) return null;
  const email = blankToNull(latest.buyer?.buyerEmail)?.trim() ?? null;
  const named = own.findLast((order) => blankToNull(order.buyer?.buyerName) !== null);
  const shipped = own.findLast((order) => order.recipient?.deliveryAddress);
  const totals = own.map((order) => order.proceeds?.grandTotal);
  const currencies = new Set(totals.map((total) => toCurrencyCode(total?.currencyCode)));
  const currency = currencies.size === 1 ? ([...currencies][0] ?? null) : null;
  const amounts = totals.map((total) => total?.amount ?? '');
  const updated = own.map((order) => toIsoUtc(order.lastUpdatedTime)).filter((date) => date !== null);
  return {
    id: amazonCustomerId(email ?? ''),
    email,
    ...splitFullName(named?.buyer?.buyerName),
    phone: null,
    currency,
    note: null,
    acceptsMarketing: null,
    tags: [],
    ordersCount: own.length,
    totalSpent: currency === null ? null : sumDecimalAmounts(amounts),
    status: { id: null, status: null },
    dates: {
      createdAt: own.map((order) => toIsoUtc(order.createdTime)).find((date) => date !== null) ?? null,
      updatedAt: updated.sort().at(-1) ?? null,
    },
    addresses: shipped?.recipient?.deliveryAddress
      ? [
          mapAmazonAddress(
            shipped.recipient.deliveryAddress,
            shipped.recipient.deliveryPreference?.addressInstruction,
          ),
        ]
      : [],
  };
}
