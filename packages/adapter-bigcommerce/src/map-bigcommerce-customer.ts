import {
  type Address,
  blankToNull,
  type Customer,
  type FilterableCustomer,
  toCountry,
  toIsoUtc,
} from '@unicart/core';
import type { BigCommerceAddress, BigCommerceCustomer } from './bigcommerce-api';

/** BigCommerce address → canonical (sheet §10): no default flags exist, states come as names. */
export function mapBigCommerceAddress(native: BigCommerceAddress): Address {
  const state = blankToNull(native.state_or_province);
  return {
    id: String(native.id),
    firstName: blankToNull(native.first_name),
    lastName: blankToNull(native.last_name),
    address1: blankToNull(native.address1),
    address2: blankToNull(native.address2),
    city: blankToNull(native.city),
    postalCode: blankToNull(native.postal_code),
    phone: blankToNull(native.phone),
    company: blankToNull(native.company),
    references: null,
    defaultBilling: false,
    defaultShipping: false,
    country: toCountry(native.country_code, native.country),
    state: state === null ? null : { code: null, name: state },
  };
}

/** The fields the canonical filters look at. */
export function toBigCommerceFilterableCustomer(native: BigCommerceCustomer): FilterableCustomer {
  return {
    id: String(native.id),
    email: blankToNull(native.email),
    firstName: blankToNull(native.first_name),
    lastName: blankToNull(native.last_name),
    dates: { createdAt: toIsoUtc(native.date_created), updatedAt: toIsoUtc(native.date_modified) },
  };
}

/**
 * BigCommerce customer → canonical (sheet §10). Consent, orders, tags and status are not on the
 * customer: `acceptsMarketing` lives in the subscribers resource (one request per customer, not
 * spent on reads), the order figures in v2 orders; they are `null`, never guessed.
 */
export function mapBigCommerceCustomer(native: BigCommerceCustomer, currency: string | null): Customer {
  return {
    ...toBigCommerceFilterableCustomer(native),
    phone: blankToNull(native.phone),
    currency,
    note: blankToNull(native.notes),
    acceptsMarketing: null,
    tags: [],
    ordersCount: null,
    totalSpent: null,
    status: { id: null, status: null },
    addresses: (native.addresses ?? []).map(mapBigCommerceAddress),
  };
}
