import type { NativeCustomerFacts } from '@unicart/core/testing';
import type { ShopifyCustomerRecord } from './shopify-types';

/** What Shopify derives from a customer's orders (sheet §4: `numberOfOrders`, `amountSpent`). */
export interface ShopifyOrderStatistics {
  readonly ordersCount: number;
  /** Major units. */
  readonly totalSpent: number;
}

/**
 * What a stored Shopify customer says about the customer, read from the sheet (§4, §5, §10) and
 * never through an adapter's mapper: the oracle of the conformance kit and the end-to-end suite.
 * Order statistics are not on the customer record: only given `statistics` does the oracle know them.
 */
export function shopifyCustomerFacts(
  customer: ShopifyCustomerRecord,
  statistics?: ShopifyOrderStatistics,
): NativeCustomerFacts {
  return {
    id: String(customer.id),
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    phone: customer.phone,
    createdAt: new Date(customer.createdAt),
    updatedAt: new Date(customer.updatedAt),
    // Consent needs an email; only SUBSCRIBED is consent (§10).
    acceptsMarketing: customer.email === null ? null : customer.emailMarketing.state === 'SUBSCRIBED',
    ...(statistics === undefined ? {} : statistics),
    // `ZZ` is Shopify's unknown region (§5).
    countryCodes: customer.addresses.map((address) =>
      address.countryCode === null || address.countryCode === 'ZZ' ? null : address.countryCode,
    ),
    tags: customer.tags,
  };
}
