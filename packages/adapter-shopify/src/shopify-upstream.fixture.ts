import { type Customer, toCountry } from '@unicart/core';
import type { RecordedRequest, UpstreamDouble, UpstreamFailureKind } from '@unicart/core/testing';
import { type DocumentNode, type ExecutionResult, execute, GraphQLError, parse, validate } from 'graphql';
import nock from 'nock';
import { mapShopifyCustomer } from './map-shopify-customer';
import { shopifyCustomerSchema } from './shopify-api';
import { shopifyAdminSchema, shopifyQueryCost } from './shopify-schema.fixture';
import {
  compareWith,
  evaluateSearch,
  parseShopifySearch,
  type SearchNode,
  type SearchTerm,
  searchTerms,
  UnsupportedSearchError,
} from './shopify-search.fixture';

/** Shopify's own names where they differ from the country table's (the sheet's payloads: `"country": "United States"`). */
const shopifyCountryNames: Readonly<Record<string, string>> = { US: 'United States' };

/** Test support: a stateful double of the GraphQL Admin API (customers, addresses, orders, tokens). */

export interface ShopifyAddressRecord {
  id: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  zip: string | null;
  province: string | null;
  provinceCode: string | null;
  country: string | null;
  countryCodeV2: string | null;
  phone: string | null;
}

interface PageInfoRecord {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A customer as the fixtures hold it: `data.customer` with every field of the sheet (§4). */
export interface ShopifyCustomerRecord {
  id: string;
  legacyResourceId: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  note: string | null;
  tags: string[];
  state: string;
  verifiedEmail: boolean;
  createdAt: string;
  updatedAt: string;
  numberOfOrders: string;
  amountSpent: { amount: string; currencyCode: string };
  defaultEmailAddress: {
    emailAddress: string;
    marketingState: string;
    marketingOptInLevel: string | null;
    marketingUpdatedAt: string | null;
  } | null;
  defaultPhoneNumber: { phoneNumber: string; marketingState: string } | null;
  defaultAddress: { id: string } | null;
  addressesV2: { nodes: ShopifyAddressRecord[]; pageInfo: PageInfoRecord };
}

type MoneyBagRecord = { shopMoney: { amount: string; currencyCode: string } };

export interface ShopifyLineItemRecord {
  id: string;
  name: string;
  sku: string | null;
  quantity: number;
  originalUnitPriceSet: MoneyBagRecord;
  variant: { id: string } | null;
  product: { id: string } | null;
}

/** An order as the fixtures hold it (sheet, Orders summary). */
export interface ShopifyOrderRecord {
  id: string;
  legacyResourceId: string;
  name: string;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  closed: boolean;
  currencyCode: string;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  customer: { id: string } | null;
  subtotalPriceSet: MoneyBagRecord | null;
  totalTaxSet: MoneyBagRecord | null;
  totalShippingPriceSet: MoneyBagRecord;
  totalDiscountsSet: MoneyBagRecord | null;
  totalPriceSet: MoneyBagRecord;
  lineItems: { nodes: ShopifyLineItemRecord[]; pageInfo: PageInfoRecord };
}

export interface ShopifyUpstreamOptions {
  /** Default `https://shop.test`. */
  readonly origin?: string;
  /** The only static token accepted; by default any token that was not expired is. */
  readonly accessToken?: string;
  /** App credentials of the client credentials grant; when set, only tokens it issued are accepted. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** `expires_in` of issued tokens (default 86 399 seconds, sheet §1). */
  readonly tokenLifetimeSeconds?: number;
  /** The throttle bucket (sheet §6); default 2 000 points restoring 100 a second (Standard). */
  readonly maximumAvailable?: number;
  readonly restoreRate?: number;
  /** `X-Shopify-API-Version` answered; default the version requested. */
  readonly answeredVersion?: string;
  /** How long a `timeout` failure keeps the request waiting (default 3 000 ms). */
  readonly timeoutDelayMs?: number;
  /** Above this, `customersCount` answers the cap with precision AT_LEAST whatever its `limit`. */
  readonly countCap?: number;
}

export interface ShopifyUpstream extends UpstreamDouble<ShopifyCustomerRecord, ShopifyOrderRecord> {
  /** Every token issued so far stops working, as an expired one does. */
  expireIssuedTokens(): void;
  /** How many requests were answered THROTTLED because the bucket was short (not injected). */
  throttledAnswers(): number;
}

const maxQueryCost = 1000;
const unauthorizedBody = {
  errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
};
/** Provinces the double knows, by country; Shopify validates the combination (sheet §5). */
const provinces: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  US: { TX: 'Texas', NY: 'New York', CA: 'California', PR: 'Puerto Rico' },
  CA: { ON: 'Ontario', QC: 'Quebec' },
  JP: { 'JP-13': 'Tokyo' },
  MX: { DF: 'Ciudad de México' },
};

const customerGidPrefix = 'gid://shopify/Customer/';
const encodeCursor = (key: string) => Buffer.from(JSON.stringify({ last_id: key })).toString('base64');
const decodeCursor = (cursor: string): string => {
  try {
    const key = (JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { last_id?: unknown }).last_id;
    if (typeof key === 'string') return key;
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError('Invalid cursor');
};
const nowWithoutMillis = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const tokensOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '');
const compareIds = (left: string, right: string) =>
  BigInt(left) > BigInt(right) ? 1 : BigInt(left) < BigInt(right) ? -1 : 0;

interface ConnectionArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly sortKey?: string;
  readonly reverse?: boolean;
  readonly query?: string | null;
}

function connection<Node>(nodes: readonly Node[], hasNextPage: boolean, keyOf: (node: Node) => string) {
  const cursors = nodes.map((node) => encodeCursor(keyOf(node)));
  return {
    nodes,
    edges: nodes.map((node, index) => ({ node, cursor: cursors[index] })),
    pageInfo: {
      hasNextPage,
      hasPreviousPage: false,
      startCursor: cursors[0] ?? null,
      endCursor: cursors.at(-1) ?? null,
    },
  };
}

function pageSize(args: ConnectionArgs): number {
  if (args.last !== undefined && args.last !== null)
    throw new GraphQLError('The double supports `first` only');
  if (args.first === undefined || args.first === null)
    throw new GraphQLError('you must provide one of first or last');
  if (args.first > 250 || args.first < 0) throw new GraphQLError('The maximum page size is 250');
  return args.first;
}

/** Pages of a list in its own order; the cursor names the last item read. */
function paginate<Node>(items: readonly Node[], args: ConnectionArgs, keyOf: (node: Node) => string) {
  const first = pageSize(args);
  let start = 0;
  if (args.after) {
    const key = decodeCursor(args.after);
    start = items.findIndex((item) => keyOf(item) === key) + 1;
    if (start === 0) throw new GraphQLError('Invalid cursor');
  }
  return connection(items.slice(start, start + first), start + first < items.length, keyOf);
}

function userError(field: string[] | null, message: string) {
  return { field, message };
}

/** A recorded request with only the headers the adapter sets (fetch adds its own, like `host`). */
export function withAdapterHeaders(request: RecordedRequest): RecordedRequest {
  const names = ['accept', 'content-type', 'user-agent', 'x-shopify-access-token'];
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => names.includes(name)),
  );
  return { ...request, headers };
}

export function createShopifyUpstream(options: ShopifyUpstreamOptions = {}): ShopifyUpstream {
  const origin = options.origin ?? 'https://shop.test';
  const maximumAvailable = options.maximumAvailable ?? 2000;
  const restoreRate = options.restoreRate ?? 100;
  const customers = new Map<string, ShopifyCustomerRecord>();
  let orders: ShopifyOrderRecord[] = [];
  let requests: RecordedRequest[] = [];
  let failures: UpstreamFailureKind[] = [];
  let issuedTokens = new Set<string>();
  let expiredTokens = new Set<string>();
  let nextAddressId = 900_000;
  let available = maximumAvailable;
  let bucketUpdatedAt = Date.now();
  let throttledAnswers = 0;
  const pendingTimers = new Set<NodeJS.Timeout>();

  function refill(): number {
    const now = Date.now();
    available = Math.min(maximumAvailable, available + ((now - bucketUpdatedAt) / 1000) * restoreRate);
    bucketUpdatedAt = now;
    return available;
  }

  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        resolve();
      }, ms);
      pendingTimers.add(timer);
    });
  }

  // ---- stored data -------------------------------------------------------------------------

  function customerByGid(gid: string): ShopifyCustomerRecord | undefined {
    return gid.startsWith(customerGidPrefix) ? customers.get(gid.slice(customerGidPrefix.length)) : undefined;
  }

  function ordersOf(customer: ShopifyCustomerRecord): ShopifyOrderRecord[] {
    return orders.filter((order) => order.customer?.id === customer.id);
  }

  function sortedCustomers(): ShopifyCustomerRecord[] {
    return [...customers.values()].sort((left, right) =>
      compareIds(left.legacyResourceId, right.legacyResourceId),
    );
  }

  function customerView(customer: ShopifyCustomerRecord) {
    return {
      ...customer,
      defaultAddress:
        customer.addressesV2.nodes.find((address) => address.id === customer.defaultAddress?.id) ?? null,
      canDelete: ordersOf(customer).length === 0 && customer.numberOfOrders === '0',
      addressesV2: (args: ConnectionArgs) =>
        paginate(customer.addressesV2.nodes, args, (address) => address.id),
      orders: (args: ConnectionArgs) => {
        if (args.sortKey !== 'CREATED_AT' || args.reverse !== true || args.query) {
          throw new GraphQLError('The double serves orders newest first only');
        }
        const newestFirst = ordersOf(customer).sort((left, right) =>
          left.createdAt === right.createdAt
            ? compareIds(right.legacyResourceId, left.legacyResourceId)
            : left.createdAt < right.createdAt
              ? 1
              : -1,
        );
        return paginate(newestFirst.map(orderView), args, (order) => order.id);
      },
    };
  }

  function orderView(order: ShopifyOrderRecord) {
    return {
      ...order,
      lineItems: (args: ConnectionArgs) => paginate(order.lineItems.nodes, args, (item) => item.id),
    };
  }

  // ---- search (sheet §2.1) -------------------------------------------------------------------

  function parseQuery(
    query: string | null | undefined,
    allowedFields: readonly (string | null)[],
  ): SearchNode | null {
    if (!query) return null;
    try {
      const node = parseShopifySearch(query);
      for (const term of searchTerms(node)) {
        if (!allowedFields.includes(term.field))
          throw new UnsupportedSearchError(`Unknown search field ${term.field}`);
      }
      return node;
    } catch (error) {
      if (error instanceof UnsupportedSearchError) throw new GraphQLError(error.message);
      throw error;
    }
  }

  function matchesTerm(customer: ShopifyCustomerRecord, term: SearchTerm): boolean {
    const email = customer.defaultEmailAddress?.emailAddress ?? '';
    switch (term.field) {
      case null: {
        const haystack = `${customer.firstName ?? ''} ${customer.lastName ?? ''} ${email}`.toLowerCase();
        return haystack.includes(term.value.toLowerCase());
      }
      case 'id':
        if (!/^\d+$/.test(term.value)) throw new GraphQLError(`Invalid id value ${term.value}`);
        return compareWith(term.comparator, compareIds(customer.legacyResourceId, term.value));
      case 'email': {
        // Tokenized (sheet §9.9): a quoted phrase matches consecutive tokens, not the whole address.
        const wanted = tokensOf(term.value);
        const have = tokensOf(email);
        if (!term.quoted) return wanted.every((token) => have.includes(token));
        return have.some((_, start) => wanted.every((token, index) => have[start + index] === token));
      }
      case 'customer_date':
      case 'created_at':
      case 'updated_at': {
        if (!term.quoted) throw new GraphQLError('Date values must be quoted');
        const wanted = Date.parse(term.value);
        if (Number.isNaN(wanted)) throw new GraphQLError(`Invalid date ${term.value}`);
        const stored = term.field === 'updated_at' ? customer.updatedAt : customer.createdAt;
        if (term.field === 'updated_at') {
          // "matching a whole day" (sheet §2.1): compared by UTC day.
          const day = (instant: number) => new Date(instant).toISOString().slice(0, 10);
          const [left, right] = [day(Date.parse(stored)), day(wanted)];
          return compareWith(term.comparator, left === right ? 0 : left > right ? 1 : -1);
        }
        return compareWith(term.comparator, Math.sign(Date.parse(stored) - wanted));
      }
      default:
        throw new GraphQLError(`Unknown search field ${term.field}`);
    }
  }

  const matches = (customer: ShopifyCustomerRecord, node: SearchNode | null) =>
    node === null || evaluateSearch(node, (term) => matchesTerm(customer, term));

  // ---- validation of writes --------------------------------------------------------------

  function validateEmail(email: unknown, self: ShopifyCustomerRecord | null) {
    if (typeof email !== 'string') return [];
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return [userError(['email'], 'Email is invalid')];
    const taken = [...customers.values()].some(
      (other) =>
        other !== self && other.defaultEmailAddress?.emailAddress.toLowerCase() === email.toLowerCase(),
    );
    return taken ? [userError(['email'], 'Email has already been taken')] : [];
  }

  function validatePhone(phone: unknown, self: ShopifyCustomerRecord | null) {
    if (typeof phone !== 'string') return [];
    if (!/^\+\d{6,15}$/.test(phone)) return [userError(['phone'], 'Phone is invalid')];
    const taken = [...customers.values()].some(
      (other) => other !== self && other.defaultPhoneNumber?.phoneNumber === phone,
    );
    return taken ? [userError(['phone'], 'Phone has already been taken')] : [];
  }

  function applyAddressInput(target: ShopifyAddressRecord, input: Readonly<Record<string, unknown>>) {
    const text = (key: string) => (key in input ? ((input[key] as string | null) ?? null) : undefined);
    for (const key of [
      'firstName',
      'lastName',
      'company',
      'address1',
      'address2',
      'city',
      'zip',
      'phone',
    ] as const) {
      const value = text(key);
      if (value !== undefined) target[key] = value;
    }
    const countryCode = text('countryCode');
    if (countryCode !== undefined) {
      target.countryCodeV2 = countryCode;
      target.country =
        countryCode === null
          ? null
          : (shopifyCountryNames[countryCode] ?? toCountry(countryCode)?.name ?? countryCode);
    }
    const provinceCode = text('provinceCode');
    if (provinceCode !== undefined) target.provinceCode = provinceCode;
    if (target.provinceCode === null) {
      target.province = null;
      return [];
    }
    const name = provinces[target.countryCodeV2 ?? '']?.[target.provinceCode];
    if (name === undefined) return [userError(['address', 'provinceCode'], 'Province is not valid')];
    target.province = name;
    return [];
  }

  function touch(customer: ShopifyCustomerRecord) {
    customer.updatedAt = nowWithoutMillis();
  }

  function setDefault(customer: ShopifyCustomerRecord, addressId: string | null) {
    customer.defaultAddress = addressId === null ? null : { id: addressId };
  }

  // ---- resolvers ------------------------------------------------------------------------------

  const missingCustomer = (field: string[]) => [userError(field, 'Customer does not exist')];

  const root = {
    customers: (args: ConnectionArgs) => {
      if ((args.sortKey ?? 'ID') !== 'ID' || args.reverse)
        throw new GraphQLError('The double sorts by ID only');
      const search = parseQuery(args.query, [null, 'id', 'email', 'customer_date', 'updated_at']);
      const first = pageSize(args);
      const after = args.after ? decodeCursor(args.after) : null;
      const matching = sortedCustomers().filter(
        (customer) =>
          (after === null || compareIds(customer.legacyResourceId, after) > 0) && matches(customer, search),
      );
      return connection(
        matching.slice(0, first).map(customerView),
        matching.length > first,
        (customer) => customer.legacyResourceId,
      );
    },
    customersCount: ({ query, limit }: { query?: string | null; limit?: number | null }) => {
      // Only these terms are documented for customersCount (sheet §2.1).
      const search = parseQuery(query, ['id', 'created_at', 'updated_at']);
      const count = sortedCustomers().filter((customer) => matches(customer, search)).length;
      const cap = Math.min(limit ?? Number.POSITIVE_INFINITY, options.countCap ?? Number.POSITIVE_INFINITY);
      return count > cap ? { count: cap, precision: 'AT_LEAST' } : { count, precision: 'EXACT' };
    },
    customer: ({ id }: { id: string }) => {
      const customer = customerByGid(id);
      return customer ? customerView(customer) : null;
    },
    order: ({ id }: { id: string }) => {
      const order = orders.find((candidate) => candidate.id === id);
      return order ? orderView(order) : null;
    },
    customerCreate: ({ input }: { input: Record<string, unknown> }) => {
      if (!input.firstName && !input.lastName && !input.email && !input.phone) {
        return {
          customer: null,
          userErrors: [userError(null, 'A name, phone number, or email address must be present')],
        };
      }
      const consent = input.emailMarketingConsent as
        | { marketingState: string; marketingOptInLevel?: string }
        | undefined;
      const errors = [
        ...validateEmail(input.email, null),
        ...validatePhone(input.phone, null),
        ...(consent && !input.email
          ? [userError(['emailMarketingConsent'], 'An email address is required')]
          : []),
      ];
      if (errors.length > 0) return { customer: null, userErrors: errors };
      const ids = [...customers.keys()];
      const legacyId = String(
        ids.reduce((highest, id) => (BigInt(id) > highest ? BigInt(id) : highest), 7_000_000_000n) + 1n,
      );
      const now = nowWithoutMillis();
      const email = typeof input.email === 'string' ? input.email : null;
      const phone = typeof input.phone === 'string' ? input.phone : null;
      const firstName = (input.firstName as string | undefined) ?? null;
      const lastName = (input.lastName as string | undefined) ?? null;
      const customer: ShopifyCustomerRecord = {
        id: `${customerGidPrefix}${legacyId}`,
        legacyResourceId: legacyId,
        firstName,
        lastName,
        displayName: [firstName, lastName].filter(Boolean).join(' ') || email || phone || '',
        note: (input.note as string | undefined) ?? null,
        tags: (input.tags as string[] | undefined) ?? [],
        state: 'DISABLED',
        verifiedEmail: false,
        createdAt: now,
        updatedAt: now,
        numberOfOrders: '0',
        amountSpent: { amount: '0.0', currencyCode: 'USD' },
        defaultEmailAddress: email
          ? {
              emailAddress: email,
              marketingState: consent?.marketingState ?? 'NOT_SUBSCRIBED',
              marketingOptInLevel: consent?.marketingOptInLevel ?? null,
              marketingUpdatedAt: consent ? now : null,
            }
          : null,
        defaultPhoneNumber: phone ? { phoneNumber: phone, marketingState: 'NOT_SUBSCRIBED' } : null,
        defaultAddress: null,
        addressesV2: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
      };
      customers.set(legacyId, customer);
      return { customer: customerView(customer), userErrors: [] };
    },
    customerUpdate: ({ input }: { input: Record<string, unknown> }) => {
      const customer = customerByGid(String(input.id));
      if (!customer) return { customer: null, userErrors: missingCustomer(['id']) };
      if ('emailMarketingConsent' in input) {
        return {
          customer: null,
          userErrors: [
            userError(
              ['emailMarketingConsent'],
              'To update emailMarketingConsent, please use the customerEmailMarketingConsentUpdate Mutation instead',
            ),
          ],
        };
      }
      const errors = [...validateEmail(input.email, customer), ...validatePhone(input.phone, customer)];
      if (errors.length > 0) return { customer: null, userErrors: errors };
      for (const key of ['firstName', 'lastName', 'note'] as const) {
        if (key in input) customer[key] = (input[key] as string | null) ?? null;
      }
      if ('tags' in input) customer.tags = (input.tags as string[] | null) ?? [];
      if ('email' in input) {
        const email = input.email as string | null;
        customer.defaultEmailAddress = email
          ? {
              ...(customer.defaultEmailAddress ?? {
                marketingState: 'NOT_SUBSCRIBED',
                marketingOptInLevel: null,
                marketingUpdatedAt: null,
              }),
              emailAddress: email,
            }
          : null;
      }
      if ('phone' in input) {
        const phone = input.phone as string | null;
        customer.defaultPhoneNumber = phone ? { phoneNumber: phone, marketingState: 'NOT_SUBSCRIBED' } : null;
      }
      touch(customer);
      return { customer: customerView(customer), userErrors: [] };
    },
    customerEmailMarketingConsentUpdate: ({
      input,
    }: {
      input: {
        customerId: string;
        emailMarketingConsent: { marketingState: string; marketingOptInLevel?: string | null };
      };
    }) => {
      const customer = customerByGid(input.customerId);
      if (!customer)
        return {
          customer: null,
          userErrors: [{ ...missingCustomer(['input', 'customerId'])[0], code: 'INVALID' }],
        };
      const { marketingState, marketingOptInLevel } = input.emailMarketingConsent;
      // Only these states can be set (sheet §2.3).
      if (!['SUBSCRIBED', 'UNSUBSCRIBED', 'PENDING'].includes(marketingState)) {
        return {
          customer: null,
          userErrors: [
            {
              ...userError(
                ['input', 'emailMarketingConsent', 'marketingState'],
                'Cannot specify this marketing state',
              ),
              code: 'INVALID',
            },
          ],
        };
      }
      if (!customer.defaultEmailAddress) {
        return {
          customer: null,
          userErrors: [
            { ...userError(['input', 'customerId'], 'Customer must have an email address'), code: 'INVALID' },
          ],
        };
      }
      customer.defaultEmailAddress = {
        ...customer.defaultEmailAddress,
        marketingState,
        marketingOptInLevel: marketingOptInLevel ?? null,
        marketingUpdatedAt: nowWithoutMillis(),
      };
      touch(customer);
      return { customer: customerView(customer), userErrors: [] };
    },
    customerAddressCreate: (args: {
      customerId: string;
      address: Record<string, unknown>;
      setAsDefault?: boolean | null;
    }) => {
      const customer = customerByGid(args.customerId);
      if (!customer) return { address: null, userErrors: missingCustomer(['customerId']) };
      nextAddressId += 1;
      const address: ShopifyAddressRecord = {
        id: `gid://shopify/MailingAddress/${nextAddressId}?model_name=CustomerAddress`,
        firstName: null,
        lastName: null,
        company: null,
        address1: null,
        address2: null,
        city: null,
        zip: null,
        province: null,
        provinceCode: null,
        country: null,
        countryCodeV2: null,
        phone: null,
      };
      const errors = applyAddressInput(address, args.address);
      if (errors.length > 0) return { address: null, userErrors: errors };
      customer.addressesV2.nodes.push(address);
      if (args.setAsDefault || customer.defaultAddress === null) setDefault(customer, address.id);
      touch(customer);
      return { address, userErrors: [] };
    },
    customerAddressUpdate: (args: {
      customerId: string;
      addressId: string;
      address: Record<string, unknown>;
      setAsDefault?: boolean | null;
    }) => {
      const customer = customerByGid(args.customerId);
      if (!customer) return { address: null, userErrors: missingCustomer(['customerId']) };
      const existing = customer.addressesV2.nodes.find((address) => address.id === args.addressId);
      if (!existing)
        return { address: null, userErrors: [userError(['addressId'], 'Address does not exist')] };
      const changed = { ...existing };
      const errors = applyAddressInput(changed, args.address);
      if (errors.length > 0) return { address: null, userErrors: errors };
      Object.assign(existing, changed);
      if (args.setAsDefault) setDefault(customer, existing.id);
      touch(customer);
      return { address: existing, userErrors: [] };
    },
    customerAddressDelete: (args: { customerId: string; addressId: string }) => {
      const customer = customerByGid(args.customerId);
      if (!customer) return { deletedAddressId: null, userErrors: missingCustomer(['customerId']) };
      const index = customer.addressesV2.nodes.findIndex((address) => address.id === args.addressId);
      if (index < 0)
        return { deletedAddressId: null, userErrors: [userError(['addressId'], 'Address does not exist')] };
      customer.addressesV2.nodes.splice(index, 1);
      if (customer.defaultAddress?.id === args.addressId)
        setDefault(customer, customer.addressesV2.nodes[0]?.id ?? null);
      touch(customer);
      return { deletedAddressId: args.addressId, userErrors: [] };
    },
    customerUpdateDefaultAddress: (args: { customerId: string; addressId: string }) => {
      const customer = customerByGid(args.customerId);
      if (!customer) return { customer: null, userErrors: missingCustomer(['customerId']) };
      if (!customer.addressesV2.nodes.some((address) => address.id === args.addressId)) {
        return { customer: null, userErrors: [userError(['addressId'], 'Address does not exist')] };
      }
      setDefault(customer, args.addressId);
      touch(customer);
      return { customer: customerView(customer), userErrors: [] };
    },
    customerDelete: ({ input }: { input: { id: string } }) => {
      const customer = customerByGid(input.id);
      const shop = { id: 'gid://shopify/Shop/1' };
      if (!customer) return { deletedCustomerId: null, shop, userErrors: missingCustomer(['id']) };
      if (!customerView(customer).canDelete) {
        return {
          deletedCustomerId: null,
          shop,
          userErrors: [userError(['id'], 'Customer can’t be deleted because they have associated orders')],
        };
      }
      customers.delete(customer.legacyResourceId);
      return { deletedCustomerId: customer.id, shop, userErrors: [] };
    },
  };

  // ---- HTTP -----------------------------------------------------------------------------------

  async function record(request: Request): Promise<RecordedRequest> {
    const url = new URL(request.url);
    const text = await request.text();
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = Object.fromEntries(new URLSearchParams(text));
      }
    }
    const recorded: RecordedRequest = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(request.headers),
      body,
    };
    requests.push(recorded);
    return recorded;
  }

  function tokenAccepted(token: string | undefined): boolean {
    if (!token || expiredTokens.has(token)) return false;
    if (issuedTokens.has(token)) return true;
    if (options.clientId !== undefined) return false;
    return options.accessToken === undefined || token === options.accessToken;
  }

  function costExtensions(requested: number, actual: number | null, currentlyAvailable: number) {
    return {
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: actual,
        throttleStatus: { maximumAvailable, currentlyAvailable, restoreRate },
      },
    };
  }

  function throttled(requested: number, currentlyAvailable: number) {
    return {
      errors: [
        {
          message: 'Throttled',
          extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
        },
      ],
      extensions: costExtensions(requested, null, currentlyAvailable),
    };
  }

  type Reply = [number, string | object, Record<string, string>?];

  async function injectedFailure(
    kind: UpstreamFailureKind | undefined,
    requested: number,
  ): Promise<Reply | null> {
    switch (kind) {
      case 'unauthorized':
        return [401, unauthorizedBody];
      case 'rateLimited':
        // A wait of one second: ceil((requested − available) / restoreRate) = 1 (sheet §6).
        return [200, throttled(requested, Math.max(0, requested - restoreRate))];
      case 'serverError':
        return [502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' }];
      case 'garbage':
        return [
          200,
          '<!DOCTYPE html><html><body>Your shop is being updated</body></html>',
          { 'content-type': 'text/html' },
        ];
      case 'timeout':
        await wait(options.timeoutDelayMs ?? 3000);
        return null;
      default:
        return null;
    }
  }

  async function answerGraphql(request: Request): Promise<Reply> {
    const recorded = await record(request);
    const version = recorded.path.split('/')[3] ?? '';
    const headers = { 'x-shopify-api-version': options.answeredVersion ?? version };
    const {
      query,
      variables = {},
      operationName,
    } = (recorded.body ?? {}) as {
      query?: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    let document: DocumentNode;
    try {
      document = parse(query ?? '');
    } catch (error) {
      return [200, { errors: [{ message: (error as Error).message }] }, headers];
    }
    const validationErrors = validate(shopifyAdminSchema(), document);
    const requested =
      validationErrors.length === 0 ? shopifyQueryCost(document, variables, operationName) : 0;
    const failure = await injectedFailure(failures.shift(), requested);
    if (failure) return failure;
    if (!tokenAccepted(recorded.headers['x-shopify-access-token'])) return [401, unauthorizedBody];
    if (validationErrors.length > 0) {
      return [
        200,
        { errors: validationErrors.map((error) => ({ message: error.message, locations: error.locations })) },
        headers,
      ];
    }
    if (requested > maxQueryCost) {
      const message = `Query cost is ${requested}, which exceeds the single query max cost limit (${maxQueryCost}).`;
      return [
        200,
        {
          errors: [
            { message, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: maxQueryCost } },
          ],
        },
        headers,
      ];
    }
    if (requested > refill()) {
      throttledAnswers += 1;
      return [200, throttled(requested, available), headers];
    }
    const result: ExecutionResult = await execute({
      schema: shopifyAdminSchema(),
      document,
      rootValue: root,
      variableValues: variables,
      operationName,
    });
    const actual = shopifyQueryCost(document, variables, operationName, result.data);
    available -= Math.min(actual, available);
    const body = {
      ...(result.errors
        ? { errors: result.errors.map((error) => ({ message: error.message, path: error.path })) }
        : {}),
      data: result.data ?? null,
      extensions: costExtensions(requested, actual, available),
    };
    return [200, body, headers];
  }

  async function answerToken(request: Request): Promise<Reply> {
    const recorded = await record(request);
    const failure = await injectedFailure(failures.shift(), 0);
    if (failure) return failure;
    const body = (recorded.body ?? {}) as Record<string, unknown>;
    const knownApp =
      (options.clientId === undefined || body.client_id === options.clientId) &&
      (options.clientSecret === undefined || body.client_secret === options.clientSecret);
    if (body.grant_type !== 'client_credentials' || !knownApp) {
      return [401, { error: 'invalid_client', error_description: 'Client authentication failed' }];
    }
    const token = `shpat_double_${issuedTokens.size + expiredTokens.size + 1}_${Math.random().toString(36).slice(2)}`;
    issuedTokens.add(token);
    return [
      200,
      {
        access_token: token,
        scope: 'read_customers,write_customers,read_orders',
        expires_in: options.tokenLifetimeSeconds ?? 86_399,
      },
    ];
  }

  const scope = nock(origin).persist();
  const interceptors = [
    scope.post(/^\/admin\/api\/[^/]+\/graphql\.json$/),
    scope.post('/admin/oauth/access_token'),
  ] as const;
  interceptors[0].reply(answerGraphql);
  interceptors[1].reply(answerToken);

  return {
    baseUrl: origin,
    get requests() {
      return requests;
    },
    seed(seededCustomers, seededOrders = []) {
      customers.clear();
      for (const customer of seededCustomers)
        customers.set(customer.legacyResourceId, structuredClone(customer));
      orders = seededOrders.map((order) => structuredClone(order));
    },
    stored(id) {
      const customer = customers.get(id);
      if (customer === undefined) return undefined;
      const complete = {
        ...customer,
        addressesV2: { ...customer.addressesV2, pageInfo: { hasNextPage: false, endCursor: null } },
      };
      return mapShopifyCustomer(shopifyCustomerSchema.parse(complete)) satisfies Customer;
    },
    failNext(kind, count = 1) {
      failures.push(...Array.from({ length: count }, () => kind));
    },
    reset() {
      customers.clear();
      orders = [];
      requests = [];
      failures = [];
      issuedTokens = new Set();
      expiredTokens = new Set();
      available = maximumAvailable;
      throttledAnswers = 0;
    },
    close() {
      for (const interceptor of interceptors) nock.removeInterceptor(interceptor);
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
    },
    expireIssuedTokens() {
      expiredTokens = new Set([...expiredTokens, ...issuedTokens]);
      issuedTokens = new Set();
    },
    throttledAnswers: () => throttledAnswers,
  };
}
