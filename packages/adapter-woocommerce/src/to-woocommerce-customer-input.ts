import {
  type AddressInput,
  blankToNull,
  type CustomerCreateInput,
  type CustomerUpdateInput,
  type InputIssue,
  InvalidRequestError,
} from '@unicart/core';
import { wooCommerceAddressOnlyFields } from './woocommerce-api';

type AddressBlockField = (typeof wooCommerceAddressOnlyFields)[number] | 'phone';

/** The sub-keys of a billing or shipping block to change; the others keep their value (sheet §2.2). */
export type WooCommerceAddressWrite = Partial<Record<AddressBlockField, string>>;

/** The body of `POST /customers` and `PUT /customers/{id}`: only the keys to change. */
export interface WooCommerceCustomerWrite {
  readonly email?: string;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly billing?: WooCommerceAddressWrite;
  readonly shipping?: WooCommerceAddressWrite;
}

type Operation = 'create' | 'update';

/** `null` clears a field (WooCommerce writes `""` for unset); `undefined` leaves it alone. */
function written(value: string | null | undefined): string | undefined {
  return value === undefined ? undefined : (value ?? '');
}

function definedOnly<Key extends string>(
  entries: Record<Key, string | undefined>,
): Partial<Record<Key, string>> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Partial<
    Record<Key, string>
  >;
}

/** Every address sub-key `""`: a block that holds no address. */
const blankAddress: WooCommerceAddressWrite = Object.fromEntries(
  wooCommerceAddressOnlyFields.map((field) => [field, '']),
);

function toAddressWrite(address: AddressInput): WooCommerceAddressWrite {
  return definedOnly<AddressBlockField>({
    first_name: written(address.firstName),
    last_name: written(address.lastName),
    company: written(address.company),
    address_1: written(address.address1),
    address_2: written(address.address2),
    city: written(address.city),
    // The state code, or the name for countries WooCommerce has no state list for (sheet §5).
    state: address.state === undefined ? undefined : (address.state?.code ?? address.state?.name ?? ''),
    postcode: written(address.postalCode),
    country: address.country === undefined ? undefined : (address.country?.code ?? ''),
    phone: written(address.phone),
  });
}

interface AddressWrites {
  billing?: WooCommerceAddressWrite;
  shipping?: WooCommerceAddressWrite;
}

/**
 * One billing and one shipping block, without ids or delivery notes (sheet §9.12, §10). On update the
 * sent list replaces the customer's addresses: WooCommerce changes only the sub-keys sent, so every
 * address sub-key of both blocks is written (`""` where not given). `billing.phone` is the customer's
 * phone, not part of the address: it is written only when given.
 */
function toAddressWrites(
  addresses: readonly AddressInput[] | undefined,
  operation: Operation,
  issues: InputIssue[],
): AddressWrites {
  const writes: AddressWrites = {};
  if (addresses === undefined) return writes;
  addresses.forEach((address, index) => {
    const path = `customer.addresses.${index}`;
    if (address.id !== undefined && address.id !== null) {
      issues.push({ path: `${path}.id`, message: 'WooCommerce addresses have no ids; omit it' });
    }
    if (blankToNull(address.references) !== null) {
      issues.push({
        path: `${path}.references`,
        message: 'WooCommerce addresses have no delivery instructions',
      });
    }
    if (!address.defaultBilling && !address.defaultShipping) {
      issues.push({
        path,
        message:
          'WooCommerce keeps only a billing and a shipping address: set defaultBilling and/or defaultShipping',
      });
    }
    for (const [flag, block] of [
      ['defaultBilling', 'billing'],
      ['defaultShipping', 'shipping'],
    ] as const) {
      if (!address[flag]) continue;
      if (writes[block]) {
        issues.push({ path: `${path}.${flag}`, message: `WooCommerce keeps only one ${block} address` });
      } else {
        writes[block] = toAddressWrite(address);
      }
    }
  });
  if (operation === 'create') return writes;
  return {
    billing: { ...blankAddress, ...writes.billing },
    shipping: { ...blankAddress, phone: '', ...writes.shipping },
  };
}

function unsupportedFieldIssues(input: CustomerUpdateInput): InputIssue[] {
  const issues: InputIssue[] = [];
  if (blankToNull(input.note) !== null) {
    issues.push({ path: 'customer.note', message: 'WooCommerce customers have no note' });
  }
  if (input.acceptsMarketing !== undefined) {
    issues.push({
      path: 'customer.acceptsMarketing',
      message: 'WooCommerce customers have no marketing consent',
    });
  }
  if (input.tags !== undefined && input.tags.length > 0) {
    issues.push({ path: 'customer.tags', message: 'WooCommerce customers have no tags' });
  }
  return issues;
}

function toCustomerWrite(input: CustomerUpdateInput, operation: Operation): WooCommerceCustomerWrite {
  const issues = unsupportedFieldIssues(input);
  if (input.email === undefined || input.email === null) {
    if (operation === 'create') {
      issues.push({ path: 'customer.email', message: 'WooCommerce requires an email to create a customer' });
    } else if (input.email === null) {
      issues.push({ path: 'customer.email', message: 'WooCommerce requires an email; it cannot be removed' });
    }
  }
  const { billing, shipping } = toAddressWrites(input.addresses, operation, issues);
  // The customer phone is the billing phone (sheet §10): one value, so both must agree.
  const phone = written(input.phone);
  if (phone !== undefined && billing?.phone !== undefined && billing.phone !== phone) {
    issues.push({
      path: 'customer.phone',
      message: 'differs from the billing address phone, which is the same field',
    });
  }
  if (issues.length > 0) {
    throw InvalidRequestError.fromIssues('WooCommerce cannot store this customer', issues, {
      platform: 'woocommerce',
    });
  }
  const billingWrite = { ...billing, ...(phone === undefined ? {} : { phone }) };
  return {
    ...(input.email ? { email: input.email } : {}),
    ...(input.firstName === undefined ? {} : { first_name: input.firstName }),
    ...(input.lastName === undefined ? {} : { last_name: input.lastName }),
    ...(Object.keys(billingWrite).length > 0 ? { billing: billingWrite } : {}),
    ...(shipping && Object.keys(shipping).length > 0 ? { shipping } : {}),
  };
}

/**
 * Canonical create input → the body of `POST /customers`. WooCommerce requires an email; username
 * and password are left for WooCommerce to generate (sheet §2.2). Anything WooCommerce cannot store
 * is refused with an `InvalidRequestError` naming the field, before any request.
 */
export function toWooCommerceCreateBody(input: CustomerCreateInput): WooCommerceCustomerWrite {
  return toCustomerWrite(input, 'create');
}

/** Canonical partial update → the body of `PUT /customers/{id}`: only the keys sent. */
export function toWooCommerceUpdateBody(input: CustomerUpdateInput): WooCommerceCustomerWrite {
  return toCustomerWrite(input, 'update');
}
