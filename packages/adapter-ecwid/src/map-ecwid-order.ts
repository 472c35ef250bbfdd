import {
  blankToNull,
  type Order,
  type OrderItem,
  parseMoney,
  toIsoUtc,
  unixSecondsToIsoUtc,
} from '@unicart/core';
import type { EcwidOrder, EcwidOrderItem } from './ecwid-api';

const optionalId = (value: number | null | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

/**
 * All discounts of the order: in practice Ecwid's `discount` leaves the coupon out (sheet, Orders:
 * the docs' own examples), so the coupon is added. `null` when Ecwid gives neither figure.
 */
function totalDiscount(order: EcwidOrder): number | null {
  const parts = [parseMoney(order.discount), parseMoney(order.couponDiscount)].filter(
    (part) => part !== null,
  );
  return parts.length === 0 ? null : parts.reduce((sum, part) => sum + part, 0);
}

function mapEcwidOrderItem(item: EcwidOrderItem): OrderItem {
  return {
    id: optionalId(item.id),
    productId: optionalId(item.productId),
    variantId: optionalId(item.combinationId),
    sku: blankToNull(item.sku),
    name: blankToNull(item.name),
    quantity: item.quantity,
    price: parseMoney(item.price),
  };
}

/**
 * Ecwid order → canonical Order (sheet, Orders). Ecwid orders carry no currency: `currency` is the
 * store's. Ecwid has no single order status, so `status` carries the payment status (the sheet's
 * suggestion), with no id.
 */
export function mapEcwidOrder(native: EcwidOrder, currency: string | null): Order {
  const id = String(native.id);
  return {
    id,
    number: blankToNull(native.vendorOrderNumber) ?? id,
    customerId: optionalId(native.customerId),
    email: blankToNull(native.email),
    currency,
    status: { id: null, status: blankToNull(native.paymentStatus) },
    paymentStatus: blankToNull(native.paymentStatus),
    fulfillmentStatus: blankToNull(native.fulfillmentStatus),
    totals: {
      subtotal: parseMoney(native.subtotal),
      tax: parseMoney(native.tax),
      shipping: parseMoney(native.shippingOption?.shippingRate),
      discount: totalDiscount(native),
      total: parseMoney(native.total),
    },
    dates: {
      createdAt: toIsoUtc(native.createDate) ?? unixSecondsToIsoUtc(native.createTimestamp),
      updatedAt: toIsoUtc(native.updateDate) ?? unixSecondsToIsoUtc(native.updateTimestamp),
    },
    items: (native.items ?? []).map(mapEcwidOrderItem),
  };
}
