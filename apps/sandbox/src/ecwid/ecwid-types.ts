/** A person or address of an Ecwid customer (sheet §4); any key may be missing. */
export interface EcwidPerson {
  name?: string;
  /** Derived by Ecwid from `name`, split at the first space; read-only. */
  firstName?: string;
  /** Derived by Ecwid from `name`; absent when `name` has one word. */
  lastName?: string;
  companyName?: string;
  /** Both address lines joined by `\n`. */
  street?: string;
  city?: string;
  countryCode?: string;
  countryName?: string;
  postalCode?: string;
  stateOrProvinceCode?: string;
  stateOrProvinceName?: string;
  phone?: string;
}

/** One entry of the customer's address book. */
export interface EcwidShippingAddress extends EcwidPerson {
  id: number;
  note?: string;
  createdDate?: string;
  defaultAddress?: boolean;
  orderBy?: number;
  addressFormatted?: string;
}

/** A contact (e-mail, phone, social handle) of a customer. */
export interface EcwidContact {
  id: number;
  contact: string;
  handle?: string;
  note?: string;
  type: string;
  default: boolean;
  orderBy: number;
  timestamp: string;
}

/** Order statistics Ecwid computes for a customer. */
export interface EcwidCustomerStats {
  numberOfOrders: number;
  salesValue: number;
  averageOrderValue: number;
  firstOrderDate?: string;
  lastOrderDate?: string;
}

/** A customer as Ecwid answers it (sheet §4). */
export interface EcwidCustomer {
  id: number;
  name?: string;
  email: string;
  registered: string;
  updated: string;
  totalOrderCount?: number;
  customerGroupId: number;
  customerGroupName: string;
  billingPerson: EcwidPerson;
  shippingAddresses: EcwidShippingAddress[];
  contacts: EcwidContact[];
  taxId: string;
  taxIdValid: boolean;
  taxExempt: boolean;
  b2b_b2c: 'b2b' | 'b2c';
  acceptMarketing: boolean | null;
  lang: string;
  stats?: EcwidCustomerStats;
  privateAdminNotes: string;
  favorites: { productId: number; addedTimestamp: number }[];
}

/** A line of an Ecwid order. */
export interface EcwidOrderItem {
  id: number;
  productId: number;
  combinationId?: number;
  sku?: string;
  name: string;
  quantity: number;
  /** Unit price in the store currency. */
  price: number;
}

/** An order as Ecwid answers it (sheet, Orders summary); only the fields the simulator keeps. */
export interface EcwidOrder {
  /** String id, e.g. `"XJ12H"`, or a numeric string on old stores. */
  id: string;
  internalId: number;
  orderNumber: number;
  vendorOrderNumber: string;
  customerId?: number;
  email: string;
  paymentStatus: string;
  fulfillmentStatus: string;
  subtotal: number;
  tax: number;
  /** Absent when the order has none. */
  discount?: number;
  couponDiscount?: number;
  total: number;
  /** Absent when nothing is shipped. */
  shippingOption?: { shippingMethodName: string; shippingRate: number };
  createDate: string;
  updateDate: string;
  createTimestamp: number;
  updateTimestamp: number;
  items: EcwidOrderItem[];
  billingPerson?: EcwidPerson;
}
