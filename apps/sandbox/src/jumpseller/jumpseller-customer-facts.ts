import type { NativeCustomerFacts } from '@unicart/core/testing';
import type { JumpsellerCustomerRecord } from './jumpseller-types';

const text = (value: string | null | undefined) => (value?.trim() ? value : null);

/**
 * What a stored Jumpseller customer says about the customer, read from the sheet (§5, §12) and
 * never through an adapter's mapper: the oracle of the conformance kit and the end-to-end suite.
 * The name is the default billing address's, else the default shipping address's (never
 * `fullname`); `phone_prefix` goes before a number without its own calling code; no dates.
 */
export function jumpsellerCustomerFacts(customer: JumpsellerCustomerRecord): NativeCustomerFacts {
  const named = [customer.billing_addresses[0], customer.shipping_addresses[0]].find(
    (address) => address !== undefined && (text(address.name) !== null || text(address.surname) !== null),
  );
  const phone = text(customer.phone)?.trim() ?? null;
  const prefix = text(customer.phone_prefix)?.trim() ?? null;
  return {
    id: String(customer.id),
    email: text(customer.email),
    firstName: text(named?.name),
    lastName: text(named?.surname),
    phone: phone !== null && prefix !== null && !phone.startsWith('+') ? `${prefix} ${phone}` : phone,
    createdAt: null,
    updatedAt: null,
    acceptsMarketing: customer.accepts_marketing,
    // No order figures on customers (§5); tags are the customer category names (§12).
    ordersCount: null,
    totalSpent: null,
    tags: customer.customer_categories.flatMap((category) => text(category.name) ?? []),
    countryCodes: [...customer.billing_addresses, ...customer.shipping_addresses].map((address) =>
      text(address.country),
    ),
  };
}
