import type { NativeCustomerFacts } from '@unicart/core/testing';
import type { ShopifyCustomerRecord } from './shopify-types';

/**
 * What a stored Shopify customer says about the customer, read from the sheet (§4) and never
 * through an adapter's mapper: the oracle of the conformance kit and the end-to-end suite.
 */
export function shopifyCustomerFacts(customer: ShopifyCustomerRecord): NativeCustomerFacts {
  return {
    id: String(customer.id),
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    phone: customer.phone,
    createdAt: new Date(customer.createdAt),
    updatedAt: new Date(customer.updatedAt),
  };
}
