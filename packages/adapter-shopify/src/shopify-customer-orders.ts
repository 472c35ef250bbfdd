import {
  type CallOptions,
  collectFilteredPage,
  type Order,
  type Page,
  type PageRequest,
} from '@unicart/core';
import { mapShopifyOrder } from './map-shopify-order';
import { type ShopifyOrder, shopifyCustomerOrdersSchema, shopifyOrderLineItemsSchema } from './shopify-api';
import { nextPageCursor, readAllNodes } from './shopify-connections';
import {
  customerOrdersDocument,
  lineItemsFirstWithOrders,
  orderLineItemsDocument,
  ordersFirstLimit,
} from './shopify-documents';
import { shopifyCustomerNotFound } from './shopify-error';
import { customerGid, parseShopifyCustomerId } from './shopify-gid';
import type { ShopifyGraphqlClient } from './shopify-graphql-client';

const lineItemPageSize = 100;

export interface ShopifyCustomerOrders {
  listCustomerOrders(customerId: string, page: PageRequest, options: CallOptions): Promise<Page<Order>>;
}

/**
 * A customer's orders through `customer(id) { orders }`, newest first. Orders are read at most
 * `ordersFirstLimit` at a time with their first line items (cost, sheet Orders summary); a page of
 * `limit` orders spans several reads, and the cursor keeps Shopify's cursor plus the offset into it.
 */
export function createShopifyCustomerOrders(graphql: ShopifyGraphqlClient): ShopifyCustomerOrders {
  async function withAllLineItems(
    native: ShopifyOrder,
    signal: AbortSignal | undefined,
  ): Promise<ShopifyOrder> {
    if (!native.lineItems.pageInfo.hasNextPage) return native;
    const nodes = await readAllNodes({
      graphql,
      document: orderLineItemsDocument,
      schema: shopifyOrderLineItemsSchema,
      connectionOf: (data) => data.order?.lineItems ?? null,
      ownerId: native.id,
      firstPage: native.lineItems,
      pageSize: lineItemPageSize,
      signal,
    });
    return { ...native, lineItems: { nodes, pageInfo: { hasNextPage: false } } };
  }

  return {
    async listCustomerOrders(customerId, request, { signal }) {
      const numericId = parseShopifyCustomerId(customerId);
      if (numericId === null) throw shopifyCustomerNotFound();
      const first = Math.min(request.limit, ordersFirstLimit);
      const page = await collectFilteredPage({
        limit: request.limit,
        cursor: request.cursor,
        fetchPage: async (after) => {
          const variables = {
            id: customerGid(numericId),
            first,
            after,
            lineItemsFirst: lineItemsFirstWithOrders,
          };
          const { customer } = await graphql.execute(
            customerOrdersDocument,
            variables,
            shopifyCustomerOrdersSchema,
            signal,
          );
          // `customer` is null, not an error, for an unknown id (sheet §9.8).
          if (customer === null) throw shopifyCustomerNotFound();
          return { items: customer.orders.nodes, next: nextPageCursor(customer.orders.pageInfo) };
        },
        keep: () => true,
        maxUpstreamPages: Math.ceil(request.limit / first),
      });
      const orders: Order[] = [];
      for (const native of page.items) orders.push(mapShopifyOrder(await withAllLineItems(native, signal)));
      return { items: orders, nextCursor: page.nextCursor };
    },
  };
}
