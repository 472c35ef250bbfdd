/** A stored customer address (`address_Full`, sheet §4); unset strings are `""`. */
export interface BigCommerceAddressRecord {
  id: number;
  customer_id: number;
  first_name: string;
  last_name: string;
  company: string;
  address1: string;
  address2: string;
  city: string;
  /** The full name (`Texas`), `""` when none (sheet §5). */
  state_or_province: string;
  postal_code: string;
  /** ISO 3166-1 alpha-2. */
  country_code: string;
  /** English name derived from the code. */
  country: string;
  phone: string;
  address_type: 'residential' | 'commercial';
}

/** A stored customer (v3, sheet §4) with its addresses; the answer adds `address_count` and the includes. */
export interface BigCommerceCustomerRecord {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  company: string;
  phone: string;
  notes: string;
  tax_exempt_category: string;
  registration_ip_address: string;
  customer_group_id: number;
  /** RFC 3339 UTC, whole seconds. */
  date_created: string;
  date_modified: string;
  authentication: { force_password_reset: boolean };
  accepts_product_review_abandoned_cart_emails: boolean;
  origin_channel_id: number;
  channel_ids: number[] | null;
  store_credit_amounts: { amount: number }[];
  addresses: BigCommerceAddressRecord[];
}

/** A newsletter subscriber (sheet §2.4): the only email-marketing consent. */
export interface BigCommerceSubscriberRecord {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  source: 'storefront' | 'order' | 'custom';
  order_id: number | null;
  channel_id: number;
  /** `marketing_newsletter`, `abandoned_cart`; empty = unsubscribed. */
  consents: string[];
  date_created: string;
  date_modified: string;
}

/** A line item of a v2 order (`/v2/orders/{id}/products`); amounts are four-decimal strings. */
export interface BigCommerceOrderProductRecord {
  id: number;
  order_id: number;
  product_id: number;
  variant_id: number;
  name: string;
  sku: string;
  quantity: number;
  base_price: string;
  price_ex_tax: string;
  price_inc_tax: string;
  total_ex_tax: string;
  total_inc_tax: string;
  product_options: { display_name: string; display_value: string; value: string; type: string }[];
}

/** The billing address of a v2 order. */
export interface BigCommerceBillingAddress {
  first_name: string;
  last_name: string;
  company: string;
  street_1: string;
  street_2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  country_iso2: string;
  phone: string;
  email: string;
}

/** A stored v2 order (sheet, Orders): dates RFC 2822, amounts four-decimal strings; `customer_id` 0 = guest. */
export interface BigCommerceOrderRecord {
  id: number;
  customer_id: number;
  date_created: string;
  date_modified: string;
  status_id: number;
  status: string;
  custom_status: string;
  subtotal_ex_tax: string;
  subtotal_inc_tax: string;
  subtotal_tax: string;
  shipping_cost_ex_tax: string;
  shipping_cost_inc_tax: string;
  total_ex_tax: string;
  total_inc_tax: string;
  total_tax: string;
  discount_amount: string;
  coupon_discount: string;
  items_total: number;
  payment_method: string;
  payment_status: string;
  currency_code: string;
  default_currency_code: string;
  store_default_currency_code: string;
  billing_address: BigCommerceBillingAddress;
  products: BigCommerceOrderProductRecord[];
}

/** What `seed` takes: customers, their orders, and subscribers. */
export interface BigCommerceData {
  readonly customers: readonly BigCommerceCustomerRecord[];
  readonly orders?: readonly BigCommerceOrderRecord[];
  readonly subscribers?: readonly BigCommerceSubscriberRecord[];
}
