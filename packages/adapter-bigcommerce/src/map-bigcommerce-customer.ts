import {
  type Address,
  blankToNull,
  type Customer,
  type FilterableCustomer,
  toCountry,
  toIsoUtc,
} from '@unicart/core';
import type {
  BigCommerceAddress,
  BigCommerceCustomer,
  BigCommerceCustomerWithStates,
} from './bigcommerce-api';

/**
 * BigCommerce address → canonical (sheet §10): no default flags exist; states come as names, with
 * the code BigCommerce's own geography gives that name, when it has one.
 */
export function mapBigCommerceAddress(native: BigCommerceAddress, stateCode: string | null): Address {
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
    state: state === null ? null : { code: stateCode, name: state },
  };
}

/**
 * The fields the canonical filters look at, of a listed or a completed customer: a listed one has
 * its addresses (`include=addresses`), so `country` and `phone` are checked before any completion.
 */
export function toBigCommerceFilterableCustomer(
  record: BigCommerceCustomer | BigCommerceCustomerWithStates,
): FilterableCustomer {
  const native = 'customer' in record ? record.customer : record;
  return {
    ...namesAndDates(native),
    phone: blankToNull(native.phone),
    countryCodes: (native.addresses ?? []).map(
      (address) => mapBigCommerceAddress(address, null).country?.code ?? null,
    ),
  };
}

function namesAndDates(native: BigCommerceCustomer) {
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
export function mapBigCommerceCustomer(
  { customer: native, stateCodes }: BigCommerceCustomerWithStates,
  currency: string | null,
): Customer {
  return {
    ...namesAndDates(native),
    phone: blankToNull(native.phone),
    currency,
    note: blankToNull(native.notes),
    acceptsMarketing: null,
    tags: [],
    ordersCount: null,
    totalSpent: null,
    status: { id: null, status: null },
    addresses: (native.addresses ?? []).map((address, index) =>
      mapBigCommerceAddress(address, stateCodes[index] ?? null),
    ),
  };
}
