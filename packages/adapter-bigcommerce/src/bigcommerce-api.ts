import { z } from 'zod';

// Only the fields the adapter reads; `.nullish()` for anything BigCommerce may omit; never `.strict()`.
// Customers and addresses are loose: `include=raw` shows them whole, as BigCommerce sent them.

export const bigcommerceAddressSchema = z.looseObject({
  id: z.number(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  company: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  /** The full name (`Texas`), `""` when none (sheet §5). */
  state_or_province: z.string().nullish(),
  postal_code: z.string().nullish(),
  country_code: z.string().nullish(),
  /** English name BigCommerce derives from the code. */
  country: z.string().nullish(),
  phone: z.string().nullish(),
});

export const bigcommerceCustomerSchema = z.looseObject({
  id: z.number(),
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  phone: z.string().nullish(),
  notes: z.string().nullish(),
  date_created: z.string().nullish(),
  date_modified: z.string().nullish(),
  /** Present only with `include=addresses` (sheet §2.1). */
  addresses: z.array(bigcommerceAddressSchema).nullish(),
});

/** `GET /v3/customers`: both pagination blocks on the first page, only `cursor_pagination` after a cursor (sheet §3). */
export const bigcommerceCustomerPageSchema = z.object({
  data: z.array(bigcommerceCustomerSchema),
  meta: z.object({
    pagination: z.object({ total: z.number() }).nullish(),
    cursor_pagination: z
      .object({
        end_cursor: z.string().nullish(),
        links: z.object({ next: z.string().nullish() }).nullish(),
      })
      .nullish(),
  }),
});

/** The answer of `POST`/`PUT /v3/customers`: the written customers with their addresses. */
export const bigcommerceCustomerWriteSchema = z.object({ data: z.array(bigcommerceCustomerSchema) });

/** `POST`/`PUT /v3/customers/addresses`: `{}` when every address was a duplicate (sheet §2.3). */
export const bigcommerceAddressWriteSchema = z.object({ data: z.array(bigcommerceAddressSchema).nullish() });

/** v2 collections answer 204 with no body when empty (sheet §9.9): an absent body is no records. */
function v2Collection<Item extends z.ZodType>(item: Item) {
  return z
    .array(item)
    .optional()
    .transform((items) => items ?? []);
}

export const bigcommerceOrderSchema = z.object({
  id: z.number(),
  customer_id: z.number().nullish(),
  /** RFC 2822, UTC (`Sat, 01 Apr 2023 10:00:00 +0000`). */
  date_created: z.string().nullish(),
  date_modified: z.string().nullish(),
  status_id: z.number().nullish(),
  status: z.string().nullish(),
  payment_status: z.string().nullish(),
  currency_code: z.string().nullish(),
  default_currency_code: z.string().nullish(),
  subtotal_ex_tax: z.union([z.string(), z.number()]).nullish(),
  total_tax: z.union([z.string(), z.number()]).nullish(),
  shipping_cost_ex_tax: z.union([z.string(), z.number()]).nullish(),
  discount_amount: z.union([z.string(), z.number()]).nullish(),
  coupon_discount: z.union([z.string(), z.number()]).nullish(),
  total_inc_tax: z.union([z.string(), z.number()]).nullish(),
  billing_address: z.object({ email: z.string().nullish() }).nullish(),
  /** The line items are a sub-resource: `resource` is its path under `/v2` (sheet §9.10). */
  products: z.object({ resource: z.string() }).nullish(),
});

export const bigcommerceOrderListSchema = v2Collection(bigcommerceOrderSchema);

export const bigcommerceOrderProductSchema = z.object({
  id: z.number(),
  product_id: z.number().nullish(),
  variant_id: z.number().nullish(),
  sku: z.string().nullish(),
  name: z.string().nullish(),
  quantity: z.number(),
  price_ex_tax: z.union([z.string(), z.number()]).nullish(),
});

export const bigcommerceOrderProductListSchema = v2Collection(bigcommerceOrderProductSchema);

export const bigcommerceStoreSchema = z.object({ currency: z.string().nullish() });

export const bigcommerceCountryListSchema = v2Collection(z.object({ id: z.number() }));

export const bigcommerceStateListSchema = v2Collection(
  z.object({ state: z.string(), state_abbreviation: z.string().nullish() }),
);

export type BigCommerceAddress = z.infer<typeof bigcommerceAddressSchema>;
export type BigCommerceCustomer = z.infer<typeof bigcommerceCustomerSchema>;
/**
 * A customer as the adapter maps it: the native record plus, for each of its addresses in order,
 * the state code BigCommerce's geography gives the address's state name (`null` when none).
 */
export interface BigCommerceCustomerWithStates {
  readonly customer: BigCommerceCustomer;
  readonly stateCodes: readonly (string | null)[];
}

export type BigCommerceOrder = z.infer<typeof bigcommerceOrderSchema>;
export type BigCommerceOrderProduct = z.infer<typeof bigcommerceOrderProductSchema>;

/** An order with its line items, read from `/v2/orders` and `/v2/orders/{id}/products`. */
export interface BigCommerceOrderWithItems {
  readonly order: BigCommerceOrder;
  readonly items: readonly BigCommerceOrderProduct[];
}
