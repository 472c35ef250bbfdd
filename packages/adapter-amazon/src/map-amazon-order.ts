import { blankToNull, type Order, parseMoney, toCurrencyCode, toIsoUtc } from '@unicart/core';
import type { AmazonOrder } from './amazon-api';
import { amazonOrderCustomerId } from './map-amazon-customer';

type Breakdown = NonNullable<NonNullable<AmazonOrder['proceeds']>['breakdowns']>[number];

/** The amount of one `proceeds.breakdowns` type, or `null` when the order has none (sheet §12). */
function breakdown(breakdowns: readonly Breakdown[], type: string): number | null {
  const amount = parseMoney(breakdowns.find((entry) => entry.type === type)?.subtotal?.amount);
  // DISCOUNT's sign is unconfirmed (sheet §15): the canonical discount is the positive amount off.
  return amount === null ? null : type === 'DISCOUNT' ? Math.abs(amount) : amount;
}

/** One searchOrders order → the canonical Order (sheet §12, "Order"). */
export function mapAmazonOrder(order: AmazonOrder): Order {
  const breakdowns = order.proceeds?.breakdowns ?? [];
  const status = blankToNull(order.fulfillment?.fulfillmentStatus);
  return {
    id: order.orderId,
    number: order.orderId,
    customerId: amazonOrderCustomerId(order),
    email: blankToNull(order.buyer?.buyerEmail)?.trim() ?? null,
    currency: toCurrencyCode(order.proceeds?.grandTotal?.currencyCode),
    status: { id: null, status },
    // Amazon has no payment status (PENDING only says payment is not authorized yet).
    paymentStatus: null,
    fulfillmentStatus: status,
    totals: {
      subtotal: breakdown(breakdowns, 'ITEM'),
      tax: breakdown(breakdowns, 'TAX'),
      shipping: breakdown(breakdowns, 'SHIPPING'),
      discount: breakdown(breakdowns, 'DISCOUNT'),
      total: parseMoney(order.proceeds?.grandTotal?.amount),
    },
    dates: { createdAt: toIsoUtc(order.createdTime), updatedAt: toIsoUtc(order.lastUpdatedTime) },
    items: (order.orderItems ?? []).map((item) => ({
      id: item.orderItemId,
      productId: blankToNull(item.product?.asin),
      // An ASIN is already the variation (sheet §12).
      variantId: null,
      sku: blankToNull(item.product?.sellerSku),
      name: blankToNull(item.product?.title),
      quantity: item.quantityOrdered,
      price: parseMoney(item.product?.price?.unitPrice?.amount),
    })),
  };
}
