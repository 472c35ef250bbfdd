import type { NativeCustomerFacts } from '@unicart/core/testing';
import type { EcwidCustomer } from './ecwid-types';

const text = (value: string | undefined) => (value === undefined || value === '' ? null : value);

/** Ecwid's `yyyy-MM-dd HH:mm:ss +hhmm` (sheet §1) as an instant; `""` (never updated) has none. */
function ecwidInstant(value: string): Date | null {
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ([+-]\d\d)(\d\d)$/.exec(value);
  return match === null ? null : new Date(`${match[1]}T${match[2]}${match[3]}:${match[4]}`);
}

/** Billing person keys that describe a place: with one of them, the billing person is an address (sheet §10). */
const placeKeys = [
  'companyName',
  'street',
  'city',
  'countryCode',
  'countryName',
  'postalCode',
  'stateOrProvinceCode',
  'stateOrProvinceName',
] as const;

/**
 * What a stored Ecwid customer says about the customer, read from the sheet (§4: names split at the
 * first space, the email possibly only in contacts) and never through an adapter's mapper: the
 * oracle of the conformance kit and the end-to-end suite.
 */
export function ecwidCustomerFacts(customer: EcwidCustomer): NativeCustomerFacts {
  const person = customer.billingPerson;
  const [first, ...rest] = (person.name ?? customer.name ?? '').split(' ');
  const contact = (type: string) => customer.contacts.find((entry) => entry.type === type)?.contact;
  return {
    id: String(customer.id),
    email: text(customer.email) ?? text(contact('EMAIL')),
    firstName: text(person.firstName) ?? text(first),
    lastName: text(person.lastName) ?? text(rest.join(' ')),
    phone: text(person.phone) ?? text(contact('PHONE')),
    createdAt: ecwidInstant(customer.registered),
    updatedAt: ecwidInstant(customer.updated),
    acceptsMarketing: customer.acceptMarketing,
    // The simulator's stored customer is presented with the statistics Ecwid computes (sheet §4).
    ordersCount: customer.stats?.numberOfOrders ?? customer.totalOrderCount ?? null,
    totalSpent: customer.stats?.salesValue ?? null,
    countryCodes: [
      ...(placeKeys.some((key) => text(person[key]) !== null) ? [text(person.countryCode)] : []),
      ...customer.shippingAddresses.map((address) => text(address.countryCode)),
    ],
    // Ecwid customers have no tags (sheet §4).
    tags: [],
  };
}
