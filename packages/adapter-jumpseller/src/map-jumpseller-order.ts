import { blankToNull, type Order, type OrderItem, parseMoney, toCurrencyCode, toIsoUtc } from '@unicart/core';
import type { JumpsellerOrder, JumpsellerOrderProduct } from './jumpseller-api';

/** `2023-04-01 10:00:00 UTC` (sheet §11) as core reads it; ISO 8601 passes unchanged. */
export function jumpsellerDateToIso(value: string | null | undefined): string | null {
  return toIsoUtc(value?.trim().replace(/\s+UTC$/i, 'Z'));
}

function idOrNull(id: number | null | undefined): string | null {
  return id === null || id === undefined ? null : String(id);
}

function mapProduct(product: JumpsellerOrderProduct): OrderItem {
  return {
    // Lines have no id of their own: `id` is the product's (sheet §7).
    id: null,
    productId: idOrNull(product.id),
    variantId: idOrNull(product.variant_id),
    sku: blankToNull(product.sku),
    name: blankToNull(product.name),
    quantity: product.qty,
    price: parseMoney(product.price),
  };
}

/**
 * A Jumpseller order → the canonical Order (sheet §12): the id is the number merchants see;
 * `status_enum` is the payment state, `shipment_status_enum` the fulfilment state. No `updated_at`.
 */
export function mapJumpsellerOrder(native: JumpsellerOrder): Order {
  const status = blankToNull(native.status_enum);
  return {
    id: String(native.id),
    number: String(native.id),
    customerId: idOrNull(native.customer?.id),
    email: blankToNull(native.customer?.email),
    currency: toCurrencyCode(native.currency),
    status: { id: status, status: blankToNull(native.status) },
    paymentStatus: status,
    fulfillmentStatus: blankToNull(native.shipment_status_enum) ?? blankToNull(native.fulfillment_status),
    totals: {
      subtotal: parseMoney(native.subtotal),
      tax: parseMoney(native.tax),
      shipping: parseMoney(native.shipping),
      discount: parseMoney(native.discount),
      total: parseMoney(native.total),
    },
    dates: { createdAt: jumpsellerDateToIso(native.created_at), updatedAt: null },
    items: (native.products ?? []).map(mapProduct),
  };
}
