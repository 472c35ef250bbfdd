import { type Address, blankToNull, type Customer, toCountry } from '@unicart/core';
import type { JumpsellerAddress, JumpsellerBillingAddress, JumpsellerCustomer } from './jumpseller-api';

/** The default billing address: the first of the array, else the spec's singular object (sheet §5). */
export function defaultBillingAddress(native: JumpsellerCustomer): JumpsellerBillingAddress | null {
  return native.billing_addresses?.[0] ?? native.billing_address ?? null;
}

/** The default shipping address, read the same way. */
export function defaultShippingAddress(native: JumpsellerCustomer): JumpsellerAddress | null {
  return native.shipping_addresses?.[0] ?? native.shipping_address ?? null;
}

function billingAddresses(native: JumpsellerCustomer): JumpsellerBillingAddress[] {
  if (native.billing_addresses) return native.billing_addresses;
  return native.billing_address ? [native.billing_address] : [];
}

function shippingAddresses(native: JumpsellerCustomer): JumpsellerAddress[] {
  if (native.shipping_addresses) return native.shipping_addresses;
  return native.shipping_address ? [native.shipping_address] : [];
}

/**
 * The customer's name lives only in the addresses (sheet §14.1): the default billing address's,
 * else the default shipping address's. `fullname` is never read: without a billing name it is the email.
 */
export function jumpsellerName(native: JumpsellerCustomer): {
  firstName: string | null;
  lastName: string | null;
} {
  const named = [defaultBillingAddress(native), defaultShippingAddress(native)].find(
    (address) =>
      address !== null && (blankToNull(address.name) !== null || blankToNull(address.surname) !== null),
  );
  return { firstName: blankToNull(named?.name), lastName: blankToNull(named?.surname) };
}

/** `phone` with `phone_prefix` in front when the number does not already carry a calling code. */
function phoneOf(native: JumpsellerCustomer): string | null {
  const phone = blankToNull(native.phone)?.trim() ?? null;
  const prefix = blankToNull(native.phone_prefix)?.trim() ?? null;
  if (phone === null || prefix === null || phone.startsWith('+')) return phone;
  return `${prefix} ${phone}`;
}

function mapAddress(
  address: JumpsellerAddress,
  defaults: Pick<Address, 'defaultBilling' | 'defaultShipping'>,
): Address {
  const region = blankToNull(address.region);
  return {
    id: null,
    firstName: blankToNull(address.name),
    lastName: blankToNull(address.surname),
    address1: blankToNull(address.address),
    address2: null,
    city: blankToNull(address.city),
    postalCode: blankToNull(address.postal),
    phone: null,
    company: null,
    references: null,
    ...defaults,
    country: toCountry(address.country),
    // Jumpseller gives the region's code only (FIPS or its own table, sheet §5).
    state: region === null ? null : { code: region, name: null },
  };
}

/**
 * A Jumpseller customer → the canonical Customer (sheet §12). Jumpseller customers have no dates,
 * no note, no order count and no total spent: those are `null`. Tags are the customer category names.
 */
export function mapJumpsellerCustomer(native: JumpsellerCustomer, currency: string | null): Customer {
  const status = blankToNull(native.status);
  return {
    id: String(native.id),
    email: blankToNull(native.email),
    ...jumpsellerName(native),
    phone: phoneOf(native),
    currency,
    note: null,
    acceptsMarketing: native.accepts_marketing ?? null,
    tags: (native.customer_categories ?? []).flatMap((category) => {
      const name = blankToNull(category.name);
      return name === null ? [] : [name];
    }),
    ordersCount: null,
    totalSpent: null,
    status: { id: status, status },
    dates: { createdAt: null, updatedAt: null },
    addresses: [
      ...billingAddresses(native).map((address, index) =>
        mapAddress(address, { defaultBilling: index === 0, defaultShipping: false }),
      ),
      ...shippingAddresses(native).map((address, index) =>
        mapAddress(address, { defaultBilling: false, defaultShipping: index === 0 }),
      ),
    ],
  };
}
