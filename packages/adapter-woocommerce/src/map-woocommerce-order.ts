import { blankToNull, type Order, type OrderItem, parseMoney, toCurrencyCode, toIsoUtc } from '@unicart/core';
import type { WooCommerceLineItem, WooCommerceOrder } from './woocommerce-api';

/** WooCommerce writes 0 for "none": a guest order's customer, a deleted product, no variation. */
function idOrNull(id: number | null | undefined): string | null {
  return id ? String(id) : null;
}

function decimalPlaces(amount: string | number): number {
  return String(amount).split('.')[1]?.length ?? 0;
}

/** Sum of money strings without floating-point residue (`"0.10" + "0.20"` is `0.3`). */
function sumAmounts(amounts: readonly (string | number | null | undefined)[]): number | null {
  let scale = 1;
  for (const amount of amounts) {
    if (amount === null || amount === undefined || parseMoney(amount) === null) return null;
    scale = Math.max(scale, 10 ** decimalPlaces(amount));
  }
  const scaled = amounts.reduce<number>(
    (sum, amount) => sum + Math.round((parseMoney(amount) ?? 0) * scale),
    0,
  );
  return scaled / scale;
}

function mapLineItem(item: WooCommerceLineItem): OrderItem {
  return {
    id: idOrNull(item.id),
    productId: idOrNull(item.product_id),
    variantId: idOrNull(item.variation_id),
    sku: blankToNull(item.sku),
    name: blankToNull(item.name),
    quantity: item.quantity,
    price: parseMoney(item.price),
  };
}

/**
 * A `wc/v3` order → the canonical Order (sheet, Orders). WooCommerce has no payment or fulfilment
 * status of its own (only the order status), so both are `null`; the subtotal is the sum of the line
 * subtotals, as WooCommerce has no order-level field for it.
 */
export function mapWooCommerceOrder(native: WooCommerceOrder): Order {
  const lineItems = native.line_items;
  return {
    id: String(native.id),
    number: native.number === null || native.number === undefined ? null : blankToNull(String(native.number)),
    customerId: idOrNull(native.customer_id),
    email: blankToNull(native.billing?.email),
    currency: toCurrencyCode(native.currency),
    status: { id: null, status: blankToNull(native.status) },
    paymentStatus: null,
    fulfillmentStatus: null,
    totals: {
      subtotal: lineItems ? sumAmounts(lineItems.map((item) => item.subtotal)) : null,
      tax: parseMoney(native.total_tax),
      shipping: parseMoney(native.shipping_total),
      discount: parseMoney(native.discount_total),
      total: parseMoney(native.total),
    },
    dates: { createdAt: toIsoUtc(native.date_created_gmt), updatedAt: toIsoUtc(native.date_modified_gmt) },
    items: (lineItems ?? []).map(mapLineItem),
  };
}
