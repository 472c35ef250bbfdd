import {
  type AddressInput,
  type CustomerCreateInput,
  type CustomerUpdateInput,
  type InputIssue,
  InvalidRequestError,
} from '@unicart/core';
import type { BigCommerceAddress } from './bigcommerce-api';

/** At most 10 addresses per customer in one create (sheet §2.2). */
export const maxAddressesPerCreate = 10;

/** An address as `POST`/`PUT /v3/customers/addresses` and the create body take it (sheet §2.2, §2.3). */
export interface BigCommerceAddressWrite {
  readonly first_name: string;
  readonly last_name: string;
  readonly company: string;
  readonly address1: string;
  readonly address2: string;
  readonly city: string;
  /** The full name, `""` for none (codes are refused, sheet §5). */
  readonly state_or_province: string;
  readonly postal_code: string;
  readonly country_code: string;
  readonly phone: string;
  readonly address_type: 'residential';
}

/** `customer_Post` / `customer_Put` fields this adapter writes; only the keys to change. */
export interface BigCommerceCustomerWrite {
  readonly email?: string;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly phone?: string;
  readonly notes?: string;
  readonly addresses?: readonly BigCommerceAddressWrite[];
}

/** A state code BigCommerce's geography must name before the write (sheet §5). */
export interface StateCodeLookup {
  readonly countryCode: string;
  readonly code: string;
}

/**
 * The state name to write for a code: the name BigCommerce's geography gives, the code itself for
 * a country without a state list (any text is accepted there), `undefined` for an unknown code.
 */
export type StateNames = (lookup: StateCodeLookup) => string | undefined;

/** The names a customer's addresses fall back to: BigCommerce requires names on every address. */
export interface CustomerNames {
  readonly firstName: string | null | undefined;
  readonly lastName: string | null | undefined;
}

/** The state codes of `addresses` that must be looked up (a code without a name). */
export function stateCodesToLookUp(addresses: readonly AddressInput[] | undefined): StateCodeLookup[] {
  return (addresses ?? []).flatMap((address) => {
    const code = address.state?.code?.trim();
    const countryCode = address.country?.code;
    if (!code || address.state?.name?.trim() || !countryCode) return [];
    return [{ countryCode, code }];
  });
}

function refused(issues: readonly InputIssue[]): InvalidRequestError {
  const detail = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return new InvalidRequestError(`Invalid customer for BigCommerce: ${detail}`, {
    platform: 'bigcommerce',
    issues,
  });
}

const text = (value: string | null | undefined) => value?.trim() ?? '';

function toAddressWrite(
  address: AddressInput,
  path: string,
  names: CustomerNames,
  stateNames: StateNames,
  issues: InputIssue[],
): BigCommerceAddressWrite {
  const countryCode = address.country?.code;
  if (!countryCode) issues.push({ path: `${path}.country`, message: 'is required by BigCommerce' });
  for (const key of ['address1', 'city'] as const) {
    if (text(address[key]) === '')
      issues.push({ path: `${path}.${key}`, message: 'is required by BigCommerce' });
  }
  if (text(address.references) !== '') {
    issues.push({
      path: `${path}.references`,
      message: 'BigCommerce addresses have no delivery instructions',
    });
  }
  const firstName = text(address.firstName) || text(names.firstName);
  const lastName = text(address.lastName) || text(names.lastName);
  if (firstName === '') issues.push({ path: `${path}.firstName`, message: 'is required by BigCommerce' });
  if (lastName === '') issues.push({ path: `${path}.lastName`, message: 'is required by BigCommerce' });
  let state = text(address.state?.name);
  const code = text(address.state?.code);
  if (state === '' && code !== '' && countryCode) {
    const name = stateNames({ countryCode, code });
    if (name === undefined) {
      issues.push({
        path: `${path}.state.code`,
        message: `is not a state BigCommerce knows in ${countryCode}`,
      });
    } else state = name;
  }
  return {
    first_name: firstName,
    last_name: lastName,
    company: text(address.company),
    address1: text(address.address1),
    address2: text(address.address2),
    city: text(address.city),
    state_or_province: state,
    postal_code: text(address.postalCode),
    country_code: countryCode ?? '',
    phone: text(address.phone),
    address_type: 'residential',
  };
}

/** Canonical addresses → BigCommerce's, or an `InvalidRequestError` naming every problem. */
export function toBigCommerceAddressWrites(
  addresses: readonly AddressInput[],
  names: CustomerNames,
  stateNames: StateNames,
): BigCommerceAddressWrite[] {
  const issues: InputIssue[] = [];
  const writes = addresses.map((address, index) =>
    toAddressWrite(address, `customer.addresses[${index}]`, names, stateNames, issues),
  );
  if (issues.length > 0) throw refused(issues);
  return writes;
}

function commonIssues(input: CustomerUpdateInput): InputIssue[] {
  const issues: InputIssue[] = [];
  // BigCommerce has no tags (customer groups are not tags, sheet §10).
  if (input.tags !== undefined && input.tags.length > 0) {
    issues.push({
      path: 'customer.tags',
      message: 'BigCommerce customers have no tags: only [] can be stored',
    });
  }
  if (input.email === null) issues.push({ path: 'customer.email', message: 'BigCommerce requires an email' });
  // Consent is a separate subscriber record that reads cannot show without a request per customer
  // (sheet §2.4): refused rather than written where no read would see it.
  if (input.acceptsMarketing !== undefined) {
    issues.push({
      path: 'customer.acceptsMarketing',
      message: 'BigCommerce keeps newsletter consent in its subscribers, which this adapter does not write',
    });
  }
  return issues;
}

/**
 * Checks what can be checked of addresses before the customer is read: everything but the names
 * (which may come from the stored customer) and the state codes (looked up afterwards).
 */
export function assertAddressesWritable(addresses: readonly AddressInput[]): void {
  toBigCommerceAddressWrites(addresses, { firstName: 'stored', lastName: 'stored' }, ({ code }) => code);
}

/** The customer fields of an input, `null` written as BigCommerce's "unset" `""`. */
function customerFields(input: CustomerUpdateInput): BigCommerceCustomerWrite {
  return {
    ...(input.email ? { email: input.email } : {}),
    ...(input.firstName === undefined ? {} : { first_name: input.firstName }),
    ...(input.lastName === undefined ? {} : { last_name: input.lastName }),
    ...(input.phone === undefined ? {} : { phone: input.phone ?? '' }),
    ...(input.note === undefined ? {} : { notes: input.note ?? '' }),
  };
}

/** The one `customer_Post` of a create (BigCommerce requires `email`, sheet §2.2), addresses inside. */
export function toBigCommerceCreateBody(
  input: CustomerCreateInput,
  stateNames: StateNames,
): BigCommerceCustomerWrite {
  const issues = commonIssues(input);
  if (input.email === undefined)
    issues.push({ path: 'customer.email', message: 'BigCommerce requires an email' });
  const addresses = input.addresses ?? [];
  if (addresses.length > maxAddressesPerCreate) {
    issues.push({
      path: 'customer.addresses',
      message: `BigCommerce takes at most ${maxAddressesPerCreate}`,
    });
  }
  if (issues.length > 0) throw refused(issues);
  return {
    ...customerFields(input),
    ...(addresses.length === 0
      ? {}
      : { addresses: toBigCommerceAddressWrites(addresses, input, stateNames) }),
  };
}

/** The customer fields of an update (`customer_Put` without its `id`); `{}` when only addresses change. */
export function toBigCommerceUpdateBody(input: CustomerUpdateInput): BigCommerceCustomerWrite {
  const issues = commonIssues(input);
  if (issues.length > 0) throw refused(issues);
  return customerFields(input);
}

/** How a customer's address book becomes the one given (sheet §10, input direction). */
export interface AddressBookChanges {
  /** New addresses (`POST /v3/customers/addresses`, `customer_id` added by the caller). */
  readonly create: readonly BigCommerceAddressWrite[];
  /** Kept addresses, rewritten as given (`PUT`, by id). */
  readonly update: readonly (BigCommerceAddressWrite & { readonly id: number })[];
  /** Addresses not given any more (`DELETE ?id:in=`). */
  readonly remove: readonly number[];
}

/**
 * Replaces `existing` with `wanted`: an address with the id of an existing one rewrites it, one
 * without an id is added, the existing ones not named are deleted. An id the customer does not
 * have is refused before any write.
 */
export function planAddressBookChanges(
  existing: readonly BigCommerceAddress[],
  wanted: readonly AddressInput[],
  names: CustomerNames,
  stateNames: StateNames,
): AddressBookChanges {
  const existingIds = new Set(existing.map((address) => String(address.id)));
  const issues: InputIssue[] = [];
  wanted.forEach((address, index) => {
    if (address.id !== undefined && address.id !== null && !existingIds.has(address.id)) {
      issues.push({ path: `customer.addresses[${index}].id`, message: 'is not an address of this customer' });
    }
  });
  if (issues.length > 0) throw refused(issues);
  const writes = toBigCommerceAddressWrites(wanted, names, stateNames);
  const kept = new Set(wanted.flatMap((address) => (address.id ? [address.id] : [])));
  return {
    create: writes.filter((_, index) => !wanted[index]?.id),
    update: writes.flatMap((write, index) => {
      const id = wanted[index]?.id;
      return id ? [{ id: Number(id), ...write }] : [];
    }),
    remove: existing.filter((address) => !kept.has(String(address.id))).map((address) => address.id),
  };
}
