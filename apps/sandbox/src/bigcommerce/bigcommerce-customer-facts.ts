import type { NativeCustomerFacts } from '@unicart/core/testing';
import type { BigCommerceCustomerRecord } from './bigcommerce-types';

const text = (value: string) => (value === '' ? null : value);

/**
 * What a stored BigCommerce customer says about the customer, read from the sheet (§4, §10) and
 * never through an adapter's mapper: the oracle of the conformance kit and the end-to-end suite.
 */
export function bigcommerceCustomerFacts(customer: BigCommerceCustomerRecord): NativeCustomerFacts {
  return {
    id: String(customer.id),
    email: text(customer.email),
    firstName: text(customer.first_name),
    lastName: text(customer.last_name),
    // The customer's own phone only: addresses carry their own.
    phone: text(customer.phone),
    // RFC 3339 UTC with whole seconds.
    createdAt: new Date(customer.date_created),
    updatedAt: new Date(customer.date_modified),
    // Consent is in subscribers, order figures in orders, and there are no tags (§10).
    acceptsMarketing: null,
    ordersCount: null,
    totalSpent: null,
    tags: [],
    countryCodes: customer.addresses.map((address) => text(address.country_code)),
  };
}
