/** Money as Amazon writes it: a decimal string in the currency's precision (sheet §11). */
export interface AmazonMoneyRecord {
  readonly amount: string;
  readonly currencyCode: string;
}

/** `recipient.deliveryAddress` (sheet §6, §7.1). */
export interface AmazonAddressRecord {
  readonly name?: string;
  readonly companyName?: string;
  readonly addressLine1?: string;
  readonly addressLine2?: string;
  readonly addressLine3?: string;
  readonly city?: string;
  readonly stateOrRegion?: string;
  readonly postalCode?: string;
  readonly countryCode: string;
  readonly phone?: string;
  readonly addressType?: 'RESIDENTIAL' | 'COMMERCIAL';
}

export type AmazonFulfillmentStatus =
  | 'PENDING_AVAILABILITY'
  | 'PENDING'
  | 'UNSHIPPED'
  | 'PARTIALLY_SHIPPED'
  | 'SHIPPED'
  | 'CANCELLED'
  | 'UNFULFILLABLE';

/**
 * An order as the simulator stores it: the complete v2026-01-01 Order (sheet §7.1), buyer and
 * recipient included. Which parts an answer shows depends on the status, the fulfilment channel,
 * the application's roles and `includedData` (sheet §1.4, §6).
 */
export interface AmazonOrderRecord {
  orderId: string;
  createdTime: string;
  lastUpdatedTime: string;
  programs: string[];
  salesChannel: { channelName: 'AMAZON'; marketplaceId: string; marketplaceName: string };
  buyer: { buyerName?: string; buyerEmail?: string };
  recipient: {
    deliveryAddress?: AmazonAddressRecord;
    deliveryPreference?: { addressInstruction?: string };
  };
  proceeds: {
    grandTotal: AmazonMoneyRecord;
    breakdowns: { type: 'ITEM' | 'SHIPPING' | 'TAX' | 'DISCOUNT'; subtotal: AmazonMoneyRecord }[];
  };
  fulfillment: {
    fulfillmentStatus: AmazonFulfillmentStatus;
    fulfilledBy: 'MERCHANT' | 'AMAZON';
    fulfillmentServiceLevel: 'STANDARD' | 'EXPEDITED';
  };
  orderItems: {
    orderItemId: string;
    quantityOrdered: number;
    product: {
      asin: string;
      title: string;
      sellerSku?: string;
      price: { unitPrice: AmazonMoneyRecord };
    };
  }[];
}

/** A marketplace of the simulated seller (sheet §1.1, §2.6). */
export interface AmazonMarketplace {
  readonly id: string;
  readonly name: string;
  readonly countryCode: string;
  readonly currencyCode: string;
  /** Decimals of the currency (JPY none). */
  readonly decimals: number;
  /** Domain of the buyers' relay addresses there (sheet §6). */
  readonly relayDomain: string;
}

/** The seller's marketplaces by default: North America. */
export const amazonNorthAmerica: readonly AmazonMarketplace[] = [
  {
    id: 'ATVPDKIKX0DER',
    name: 'Amazon.com',
    countryCode: 'US',
    currencyCode: 'USD',
    decimals: 2,
    relayDomain: 'marketplace.amazon.com',
  },
  {
    id: 'A2EUQ1WTGCTBG2',
    name: 'Amazon.ca',
    countryCode: 'CA',
    currencyCode: 'CAD',
    decimals: 2,
    relayDomain: 'marketplace.amazon.ca',
  },
  {
    id: 'A1AM78C64UM0Y8',
    name: 'Amazon.com.mx',
    countryCode: 'MX',
    currencyCode: 'MXN',
    decimals: 2,
    relayDomain: 'marketplace.amazon.com.mx',
  },
];

/** Japan, Australia and Singapore (the Far East region of the sheet's examples). */
export const amazonFarEast: readonly AmazonMarketplace[] = [
  {
    id: 'A1VC38T7YXB528',
    name: 'Amazon.co.jp',
    countryCode: 'JP',
    currencyCode: 'JPY',
    decimals: 0,
    relayDomain: 'marketplace.amazon.co.jp',
  },
  {
    id: 'A39IBJ37TRP1C6',
    name: 'Amazon.com.au',
    countryCode: 'AU',
    currencyCode: 'AUD',
    decimals: 2,
    relayDomain: 'marketplace.amazon.com.au',
  },
  {
    id: 'A19VAU5U5O7RUS',
    name: 'Amazon.sg',
    countryCode: 'SG',
    currencyCode: 'SGD',
    decimals: 2,
    relayDomain: 'marketplace.amazon.sg',
  },
];

/** Statuses whose orders show the buyer's email and address to a merchant with the role (sheet §1.4). */
export const buyerVisibleStatuses: ReadonlySet<AmazonFulfillmentStatus> = new Set([
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
]);
