import contactEmail from './__fixtures__/ecwid-customer-contact-email.json' with { type: 'json' };
import full from './__fixtures__/ecwid-customer-full.json' with { type: 'json' };
import guest from './__fixtures__/ecwid-customer-guest.json' with { type: 'json' };
import missingContacts from './__fixtures__/ecwid-customer-missing-contacts.json' with { type: 'json' };
import partialEmail from './__fixtures__/ecwid-customer-partial-email.json' with { type: 'json' };
import unicodeThreeWordName from './__fixtures__/ecwid-customer-unicode-three-word-name.json' with {
  type: 'json',
};
import orders from './__fixtures__/ecwid-orders.json' with { type: 'json' };
import type { EcwidCustomer, EcwidOrder } from './ecwid-api';

// The sheet's payloads, typed as the adapter reads them (every other field is kept at run time).

/** The sheet §4 example: Ana Reyes, billing and default shipping address, EMAIL contact. */
export const ecwidCustomerFull: EcwidCustomer = full;
/** One-word name, no address, no contacts, `acceptMarketing: null`, empty `updated`. */
export const ecwidCustomerGuest: EcwidCustomer = guest;
/** José María García Márquez: `+0400` dates, two shipping addresses, a default PHONE contact. */
export const ecwidCustomerUnicode: EcwidCustomer = unicodeThreeWordName;
/** Łucja Wiśniewska-Kowalska: no `contacts`, no `stats`, no derived names, a state without code. */
export const ecwidCustomerMissingContacts: EcwidCustomer = missingContacts;
/** 王小明: `email: ""`, the email only in contacts, a country without its name. */
export const ecwidCustomerContactEmail: EcwidCustomer = contactEmail;
/** Diego Reyes, `reyes@example.com`: a part of Ana Reyes's email, for Ecwid's partial email search. */
export const ecwidCustomerPartialEmail: EcwidCustomer = partialEmail;

export const ecwidCustomers: readonly EcwidCustomer[] = [
  ecwidCustomerFull,
  ecwidCustomerGuest,
  ecwidCustomerUnicode,
  ecwidCustomerMissingContacts,
  ecwidCustomerContactEmail,
  ecwidCustomerPartialEmail,
];

/** Three orders of Ana Reyes (one cancelled), one of José, one guest order without customer. */
export const ecwidOrders: readonly EcwidOrder[] = orders;
