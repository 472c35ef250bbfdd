import { z } from 'zod';

/**
 * PHP diagnostics that a site with `WP_DEBUG_DISPLAY` on prints before the JSON (sheet §7, §9.11),
 * in both of PHP's formats: `<br />\n<b>Notice</b>:  ... on line <b>12</b><br />` and
 * `Deprecated: ... on line 12`.
 */
const leadingPhpDiagnostics =
  /^(?:\s*(?:<br\s*\/?>\s*)?(?:<b>)?(?:PHP )?(?:Notice|Warning|Deprecated|Strict Standards)(?:<\/b>)?:[^\n]*?\bon line\s*(?:<b>)?\d+(?:<\/b>)?(?:<br\s*\/?>)?)+\s*/i;

/**
 * The JSON of a body that PHP diagnostics precede; any other body unchanged. The rest must parse
 * as JSON in full, so an HTML page or a truncated body still fails validation.
 */
export function parseWooCommerceBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const diagnostics = leadingPhpDiagnostics.exec(body);
  if (!diagnostics) return body;
  try {
    return JSON.parse(body.slice(diagnostics[0].length)) as unknown;
  } catch {
    return body;
  }
}

/** A response schema that also accepts JSON preceded by PHP diagnostics. */
function wooCommerceResponse<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess(parseWooCommerceBody, schema);
}

const text = z.string().nullish();
const amount = z.union([z.string(), z.number()]).nullish();

const addressFields = {
  first_name: text,
  last_name: text,
  company: text,
  address_1: text,
  address_2: text,
  city: text,
  state: text,
  postcode: text,
  country: text,
  /** On shipping only since WooCommerce 5.6. */
  phone: text,
};

/** The sub-keys of a billing or shipping block that make its address (not its `phone` or `email`). */
export const wooCommerceAddressOnlyFields = [
  'first_name',
  'last_name',
  'company',
  'address_1',
  'address_2',
  'city',
  'state',
  'postcode',
  'country',
] as const satisfies readonly (keyof typeof addressFields)[];

const woocommerceBillingSchema = z.object({ ...addressFields, email: text });
const woocommerceShippingSchema = z.object(addressFields);

/** A customer of `wc/v3` (sheet §4): only the fields the adapter reads. */
export const woocommerceCustomerSchema = z.object({
  id: z.number().int().positive(),
  date_created_gmt: text,
  date_modified_gmt: text,
  email: text,
  first_name: text,
  last_name: text,
  role: text,
  billing: woocommerceBillingSchema.nullish(),
  shipping: woocommerceShippingSchema.nullish(),
});

const woocommerceLineItemSchema = z.object({
  id: z.number().int().nullish(),
  product_id: z.number().int().nullish(),
  variation_id: z.number().int().nullish(),
  sku: text,
  name: text,
  quantity: z.number(),
  /** Unit price excluding tax: a number, unlike every other amount. */
  price: amount,
  subtotal: amount,
});

/** An order of `wc/v3` (sheet, Orders): only the fields the adapter reads. */
export const woocommerceOrderSchema = z.object({
  id: z.number().int().positive(),
  number: z.union([z.string(), z.number()]).nullish(),
  customer_id: z.number().int().nullish(),
  currency: text,
  status: text,
  billing: z.object({ email: text }).nullish(),
  discount_total: amount,
  shipping_total: amount,
  total: amount,
  total_tax: amount,
  date_created_gmt: text,
  date_modified_gmt: text,
  line_items: z.array(woocommerceLineItemSchema).nullish(),
});

/** The WordPress REST error body: `{ code, message, data: { status, params } }` (sheet §7). */
export const woocommerceErrorSchema = z.object({
  code: z.string().min(1),
  data: z
    .object({
      status: z.number().nullish(),
      /** Object (`rest_invalid_param`: name → reason) or array (`rest_missing_callback_param`: names). */
      params: z.union([z.record(z.string(), z.unknown()), z.array(z.string())]).nullish(),
    })
    .nullish(),
});

export const woocommerceCustomerResponseSchema = wooCommerceResponse(woocommerceCustomerSchema);
export const woocommerceCustomerListResponseSchema = wooCommerceResponse(z.array(woocommerceCustomerSchema));
export const woocommerceOrderListResponseSchema = wooCommerceResponse(z.array(woocommerceOrderSchema));
/** `GET /data/currencies/current` (sheet §2). */
export const woocommerceCurrencyResponseSchema = wooCommerceResponse(z.object({ code: z.string() }));

export type WooCommerceCustomer = z.infer<typeof woocommerceCustomerSchema>;
export type WooCommerceOrder = z.infer<typeof woocommerceOrderSchema>;
export type WooCommerceLineItem = z.infer<typeof woocommerceLineItemSchema>;
