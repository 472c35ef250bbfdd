import {
  type AddressInput,
  blankToNull,
  type CustomerCreateInput,
  type CustomerUpdateInput,
  type InputIssue,
  InvalidRequestError,
} from '@unicart/core';
import type { JumpsellerCustomer } from './jumpseller-api';
import { defaultBillingAddress, jumpsellerName } from './map-jumpseller-customer';

/** A written address: it replaces the default one whole, every key not sent becomes null (sheet §6). */
export interface JumpsellerAddressWrite {
  readonly name: string | null;
  readonly surname: string | null;
  readonly address: string | null;
  readonly city: string | null;
  readonly postal: string | null;
  readonly municipality: string | null;
  readonly region: string | null;
  readonly country: string | null;
}

export interface JumpsellerBillingAddressWrite extends JumpsellerAddressWrite {
  readonly taxid: string | null;
}

/** The `customer` object of `POST /customers.json` and `PUT /customers/{id}.json` (sheet §6). */
export interface JumpsellerCustomerWrite {
  readonly email?: string;
  readonly phone?: string | null;
  readonly accepts_marketing?: boolean;
  readonly billing_address?: JumpsellerBillingAddressWrite;
  readonly shipping_address?: JumpsellerAddressWrite;
  /** Category ids; replaces the customer's categories. */
  readonly customer_category?: readonly number[];
}

/** Address fields Jumpseller has no place for (sheet §12). */
const unstorableAddressFields = ['id', 'address2', 'phone', 'company', 'references'] as const;

/** What Jumpseller cannot store, named field by field, so nothing is dropped silently. */
function unstorable(input: CustomerUpdateInput, operation: 'create' | 'update'): InputIssue[] {
  const issues: InputIssue[] = [];
  if (operation === 'create' && !input.email) {
    issues.push({ path: 'customer.email', message: 'is required: Jumpseller identifies customers by email' });
  }
  if (operation === 'update' && input.email === null) {
    issues.push({ path: 'customer.email', message: 'cannot be removed: Jumpseller requires an email' });
  }
  if (blankToNull(input.note) !== null) {
    issues.push({ path: 'customer.note', message: 'Jumpseller customers have no note' });
  }
  if (input.tags !== undefined && input.tags.length > 0) {
    issues.push({
      path: 'customer.tags',
      message: 'are Jumpseller customer categories, which are assigned in the Jumpseller admin',
    });
  }
  const addresses = input.addresses ?? [];
  if (operation === 'update' && input.addresses?.length === 0) {
    issues.push({ path: 'customer.addresses', message: 'Jumpseller cannot delete addresses' });
  }
  addresses.forEach((address, index) => {
    const path = `customer.addresses.${index}`;
    for (const field of unstorableAddressFields) {
      if (blankToNull(address[field]) !== null) {
        issues.push({ path: `${path}.${field}`, message: 'Jumpseller addresses have no such field' });
      }
    }
    if (!address.defaultBilling && !address.defaultShipping) {
      issues.push({
        path,
        message:
          'Jumpseller writes only the default billing and shipping addresses: set defaultBilling or defaultShipping',
      });
    }
    if (
      address.state &&
      blankToNull(address.state.code ?? null) === null &&
      blankToNull(address.state.name ?? null) !== null
    ) {
      issues.push({ path: `${path}.state.code`, message: 'is required: Jumpseller stores region codes' });
    }
  });
  for (const flag of ['defaultBilling', 'defaultShipping'] as const) {
    if (addresses.filter((address) => address[flag]).length > 1) {
      issues.push({ path: 'customer.addresses', message: `only one address can be ${flag}` });
    }
  }
  const billing = addresses.find((address) => address.defaultBilling);
  for (const field of ['firstName', 'lastName'] as const) {
    const own = blankToNull(input[field]);
    const onAddress = blankToNull(billing?.[field]);
    if (own !== null && onAddress !== null && own !== onAddress) {
      issues.push({
        path: `customer.${field}`,
        message: 'differs from the billing address: Jumpseller keeps the name in the default billing address',
      });
    }
  }
  return issues;
}

function addressWrite(address: AddressInput): JumpsellerAddressWrite {
  return {
    name: blankToNull(address.firstName),
    surname: blankToNull(address.lastName),
    address: blankToNull(address.address1),
    city: blankToNull(address.city),
    postal: blankToNull(address.postalCode),
    municipality: null,
    region: blankToNull(address.state?.code ?? null),
    country: address.country?.code ?? null,
  };
}

/**
 * Refuses, naming each field, what Jumpseller cannot store: a create without email, a note, tags
 * (customer categories are assigned in the admin), address fields it has no place for, more than
 * one default address of a kind, removing addresses or the email.
 */
export function assertJumpsellerCanStore(input: CustomerUpdateInput, operation: 'create' | 'update'): void {
  const issues = unstorable(input, operation);
  if (issues.length > 0) {
    throw InvalidRequestError.fromIssues('Jumpseller cannot store this customer', issues, {
      platform: 'jumpseller',
    });
  }
}

/** Whether an update has to read the customer first: its name and addresses are written whole. */
export function updateNeedsCurrentCustomer(input: CustomerUpdateInput): boolean {
  return input.firstName !== undefined || input.lastName !== undefined || input.addresses !== undefined;
}

/**
 * The default billing address to send: the input's billing address, else the current one, with the
 * customer's name on it. A tax id and municipality (no canonical home) are kept from the current one
 * while the address stays in the same city and country.
 */
function billingWrite(
  input: CustomerUpdateInput,
  current: JumpsellerCustomer | null,
): JumpsellerBillingAddressWrite | undefined {
  const sent = input.addresses?.find((address) => address.defaultBilling);
  if (sent === undefined && input.firstName === undefined && input.lastName === undefined) return undefined;
  const existing = current === null ? null : defaultBillingAddress(current);
  const name = current === null ? { firstName: null, lastName: null } : jumpsellerName(current);
  const base: JumpsellerAddressWrite =
    sent !== undefined
      ? addressWrite(sent)
      : {
          name: blankToNull(existing?.name),
          surname: blankToNull(existing?.surname),
          address: blankToNull(existing?.address),
          city: blankToNull(existing?.city),
          postal: blankToNull(existing?.postal),
          municipality: blankToNull(existing?.municipality),
          region: blankToNull(existing?.region),
          country: blankToNull(existing?.country),
        };
  const samePlace =
    existing != null &&
    base.city === blankToNull(existing.city) &&
    base.country === blankToNull(existing.country);
  return {
    ...base,
    name: input.firstName ?? base.name ?? name.firstName,
    surname: input.lastName ?? base.surname ?? name.lastName,
    municipality: base.municipality ?? (samePlace ? blankToNull(existing?.municipality) : null),
    taxid: blankToNull(existing?.taxid),
  };
}

function shippingWrite(input: CustomerUpdateInput): JumpsellerAddressWrite | undefined {
  const sent = input.addresses?.find((address) => address.defaultShipping);
  return sent === undefined ? undefined : addressWrite(sent);
}

/** The `customer` object: the scalar fields given, and the default addresses to write whole. */
function customerWrite(
  input: CustomerUpdateInput,
  current: JumpsellerCustomer | null,
): JumpsellerCustomerWrite {
  const billing = billingWrite(input, current);
  const shipping = shippingWrite(input);
  return {
    ...(input.email ? { email: input.email } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.acceptsMarketing !== undefined ? { accepts_marketing: input.acceptsMarketing } : {}),
    // `tags: []` empties the categories; other tags were refused above.
    ...(input.tags !== undefined ? { customer_category: [] } : {}),
    ...(billing === undefined ? {} : { billing_address: billing }),
    ...(shipping === undefined ? {} : { shipping_address: shipping }),
  };
}

/**
 * Canonical create → `{"customer": …}`. The name goes into the default billing address, the only
 * place Jumpseller keeps one (sheet §6, §12); an email is required. Refuses, before any request,
 * whatever Jumpseller cannot store.
 */
export function toJumpsellerCreateBody(input: CustomerCreateInput): { customer: JumpsellerCustomerWrite } {
  assertJumpsellerCanStore(input, 'create');
  return { customer: customerWrite(input, null) };
}

/**
 * Canonical partial update → `{"customer": …}` with only what changes. A changed name or default
 * address is sent whole, built on `current` (the customer as read just before), since Jumpseller
 * sets every address key not sent to null (sheet §6).
 */
export function toJumpsellerUpdateBody(
  input: CustomerUpdateInput,
  current: JumpsellerCustomer | null,
): { customer: JumpsellerCustomerWrite } {
  assertJumpsellerCanStore(input, 'update');
  return { customer: customerWrite(input, current) };
}
