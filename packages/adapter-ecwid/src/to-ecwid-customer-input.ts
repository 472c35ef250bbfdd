import {
  type AddressInput,
  blankToNull,
  type CustomerCreateInput,
  type CustomerUpdateInput,
  type InputIssue,
  InvalidRequestError,
  joinFullName,
  type NameParts,
  toCountry,
} from '@unicart/core';
import type {
  EcwidCustomer,
  EcwidCustomerWrite,
  EcwidPerson,
  EcwidPersonWrite,
  EcwidShippingAddressWrite,
} from './ecwid-api';
import { ecwidPersonName, hasEcwidPhoneContact } from './map-ecwid-customer';

type CustomerInput = CustomerCreateInput | CustomerUpdateInput;

/** The place fields of `billingPerson` and `shippingAddresses[]` (sheet §2.2). */
type EcwidPlaceWrite = Omit<EcwidPersonWrite, 'name' | 'phone'>;

const placeFields = [
  'companyName',
  'street',
  'city',
  'countryCode',
  'countryName',
  'postalCode',
  'stateOrProvinceCode',
  'stateOrProvinceName',
] as const satisfies readonly (keyof EcwidPlaceWrite)[];

function compact<Shape extends object>(value: Shape): Shape {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Shape;
}

function refuse(issues: readonly InputIssue[]): InvalidRequestError {
  return InvalidRequestError.fromIssues('Ecwid cannot store this customer', issues, { platform: 'ecwid' });
}

const addressPath = (index: number, field: keyof AddressInput) => `customer.addresses.${index}.${field}`;

/** Ecwid has one billing person without id or delivery note; every other address is a shipping one. */
const isBillingOnly = (address: AddressInput) => address.defaultBilling === true && !address.defaultShipping;

function addressIssues(addresses: readonly AddressInput[]): InputIssue[] {
  const issues: InputIssue[] = [];
  const flagged = (flag: 'defaultBilling' | 'defaultShipping') =>
    addresses.flatMap((address, index) => (address[flag] === true ? [index] : [])).slice(1);
  for (const index of flagged('defaultBilling')) {
    issues.push({
      path: addressPath(index, 'defaultBilling'),
      message: 'is set twice: Ecwid has one billing address',
    });
  }
  for (const index of flagged('defaultShipping')) {
    issues.push({
      path: addressPath(index, 'defaultShipping'),
      message: 'is set twice: Ecwid has one default shipping address',
    });
  }
  addresses.forEach((address, index) => {
    // Ecwid keeps both lines in one `street`, separated by a newline (sheet §9.7).
    if (address.address1?.includes('\n')) {
      issues.push({ path: addressPath(index, 'address1'), message: 'must be a single line on Ecwid' });
    }
    if (isBillingOnly(address) && address.id != null) {
      issues.push({
        path: addressPath(index, 'id'),
        message: "must be null: Ecwid's billing address has no id",
      });
    }
    if (isBillingOnly(address) && address.references != null) {
      issues.push({
        path: addressPath(index, 'references'),
        message: "must be null: Ecwid's billing address has no delivery instructions",
      });
    }
    if (!isBillingOnly(address) && address.id != null && !/^\d{1,18}$/.test(address.id)) {
      issues.push({ path: addressPath(index, 'id'), message: 'is not an Ecwid address id' });
    }
  });
  return issues;
}

function storableIssues(input: CustomerInput): InputIssue[] {
  const issues: InputIssue[] = [];
  if (input.tags !== undefined && input.tags.length > 0) {
    issues.push({ path: 'customer.tags', message: 'must be empty: Ecwid customers have no tags' });
  }
  if (input.email === null) {
    issues.push({ path: 'customer.email', message: 'cannot be removed: Ecwid requires an email' });
  }
  return [...issues, ...addressIssues(input.addresses ?? [])];
}

/**
 * Refuses, before any request, what Ecwid cannot store whatever the customer's current state:
 * tags, a removed email, and addresses Ecwid has no place for.
 */
export function assertEcwidCanStore(input: CustomerInput): void {
  const issues = storableIssues(input);
  if (issues.length > 0) throw refuse(issues);
}

/**
 * Ecwid's billing person carries the customer's own name and phone (sheet §10): a billing address
 * that names another person or phone cannot be stored.
 */
function billingIssues(addresses: readonly AddressInput[], names: NameParts, phone: string | null) {
  const issues: InputIssue[] = [];
  const index = addresses.findIndex((address) => address.defaultBilling === true);
  const billing = addresses[index];
  if (billing === undefined) return issues;
  const shared = [
    ['firstName', names.firstName],
    ['lastName', names.lastName],
    ['phone', phone],
  ] as const;
  for (const [field, customerValue] of shared) {
    const value = billing[field];
    if (value != null && value !== customerValue) {
      issues.push({
        path: addressPath(index, field),
        message: `must equal the customer's ${field}: on Ecwid the billing address shares it with the customer`,
      });
    }
  }
  return issues;
}

function joinStreet(address1: string | null | undefined, address2: string | null | undefined) {
  if (address2 == null) return address1;
  return `${address1 ?? ''}\n${address2}`;
}

/**
 * The place fields of an address. `complete` writes `""` for every unknown field (Ecwid's own
 * blank, sheet §9.10), so a whole sub-object replaces what was there, whether Ecwid merges or not.
 */
function placeWrite(address: AddressInput | undefined, complete: boolean): EcwidPlaceWrite {
  const value = (text: string | null | undefined) => text ?? (complete ? '' : undefined);
  const country = address?.country ? toCountry(address.country.code) : null;
  return compact({
    companyName: value(address?.company),
    street: value(joinStreet(address?.address1, address?.address2)),
    city: value(address?.city),
    countryCode: value(country?.code),
    countryName: value(country?.name),
    postalCode: value(address?.postalCode),
    stateOrProvinceCode: value(address?.state?.code),
    stateOrProvinceName: value(address?.state?.name),
  });
}

/** An existing address (with `id`) is written complete; a new one only with what it has. */
function shippingWrite(address: AddressInput): EcwidShippingAddressWrite {
  const complete = address.id != null;
  const value = (text: string | null | undefined) => text ?? (complete ? '' : undefined);
  return compact({
    id: address.id == null ? undefined : Number(address.id),
    name: value(joinFullName(address.firstName, address.lastName)),
    phone: value(address.phone),
    note: value(address.references),
    defaultAddress: address.defaultShipping === true,
    ...placeWrite(address, complete),
  });
}

function shippingAddressesOf(addresses: readonly AddressInput[]): EcwidShippingAddressWrite[] {
  return addresses.filter((address) => !isBillingOnly(address)).map(shippingWrite);
}

/**
 * Canonical create → `POST /customers` body (sheet §2.2, §10). Names go to `billingPerson.name`
 * (Ecwid derives first and last name from it), the phone to `billingPerson.phone`, the billing
 * address to `billingPerson`, the others to `shippingAddresses`. Ecwid requires an email.
 */
export function toEcwidCreateBody(input: CustomerCreateInput): EcwidCustomerWrite {
  const addresses = input.addresses ?? [];
  const issues = [
    ...storableIssues(input),
    ...billingIssues(
      addresses,
      { firstName: input.firstName, lastName: input.lastName },
      input.phone ?? null,
    ),
  ];
  if (input.email == null) issues.push({ path: 'customer.email', message: 'is required by Ecwid' });
  addresses.forEach((address, index) => {
    if (!isBillingOnly(address) && address.id != null) {
      issues.push({
        path: addressPath(index, 'id'),
        message: 'must be absent: a new customer has no addresses',
      });
    }
  });
  if (issues.length > 0) throw refuse(issues);
  const shippingAddresses = shippingAddressesOf(addresses);
  return compact({
    email: input.email ?? undefined,
    billingPerson: compact({
      name: joinFullName(input.firstName, input.lastName) ?? undefined,
      phone: input.phone ?? undefined,
      ...placeWrite(
        addresses.find((address) => address.defaultBilling === true),
        false,
      ),
    }),
    shippingAddresses: shippingAddresses.length > 0 ? shippingAddresses : undefined,
    acceptMarketing: input.acceptsMarketing,
    privateAdminNotes: input.note ?? undefined,
  });
}

function currentPlace(person: EcwidPerson | null | undefined): EcwidPlaceWrite {
  return Object.fromEntries(placeFields.map((field) => [field, person?.[field] ?? ''])) as EcwidPlaceWrite;
}

function unknownAddressIssues(addresses: readonly AddressInput[], current: EcwidCustomer): InputIssue[] {
  const known = new Set((current.shippingAddresses ?? []).map((address) => String(address.id)));
  return addresses.flatMap((address, index) =>
    !isBillingOnly(address) && address.id != null && !known.has(address.id)
      ? [{ path: addressPath(index, 'id'), message: "is not one of this customer's Ecwid addresses" }]
      : [],
  );
}

/**
 * Canonical partial update → `PUT /customers/{id}` body, given the customer as Ecwid has it now.
 * Only the keys sent change. Whether Ecwid merges a sent `billingPerson` or `shippingAddresses`
 * is unconfirmed (sheet §2.2), so when either changes it is sent complete: the current one with
 * the change applied. `addresses` replaces the whole list: the billing entry (or none) becomes the
 * billing person's address, the others the shipping addresses, existing ones kept by `id`.
 */
export function toEcwidUpdateBody(input: CustomerUpdateInput, current: EcwidCustomer): EcwidCustomerWrite {
  const issues = storableIssues(input);
  const currentNames = ecwidPersonName(current.billingPerson, current.name);
  const renamed = input.firstName !== undefined || input.lastName !== undefined;
  const names = {
    firstName: input.firstName ?? currentNames.firstName,
    lastName: input.lastName ?? currentNames.lastName,
  };
  // Ecwid reads the first word of its one full name as the first name (sheet §4).
  if (renamed && names.firstName === null) {
    issues.push({ path: 'customer.firstName', message: 'is required with a lastName on Ecwid' });
  }
  const phone = input.phone !== undefined ? input.phone : blankToNull(current.billingPerson?.phone);
  if (input.phone === null && hasEcwidPhoneContact(current)) {
    issues.push({
      path: 'customer.phone',
      message:
        'cannot be removed: the customer also has a phone contact on Ecwid, which this adapter does not change',
    });
  }
  const addresses = input.addresses;
  if (addresses !== undefined) {
    issues.push(...billingIssues(addresses, names, phone), ...unknownAddressIssues(addresses, current));
  }
  if (issues.length > 0) throw refuse(issues);

  const billing = addresses?.find((address) => address.defaultBilling === true);
  const touchesBillingPerson = renamed || input.phone !== undefined || addresses !== undefined;
  return compact({
    email: input.email ?? undefined,
    billingPerson: touchesBillingPerson
      ? {
          name: renamed
            ? (joinFullName(names.firstName, names.lastName) ?? '')
            : (current.billingPerson?.name ?? current.name ?? ''),
          phone: phone ?? '',
          ...(addresses === undefined ? currentPlace(current.billingPerson) : placeWrite(billing, true)),
        }
      : undefined,
    shippingAddresses: addresses === undefined ? undefined : shippingAddressesOf(addresses),
    acceptMarketing: input.acceptsMarketing,
    privateAdminNotes: input.note === undefined ? undefined : (input.note ?? ''),
  });
}
