import { z } from 'zod';

// Only the fields the adapter reads; `.nullish()` for anything Jumpseller may omit or null
// ("All empty value are replaced with null", sheet §1); never `.strict()`. Customers, addresses and
// categories are loose: `include=raw` shows them whole, as Jumpseller sent them.

const text = z.string().nullish();

/** A customer's shipping address (sheet §5). */
export const jumpsellerAddressSchema = z.looseObject({
  name: text,
  surname: text,
  address: text,
  city: text,
  postal: text,
  municipality: text,
  region: text,
  country: text,
});

/** A billing address: the shipping fields plus the tax id. */
export const jumpsellerBillingAddressSchema = jumpsellerAddressSchema.extend({ taxid: text });

const categoryFieldsSchema = z.looseObject({ id: z.number().nullish(), name: text, code: text });

/** A customer category, bare as answers carry it or wrapped as the spec's schema says (sheet §5). */
const jumpsellerCategorySchema = z.union([
  z.object({ customer_category: categoryFieldsSchema }).transform((wrapper) => wrapper.customer_category),
  categoryFieldsSchema,
]);

/** The customer object of every answer (sheet §5). */
export const jumpsellerCustomerSchema = z.looseObject({
  id: z.number().int(),
  email: text,
  phone: text,
  phone_prefix: text,
  status: text,
  accepts_marketing: z.boolean().nullish(),
  billing_addresses: z.array(jumpsellerBillingAddressSchema).nullish(),
  shipping_addresses: z.array(jumpsellerAddressSchema).nullish(),
  // The spec's singular write shape, read when the arrays are absent (sheet §5).
  billing_address: jumpsellerBillingAddressSchema.nullish(),
  shipping_address: jumpsellerAddressSchema.nullish(),
  customer_categories: z.array(jumpsellerCategorySchema).nullish(),
});

/** `{"customer": {...}}`: get, create and update answers. */
export const jumpsellerCustomerWrapperSchema = z.object({ customer: jumpsellerCustomerSchema });

/** `[{"customer": {...}}, …]`: list and search answers. */
export const jumpsellerCustomerListSchema = z.array(jumpsellerCustomerWrapperSchema);

/** `{"count": n}`. */
export const jumpsellerCountSchema = z.object({ count: z.number().int().nonnegative() });

const money = z.union([z.number(), z.string()]).nullish();

/** A line of an order: no line id, `id` is the product's (sheet §7). */
export const jumpsellerOrderProductSchema = z.object({
  id: z.number().nullish(),
  variant_id: z.number().nullish(),
  sku: text,
  name: text,
  qty: z.number(),
  price: money,
});

/** An order (sheet §7). */
export const jumpsellerOrderSchema = z.object({
  id: z.number().int(),
  created_at: text,
  currency: text,
  subtotal: money,
  tax: money,
  shipping: money,
  discount: money,
  total: money,
  status: text,
  status_enum: text,
  shipment_status_enum: text,
  fulfillment_status: text,
  customer: z.object({ id: z.number().nullish(), email: text }).nullish(),
  products: z.array(jumpsellerOrderProductSchema).nullish(),
});

/** `[{"order": {...}}, …]`. */
export const jumpsellerOrderListSchema = z.array(z.object({ order: jumpsellerOrderSchema }));

const storeFieldsSchema = z.object({ currency: text });

/** `GET /store/info.json`: wrapped in `store` by live answers, flat in the spec (sheet §8). */
export const jumpsellerStoreInfoSchema = z.union([
  z.object({ store: storeFieldsSchema }).transform((wrapper) => wrapper.store),
  storeFieldsSchema,
]);

/** The customer delete answer: a JSON string whose text is not contractual (sheet §2). */
export const jumpsellerDeleteSchema = z.unknown();

export type JumpsellerAddress = z.infer<typeof jumpsellerAddressSchema>;
export type JumpsellerBillingAddress = z.infer<typeof jumpsellerBillingAddressSchema>;
export type JumpsellerCustomer = z.infer<typeof jumpsellerCustomerSchema>;
export type JumpsellerOrder = z.infer<typeof jumpsellerOrderSchema>;
export type JumpsellerOrderProduct = z.infer<typeof jumpsellerOrderProductSchema>;
