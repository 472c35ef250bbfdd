import { blankToNull, type Order, type OrderItem, parseMoney, toIsoUtc } from '@unicart/core';
import type { ShopifyLineItem, ShopifyOrder } from './shopify-api';
import { gidTail, optionalGidTail } from './shopify-gid';

type ShopMoney = { readonly shopMoney: { readonly amount?: string | number | null | undefined } };

const shopAmount = (set: ShopMoney | null | undefined) => parseMoney(set?.shopMoney.amount);

/** Shopify has no single order status; derived as the sheet's Orders table says (team choice). */
function orderStatus(native: ShopifyOrder): string | null {
  if (native.cancelledAt) return 'cancelled';
  if (native.closed === null || native.closed === undefined) return null;
  return native.closed ? 'closed' : 'open';
}

export function mapShopifyLineItem(native: ShopifyLineItem): OrderItem {
  return {
    id: gidTail(native.id),
    productId: optionalGidTail(native.product),
    variantId: optionalGidTail(native.variant),
    sku: blankToNull(native.sku),
    name: blankToNull(native.name),
    quantity: native.quantity,
    // The unit price before discounts, in the shop's currency.
    price: shopAmount(native.originalUnitPriceSet),
  };
}

/**
 * An order as `customerOrdersDocument` selects it; amounts are `shopMoney`, in `currencyCode` (the
 * shop's currency). `lineItems` must hold every line; the adapter reads the remaining pages first.
 */
export function mapShopifyOrder(native: ShopifyOrder): Order {
  return {
    id: String(native.legacyResourceId),
    number: blankToNull(native.name),
    customerId: optionalGidTail(native.customer),
    email: blankToNull(native.email),
    currency: blankToNull(native.currencyCode),
    status: { id: null, status: orderStatus(native) },
    paymentStatus: blankToNull(native.displayFinancialStatus),
    fulfillmentStatus: blankToNull(native.displayFulfillmentStatus),
    totals: {
      subtotal: shopAmount(native.subtotalPriceSet),
      tax: shopAmount(native.totalTaxSet),
      shipping: shopAmount(native.totalShippingPriceSet),
      discount: shopAmount(native.totalDiscountsSet),
      total: shopAmount(native.totalPriceSet),
    },
    dates: { createdAt: toIsoUtc(native.createdAt), updatedAt: toIsoUtc(native.updatedAt) },
    items: native.lineItems.nodes.map(mapShopifyLineItem),
  };
}
