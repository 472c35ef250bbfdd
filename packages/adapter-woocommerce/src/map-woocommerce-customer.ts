import {
  type Address,
  blankToNull,
  type Customer,
  type FilterableCustomer,
  toCountry,
  toIsoUtc,
} from '@unicart/core';
import { type WooCommerceCustomer, wooCommerceAddressOnlyFields } from './woocommerce-api';

type WooCommerceAddressBlock = NonNullable<WooCommerceCustomer['shipping']>;

/**
 * WooCommerce always sends both blocks, with `""` for every unset field (sheet §4, §9.10). `phone`
 * does not count: a block holding only a phone holds the customer's phone, not an address.
 */
function isEmptyBlock(block: WooCommerceAddressBlock): boolean {
  return wooCommerceAddressOnlyFields.every((field) => blankToNull(block[field]) === null);
}

function mapAddressBlock(
  block: WooCommerceAddressBlock | null | undefined,
  role: Pick<Address, 'defaultBilling' | 'defaultShipping'>,
): Address | null {
  if (!block || isEmptyBlock(block)) return null;
  const state = blankToNull(block.state);
  return {
    // One billing and one shipping block per customer, without ids (sheet §9.12).
    id: null,
    firstName: blankToNull(block.first_name),
    lastName: blankToNull(block.last_name),
    address1: blankToNull(block.address_1),
    address2: blankToNull(block.address_2),
    city: blankToNull(block.city),
    postalCode: blankToNull(block.postcode),
    phone: blankToNull(block.phone),
    company: blankToNull(block.company),
    references: null,
    ...role,
    country: toCountry(block.country),
    // A WooCommerce state code, or free text for countries without a state list (sheet §5).
    state: state === null ? null : { code: state, name: null },
  };
}

/**
 * A `wc/v3` customer → the canonical Customer. `storeCurrency` is the store's currency (customers
 * carry none). Dates come from the `_gmt` fields only: core reads their offset-less values as UTC,
 * while `date_created`/`date_modified` are site-local time (sheet §9.1).
 */
export function mapWooCommerceCustomer(native: WooCommerceCustomer, storeCurrency: string | null): Customer {
  const { billing, shipping } = native;
  const addresses = [
    mapAddressBlock(billing, { defaultBilling: true, defaultShipping: false }),
    mapAddressBlock(shipping, { defaultBilling: false, defaultShipping: true }),
  ].filter((address) => address !== null);
  return {
    id: String(native.id),
    // The account email only: `billing.email` is the invoice contact, a separate field (sheet §10).
    email: blankToNull(native.email),
    firstName: blankToNull(native.first_name),
    lastName: blankToNull(native.last_name),
    phone: blankToNull(billing?.phone) ?? blankToNull(shipping?.phone),
    currency: storeCurrency,
    note: null,
    acceptsMarketing: null,
    tags: [],
    // Not in wc/v3 (sheet §4, §9.3).
    ordersCount: null,
    totalSpent: null,
    // WooCommerce accounts have no status; the WordPress role tells a customer from a subscriber or an admin.
    status: { id: null, status: blankToNull(native.role) },
    dates: { createdAt: toIsoUtc(native.date_created_gmt), updatedAt: toIsoUtc(native.date_modified_gmt) },
    addresses,
  };
}

/** The fields the filters look at, for core's check of the filters WooCommerce lacks. */
export function toWooCommerceFilterableCustomer(native: WooCommerceCustomer): FilterableCustomer {
  return {
    id: String(native.id),
    email: blankToNull(native.email),
    firstName: blankToNull(native.first_name),
    lastName: blankToNull(native.last_name),
    dates: { createdAt: toIsoUtc(native.date_created_gmt), updatedAt: toIsoUtc(native.date_modified_gmt) },
  };
}
