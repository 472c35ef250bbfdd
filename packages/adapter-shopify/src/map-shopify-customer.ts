import {
  type Address,
  blankToNull,
  type Country,
  type Customer,
  type FilterableCustomer,
  parseMoney,
  toCountry,
  toIsoUtc,
} from '@unicart/core';
import type { ShopifyCustomer, ShopifyCustomerSummary, ShopifyMailingAddress } from './shopify-api';
import { gidTail } from './shopify-gid';

/** Shopify's "unknown region" (sheet §5). */
const unknownRegion = 'ZZ';

/**
 * `countryCodeV2` → canonical country. Shopify also uses `AC`, `TA` and `AN`, which are no ISO 3166-1
 * codes and which core's table refuses; they keep their code and Shopify's name, alpha-3 null (§5).
 * Kosovo's user-assigned `XK` is in core's table, with the alpha-3 `XKX`.
 */
export function mapShopifyCountry(
  code: string | null | undefined,
  name: string | null | undefined,
): Country | null {
  if (!code || code === unknownRegion) return null;
  const known = toCountry(code, name);
  if (known) return { ...known };
  if (!/^[A-Z]{2}$/.test(code)) return null;
  return { code, name: blankToNull(name), codeIso2: code, codeIso3: null };
}

/** A `MailingAddress`; Shopify has one default address and no billing/shipping split (§4, §10). */
export function mapShopifyAddress(native: ShopifyMailingAddress, defaultAddressId: string | null): Address {
  const id = gidTail(native.id);
  const isDefault = defaultAddressId !== null && id === defaultAddressId;
  const stateCode = blankToNull(native.provinceCode);
  const stateName = blankToNull(native.province);
  return {
    id,
    firstName: blankToNull(native.firstName),
    lastName: blankToNull(native.lastName),
    address1: blankToNull(native.address1),
    address2: blankToNull(native.address2),
    city: blankToNull(native.city),
    postalCode: blankToNull(native.zip),
    phone: blankToNull(native.phone),
    company: blankToNull(native.company),
    references: null,
    defaultBilling: isDefault,
    defaultShipping: isDefault,
    country: mapShopifyCountry(native.countryCodeV2, native.country),
    state: stateCode === null && stateName === null ? null : { code: stateCode, name: stateName },
  };
}

// UnsignedInt64 arrives as a string (sheet §9.2).
function toCount(value: string | number | null | undefined): number | null {
  const text = String(value ?? '');
  return /^\d+$/.test(text) ? Number(text) : null;
}

/** No email, no consent to speak of; PENDING is not (yet) consent (§10). */
function acceptsMarketingOf(email: ShopifyCustomerSummary['defaultEmailAddress']): boolean | null {
  return email ? email.marketingState === 'SUBSCRIBED' : null;
}

/**
 * A customer as `CustomerFields` selects it (sheet §10). `addressesV2` must hold the whole address
 * book; the adapter reads the remaining pages before mapping.
 */
export function mapShopifyCustomer(native: ShopifyCustomer): Customer {
  const defaultAddressId = native.defaultAddress ? gidTail(native.defaultAddress.id) : null;
  const email = native.defaultEmailAddress;
  return {
    id: String(native.legacyResourceId),
    email: blankToNull(email?.emailAddress),
    firstName: blankToNull(native.firstName),
    lastName: blankToNull(native.lastName),
    phone: blankToNull(native.defaultPhoneNumber?.phoneNumber),
    currency: blankToNull(native.amountSpent?.currencyCode),
    note: blankToNull(native.note),
    acceptsMarketing: acceptsMarketingOf(email),
    tags: native.tags ?? [],
    ordersCount: toCount(native.numberOfOrders),
    totalSpent: parseMoney(native.amountSpent?.amount),
    // Shopify's own upper-case `CustomerState` (ENABLED, DISABLED, INVITED, DECLINED).
    status: { id: null, status: blankToNull(native.state) },
    dates: { createdAt: toIsoUtc(native.createdAt), updatedAt: toIsoUtc(native.updatedAt) },
    addresses: native.addressesV2.nodes.map((address) => mapShopifyAddress(address, defaultAddressId)),
  };
}

/**
 * The fields a scan reads, for core's `matchesCustomerFilters`; matches are then read in full (the
 * amount spent and the addresses' countries only then: they would make each scanned customer cost more).
 */
export function toFilterableCustomer(native: ShopifyCustomerSummary): FilterableCustomer {
  return {
    id: String(native.legacyResourceId),
    email: blankToNull(native.defaultEmailAddress?.emailAddress),
    firstName: blankToNull(native.firstName),
    lastName: blankToNull(native.lastName),
    dates: { createdAt: toIsoUtc(native.createdAt), updatedAt: toIsoUtc(native.updatedAt) },
    acceptsMarketing: acceptsMarketingOf(native.defaultEmailAddress),
    phone: blankToNull(native.defaultPhoneNumber?.phoneNumber),
    tags: native.tags ?? [],
    ordersCount: toCount(native.numberOfOrders),
  };
}
