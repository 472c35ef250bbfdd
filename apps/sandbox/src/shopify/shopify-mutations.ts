import { gid, idOf } from './shopify-gid';
import { isKnownProvince } from './shopify-provinces';
import { shopifyDateTime } from './shopify-seed';
import type { ShopifyStore } from './shopify-store';
import type {
  ShopifyAddressRecord,
  ShopifyCustomerRecord,
  ShopifyEmailMarketingState,
  ShopifyOptInLevel,
} from './shopify-types';
import { CustomerView, MailingAddressView, type ShopifyContext } from './shopify-views';

/** `UserError` (and the consent mutation's variant with a `code`). */
export interface UserError {
  readonly field: readonly string[] | null;
  readonly message: string;
  readonly code?: string;
}

/** `CustomerInput` as graphql-js coerces it: keys the client did not send are absent. */
interface CustomerInput {
  readonly id?: string | null;
  readonly email?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly phone?: string | null;
  readonly note?: string | null;
  readonly tags?: readonly string[] | null;
  readonly locale?: string | null;
  readonly taxExempt?: boolean | null;
  readonly emailMarketingConsent?: ConsentInput | null;
  readonly smsMarketingConsent?: unknown;
}

interface ConsentInput {
  readonly marketingState: ShopifyEmailMarketingState;
  readonly marketingOptInLevel?: ShopifyOptInLevel | null;
  readonly consentUpdatedAt?: string | null;
}

/** `MailingAddressInput` without its deprecated fields (sheet §2.3). */
type AddressInput = Partial<
  Record<
    | 'address1'
    | 'address2'
    | 'city'
    | 'company'
    | 'countryCode'
    | 'firstName'
    | 'lastName'
    | 'phone'
    | 'provinceCode'
    | 'zip',
    string | null
  >
>;

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const addressKeys = [
  'address1',
  'address2',
  'city',
  'company',
  'countryCode',
  'firstName',
  'lastName',
  'phone',
  'provinceCode',
  'zip',
] as const;

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
}

/** E.164, or `undefined` when Shopify would refuse it. Ten digits without a prefix are read as a US number (the shop's country). */
export function normalizePhone(value: string): string | undefined {
  const compact = value.replace(/[\s().-]/g, '');
  const e164 = /^\d{10}$/.test(compact) ? `+1${compact}` : compact;
  return /^\+[1-9]\d{6,14}$/.test(e164) ? e164 : undefined;
}

/** Tags as Shopify keeps them: trimmed, without duplicates (case-insensitively), sorted. */
function normalizeTags(tags: readonly string[]): string[] {
  const kept = new Map<string, string>();
  for (const tag of tags.flatMap((entry) => entry.split(','))) {
    const trimmed = tag.trim();
    if (trimmed !== '' && !kept.has(trimmed.toLowerCase())) kept.set(trimmed.toLowerCase(), trimmed);
  }
  return [...kept.values()].sort((left, right) => left.localeCompare(right, 'en'));
}

function checkContactPoints(store: ShopifyStore, customer: ShopifyCustomerRecord): UserError[] {
  const errors: UserError[] = [];
  for (const other of store.customers.values()) {
    if (other.id === customer.id) continue;
    if (customer.email !== null && other.email?.toLowerCase() === customer.email.toLowerCase()) {
      errors.push({ field: ['email'], message: 'Email has already been taken' });
    }
    if (customer.phone !== null && other.phone === customer.phone) {
      errors.push({ field: ['phone'], message: 'Phone has already been taken' });
    }
  }
  if (
    customer.email === null &&
    customer.phone === null &&
    customer.firstName === null &&
    customer.lastName === null
  ) {
    errors.push({ field: null, message: 'Customer must have a name, phone number or email address' });
  }
  return errors;
}

/** Applies the sent keys of a `CustomerInput`; answers the problems, leaving `customer` half-changed only on error. */
function applyCustomerInput(customer: ShopifyCustomerRecord, input: CustomerInput): UserError[] {
  const errors: UserError[] = [];
  if ('email' in input) {
    const email = blankToNull(input.email);
    if (email !== null && !emailShape.test(email))
      errors.push({ field: ['email'], message: 'Email is invalid' });
    customer.email = email;
  }
  if ('phone' in input) {
    const raw = blankToNull(input.phone);
    const phone = raw === null ? null : normalizePhone(raw);
    if (phone === undefined) errors.push({ field: ['phone'], message: 'Phone is invalid' });
    else customer.phone = phone;
  }
  if ('firstName' in input) customer.firstName = blankToNull(input.firstName);
  if ('lastName' in input) customer.lastName = blankToNull(input.lastName);
  if ('note' in input) customer.note = input.note ?? null;
  if ('tags' in input) customer.tags = normalizeTags(input.tags ?? []);
  if (typeof input.locale === 'string') customer.locale = input.locale;
  if (typeof input.taxExempt === 'boolean') customer.taxExempt = input.taxExempt;
  return errors;
}

function consentErrors(
  customer: ShopifyCustomerRecord,
  consent: ConsentInput,
  field: readonly string[],
): UserError[] {
  if (customer.email === null) {
    return [
      { field, message: 'An email address is required to set the email marketing consent', code: 'INVALID' },
    ];
  }
  if (consent.marketingState === 'REDACTED' || consent.marketingState === 'INVALID') {
    return [
      {
        field: [...field, 'marketingState'],
        message: 'Marketing state is not included in the list',
        code: 'INCLUSION',
      },
    ];
  }
  return [];
}

function applyConsent(customer: ShopifyCustomerRecord, consent: ConsentInput, now: Date): void {
  customer.emailMarketing = {
    state: consent.marketingState,
    optInLevel:
      consent.marketingOptInLevel ??
      (consent.marketingState === 'SUBSCRIBED' ? 'SINGLE_OPT_IN' : customer.emailMarketing.optInLevel),
    updatedAt: consent.consentUpdatedAt
      ? shopifyDateTime(new Date(consent.consentUpdatedAt))
      : shopifyDateTime(now),
  };
}

function customerOf(
  context: ShopifyContext,
  customerGid: string | null | undefined,
): ShopifyCustomerRecord | undefined {
  if (customerGid === null || customerGid === undefined) return undefined;
  const id = idOf(customerGid, 'Customer');
  return id === null ? undefined : context.store.customers.get(id);
}

const customerMissing = (field: string): UserError => ({
  field: [field],
  message: 'Customer does not exist',
});

function addressFromInput(address: ShopifyAddressRecord, input: AddressInput): void {
  for (const key of addressKeys) {
    if (key in input) address[key] = blankToNull(input[key]);
  }
}

const invalidProvince = () => ({
  address: null,
  userErrors: [{ field: ['address', 'provinceCode'], message: 'Province is not valid' }],
});

/** Stamps a change, and tells the webhook subscriptions (any change is `customers/update`). */
function touch(context: ShopifyContext, customer: ShopifyCustomerRecord, now: Date): void {
  customer.updatedAt = shopifyDateTime(now);
  context.webhooks?.notify({ change: 'updated', customer: structuredClone(customer) }, now);
}

/** The customer mutations of the Admin API (sheet §2), as root resolvers. */
export const customerMutations = {
  customerCreate({ input }: { input: CustomerInput }, context: ShopifyContext) {
    const { store } = context;
    const now = context.now();
    const customer: ShopifyCustomerRecord = {
      id: 0,
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      note: null,
      tags: [],
      // Customers created through the API have no account until invited.
      state: 'DISABLED',
      verifiedEmail: true,
      taxExempt: false,
      locale: 'en',
      createdAt: shopifyDateTime(now),
      updatedAt: shopifyDateTime(now),
      emailMarketing: { state: 'NOT_SUBSCRIBED', optInLevel: null, updatedAt: null },
      smsMarketing: { state: 'NOT_SUBSCRIBED', optInLevel: null, updatedAt: null },
      addresses: [],
      defaultAddressId: null,
    };
    const errors = applyCustomerInput(customer, input);
    if (input.emailMarketingConsent)
      errors.push(...consentErrors(customer, input.emailMarketingConsent, ['emailMarketingConsent']));
    errors.push(...checkContactPoints(store, customer));
    if (errors.length > 0) return { customer: null, userErrors: errors };
    if (input.emailMarketingConsent) applyConsent(customer, input.emailMarketingConsent, now);
    customer.id = store.allocateCustomerId();
    store.customers.set(customer.id, customer);
    context.webhooks?.notify({ change: 'created', customer: structuredClone(customer) }, now);
    return { customer: new CustomerView(context, customer), userErrors: [] };
  },

  customerUpdate({ input }: { input: CustomerInput }, context: ShopifyContext) {
    const existing = customerOf(context, input.id);
    if (existing === undefined) return { customer: null, userErrors: [customerMissing('id')] };
    // Consent has its own mutations (sheet §9.4).
    for (const [field, mutation] of [
      ['emailMarketingConsent', 'customerEmailMarketingConsentUpdate'],
      ['smsMarketingConsent', 'customerSmsMarketingConsentUpdate'],
    ] as const) {
      if (input[field]) {
        return {
          customer: null,
          userErrors: [
            { field: [field], message: `To update ${field}, please use the ${mutation} Mutation instead.` },
          ],
        };
      }
    }
    const updated = structuredClone(existing);
    const errors = [...applyCustomerInput(updated, input), ...checkContactPoints(context.store, updated)];
    if (errors.length > 0) return { customer: null, userErrors: errors };
    touch(context, updated, context.now());
    context.store.customers.set(updated.id, updated);
    return { customer: new CustomerView(context, updated), userErrors: [] };
  },

  customerDelete({ input }: { input: { id: string } }, context: ShopifyContext) {
    const shop = shopView(context.store);
    const customer = customerOf(context, input.id);
    if (customer === undefined) return { deletedCustomerId: null, shop, userErrors: [customerMissing('id')] };
    if (context.store.ordersOf(customer.id).length > 0) {
      return {
        deletedCustomerId: null,
        shop,
        userErrors: [
          { field: ['id'], message: 'Customer can’t be deleted because they have associated orders' },
        ],
      };
    }
    context.store.customers.delete(customer.id);
    context.webhooks?.notify({ change: 'deleted', customer }, context.now());
    return { deletedCustomerId: gid('Customer', customer.id), shop, userErrors: [] };
  },

  customerEmailMarketingConsentUpdate(
    { input }: { input: { customerId: string; emailMarketingConsent: ConsentInput } },
    context: ShopifyContext,
  ) {
    const existing = customerOf(context, input.customerId);
    if (existing === undefined) {
      return { customer: null, userErrors: [{ ...customerMissing('customerId'), code: 'INVALID' }] };
    }
    const consent = input.emailMarketingConsent;
    const errors = consentErrors(existing, consent, ['emailMarketingConsent']);
    // Only SUBSCRIBED, UNSUBSCRIBED and PENDING can be set here (sheet §2.3).
    if (errors.length === 0 && consent.marketingState === 'NOT_SUBSCRIBED') {
      errors.push({
        field: ['emailMarketingConsent', 'marketingState'],
        message: 'NOT_SUBSCRIBED cannot be set, use UNSUBSCRIBED instead',
        code: 'INCLUSION',
      });
    }
    if (errors.length > 0) return { customer: null, userErrors: errors };
    const now = context.now();
    applyConsent(existing, consent, now);
    touch(context, existing, now);
    return { customer: new CustomerView(context, existing), userErrors: [] };
  },

  customerAddressCreate(
    args: { customerId: string; address: AddressInput; setAsDefault?: boolean | null },
    context: ShopifyContext,
  ) {
    const customer = customerOf(context, args.customerId);
    if (customer === undefined) return { address: null, userErrors: [customerMissing('customerId')] };
    const address: ShopifyAddressRecord = {
      id: context.store.allocateAddressId(),
      firstName: null,
      lastName: null,
      company: null,
      address1: null,
      address2: null,
      city: null,
      zip: null,
      provinceCode: null,
      countryCode: null,
      phone: null,
    };
    addressFromInput(address, args.address);
    if (!isKnownProvince(address.countryCode, address.provinceCode)) return invalidProvince();
    customer.addresses.push(address);
    // A customer's first address becomes the default one.
    if (args.setAsDefault === true || customer.defaultAddressId === null)
      customer.defaultAddressId = address.id;
    touch(context, customer, context.now());
    return { address: new MailingAddressView(address), userErrors: [] };
  },

  customerAddressUpdate(
    args: { customerId: string; addressId: string; address: AddressInput; setAsDefault?: boolean | null },
    context: ShopifyContext,
  ) {
    const customer = customerOf(context, args.customerId);
    if (customer === undefined) return { address: null, userErrors: [customerMissing('customerId')] };
    const addressId = idOf(args.addressId, 'MailingAddress');
    const address = customer.addresses.find((candidate) => candidate.id === addressId);
    if (address === undefined)
      return { address: null, userErrors: [{ field: ['addressId'], message: 'Address does not exist' }] };
    const changed = { ...address };
    addressFromInput(changed, args.address);
    if (!isKnownProvince(changed.countryCode, changed.provinceCode)) return invalidProvince();
    Object.assign(address, changed);
    if (args.setAsDefault === true) customer.defaultAddressId = address.id;
    touch(context, customer, context.now());
    return { address: new MailingAddressView(address), userErrors: [] };
  },

  customerAddressDelete(args: { customerId: string; addressId: string }, context: ShopifyContext) {
    const customer = customerOf(context, args.customerId);
    if (customer === undefined)
      return { deletedAddressId: null, userErrors: [customerMissing('customerId')] };
    const addressId = idOf(args.addressId, 'MailingAddress');
    const index = customer.addresses.findIndex((candidate) => candidate.id === addressId);
    if (index === -1)
      return {
        deletedAddressId: null,
        userErrors: [{ field: ['addressId'], message: 'Address does not exist' }],
      };
    const [removed] = customer.addresses.splice(index, 1);
    // The next address takes over as default, as in the admin.
    if (customer.defaultAddressId === removed?.id)
      customer.defaultAddressId = customer.addresses[0]?.id ?? null;
    touch(context, customer, context.now());
    return { deletedAddressId: gid('MailingAddress', removed?.id ?? 0), userErrors: [] };
  },

  customerUpdateDefaultAddress(args: { customerId: string; addressId: string }, context: ShopifyContext) {
    const customer = customerOf(context, args.customerId);
    if (customer === undefined) return { customer: null, userErrors: [customerMissing('customerId')] };
    const addressId = idOf(args.addressId, 'MailingAddress');
    if (!customer.addresses.some((candidate) => candidate.id === addressId)) {
      return { customer: null, userErrors: [{ field: ['addressId'], message: 'Address does not exist' }] };
    }
    customer.defaultAddressId = addressId;
    touch(context, customer, context.now());
    return { customer: new CustomerView(context, customer), userErrors: [] };
  },
};

/** `Shop`: the fields the simulator knows. */
export function shopView(store: ShopifyStore) {
  return {
    __typename: 'Shop',
    id: gid('Shop', 1),
    name: store.shop.name,
    email: `owner@${store.shop.domain}`,
    contactEmail: `owner@${store.shop.domain}`,
    myshopifyDomain: store.shop.domain,
    currencyCode: store.shop.currency,
    enabledPresentmentCurrencies: [store.shop.currency],
    ianaTimezone: 'Etc/UTC',
    timezoneAbbreviation: 'UTC',
    timezoneOffset: '+0000',
    timezoneOffsetMinutes: 0,
    taxesIncluded: false,
  };
}
