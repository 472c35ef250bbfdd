import { blankToNull, type Order, parseMoney, parsePlatformDate, toCurrencyCode } from '@unicart/core';
import type { BigCommerceOrderProduct, BigCommerceOrderWithItems } from './bigcommerce-api';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const rfc2822 = /^(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})$/;

/** A v2 date (RFC 2822, `Sat, 01 Apr 2023 10:00:00 +0000`; sheet §1) → canonical ISO, or `null`. */
export function bigcommerceV2DateToIso(value: string | null | undefined): string | null {
  const match = value ? rfc2822.exec(value.trim()) : null;
  if (!match) return null;
  const [, day = '', monthName = '', year, hour, minute, second, offset] = match;
  const month = months.indexOf(monthName) + 1;
  if (month === 0) return null;
  const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}T${hour}:${minute}:${second}${offset}`;
  return parsePlatformDate(iso)?.toISOString() ?? null;
}

/** `0` marks a custom product (not in the catalogue): no id (sheet, Orders). */
function catalogueId(id: number | null | undefined): string | null {
  return id === null || id === undefined || id === 0 ? null : String(id);
}

function mapItem(item: BigCommerceOrderProduct): Order['items'][number] {
  return {
    id: String(item.id),
    productId: catalogueId(item.product_id),
    variantId: catalogueId(item.variant_id),
    sku: blankToNull(item.sku),
    name: blankToNull(item.name),
    quantity: item.quantity,
    price: parseMoney(item.price_ex_tax),
  };
}

/** The sum of two four-decimal amounts, free of binary floating-point noise. */
function sumOrNull(left: number | null, right: number | null): number | null {
  if (left === null && right === null) return null;
  return Math.round(((left ?? 0) + (right ?? 0)) * 10_000) / 10_000;
}

/**
 * v2 order and its line items → canonical (sheet, Orders). Amounts are in the transactional
 * currency (`default_currency_code`), which differs from the display `currency_code` only when the
 * shopper switched currency on the storefront. BigCommerce has no fulfilment field: `null`.
 */
export function mapBigCommerceOrder({ order, items }: BigCommerceOrderWithItems): Order {
  const customerId = order.customer_id ?? 0;
  return {
    id: String(order.id),
    number: String(order.id),
    customerId: customerId === 0 ? null : String(customerId),
    email: blankToNull(order.billing_address?.email),
    currency: toCurrencyCode(order.default_currency_code) ?? toCurrencyCode(order.currency_code),
    status: {
      id: order.status_id === null || order.status_id === undefined ? null : String(order.status_id),
      status: blankToNull(order.status),
    },
    paymentStatus: blankToNull(order.payment_status),
    fulfillmentStatus: null,
    totals: {
      subtotal: parseMoney(order.subtotal_ex_tax),
      tax: parseMoney(order.total_tax),
      shipping: parseMoney(order.shipping_cost_ex_tax),
      discount: sumOrNull(parseMoney(order.discount_amount), parseMoney(order.coupon_discount)),
      total: parseMoney(order.total_inc_tax),
    },
    dates: {
      createdAt: bigcommerceV2DateToIso(order.date_created),
      updatedAt: bigcommerceV2DateToIso(order.date_modified),
    },
    items: items.map(mapItem),
  };
}
