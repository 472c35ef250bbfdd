import type { Customer, CustomerAdapterV1, CustomerFilters, Page } from '@unicart/core';
import type { RecordedRequest } from '@unicart/core/testing';
import {
  type ShopifyCustomerRecord,
  type ShopifyOrderRecord,
  type ShopifySimulator,
  type ShopifySimulatorOptions,
  startShopifySimulator,
} from '@unicart/sandbox';
import fullCustomer from './__fixtures__/shopify-customer-full.json' with { type: 'json' };
import manyAddressesCustomer from './__fixtures__/shopify-customer-many-addresses.json' with { type: 'json' };
import noAddressesCustomer from './__fixtures__/shopify-customer-no-addresses.json' with { type: 'json' };
import noEmailCustomer from './__fixtures__/shopify-customer-no-email.json' with { type: 'json' };
import similarEmailCustomer from './__fixtures__/shopify-customer-similar-email.json' with { type: 'json' };
import unicodeCustomer from './__fixtures__/shopify-customer-unicode.json' with { type: 'json' };
import cancelledOrder from './__fixtures__/shopify-order-cancelled.json' with { type: 'json' };
import manyItemsOrder from './__fixtures__/shopify-order-many-items.json' with { type: 'json' };
import paidOrder from './__fixtures__/shopify-order-paid.json' with { type: 'json' };
import yenOrder from './__fixtures__/shopify-order-yen.json' with { type: 'json' };
import { mapShopifyCustomer } from './map-shopify-customer';
import { createShopifyAdapter, type ShopifyAdapterSettings } from './shopify-adapter';
import { shopifyCustomerSchema } from './shopify-api';

export interface ShopifyAddressFixture {
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

interface PageInfoFixture {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A customer fixture: `data.customer` with every field of the sheet (§4). */
export interface ShopifyCustomerFixture {
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
  addressesV2: { nodes: ShopifyAddressFixture[]; pageInfo: PageInfoFixture };
}

type MoneyBagFixture = { shopMoney: { amount: string; currencyCode: string } };

export interface ShopifyLineItemFixture {
  id: string;
  name: string;
  sku: string | null;
  quantity: number;
  originalUnitPriceSet: MoneyBagFixture;
  variant: { id: string } | null;
  product: { id: string } | null;
}

/** An order fixture (sheet, Orders summary). */
export interface ShopifyOrderFixture {
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
  subtotalPriceSet: MoneyBagFixture | null;
  totalTaxSet: MoneyBagFixture | null;
  totalShippingPriceSet: MoneyBagFixture;
  totalDiscountsSet: MoneyBagFixture | null;
  totalPriceSet: MoneyBagFixture;
  lineItems: { nodes: ShopifyLineItemFixture[]; pageInfo: PageInfoFixture };
}

/** Test support: the fixtures, the simulator storing them, and the adapter against the simulator. */
export const customerFixtures = {
  full: fullCustomer,
  noEmail: noEmailCustomer,
  noAddresses: noAddressesCustomer,
  unicode: unicodeCustomer,
  manyAddresses: manyAddressesCustomer,
  similarEmail: similarEmailCustomer,
} satisfies Record<string, ShopifyCustomerFixture>;

export const orderFixtures = {
  paid: paidOrder,
  cancelled: cancelledOrder,
  manyItems: manyItemsOrder,
  yen: yenOrder,
} satisfies Record<string, ShopifyOrderFixture>;

export const allCustomerFixtures: readonly ShopifyCustomerFixture[] = Object.values(customerFixtures);
export const allOrderFixtures: readonly ShopifyOrderFixture[] = Object.values(orderFixtures);

export const testAccessToken = 'shpat_test_access_token_0123';

const numericId = (gid: string) => Number(/\/(\d+)(\?|$)/.exec(gid)?.[1]);
const cents = (money: { shopMoney: { amount: string } }) => Math.round(Number(money.shopMoney.amount) * 100);
const centsOrNull = (money: { shopMoney: { amount: string } } | null) =>
  money === null ? null : cents(money);

/** A customer fixture as the simulator stores it. */
export function customerRecord(fixture: ShopifyCustomerFixture): ShopifyCustomerRecord {
  const email = fixture.defaultEmailAddress;
  const phone = fixture.defaultPhoneNumber;
  return {
    id: numericId(fixture.id),
    firstName: fixture.firstName,
    lastName: fixture.lastName,
    email: email?.emailAddress ?? null,
    phone: phone?.phoneNumber ?? null,
    note: fixture.note,
    tags: fixture.tags,
    state: fixture.state as ShopifyCustomerRecord['state'],
    verifiedEmail: fixture.verifiedEmail,
    taxExempt: false,
    locale: 'en',
    createdAt: fixture.createdAt,
    updatedAt: fixture.updatedAt,
    emailMarketing: {
      state: (email?.marketingState ?? 'NOT_SUBSCRIBED') as ShopifyCustomerRecord['emailMarketing']['state'],
      optInLevel: (email?.marketingOptInLevel ??
        null) as ShopifyCustomerRecord['emailMarketing']['optInLevel'],
      updatedAt: email?.marketingUpdatedAt ?? null,
    },
    smsMarketing: {
      state: (phone?.marketingState ?? 'NOT_SUBSCRIBED') as ShopifyCustomerRecord['smsMarketing']['state'],
      optInLevel: null,
      updatedAt: null,
    },
    addresses: fixture.addressesV2.nodes.map((address) => ({
      id: numericId(address.id),
      firstName: address.firstName,
      lastName: address.lastName,
      company: address.company,
      address1: address.address1,
      address2: address.address2,
      city: address.city,
      zip: address.zip,
      provinceCode: address.provinceCode,
      countryCode: address.countryCodeV2,
      phone: address.phone,
    })),
    defaultAddressId: fixture.defaultAddress === null ? null : numericId(fixture.defaultAddress.id),
  };
}

/** An order fixture as the simulator stores it (amounts in cents of the shop currency). */
export function orderRecord(fixture: ShopifyOrderFixture): ShopifyOrderRecord {
  return {
    id: numericId(fixture.id),
    number: Number(fixture.name.replace('#', '')),
    customerId: fixture.customer === null ? null : numericId(fixture.customer.id),
    email: fixture.email,
    createdAt: fixture.createdAt,
    updatedAt: fixture.updatedAt,
    processedAt: fixture.createdAt,
    cancelledAt: fixture.cancelledAt,
    closed: fixture.closed,
    closedAt: fixture.closed ? fixture.updatedAt : null,
    financialStatus: fixture.displayFinancialStatus as ShopifyOrderRecord['financialStatus'],
    fulfillmentStatus: fixture.displayFulfillmentStatus as ShopifyOrderRecord['fulfillmentStatus'],
    subtotalCents: centsOrNull(fixture.subtotalPriceSet),
    taxCents: centsOrNull(fixture.totalTaxSet),
    shippingCents: cents(fixture.totalShippingPriceSet),
    discountCents: centsOrNull(fixture.totalDiscountsSet),
    totalCents: cents(fixture.totalPriceSet),
    lineItems: fixture.lineItems.nodes.map((item) => ({
      id: numericId(item.id),
      name: item.name,
      sku: item.sku,
      quantity: item.quantity,
      unitPriceCents: cents(item.originalUnitPriceSet),
      productId: item.product === null ? null : numericId(item.product.id),
      variantId: item.variant === null ? null : numericId(item.variant.id),
    })),
  };
}

/** Every fixture, as the simulator stores them. */
export const seededRecords = {
  customers: allCustomerFixtures.map(customerRecord),
  orders: allOrderFixtures.map(orderRecord),
};

/** A simulator holding every fixture, accepting `testAccessToken`. */
export function startSeededShopify(options: ShopifySimulatorOptions = {}): Promise<ShopifySimulator> {
  return startShopifySimulator({ accessToken: testAccessToken, data: seededRecords, ...options });
}

/** The adapter against a simulator, with fast retries. */
export function adapterFor(
  simulator: ShopifySimulator,
  settings: Partial<ShopifyAdapterSettings> = {},
): CustomerAdapterV1 {
  return createShopifyAdapter({
    shop: 'example.myshopify.com',
    accessToken: testAccessToken,
    baseUrl: simulator.url,
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2000 },
    ...settings,
  } as ShopifyAdapterSettings);
}

/** What each GraphQL request asked: its operation and variables, in order. */
export function graphqlCalls(simulator: ShopifySimulator): { operationName: string; variables: unknown }[] {
  return simulator.requests
    .filter((request) => request.path.endsWith('/graphql.json'))
    .map((request) => {
      const body = request.body as { operationName: string; variables: unknown };
      return { operationName: body.operationName, variables: body.variables };
    });
}

/** A recorded request with only the headers the adapter sets. */
export function withAdapterHeaders(request: RecordedRequest): RecordedRequest {
  const names = ['accept', 'content-type', 'user-agent', 'x-shopify-access-token'];
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => names.includes(name)),
  );
  return { ...request, headers };
}

/** The canonical customer of a fixture, as the mapper gives it. */
export function canonicalCustomer(fixture: ShopifyCustomerFixture): Customer {
  return mapShopifyCustomer(shopifyCustomerSchema.parse(fixture));
}

/** Order statuses whose total Shopify counts in `amountSpent` (sheet §4). */
const spentStatuses = new Set(['PAID', 'PARTIALLY_PAID', 'PARTIALLY_REFUNDED']);

/**
 * The canonical customer of a fixture as the simulated shop serves it: one shop, so its amounts are
 * in the shop currency (USD) and `amountSpent` is what the seeded orders add up to; the simulator
 * names the provinces of the countries it seeds, and Mexico is not one of them.
 */
export function servedCustomer(fixture: ShopifyCustomerFixture): Customer {
  const canonical = canonicalCustomer(fixture);
  const spentCents = seededRecords.orders
    .filter((order) => order.customerId === numericId(fixture.id))
    .filter((order) => order.financialStatus !== null && spentStatuses.has(order.financialStatus))
    .reduce((sum, order) => sum + order.totalCents, 0);
  return {
    ...canonical,
    currency: 'USD',
    totalSpent: spentCents / 100,
    addresses: canonical.addresses.map((address) =>
      address.country?.code === 'MX' && address.state !== null
        ? { ...address, state: { ...address.state, name: null } }
        : address,
    ),
  };
}

/** Every customer matching `filters`, page after page of `listCustomers` (the paged path, never a bulk operation). */
export async function listEveryPage(
  adapter: CustomerAdapterV1,
  filters: CustomerFilters,
  limit = 100,
): Promise<Customer[]> {
  const customers: Customer[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Customer> = await adapter.listCustomers({ ...filters, limit, cursor });
    customers.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return customers;
}
