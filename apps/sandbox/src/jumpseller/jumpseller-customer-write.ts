import { customerParameterMissing, validationFailed } from './jumpseller-error';
import { jumpsellerDay } from './jumpseller-seed';
import type { JumpsellerStore } from './jumpseller-store';
import type {
  JumpsellerAddress,
  JumpsellerBillingAddress,
  JumpsellerCustomerRecord,
  JumpsellerCustomerStatus,
} from './jumpseller-types';

type Fields = Readonly<Record<string, unknown>>;

const statuses: readonly JumpsellerCustomerStatus[] = ['approved', 'pending', 'disabled'];
// Rails' own e-mail check is loose: something, an @, something with a dot.
const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function isObject(value: unknown): value is Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `customer` object of a write body; Rails' `params.require(:customer)` (sheet §6, §10). */
export function customerFields(body: unknown): Fields {
  const customer = isObject(body) ? body.customer : undefined;
  if (!isObject(customer) || Object.keys(customer).length === 0) throw customerParameterMissing();
  return customer;
}

/** A permitted scalar as Rails casts it into a string column: numbers become text, "" stays "". */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function booleanOf(value: unknown): boolean | undefined {
  if (value === true || value === 'true' || value === '1' || value === 1) return true;
  if (value === false || value === 'false' || value === '0' || value === 0) return false;
  return undefined;
}

/**
 * A written address replaces the default one field by field: every key not sent becomes null
 * (sheet §6, unconfirmed). A value that is not an object is dropped by strong parameters.
 */
function shippingAddressOf(value: Fields): JumpsellerAddress {
  return {
    name: text(value.name),
    surname: text(value.surname),
    address: text(value.address),
    city: text(value.city),
    postal: text(value.postal),
    municipality: text(value.municipality),
    region: text(value.region),
    country: text(value.country),
  };
}

function billingAddressOf(value: Fields): JumpsellerBillingAddress {
  return { ...shippingAddressOf(value), taxid: text(value.taxid) };
}

function checkEmail(
  store: JumpsellerStore,
  value: unknown,
  self: number | null,
  problems: string[],
): string | undefined {
  const email = text(value)?.trim() ?? '';
  if (email === '') {
    problems.push("Email can't be blank");
    return undefined;
  }
  if (!emailPattern.test(email)) {
    problems.push('Email is invalid');
    return undefined;
  }
  const holder = store.customerByEmail(email);
  if (holder !== undefined && holder.id !== self) problems.push('Email has already been taken');
  return email;
}

function applyMarketing(customer: JumpsellerCustomerRecord, accepts: boolean, now: Date): void {
  if (accepts === customer.accepts_marketing) return;
  customer.accepts_marketing = accepts;
  if (accepts) customer.accepted_marketing_at = jumpsellerDay(now);
  else customer.cancelled_marketing_at = jumpsellerDay(now);
}

/** Applies the permitted fields of a create or update body to `customer`, or throws 422. */
function applyFields(
  store: JumpsellerStore,
  customer: JumpsellerCustomerRecord,
  fields: Fields,
  isNew: boolean,
  now: Date,
): void {
  const problems: string[] = [];
  const email =
    isNew || 'email' in fields
      ? checkEmail(store, fields.email, isNew ? null : customer.id, problems)
      : undefined;
  const status = fields.status;
  if (status !== undefined && !statuses.includes(status as JumpsellerCustomerStatus)) {
    problems.push('Status is not included in the list');
  }
  const categoryIds = fields.customer_category;
  const categories =
    categoryIds === undefined
      ? undefined
      : (Array.isArray(categoryIds) ? categoryIds : [categoryIds]).map((id) =>
          store.categories.get(Number(id)),
        );
  if (categories?.some((category) => category === undefined)) problems.push('Customer category is invalid');
  if (problems.length > 0) throw validationFailed(problems);

  if (email !== undefined) customer.email = email;
  if ('phone' in fields) customer.phone = text(fields.phone);
  if (status !== undefined) customer.status = status as JumpsellerCustomerStatus;
  const accepts = booleanOf(fields.accepts_marketing);
  if (accepts !== undefined) applyMarketing(customer, accepts, now);
  if (isObject(fields.billing_address)) {
    customer.billing_addresses[0] = billingAddressOf(fields.billing_address);
  }
  if (isObject(fields.shipping_address)) {
    customer.shipping_addresses[0] = shippingAddressOf(fields.shipping_address);
  }
  if (categories !== undefined) {
    customer.customer_categories = categories.flatMap((category) =>
      category === undefined ? [] : [{ ...category }],
    );
  }
}

/** `POST /customers.json` (sheet §6): e-mail required and unique; `password` accepted and never shown. */
export function createJumpsellerCustomer(
  store: JumpsellerStore,
  body: unknown,
  now: Date,
): JumpsellerCustomerRecord {
  const fields = customerFields(body);
  const customer: JumpsellerCustomerRecord = {
    id: 0,
    email: '',
    phone: null,
    phone_prefix: null,
    status: 'approved',
    accepts_marketing: false,
    accepted_marketing_at: null,
    cancelled_marketing_at: null,
    shipping_addresses: [],
    billing_addresses: [],
    customer_categories: [],
    customer_additional_fields: [],
  };
  applyFields(store, customer, fields, true, now);
  customer.id = store.allocateCustomerId();
  store.save(customer);
  return customer;
}

/** `PUT /customers/{id}.json` (sheet §6): only the keys sent change; a sent address replaces the default one. */
export function updateJumpsellerCustomer(
  store: JumpsellerStore,
  existing: JumpsellerCustomerRecord,
  body: unknown,
  now: Date,
): JumpsellerCustomerRecord {
  const fields = customerFields(body);
  const updated = structuredClone(existing);
  applyFields(store, updated, fields, false, now);
  store.save(updated);
  return updated;
}
