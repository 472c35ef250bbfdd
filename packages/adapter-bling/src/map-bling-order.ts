import { blankToNull, type Order } from '@unicart/core';
import type { BlingOrder } from './bling-api';
import { saoPauloMidnightIso } from './bling-time';
import { blingCurrency } from './map-bling-customer';

const noId = (id: number | null | undefined) =>
  id === null || id === undefined || id === 0 ? null : String(id);

/** `desconto` is an amount (`REAL`) or a percentage of the products' total (`PERCENTUAL`, sheet §6). */
function discountOf(order: BlingOrder): number | null {
  const value = order.desconto?.valor;
  if (value === null || value === undefined) return null;
  if (order.desconto?.unidade === 'PERCENTUAL') {
    const products = order.totalProdutos;
    return products === null || products === undefined ? null : Math.round(products * value) / 100;
  }
  return value;
}

/**
 * A sales order (`GET /pedidos/vendas/{id}`) as a canonical order. `statusName` is the name of its
 * situação (`GET /situacoes/{id}`), `null` when unknown. Orders have no e-mail, time of day or
 * update date (sheet §6): those are null.
 */
export function mapBlingOrder(order: BlingOrder, statusName: string | null): Order {
  return {
    id: String(order.id),
    number: order.numero === null || order.numero === undefined ? null : blankToNull(String(order.numero)),
    customerId: noId(order.contato?.id),
    email: null,
    currency: blingCurrency,
    status: { id: noId(order.situacao?.id), status: statusName },
    paymentStatus: null,
    fulfillmentStatus: null,
    totals: {
      subtotal: order.totalProdutos ?? null,
      tax: null,
      shipping: order.transporte?.frete ?? null,
      discount: discountOf(order),
      total: order.total ?? null,
    },
    dates: { createdAt: saoPauloMidnightIso(order.data), updatedAt: null },
    items: (order.itens ?? []).map((item) => ({
      id: noId(item.id),
      productId: noId(item.produto?.id),
      variantId: null,
      sku: blankToNull(item.codigo),
      name: blankToNull(item.descricao),
      quantity: item.quantidade,
      price: item.valor ?? null,
    })),
  };
}
