import {
  type Address,
  blankToNull,
  type Customer,
  type FilterableCustomer,
  type NameParts,
  parseMoney,
  splitFullName,
  toCountry,
  toIsoUtc,
} from '@unicart/core';
import type { EcwidContact, EcwidCustomer, EcwidPerson, EcwidShippingAddress } from './ecwid-api';

/**
 * Names of a person: Ecwid's own `firstName`/`lastName` when it derived them, else the full name
 * split at the first space — Ecwid's own rule, so both paths agree (sheet §4, §10).
 */
export function ecwidPersonName(
  person: EcwidPerson | null | undefined,
  fallbackName?: string | null,
): NameParts {
  const firstName = blankToNull(person?.firstName);
  const lastName = blankToNull(person?.lastName);
  if (firstName !== null || lastName !== null) return { firstName, lastName };
  return splitFullName(blankToNull(person?.name) ?? fallbackName);
}

/** The value of the default contact of a type, else the first one of that type (sheet §4). */
function contactValue(contacts: readonly EcwidContact[] | null | undefined, type: 'EMAIL' | 'PHONE') {
  const ofType = (contacts ?? []).filter(
    (contact) => contact.type === type && blankToNull(contact.contact) !== null,
  );
  const chosen = ofType.find((contact) => contact.default === true) ?? ofType[0];
  return blankToNull(chosen?.contact);
}

/** Whether the customer has a phone contact, which `billingPerson.phone` does not replace. */
export function hasEcwidPhoneContact(native: EcwidCustomer): boolean {
  return contactValue(native.contacts, 'PHONE') !== null;
}

/** `street` packs both address lines separated by a newline (sheet §9.7). */
function splitStreet(street: string | null | undefined): Pick<Address, 'address1' | 'address2'> {
  const [first = '', ...rest] = (street ?? '').split(/\r?\n/);
  return { address1: blankToNull(first), address2: blankToNull(rest.join('\n')) };
}

function toState(person: EcwidPerson): Address['state'] {
  const code = blankToNull(person.stateOrProvinceCode);
  const name = blankToNull(person.stateOrProvinceName);
  return code === null && name === null ? null : { code, name };
}

/** The fields of a person or shipping address that describe a place, not a person. */
const placeFields = [
  'companyName',
  'street',
  'city',
  'countryCode',
  'countryName',
  'postalCode',
  'stateOrProvinceCode',
  'stateOrProvinceName',
] as const;

/** `billingPerson` is an address only when it holds place data; a name and phone alone are not one. */
function hasEcwidPlace(person: EcwidPerson | null | undefined): person is EcwidPerson {
  return placeFields.some((field) => blankToNull(person?.[field]) !== null);
}

function placeOf(person: EcwidPerson) {
  return {
    ...splitStreet(person.street),
    city: blankToNull(person.city),
    postalCode: blankToNull(person.postalCode),
    phone: blankToNull(person.phone),
    company: blankToNull(person.companyName),
    country: toCountry(person.countryCode, blankToNull(person.countryName)),
    state: toState(person),
  };
}

function mapBillingAddress(person: EcwidPerson, fallbackName: string | null | undefined): Address {
  return {
    id: null,
    ...ecwidPersonName(person, fallbackName),
    ...placeOf(person),
    references: null,
    defaultBilling: true,
    defaultShipping: false,
  };
}

function mapShippingAddress(address: EcwidShippingAddress): Address {
  return {
    id: address.id === null || address.id === undefined ? null : String(address.id),
    ...splitFullName(address.name),
    ...placeOf(address),
    references: blankToNull(address.note),
    defaultBilling: false,
    defaultShipping: address.defaultAddress === true,
  };
}

/**
 * Ecwid customer → canonical Customer (sheet §10). `currency` is the store's (Ecwid customers have
 * none, sheet §9.9). Tags are always `[]`: Ecwid has no tags, and its customer group is one
 * merchant-assigned pricing group that tags could not write back (README, "Documented choices").
 */
export function mapEcwidCustomer(native: EcwidCustomer, currency: string | null): Customer {
  const billingPerson = native.billingPerson;
  return {
    id: String(native.id),
    email: blankToNull(native.email) ?? contactValue(native.contacts, 'EMAIL'),
    ...ecwidPersonName(billingPerson, native.name),
    phone: blankToNull(billingPerson?.phone) ?? contactValue(native.contacts, 'PHONE'),
    currency,
    note: blankToNull(native.privateAdminNotes),
    acceptsMarketing: native.acceptMarketing ?? null,
    tags: [],
    ordersCount: native.stats?.numberOfOrders ?? native.totalOrderCount ?? null,
    totalSpent: parseMoney(native.stats?.salesValue),
    status: { id: null, status: null },
    dates: { createdAt: toIsoUtc(native.registered), updatedAt: toIsoUtc(native.updated) },
    addresses: [
      ...(hasEcwidPlace(billingPerson) ? [mapBillingAddress(billingPerson, native.name)] : []),
      ...(native.shippingAddresses ?? []).map(mapShippingAddress),
    ],
  };
}

/** The fields the filters look at, for core's re-check of Ecwid's looser answers. */
export function toEcwidFilterableCustomer(native: EcwidCustomer): FilterableCustomer {
  return {
    id: String(native.id),
    email: blankToNull(native.email) ?? contactValue(native.contacts, 'EMAIL'),
    ...ecwidPersonName(native.billingPerson, native.name),
    dates: { createdAt: toIsoUtc(native.registered), updatedAt: toIsoUtc(native.updated) },
  };
}
