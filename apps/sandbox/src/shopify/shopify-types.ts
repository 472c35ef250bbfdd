/** `CustomerEmailMarketingState` values a stored consent can hold. */
export type ShopifyEmailMarketingState =
  | 'NOT_SUBSCRIBED'
  | 'PENDING'
  | 'SUBSCRIBED'
  | 'UNSUBSCRIBED'
  | 'REDACTED'
  | 'INVALID';

/** `CustomerSmsMarketingState`. */
export type ShopifySmsMarketingState =
  | 'NOT_SUBSCRIBED'
  | 'PENDING'
  | 'SUBSCRIBED'
  | 'UNSUBSCRIBED'
  | 'REDACTED';

/** `CustomerMarketingOptInLevel`. */
export type ShopifyOptInLevel = 'SINGLE_OPT_IN' | 'CONFIRMED_OPT_IN' | 'UNKNOWN';

/** A marketing consent as Shopify stores it. */
export interface ShopifyConsent<State> {
  state: State;
  optInLevel: ShopifyOptInLevel | null;
  /** ISO 8601 UTC, whole seconds. */
  updatedAt: string | null;
}

/** A customer address; the simulator's storage behind `MailingAddress`. */
export interface ShopifyAddressRecord {
  /** Numeric id; the GID is `gid://shopify/MailingAddress/{id}?model_name=CustomerAddress`. */
  id: number;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  zip: string | null;
  /** Subdivision code without the country prefix (`TX`). */
  provinceCode: string | null;
  /** `CountryCode`, ISO 3166-1 alpha-2. */
  countryCode: string | null;
  phone: string | null;
}

/** `CustomerState`. */
export type ShopifyCustomerState = 'ENABLED' | 'DISABLED' | 'INVITED' | 'DECLINED';

/** A customer; the simulator's storage behind the `Customer` type (sheet §4). */
export interface ShopifyCustomerRecord {
  /** Numeric id (`legacyResourceId`); the GID is `gid://shopify/Customer/{id}`. */
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  /** E.164. */
  phone: string | null;
  note: string | null;
  tags: string[];
  state: ShopifyCustomerState;
  verifiedEmail: boolean;
  taxExempt: boolean;
  locale: string;
  /** ISO 8601 UTC without milliseconds (`2025-04-15T19:26:33Z`). */
  createdAt: string;
  updatedAt: string;
  emailMarketing: ShopifyConsent<ShopifyEmailMarketingState>;
  smsMarketing: ShopifyConsent<ShopifySmsMarketingState>;
  addresses: ShopifyAddressRecord[];
  defaultAddressId: number | null;
}

/** A line of an order; amounts in cents of the shop currency. */
export interface ShopifyLineItemRecord {
  id: number;
  name: string;
  sku: string | null;
  quantity: number;
  unitPriceCents: number;
  productId: number | null;
  variantId: number | null;
}

/** `OrderDisplayFinancialStatus`. */
export type ShopifyFinancialStatus =
  | 'PENDING'
  | 'AUTHORIZED'
  | 'PARTIALLY_PAID'
  | 'PARTIALLY_REFUNDED'
  | 'VOIDED'
  | 'PAID'
  | 'REFUNDED'
  | 'EXPIRED';

/** An order; the simulator's storage behind the `Order` type (sheet, Orders summary). */
export interface ShopifyOrderRecord {
  id: number;
  /** Order number without prefix (`1001`); `name` is `#1001`. */
  number: number;
  customerId: number | null;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  closed: boolean;
  closedAt: string | null;
  financialStatus: ShopifyFinancialStatus | null;
  fulfillmentStatus: 'UNFULFILLED' | 'FULFILLED';
  /** `null`: Shopify has no subtotal, tax or discount set for the order (nullable, sheet Orders summary). */
  subtotalCents: number | null;
  taxCents: number | null;
  shippingCents: number;
  discountCents: number | null;
  totalCents: number;
  lineItems: ShopifyLineItemRecord[];
}
