import {
  type AddressInput,
  type CustomerCreateInput,
  type CustomerUpdateInput,
  type InputIssue,
  InvalidRequestError,
} from '@unicart/core';
import type { ShopifyCustomer, ShopifyMailingAddress } from './shopify-api';
import type {
  ShopifyCustomerInput,
  ShopifyEmailMarketingConsentInput,
  ShopifyMailingAddressInput,
} from './shopify-documents';
import { gidTail } from './shopify-gid';

/**
 * ISO 3166-1 codes missing from Shopify's `CountryCode` enum (checked against the schema in the
 * tests): Shopify files these US territories as provinces of `US`, and has no Antarctica.
 */
const usTerritories = new Set(['AS', 'FM', 'GU', 'MH', 'MP', 'PR', 'PW', 'VI']);
const countriesShopifyLacks = new Set([...usTerritories, 'AQ']);

const scalarKeys = ['firstName', 'lastName', 'email', 'phone', 'note', 'tags'] as const;

/** An address to add, or an existing one to change, with its index in the caller's list. */
export interface PlannedAddressWrite {
  readonly index: number;
  readonly address: ShopifyMailingAddressInput;
  readonly setAsDefault: boolean;
}

/** The address mutations that turn the current address book into the one the caller sent. */
export interface ShopifyAddressPlan {
  readonly creates: readonly PlannedAddressWrite[];
  /** Existing addresses whose fields change; `addressId` is the address GID. */
  readonly updates: readonly (PlannedAddressWrite & { readonly addressId: string })[];
  /** An unchanged existing address that becomes the default (GID), or `null`. */
  readonly makeDefault: string | null;
  /** GIDs of existing addresses the caller's list leaves out. */
  readonly deletes: readonly string[];
}

export interface ShopifyCustomerCreate {
  readonly input: ShopifyCustomerInput;
  readonly addresses: ShopifyAddressPlan;
}

export interface ShopifyCustomerUpdate {
  /** `customerUpdate` fields (without `id`), `null` when no such key was sent. */
  readonly input: ShopifyCustomerInput | null;
  readonly consent: ShopifyEmailMarketingConsentInput | null;
  readonly addresses: ShopifyAddressPlan | null;
}

function throwIfIssues(issues: readonly InputIssue[]): void {
  if (issues.length === 0) return;
  throw InvalidRequestError.fromIssues('Invalid customer for Shopify', issues, { platform: 'shopify' });
}

function scalarInput(
  input: CustomerCreateInput | CustomerUpdateInput,
  keepNull: boolean,
  issues: InputIssue[],
): ShopifyCustomerInput {
  const fields: Record<string, unknown> = {};
  for (const key of scalarKeys) {
    const value = input[key];
    if (value === undefined || (value === null && !keepNull)) continue;
    fields[key] = value;
  }
  input.tags?.forEach((tag, index) => {
    // Shopify splits tags at commas (sheet §2.3: tags is a list or a comma string).
    if (tag.includes(','))
      issues.push({ path: `customer.tags.${index}`, message: 'must not contain a comma' });
  });
  return fields as ShopifyCustomerInput;
}

function consentFor(accepts: boolean): ShopifyEmailMarketingConsentInput {
  // NOT_SUBSCRIBED cannot be set; UNSUBSCRIBED withdraws consent (sheet §2.3).
  return accepts
    ? { marketingState: 'SUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN' }
    : { marketingState: 'UNSUBSCRIBED' };
}

function countryCode(address: AddressInput, path: string, issues: InputIssue[]): string | null | undefined {
  if (address.country === undefined || address.country === null) return address.country;
  const { code } = address.country;
  if (countriesShopifyLacks.has(code)) {
    const hint = usTerritories.has(code) ? `; send country US with state ${code}` : '';
    issues.push({ path: `${path}.country.code`, message: `is not a country on Shopify${hint}` });
  }
  return code;
}

function provinceCode(address: AddressInput, path: string, issues: InputIssue[]): string | null | undefined {
  if (address.state === undefined || address.state === null) return address.state;
  const code = address.state.code ?? null;
  if (code === null && address.state.name) {
    // Shopify takes only a province code; its free-text `province` input is deprecated (§2.3).
    issues.push({ path: `${path}.state.code`, message: 'is required by Shopify when a state is given' });
  }
  return code;
}

/** The keys of an address the caller sent, as `MailingAddressInput` (`null` clears a field). */
export function toShopifyMailingAddressInput(
  address: AddressInput,
  path: string,
  issues: InputIssue[],
): ShopifyMailingAddressInput {
  if (address.references !== undefined && address.references !== null) {
    issues.push({ path: `${path}.references`, message: 'has no Shopify field; send null or leave it out' });
  }
  const fields: Record<string, string | null | undefined> = {
    firstName: address.firstName,
    lastName: address.lastName,
    company: address.company,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    zip: address.postalCode,
    phone: address.phone,
    countryCode: countryCode(address, path, issues),
    provinceCode: provinceCode(address, path, issues),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** A stored address as the input that would write it unchanged. */
function currentAddressInput(native: ShopifyMailingAddress): ShopifyMailingAddressInput {
  return {
    firstName: native.firstName ?? null,
    lastName: native.lastName ?? null,
    company: native.company ?? null,
    address1: native.address1 ?? null,
    address2: native.address2 ?? null,
    city: native.city ?? null,
    zip: native.zip ?? null,
    phone: native.phone ?? null,
    countryCode: native.countryCodeV2 ?? null,
    provinceCode: native.provinceCode ?? null,
  };
}

const sameAddress = (left: ShopifyMailingAddressInput, right: ShopifyMailingAddressInput) =>
  Object.entries(right).every(([key, value]) => left[key as keyof ShopifyMailingAddressInput] === value);

function defaultIndex(wanted: readonly AddressInput[], issues: InputIssue[]): number | null {
  const flagged = wanted.flatMap((address, index) =>
    address.defaultBilling === true || address.defaultShipping === true ? [index] : [],
  );
  if (flagged.length > 1) {
    issues.push({
      path: 'customer.addresses',
      message: 'Shopify has one default address: mark at most one address as default',
    });
  }
  return flagged[0] ?? null;
}

/**
 * The address book the caller sent replaces the current one: an entry with the `id` of a current
 * address changes only the keys it sends, an entry without `id` is added, and current addresses
 * left out are deleted. The one entry marked `defaultBilling` or `defaultShipping` becomes the
 * default (Shopify has one default and no billing/shipping split, sheet §4).
 */
export function planShopifyAddresses(
  current: readonly ShopifyMailingAddress[],
  currentDefaultId: string | null,
  wanted: readonly AddressInput[],
  issues: InputIssue[],
): ShopifyAddressPlan {
  const byId = new Map(current.map((address) => [gidTail(address.id), address]));
  const targetIndex = defaultIndex(wanted, issues);
  const kept = new Set<string>();
  const creates: PlannedAddressWrite[] = [];
  const updates: (PlannedAddressWrite & { addressId: string })[] = [];
  let makeDefault: string | null = null;
  wanted.forEach((address, index) => {
    const path = `customer.addresses.${index}`;
    const fields = toShopifyMailingAddressInput(address, path, issues);
    const setAsDefault = index === targetIndex;
    if (address.id === undefined || address.id === null) {
      creates.push({ index, address: fields, setAsDefault });
      return;
    }
    const existing = byId.get(address.id);
    if (existing === undefined || kept.has(address.id)) {
      issues.push({ path: `${path}.id`, message: 'is not an address of this customer, or is listed twice' });
      return;
    }
    kept.add(address.id);
    const before = currentAddressInput(existing);
    const after = { ...before, ...fields };
    const becomesDefault = setAsDefault && address.id !== currentDefaultId;
    if (!sameAddress(before, after)) {
      updates.push({ index, addressId: existing.id, address: after, setAsDefault: becomesDefault });
    } else if (becomesDefault) {
      makeDefault = existing.id;
    }
  });
  const deletes = current.filter((address) => !kept.has(gidTail(address.id))).map((address) => address.id);
  return { creates, updates, makeDefault, deletes };
}

/** `customerCreate` input (consent only with an email, sheet §10) and the addresses to add after it. */
export function toShopifyCustomerCreate(input: CustomerCreateInput): ShopifyCustomerCreate {
  const issues: InputIssue[] = [];
  const fields = scalarInput(input, false, issues);
  if (input.acceptsMarketing === true && !input.email) {
    issues.push({ path: 'customer.acceptsMarketing', message: 'needs an email on Shopify' });
  }
  const addresses = planShopifyAddresses([], null, input.addresses ?? [], issues);
  throwIfIssues(issues);
  // A new customer is NOT_SUBSCRIBED by default; only consent is sent (sheet §2.3).
  return {
    input: input.acceptsMarketing === true ? { ...fields, emailMarketingConsent: consentFor(true) } : fields,
    addresses,
  };
}

/** Whether an update needs the stored customer first (its email for consent, its address book). */
export function updateNeedsCurrentCustomer(input: CustomerUpdateInput): boolean {
  return input.acceptsMarketing !== undefined || input.addresses !== undefined;
}

/**
 * The writes of an update, each with only the keys sent. `current` is the stored customer with its
 * whole address book when `updateNeedsCurrentCustomer(input)`, else `null`.
 */
export function toShopifyCustomerUpdate(
  input: CustomerUpdateInput,
  current: ShopifyCustomer | null,
): ShopifyCustomerUpdate {
  const issues: InputIssue[] = [];
  const fields = scalarInput(input, true, issues);
  let consent: ShopifyEmailMarketingConsentInput | null = null;
  if (input.acceptsMarketing !== undefined) {
    const email = input.email !== undefined ? input.email : current?.defaultEmailAddress?.emailAddress;
    // Consent belongs to an email address (sheet §9.4).
    if (!email) issues.push({ path: 'customer.acceptsMarketing', message: 'needs an email on Shopify' });
    consent = consentFor(input.acceptsMarketing);
  }
  const addresses =
    input.addresses === undefined || current === null
      ? null
      : planShopifyAddresses(
          current.addressesV2.nodes,
          current.defaultAddress ? gidTail(current.defaultAddress.id) : null,
          input.addresses,
          issues,
        );
  throwIfIssues(issues);
  return { input: Object.keys(fields).length === 0 ? null : fields, consent, addresses };
}
