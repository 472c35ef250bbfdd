import { type CustomerOrdersDriver, opaquePositions } from '@unicart/core';
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
import { customerGid } from './shopify-gid';
import type { ShopifyGraphqlClient } from './shopify-graphql-client';

const lineItemPageSize = 100;

/**
 * A customer's orders through `customer(id) { orders }`, newest first. Orders are read at most
 * `ordersFirstLimit` at a time with their first line items (cost, sheet Orders summary); a page of
 * `limit` orders spans several reads, and the cursor keeps Shopify's cursor plus the offset into it.
 */
export function createShopifyCustomerOrders(
  graphql: ShopifyGraphqlClient,
): CustomerOrdersDriver<ShopifyOrder, string> {
  return {
    positions: opaquePositions,
    cursor: 'collected',
    maxPageSize: ordersFirstLimit,
    async fetchPage({ customerId, position, size }, { signal }) {
      const variables = {
        id: customerGid(customerId),
        first: size,
        after: position,
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
    async complete(orders, { signal }) {
      const complete: ShopifyOrder[] = [];
      for (const native of orders) {
        if (!native.lineItems.pageInfo.hasNextPage) {
          complete.push(native);
          continue;
        }
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
        complete.push({ ...native, lineItems: { nodes, pageInfo: { hasNextPage: false } } });
      }
      return complete;
    },
    map: mapShopifyOrder,
  };
}
