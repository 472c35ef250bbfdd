import type { z } from 'zod';
import type { ConnectionPageVariables, ShopifyDocument } from './shopify-documents';
import type { ShopifyGraphqlClient } from './shopify-graphql-client';

/** One page of a Shopify connection, as the documents select it. */
export interface ConnectionPage<Node> {
  readonly nodes: readonly Node[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null | undefined };
}

export interface RemainingNodesOptions<Node, Data> {
  readonly graphql: ShopifyGraphqlClient;
  /** Reads one further page of the connection of the object `ownerId`. */
  readonly document: ShopifyDocument<ConnectionPageVariables>;
  readonly schema: z.ZodType<Data>;
  /** The connection in the document's data; `null` when the owner is gone. */
  readonly connectionOf: (data: Data) => ConnectionPage<Node> | null;
  /** GID of the customer or order owning the connection. */
  readonly ownerId: string;
  /** The page already read with the owner. */
  readonly firstPage: ConnectionPage<Node>;
  readonly pageSize: number;
  readonly signal: AbortSignal | undefined;
}

/** The cursor of the page after this one, `null` on the last page. */
export function nextPageCursor(pageInfo: ConnectionPage<unknown>['pageInfo']): string | null {
  return pageInfo.hasNextPage ? (pageInfo.endCursor ?? null) : null;
}

/**
 * Every node of a nested connection (a customer's addresses, an order's line items): the page read
 * with the owner, then the following pages, so no canonical list is ever cut short.
 */
export async function readAllNodes<Node, Data>(options: RemainingNodesOptions<Node, Data>): Promise<Node[]> {
  const nodes = [...options.firstPage.nodes];
  let pageInfo = options.firstPage.pageInfo;
  while (pageInfo.hasNextPage && pageInfo.endCursor) {
    const variables = { id: options.ownerId, first: options.pageSize, after: pageInfo.endCursor };
    const data = await options.graphql.execute(options.document, variables, options.schema, options.signal);
    const page = options.connectionOf(data);
    if (page === null) break;
    nodes.push(...page.nodes);
    pageInfo = page.pageInfo;
  }
  return nodes;
}
