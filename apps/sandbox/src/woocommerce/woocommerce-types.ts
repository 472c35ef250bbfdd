/** The shipping address of a user (sheet §2.2); `""` means unset. */
export interface WooCommerceShipping {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  phone: string;
}

/** The billing address: the shipping fields plus an e-mail of its own. */
export interface WooCommerceBilling extends WooCommerceShipping {
  email: string;
}

/** A `meta_data` entry. */
export interface WooCommerceMeta {
  id: number;
  key: string;
  value: unknown;
}

/** A WordPress user as the simulator stores it; answered as the v3 customer object (sheet §4). */
export interface WooCommerceUserRecord {
  id: number;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  /** WordPress's `display_name`, one of the columns `search` looks at. */
  display_name: string;
  role: string;
  /** UTC without an offset, as WordPress stores it: `2024-03-05T13:02:11`. */
  date_created_gmt: string;
  /** `null` when the user was never modified (sheet §9.2). */
  date_modified_gmt: string | null;
  billing: WooCommerceBilling;
  shipping: WooCommerceShipping;
  meta_data: WooCommerceMeta[];
}

/** The v3 customer object (sheet §4). */
export interface WooCommerceCustomer {
  id: number;
  date_created: string;
  date_created_gmt: string;
  date_modified: string | null;
  date_modified_gmt: string | null;
  email: string;
  first_name: string;
  last_name: string;
  role: string;
  username: string;
  billing: WooCommerceBilling;
  shipping: WooCommerceShipping;
  is_paying_customer: boolean;
  avatar_url: string;
  meta_data: WooCommerceMeta[];
  _links: Record<string, { href: string }[]>;
}

/** A line of an order; amounts are strings except `price` (sheet, Orders summary). */
export interface WooCommerceLineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  taxes: { id: number; total: string; subtotal: string }[];
  meta_data: WooCommerceMeta[];
  sku: string;
  price: number;
  parent_name: string | null;
}

/** An order as the simulator stores it: the v3 object without its site-time dates and links. */
export interface WooCommerceOrderRecord {
  id: number;
  parent_id: number;
  number: string;
  order_key: string;
  created_via: string;
  version: string;
  status: string;
  currency: string;
  date_created_gmt: string;
  date_modified_gmt: string;
  date_completed_gmt: string | null;
  date_paid_gmt: string | null;
  discount_total: string;
  discount_tax: string;
  shipping_total: string;
  shipping_tax: string;
  cart_tax: string;
  total: string;
  total_tax: string;
  prices_include_tax: boolean;
  /** `0` for a guest order. */
  customer_id: number;
  customer_note: string;
  billing: WooCommerceBilling;
  shipping: WooCommerceShipping;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  line_items: WooCommerceLineItem[];
  shipping_lines: { id: number; method_title: string; method_id: string; total: string; total_tax: string }[];
  coupon_lines: { id: number; code: string; discount: string; discount_tax: string }[];
  meta_data: WooCommerceMeta[];
}
