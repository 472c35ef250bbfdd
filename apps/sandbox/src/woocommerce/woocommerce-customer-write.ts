import { invalidParameters, type ParameterProblem, WordPressError } from './woocommerce-error';
import { isEmail } from './woocommerce-parameters';
import { emptyShipping, wordpressGmt } from './woocommerce-seed';
import type { WooCommerceStore } from './woocommerce-store';
import type {
  WooCommerceBilling,
  WooCommerceMeta,
  WooCommerceShipping,
  WooCommerceUserRecord,
} from './woocommerce-types';

/** Store settings that change what customer creation requires (sheet §2.2). */
export interface WooCommerceRegistrationSettings {
  /** `woocommerce_registration_generate_username` (default yes). */
  readonly generateUsername: boolean;
  /** `woocommerce_registration_generate_password` (default yes, as typical installs set it). */
  readonly generatePassword: boolean;
}

const shippingKeys = [
  'first_name',
  'last_name',
  'company',
  'address_1',
  'address_2',
  'city',
  'state',
  'postcode',
  'country',
  'phone',
] as const satisfies readonly (keyof WooCommerceShipping)[];
const editableRoles = new Set(['customer', 'subscriber']);

/** A customer write body, checked against the v3 schema's types. */
interface CustomerWrite {
  readonly id?: unknown;
  readonly email?: string;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly username?: string;
  readonly password?: string;
  readonly billing?: Partial<WooCommerceBilling>;
  readonly shipping?: Partial<WooCommerceShipping>;
  readonly meta_data?: readonly { id?: number; key: string; value: unknown }[];
}

function readAddress(value: unknown, name: string, withEmail: boolean, problems: ParameterProblem[]) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ name, code: 'rest_invalid_type', message: `${name} is not of type object.` });
    return undefined;
  }
  const address: Record<string, string> = {};
  for (const key of withEmail ? [...shippingKeys, 'email'] : shippingKeys) {
    const field = (value as Record<string, unknown>)[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') {
      problems.push({
        name: `${name}[${key}]`,
        code: 'rest_invalid_type',
        message: `${name}[${key}] is not of type string.`,
      });
    } else if (key === 'email' && field !== '' && !isEmail(field)) {
      problems.push({
        name: `${name}[email]`,
        code: 'rest_invalid_email',
        message: 'Invalid email address.',
      });
    } else {
      address[key] = field;
    }
  }
  return address;
}

/** Validates a body the way the route schema does; unknown keys are ignored, as WordPress does. */
function readWrite(body: unknown): CustomerWrite {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const source = body as Record<string, unknown>;
  const problems: ParameterProblem[] = [];
  const write: Record<string, unknown> = { id: source.id };
  for (const key of ['email', 'first_name', 'last_name', 'username', 'password'] as const) {
    const value = source[key];
    if (value === undefined) continue;
    if (typeof value !== 'string')
      problems.push({ name: key, code: 'rest_invalid_type', message: `${key} is not of type string.` });
    else write[key] = value;
  }
  if (typeof write.email === 'string' && !isEmail(write.email)) {
    problems.push({ name: 'email', code: 'rest_invalid_email', message: 'Invalid email address.' });
  }
  if (source.billing !== undefined) write.billing = readAddress(source.billing, 'billing', true, problems);
  if (source.shipping !== undefined)
    write.shipping = readAddress(source.shipping, 'shipping', false, problems);
  if (source.meta_data !== undefined) {
    const entries = Array.isArray(source.meta_data) ? source.meta_data : [];
    const valid = entries.every(
      (entry) =>
        entry !== null && typeof entry === 'object' && typeof (entry as { key?: unknown }).key === 'string',
    );
    if (!Array.isArray(source.meta_data) || !valid) {
      problems.push({
        name: 'meta_data',
        code: 'rest_invalid_type',
        message: 'meta_data is not of type array.',
      });
    } else {
      write.meta_data = entries;
    }
  }
  if (problems.length > 0) throw invalidParameters(problems);
  return write as CustomerWrite;
}

function emailOwner(store: WooCommerceStore, email: string): WooCommerceUserRecord | undefined {
  for (const user of store.users.values()) {
    if (user.email !== '' && user.email.toLowerCase() === email.toLowerCase()) return user;
  }
  return undefined;
}

function usernameTaken(store: WooCommerceStore, username: string): boolean {
  for (const user of store.users.values())
    if (user.username.toLowerCase() === username.toLowerCase()) return true;
  return false;
}

/** WooCommerce's generated username: the e-mail's local part, with a four-digit suffix on a clash. */
function generateUsername(store: WooCommerceStore, email: string): string {
  const base = (email.split('@')[0] ?? '').toLowerCase().replace(/[^a-z0-9._-]/g, '') || 'customer';
  let username = base;
  for (let attempt = 1; usernameTaken(store, username); attempt++) {
    username = `${base}-${String((attempt * 7919) % 10_000).padStart(4, '0')}`;
  }
  return username;
}

function upsertMeta(user: WooCommerceUserRecord, entries: NonNullable<CustomerWrite['meta_data']>): void {
  for (const entry of entries) {
    const existing = user.meta_data.find((meta) =>
      entry.id !== undefined ? meta.id === entry.id : meta.key === entry.key,
    );
    if (existing !== undefined) {
      existing.value = entry.value;
    } else {
      const id = Math.max(0, ...user.meta_data.map((meta) => meta.id)) + 1 + user.id * 1000;
      user.meta_data.push({ id, key: entry.key, value: entry.value } satisfies WooCommerceMeta);
    }
  }
}

function applyWrite(user: WooCommerceUserRecord, write: CustomerWrite): void {
  if (write.email !== undefined) user.email = write.email;
  if (write.first_name !== undefined) user.first_name = write.first_name;
  if (write.last_name !== undefined) user.last_name = write.last_name;
  // Only the sent keys of an address change (sheet §2.2).
  if (write.billing !== undefined) user.billing = { ...user.billing, ...write.billing };
  if (write.shipping !== undefined) user.shipping = { ...user.shipping, ...write.shipping };
  if (write.meta_data !== undefined) upsertMeta(user, write.meta_data);
}

/** `POST /customers` (sheet §2.2): e-mail required and unique; answers the stored user. */
export function createWooCommerceCustomer(
  store: WooCommerceStore,
  body: unknown,
  settings: WooCommerceRegistrationSettings,
  now: Date,
): WooCommerceUserRecord {
  const source = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (source.email === undefined || source.email === '') {
    throw new WordPressError(400, 'rest_missing_callback_param', 'Missing parameter(s): email', {
      params: ['email'],
    });
  }
  const write = readWrite(body);
  if (write.id !== undefined) {
    throw new WordPressError(400, 'woocommerce_rest_customer_exists', 'Cannot create existing resource.');
  }
  const email = write.email as string;
  if (emailOwner(store, email) !== undefined) {
    throw new WordPressError(
      400,
      'registration-error-email-exists',
      'An account is already registered with your email address. <a href="#" class="showlogin">Please log in.</a>',
    );
  }
  let username = write.username?.trim();
  if (username !== undefined && username !== '' && usernameTaken(store, username)) {
    throw new WordPressError(
      400,
      'registration-error-username-exists',
      'An account is already registered with that username. Please choose another.',
    );
  }
  if (username === undefined || username === '') {
    if (!settings.generateUsername) {
      throw new WordPressError(
        400,
        'registration-error-invalid-username',
        'Please enter a valid account username.',
      );
    }
    username = generateUsername(store, email);
  }
  if (!settings.generatePassword && !write.password) {
    throw new WordPressError(400, 'registration-error-missing-password', 'Please enter an account password.');
  }
  const timestamp = wordpressGmt(now);
  const user: WooCommerceUserRecord = {
    id: store.allocateUserId(),
    username,
    email,
    first_name: '',
    last_name: '',
    display_name: username,
    role: 'customer',
    date_created_gmt: timestamp,
    date_modified_gmt: timestamp,
    billing: { ...emptyShipping(), email: '' },
    shipping: emptyShipping(),
    meta_data: [],
  };
  applyWrite(user, { ...write, email });
  store.users.set(user.id, user);
  return user;
}

/** `PUT /customers/{id}` (sheet §2.2): a true partial update. */
export function updateWooCommerceCustomer(
  store: WooCommerceStore,
  user: WooCommerceUserRecord,
  body: unknown,
  now: Date,
): WooCommerceUserRecord {
  const write = readWrite(body);
  if (write.username !== undefined && write.username !== '' && write.username !== user.username) {
    throw new WordPressError(400, 'woocommerce_rest_customer_invalid_argument', "Username isn't editable.");
  }
  if (write.email !== undefined) {
    const owner = emailOwner(store, write.email);
    if (owner !== undefined && owner.id !== user.id) {
      throw new WordPressError(400, 'woocommerce_rest_customer_invalid_email', 'Email address is invalid.');
    }
  }
  // Staff accounts keep their e-mail and password (sheet §2.2).
  if (!editableRoles.has(user.role) && (write.email !== undefined || write.password !== undefined)) {
    throw new WordPressError(
      403,
      'woocommerce_rest_cannot_edit',
      'Sorry, you are not allowed to edit this resource.',
    );
  }
  const updated = structuredClone(user);
  applyWrite(updated, write);
  updated.date_modified_gmt = wordpressGmt(now);
  store.users.set(updated.id, updated);
  return updated;
}

/** Whether the endpoint may delete this user (staff accounts are protected, sheet §2.2). */
export function isDeletable(user: WooCommerceUserRecord): boolean {
  return editableRoles.has(user.role);
}
