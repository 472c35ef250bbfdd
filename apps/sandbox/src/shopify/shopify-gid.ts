import { GraphQLError } from 'graphql';

/** Resource types whose global ids the simulator issues. */
export type ShopifyResource =
  | 'Customer'
  | 'MailingAddress'
  | 'Order'
  | 'LineItem'
  | 'Product'
  | 'ProductVariant'
  | 'Shop'
  | 'BulkOperation'
  | 'WebhookSubscription';

/** A global id; addresses carry `?model_name=CustomerAddress` as Shopify's do (sheet §4). */
export function gid(resource: ShopifyResource, id: number): string {
  const base = `gid://shopify/${resource}/${id}`;
  return resource === 'MailingAddress' ? `${base}?model_name=CustomerAddress` : base;
}

const gidShape = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d{1,20})(\?.*)?$/;

/**
 * The numeric id of a global id of `resource`; `null` for a well-formed id of another resource.
 * A malformed id is a top-level error, as Shopify answers it (sheet §7).
 */
export function idOf(value: string, resource: ShopifyResource): number | null {
  const match = gidShape.exec(value);
  if (match === null) {
    throw new GraphQLError(`Invalid global id '${value}'`, {
      extensions: { code: 'argumentLiteralsIncompatible', typeName: 'CoercionError' },
    });
  }
  return match[1] === resource ? Number(match[2]) : null;
}

/** The resource type and numeric id of any well-formed global id. */
export function resourceOf(value: string): { resource: string; id: number } {
  const match = gidShape.exec(value);
  if (match === null) {
    throw new GraphQLError(`Invalid global id '${value}'`, {
      extensions: { code: 'argumentLiteralsIncompatible', typeName: 'CoercionError' },
    });
  }
  return { resource: match[1] as string, id: Number(match[2]) };
}
