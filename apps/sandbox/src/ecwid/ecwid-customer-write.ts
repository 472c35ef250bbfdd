import { z } from 'zod';
import { countryName, regionName } from '../seed/geography';
import { formatEcwidDate } from './ecwid-date';
import { EcwidApiError, wrongParameter } from './ecwid-error';
import { formatEcwidAddress, withDerivedNames } from './ecwid-seed';
import type { EcwidStore } from './ecwid-store';
import type { EcwidContact, EcwidCustomer, EcwidPerson, EcwidShippingAddress } from './ecwid-types';

const text = z.string().nullish();
const personSchema = z.looseObject({
  name: text,
  companyName: text,
  street: text,
  city: text,
  countryCode: text,
  countryName: text,
  postalCode: text,
  stateOrProvinceCode: text,
  stateOrProvinceName: text,
  phone: text,
});
const contactTypes = [
  'EMAIL',
  'PHONE',
  'FACEBOOK',
  'INSTAGRAM',
  'TWITTER',
  'YOUTUBE',
  'TIKTOK',
  'PINTEREST',
  'VK',
  'FB_MESSENGER',
  'WHATSAPP',
  'TELEGRAM',
  'VIBER',
  'URL',
  'OTHER',
] as const;

/** `CustomerWrite` (sheet §2.2); unknown keys are ignored as Ecwid does, wrong types are refused. */
const customerWriteSchema = z.looseObject({
  email: text,
  password: text,
  billingPerson: personSchema.nullish(),
  shippingAddresses: z
    .array(
      personSchema.extend({
        id: z.number().int().nullish(),
        note: text,
        defaultAddress: z.boolean().nullish(),
        orderBy: z.number().int().nullish(),
      }),
    )
    .nullish(),
  contacts: z
    .array(
      z.looseObject({
        id: z.number().int().nullish(),
        contact: z.string(),
        handle: text,
        note: text,
        type: z.enum(contactTypes),
        default: z.boolean().nullish(),
        orderBy: z.number().int().nullish(),
      }),
    )
    .nullish(),
  customerGroupId: z.number().int().nullish(),
  taxId: text,
  taxIdValid: z.boolean().nullish(),
  taxExempt: z.boolean().nullish(),
  b2b_b2c: z.enum(['b2b', 'b2c']).nullish(),
  acceptMarketing: z.boolean().nullish(),
  lang: text,
  privateAdminNotes: text,
});
type CustomerWrite = z.infer<typeof customerWriteSchema>;
type PersonWrite = z.infer<typeof personSchema>;

/** Customer groups of the simulated store. */
export const ecwidCustomerGroups: ReadonlyMap<number, string> = new Map([
  [0, 'General'],
  [1, 'Wholesale'],
]);
/** Storefront languages enabled in the simulated store. */
const enabledLanguages = new Set(['en', 'de', 'fr', 'es', 'pl', 'pt', 'ru', 'el', 'ja']);
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function parseWrite(body: unknown): CustomerWrite {
  const parsed = customerWriteSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const path = parsed.error.issues[0]?.path.join('.') ?? '';
  throw wrongParameter(path === '' ? 'Request body must be a JSON object' : `Wrong value of field '${path}'`);
}

// Null values are treated as absent: the official client never sends them (sheet §2.2).
function personFrom(input: PersonWrite): EcwidPerson {
  const person: EcwidPerson = {};
  for (const key of Object.keys(personSchema.shape) as (keyof PersonWrite & keyof EcwidPerson)[]) {
    const value = input[key];
    if (typeof value === 'string') person[key] = value;
  }
  if (person.countryCode !== undefined && person.countryName === undefined) {
    const name = countryName(person.countryCode);
    if (name !== null) person.countryName = name;
  }
  if (
    person.countryCode !== undefined &&
    person.stateOrProvinceCode !== undefined &&
    person.stateOrProvinceName === undefined
  ) {
    const name = regionName(person.countryCode, person.stateOrProvinceCode);
    if (name !== null) person.stateOrProvinceName = name;
  }
  return withDerivedNames(person);
}

function checkEmail(store: EcwidStore, email: string, ownId: number | undefined): void {
  if (!emailShape.test(email)) throw wrongParameter(`Email '${email}' is invalid`);
  for (const customer of store.customers.values()) {
    if (customer.id !== ownId && customer.email.toLowerCase() === email.toLowerCase()) {
      // A taken email is a 409 without errorCode (sheet §7); CONSTRAINT_VIOLATION is for other constraints.
      throw new EcwidApiError(409, `Customer with email '${email}' already exists`);
    }
  }
}

function shippingAddressesFrom(
  store: EcwidStore,
  inputs: NonNullable<CustomerWrite['shippingAddresses']>,
  existing: readonly EcwidShippingAddress[],
  now: string,
): EcwidShippingAddress[] {
  return inputs.map((input, index) => {
    const previous = existing.find((address) => address.id === input.id);
    const person = personFrom(input);
    return {
      id: previous?.id ?? store.allocateAddressId(),
      ...person,
      ...(typeof input.note === 'string' ? { note: input.note } : {}),
      createdDate: previous?.createdDate ?? now,
      defaultAddress: input.defaultAddress ?? false,
      orderBy: input.orderBy ?? index,
      addressFormatted: formatEcwidAddress(person),
    };
  });
}

function contactsFrom(
  store: EcwidStore,
  inputs: NonNullable<CustomerWrite['contacts']>,
  existing: readonly EcwidContact[],
  now: string,
): EcwidContact[] {
  return inputs.map((input, index) => {
    const previous = existing.find((contact) => contact.id === input.id);
    return {
      id: previous?.id ?? store.allocateContactId(),
      contact: input.contact,
      ...(typeof input.handle === 'string' ? { handle: input.handle } : {}),
      ...(typeof input.note === 'string' ? { note: input.note } : {}),
      type: input.type,
      default: input.default ?? false,
      orderBy: input.orderBy ?? index,
      timestamp: previous?.timestamp ?? now,
    };
  });
}

/**
 * Applies the sent keys of a write to `customer`. A sent `billingPerson` or `shippingAddresses`
 * replaces the whole sub-object or list (the sheet leaves merging unconfirmed; replacing is the
 * stricter reading, see README).
 */
function applyWrite(store: EcwidStore, customer: EcwidCustomer, write: CustomerWrite, now: string): void {
  if (typeof write.email === 'string') {
    checkEmail(store, write.email, customer.id);
    customer.email = write.email;
  }
  if (write.billingPerson) customer.billingPerson = personFrom(write.billingPerson);
  if (write.shippingAddresses) {
    customer.shippingAddresses = shippingAddressesFrom(
      store,
      write.shippingAddresses,
      customer.shippingAddresses,
      now,
    );
  }
  if (write.contacts) customer.contacts = contactsFrom(store, write.contacts, customer.contacts, now);
  if (typeof write.customerGroupId === 'number') {
    const groupName = ecwidCustomerGroups.get(write.customerGroupId);
    if (groupName === undefined) throw wrongParameter(`Customer group #${write.customerGroupId} not found`);
    customer.customerGroupId = write.customerGroupId;
    customer.customerGroupName = groupName;
  }
  if (typeof write.lang === 'string') {
    if (!enabledLanguages.has(write.lang))
      throw wrongParameter(`Language '${write.lang}' is not enabled in the store`);
    customer.lang = write.lang;
  }
  if (typeof write.taxId === 'string') customer.taxId = write.taxId;
  if (typeof write.taxIdValid === 'boolean') customer.taxIdValid = write.taxIdValid;
  if (typeof write.taxExempt === 'boolean') customer.taxExempt = write.taxExempt;
  if (write.b2b_b2c) customer.b2b_b2c = write.b2b_b2c;
  if (typeof write.acceptMarketing === 'boolean') customer.acceptMarketing = write.acceptMarketing;
  if (typeof write.privateAdminNotes === 'string') customer.privateAdminNotes = write.privateAdminNotes;
  customer.updated = now;
}

/** `POST /customers`: e-mail required and unique (sheet §2.2); answers the new id only. */
export function createEcwidCustomer(store: EcwidStore, body: unknown, now: Date): { id: number } {
  const write = parseWrite(body);
  if (typeof write.email !== 'string' || write.email === '') throw wrongParameter('Email is required');
  const timestamp = formatEcwidDate(now);
  const customer: EcwidCustomer = {
    id: store.allocateCustomerId(),
    email: '',
    registered: timestamp,
    updated: timestamp,
    customerGroupId: 0,
    customerGroupName: 'General',
    billingPerson: {},
    shippingAddresses: [],
    contacts: [],
    taxId: '',
    taxIdValid: true,
    taxExempt: false,
    b2b_b2c: 'b2c',
    acceptMarketing: null,
    lang: 'en',
    privateAdminNotes: '',
    favorites: [],
  };
  applyWrite(store, customer, write, timestamp);
  // Assumed: Ecwid records the account e-mail as the default EMAIL contact, as its examples show.
  if (write.contacts === undefined || write.contacts === null) {
    customer.contacts = [
      {
        id: store.allocateContactId(),
        contact: customer.email,
        type: 'EMAIL',
        default: true,
        orderBy: 0,
        timestamp,
      },
    ];
  }
  store.customers.set(customer.id, customer);
  return { id: customer.id };
}

/** `PUT /customers/{id}`: a partial update of the sent keys; answers `{ updateCount: 1 }`. */
export function updateEcwidCustomer(store: EcwidStore, customer: EcwidCustomer, body: unknown, now: Date) {
  const write = parseWrite(body);
  // Validate on a copy so a refused write changes nothing.
  const updated = structuredClone(customer);
  applyWrite(store, updated, write, formatEcwidDate(now));
  store.customers.set(customer.id, updated);
  return { updateCount: 1 };
}
