/** A customer address as Jumpseller answers it (sheet §5); every unset value is `null`. */
export interface JumpsellerAddress {
  name: string | null;
  surname: string | null;
  /** Street line, number and complement included as typed. */
  address: string | null;
  city: string | null;
  postal: string | null;
  /** Comuna (Chile, Portugal …), usually `null` elsewhere. */
  municipality: string | null;
  /** Region code (FIPS / the store's table), e.g. `12`, `TX`. */
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
}

/** A billing address: a shipping address plus the tax id. */
export interface JumpsellerBillingAddress extends JumpsellerAddress {
  taxid: string | null;
}

/** A merchant's customer group (sheet §5). */
export interface JumpsellerCustomerCategory {
  id: number;
  name: string;
  code: string;
}

/** A checkout custom field the customer filled in. */
export interface JumpsellerAdditionalField {
  id: number;
  label: string;
  value: string;
  area: string;
  customer_id: number;
  checkout_custom_field_id: number;
}

/** Account status (sheet §5). */
export type JumpsellerCustomerStatus = 'approved' | 'pending' | 'disabled';

/**
 * A customer as the simulator stores it: the answer of `GET /customers/{id}.json` without the
 * derived `fullname`. There are no dates: Jumpseller customers carry none (sheet §5).
 */
export interface JumpsellerCustomerRecord {
  id: number;
  email: string;
  phone: string | null;
  phone_prefix: string | null;
  status: JumpsellerCustomerStatus;
  accepts_marketing: boolean;
  /** `Y-m-d`. */
  accepted_marketing_at: string | null;
  /** `Y-m-d`. */
  cancelled_marketing_at: string | null;
  /** The first is the default shipping address. */
  shipping_addresses: JumpsellerAddress[];
  /** The first is the default billing address. */
  billing_addresses: JumpsellerBillingAddress[];
  customer_categories: JumpsellerCustomerCategory[];
  customer_additional_fields: JumpsellerAdditionalField[];
}

/** The customer object of every answer (sheet §5). */
export interface JumpsellerCustomer extends JumpsellerCustomerRecord {
  /** The default billing address's "name surname"; the email when there is none. */
  fullname: string;
}

/** An order's address: `region` and `country` are names there, with their codes beside (sheet §7). */
export interface JumpsellerOrderAddress extends JumpsellerAddress {
  region_code: string | null;
  country_code: string | null;
}

/** A line of an order: no line id, `id` is the product's (sheet §7). */
export interface JumpsellerOrderProduct {
  id: number;
  variant_id: number | null;
  sku: string | null;
  name: string;
  qty: number;
  /** Unit price, major units. */
  price: number;
  discount: number;
  weight: number;
  taxes: unknown[];
}

/** The customer summary inside an order; `id` is `null` for a guest checkout (sheet §7, unconfirmed). */
export interface JumpsellerOrderCustomer {
  id: number | null;
  email: string;
  phone: string | null;
  phone_prefix: string | null;
  ip: string | null;
  fullname: string;
}

/** An order as the simulator stores and answers it (sheet §7); amounts in major units. */
export interface JumpsellerOrderRecord {
  id: number;
  /** `2023-04-01 10:00:00 UTC`. */
  created_at: string;
  completed_at: string | null;
  currency: string;
  subtotal: number;
  tax: number;
  shipping_tax: number;
  shipping: number;
  discount: number;
  shipping_discount: number;
  gift_cards_discount: number;
  total: number;
  status: string;
  status_name: string;
  status_enum: string;
  fulfillment_status: string;
  shipment_status: string;
  shipment_status_enum: string;
  shipping_method_name: string;
  payment_method_name: string;
  payment_method_type: string;
  customer: JumpsellerOrderCustomer;
  shipping_address: JumpsellerOrderAddress | null;
  billing_address: (JumpsellerOrderAddress & { taxid: string | null }) | null;
  products: JumpsellerOrderProduct[];
  promotions: unknown[];
  coupons: string | null;
}
