const numericId = /^\d{1,20}$/;
const customerGidPattern = /^gid:\/\/shopify\/Customer\/(\d{1,20})$/;

/**
 * The numeric tail of a Shopify GID: `gid://shopify/MailingAddress/9123?model_name=CustomerAddress`
 * → `9123` (address GIDs carry a query string, sheet §9.1).
 */
export function gidTail(gid: string): string {
  const withoutQuery = gid.split('?', 1)[0] ?? gid;
  return withoutQuery.slice(withoutQuery.lastIndexOf('/') + 1);
}

/** `gidTail` for optional references (`variant`, `product`, `customer` of an order). */
export function optionalGidTail(reference: { readonly id: string } | null | undefined): string | null {
  return reference ? gidTail(reference.id) : null;
}

/**
 * A canonical customer id (`207119551`) or a full customer GID → the numeric id, or `null` when it
 * is neither: Shopify may answer a malformed GID with a top-level error, so it never gets one (§7).
 */
export function parseShopifyCustomerId(id: string): string | null {
  const trimmed = id.trim();
  if (numericId.test(trimmed)) return trimmed;
  return customerGidPattern.exec(trimmed)?.[1] ?? null;
}

export function customerGid(numericCustomerId: string): string {
  return `gid://shopify/Customer/${numericCustomerId}`;
}
