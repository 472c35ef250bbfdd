import { countryName } from '../seed/geography';
import { BigCommerceError, unprocessable } from './bigcommerce-error';
import { storedStateName } from './bigcommerce-geography';
import { bigcommerceDate, newBigCommerceCustomer } from './bigcommerce-seed';
import type { BigCommerceStore } from './bigcommerce-store';
import type { BigCommerceAddressRecord, BigCommerceCustomerRecord } from './bigcommerce-types';

type Body = Record<string, unknown>;
type Problems = Record<string, string>;

const maxBatch = 10;

/** The array body of a v3 batch write: 1 to 10 objects (sheet §2.2; more → 413). */
export function batchOf(body: unknown, title: string): Body[] {
  if (!Array.isArray(body)) throw unprocessable(title, { '': 'The request body must be an array.' });
  if (body.length > maxBatch) {
    throw new BigCommerceError(
      413,
      'The request payload is too large. The maximum number of items allowed in the array is 10.',
    );
  }
  if (body.length === 0) throw unprocessable(title, { '': 'The request body must not be empty.' });
  return body.map((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw unprocessable(title, { [String(index)]: 'must be an object' });
    }
    return item as Body;
  });
}

function readText(
  body: Body,
  key: string,
  path: string,
  problems: Problems,
  limits: { min?: number; max: number },
): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    problems[path] = `${key} must be a string`;
    return undefined;
  }
  if (value.length < (limits.min ?? 0) || value.length > limits.max) {
    problems[path] = `${key} must be between ${limits.min ?? 0} and ${limits.max} characters`;
    return undefined;
  }
  return value;
}

const customerTextLimits = {
  email: { min: 3, max: 250 },
  first_name: { min: 1, max: 100 },
  last_name: { min: 1, max: 100 },
  company: { max: 255 },
  phone: { max: 50 },
  notes: { max: 65_535 },
  tax_exempt_category: { max: 255 },
} as const;

/** Validates the writable customer fields present in `body` into `target`. */
function applyCustomerFields(
  store: BigCommerceStore,
  body: Body,
  index: number,
  target: BigCommerceCustomerRecord,
  problems: Problems,
  emailsInBatch: Set<string>,
): void {
  for (const [key, limits] of Object.entries(customerTextLimits)) {
    const value = readText(body, key, `${index}.${key}`, problems, limits);
    if (value !== undefined) (target as unknown as Record<string, unknown>)[key] = value;
  }
  if (body.email !== undefined && typeof body.email === 'string') {
    const email = body.email;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) problems[`${index}.email`] = 'email must be a valid email';
    else if (store.hasEmail(email, target.id) || emailsInBatch.has(email.toLowerCase())) {
      problems[`${index}.email`] = `The email address ${email} is already in use.`;
    }
    emailsInBatch.add(email.toLowerCase());
  }
  if (body.customer_group_id !== undefined) {
    if (!Number.isInteger(body.customer_group_id))
      problems[`${index}.customer_group_id`] = 'must be an integer';
    else target.customer_group_id = body.customer_group_id as number;
  }
  if (body.accepts_product_review_abandoned_cart_emails !== undefined) {
    if (typeof body.accepts_product_review_abandoned_cart_emails !== 'boolean') {
      problems[`${index}.accepts_product_review_abandoned_cart_emails`] = 'must be a boolean';
    } else
      target.accepts_product_review_abandoned_cart_emails = body.accepts_product_review_abandoned_cart_emails;
  }
}

const addressTextLimits = {
  first_name: { max: 255 },
  last_name: { max: 255 },
  company: { max: 255 },
  address1: { max: 255 },
  address2: { max: 255 },
  city: { max: 100 },
  state_or_province: { max: 100 },
  postal_code: { max: 30 },
  phone: { max: 50 },
  country_code: { max: 2 },
} as const;

/**
 * An address body into a record (sheet §2.2, §2.3): required names, `address1`, `city` and a known
 * `country_code`; a state where the country has a state list must be one of its names (a code is
 * refused). `required` lists the keys a standalone POST also requires.
 */
export function readAddress(
  body: unknown,
  path: string,
  base: BigCommerceAddressRecord,
  required: readonly string[],
  problems: Problems,
): BigCommerceAddressRecord {
  const address = { ...base };
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    problems[path] = 'must be an object';
    return address;
  }
  const fields = body as Body;
  for (const key of required) {
    if (fields[key] === undefined) problems[`${path}.${key}`] = `${key} is required`;
  }
  for (const [key, limits] of Object.entries(addressTextLimits)) {
    const value = readText(fields, key, `${path}.${key}`, problems, limits);
    if (value !== undefined) (address as unknown as Record<string, unknown>)[key] = value;
  }
  if (fields.address_type !== undefined) {
    if (fields.address_type === 'residential' || fields.address_type === 'commercial') {
      address.address_type = fields.address_type;
    } else problems[`${path}.address_type`] = 'address_type must be residential or commercial';
  }
  const country = countryName(address.country_code);
  if (country === null) {
    problems[`${path}.country_code`] = `'${address.country_code}' is not a valid country code`;
    return address;
  }
  address.country_code = address.country_code.toUpperCase();
  address.country = country;
  const state = storedStateName(address.country_code, address.state_or_province);
  if (state === undefined) {
    problems[`${path}.state_or_province`] =
      `'${address.state_or_province}' is not a valid state or province of ${country}. State or province codes are not accepted.`;
  } else address.state_or_province = state;
  for (const key of ['first_name', 'last_name', 'address1', 'city'] as const) {
    if (address[key] === '') problems[`${path}.${key}`] ??= `${key} must not be empty`;
  }
  return address;
}

const blankAddress = (id: number, customerId: number): BigCommerceAddressRecord => ({
  id,
  customer_id: customerId,
  first_name: '',
  last_name: '',
  company: '',
  address1: '',
  address2: '',
  city: '',
  state_or_province: '',
  postal_code: '',
  country_code: '',
  country: '',
  phone: '',
  address_type: 'residential',
});

/** `POST /v3/customers`: all or nothing; one invalid item fails the batch (sheet §7, unconfirmed). */
export function createBigCommerceCustomers(
  store: BigCommerceStore,
  body: unknown,
  now: Date,
): BigCommerceCustomerRecord[] {
  const title = 'Create customers failed.';
  const items = batchOf(body, title);
  const problems: Problems = {};
  const emails = new Set<string>();
  const created = items.map((item, index) => {
    for (const key of ['email', 'first_name', 'last_name']) {
      if (item[key] === undefined) problems[`${index}.${key}`] = `${key} is required`;
    }
    const customer = newBigCommerceCustomer(0, now);
    applyCustomerFields(store, item, index, customer, problems, emails);
    const addresses = item.addresses;
    if (addresses !== undefined) {
      if (!Array.isArray(addresses) || addresses.length > maxBatch) {
        problems[`${index}.addresses`] = 'addresses must be an array of at most 10 addresses';
      } else {
        customer.addresses = addresses.map((address, position) =>
          readAddress(address, `${index}.addresses.${position}`, blankAddress(0, 0), [], problems),
        );
      }
    }
    return customer;
  });
  if (Object.keys(problems).length > 0) throw unprocessable(title, problems);
  for (const customer of created) {
    customer.id = store.allocateCustomerId();
    for (const address of customer.addresses) {
      address.id = store.allocateAddressId();
      address.customer_id = customer.id;
    }
    store.customers.set(customer.id, customer);
  }
  return created;
}

/** `PUT /v3/customers`: partial updates by `id`; `addresses` are not a field of it and change nothing. */
export function updateBigCommerceCustomers(
  store: BigCommerceStore,
  body: unknown,
  now: Date,
): BigCommerceCustomerRecord[] {
  const title = 'Update customers failed.';
  const items = batchOf(body, title);
  const problems: Problems = {};
  const emails = new Set<string>();
  const updated = items.map((item, index) => {
    const existing = Number.isInteger(item.id) ? store.customers.get(item.id as number) : undefined;
    if (existing === undefined) {
      problems[`${index}.id`] =
        item.id === undefined ? 'id is required' : `Customer ${String(item.id)} not found.`;
      return undefined;
    }
    const customer = structuredClone(existing);
    applyCustomerFields(store, item, index, customer, problems, emails);
    customer.date_modified = bigcommerceDate(now);
    return customer;
  });
  if (Object.keys(problems).length > 0) throw unprocessable(title, problems);
  const stored = updated.filter((customer) => customer !== undefined);
  for (const customer of stored) store.customers.set(customer.id, customer);
  return stored;
}

function sameAddress(left: BigCommerceAddressRecord, right: BigCommerceAddressRecord): boolean {
  const keys = [
    'first_name',
    'last_name',
    'company',
    'phone',
    'address_type',
    'address1',
    'address2',
    'city',
    'country_code',
    'state_or_province',
    'postal_code',
  ] as const;
  return keys.every((key) => left[key] === right[key]);
}

/** `POST /v3/customers/addresses`: an address identical to one of the customer's is not created (sheet §2.3). */
export function createBigCommerceAddresses(
  store: BigCommerceStore,
  body: unknown,
): BigCommerceAddressRecord[] {
  const title = 'Create addresses failed.';
  const items = batchOf(body, title);
  const problems: Problems = {};
  const required = [
    'customer_id',
    'first_name',
    'last_name',
    'address1',
    'city',
    'country_code',
    'state_or_province',
    'postal_code',
  ];
  const read = items.map((item, index) => {
    const customer = Number.isInteger(item.customer_id)
      ? store.customers.get(item.customer_id as number)
      : undefined;
    if (customer === undefined && item.customer_id !== undefined) {
      problems[`${index}.customer_id`] = `Customer ${String(item.customer_id)} not found.`;
    }
    return {
      customer,
      address: readAddress(item, String(index), blankAddress(0, customer?.id ?? 0), required, problems),
    };
  });
  if (Object.keys(problems).length > 0) throw unprocessable(title, problems);
  const created: BigCommerceAddressRecord[] = [];
  for (const { customer, address } of read) {
    if (customer === undefined || customer.addresses.some((existing) => sameAddress(existing, address)))
      continue;
    address.id = store.allocateAddressId();
    customer.addresses.push(address);
    created.push(address);
  }
  return created;
}

/** `PUT /v3/customers/addresses`: partial updates by `id`; one that would duplicate another changes nothing. */
export function updateBigCommerceAddresses(
  store: BigCommerceStore,
  body: unknown,
): BigCommerceAddressRecord[] {
  const title = 'Update addresses failed.';
  const items = batchOf(body, title);
  const problems: Problems = {};
  const owners = new Map<number, BigCommerceCustomerRecord>();
  for (const customer of store.customers.values()) {
    for (const address of customer.addresses) owners.set(address.id, customer);
  }
  const read = items.map((item, index) => {
    const customer = Number.isInteger(item.id) ? owners.get(item.id as number) : undefined;
    const existing = customer?.addresses.find((address) => address.id === item.id);
    if (customer === undefined || existing === undefined) {
      problems[`${index}.id`] =
        item.id === undefined ? 'id is required' : `Address ${String(item.id)} not found.`;
      return undefined;
    }
    return { customer, address: readAddress(item, String(index), existing, [], problems) };
  });
  if (Object.keys(problems).length > 0) throw unprocessable(title, problems);
  const changed: BigCommerceAddressRecord[] = [];
  for (const entry of read) {
    if (entry === undefined) continue;
    const { customer, address } = entry;
    const others = customer.addresses.filter((other) => other.id !== address.id);
    if (others.some((other) => sameAddress(other, address))) continue;
    customer.addresses = customer.addresses.map((other) => (other.id === address.id ? address : other));
    changed.push(address);
  }
  return changed;
}
