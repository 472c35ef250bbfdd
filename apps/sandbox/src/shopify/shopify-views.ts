import { type GraphQLResolveInfo, responsePathAsArray } from 'graphql';
import { countryName, regionName } from '../seed/geography';
import type { AppBulkOperations } from './shopify-bulk';
import { type ConnectionArguments, connectionOf, maxPageSize } from './shopify-connection';
import { gid } from './shopify-gid';
import { compileSearch } from './shopify-search-match';
import {
  type CustomerSortKey,
  orderSearchSpecification,
  orderSortPosition,
} from './shopify-search-specifications';
import type { ShopifyStore } from './shopify-store';
import type {
  ShopifyAddressRecord,
  ShopifyCustomerRecord,
  ShopifyLineItemRecord,
  ShopifyOrderRecord,
} from './shopify-types';
import type { ShopifyWebhooks } from './shopify-webhooks';

/** A search Shopify reports back in `extensions.search` when some of its terms were ignored. */
export interface SearchReport {
  readonly path: readonly (string | number)[];
  readonly query: string;
  readonly warnings: readonly { readonly field: string; readonly message: string }[];
}

/** What every resolver sees: the shop's data and the search warnings of this request. */
export interface ShopifyContext {
  readonly store: ShopifyStore;
  readonly searchReports: SearchReport[];
  readonly now: () => Date;
  /** Set while a bulk operation runs its query: nested connections are read whole, not paged. */
  readonly bulk?: boolean;
  /** The bulk operations of the calling app (absent while a bulk operation itself executes). */
  readonly bulkOperations?: AppBulkOperations;
  /** The shop's webhook subscriptions, told of every customer change (absent inside a bulk operation). */
  readonly webhooks?: ShopifyWebhooks;
}

/** The largest page of a nested connection: whole inside a bulk operation. */
export function nestedPageLimit(context: ShopifyContext): number {
  return context.bulk === true ? Number.MAX_SAFE_INTEGER : maxPageSize;
}

/** A `Decimal` as Shopify writes money: at least one decimal, no trailing zeros (`"84.5"`, `"100.0"`). */
export function decimalOf(cents: number): string {
  return (cents / 100).toFixed(2).replace(/0$/, '');
}

function money(cents: number, currencyCode: string) {
  return { amount: decimalOf(cents), currencyCode };
}

function moneyBag(cents: number, currencyCode: string) {
  return { shopMoney: money(cents, currencyCode), presentmentMoney: money(cents, currencyCode) };
}

/** `MailingAddress` over a stored address. */
export class MailingAddressView {
  readonly __typename = 'MailingAddress';
  readonly #address: ShopifyAddressRecord;

  constructor(address: ShopifyAddressRecord) {
    this.#address = address;
  }

  get id() {
    return gid('MailingAddress', this.#address.id);
  }
  get firstName() {
    return this.#address.firstName;
  }
  get lastName() {
    return this.#address.lastName;
  }
  get name() {
    const name = [this.#address.firstName, this.#address.lastName].filter(Boolean).join(' ');
    return name === '' ? null : name;
  }
  get company() {
    return this.#address.company;
  }
  get address1() {
    return this.#address.address1;
  }
  get address2() {
    return this.#address.address2;
  }
  get city() {
    return this.#address.city;
  }
  get zip() {
    return this.#address.zip;
  }
  get provinceCode() {
    return this.#address.provinceCode;
  }
  get province() {
    const { countryCode, provinceCode } = this.#address;
    // Japanese prefectures are written `JP-13` by Shopify and `JP13` in the seed table.
    return countryCode === null || provinceCode === null
      ? null
      : regionName(countryCode, provinceCode.replace('-', ''));
  }
  get countryCodeV2() {
    return this.#address.countryCode;
  }
  get countryCode() {
    return this.#address.countryCode;
  }
  get country() {
    return countryName(this.#address.countryCode);
  }
  get phone() {
    return this.#address.phone;
  }
  get formattedArea() {
    const area = [this.#address.city, this.#address.provinceCode].filter(Boolean).join(' ');
    return [area, this.country].filter(Boolean).join(', ') || null;
  }
  formatted(args: { withName?: boolean; withCompany?: boolean }) {
    const address = this.#address;
    return [
      ...(args.withName && this.name !== null ? [this.name] : []),
      ...(args.withCompany !== false && address.company ? [address.company] : []),
      address.address1,
      address.address2,
      [address.city, address.provinceCode, address.zip].filter(Boolean).join(' '),
      this.country,
    ].filter((line): line is string => typeof line === 'string' && line !== '');
  }
  get latitude() {
    return null;
  }
  get longitude() {
    return null;
  }
  get timeZone() {
    return null;
  }
  get coordinatesValidated() {
    return false;
  }
  get validationResultSummary() {
    return null;
  }
}

function lineItemView(item: ShopifyLineItemRecord, currency: string) {
  const [title, variantTitle] = item.name.split(' - ');
  return {
    __typename: 'LineItem',
    id: gid('LineItem', item.id),
    name: item.name,
    title: title ?? item.name,
    variantTitle: variantTitle ?? null,
    sku: item.sku,
    quantity: item.quantity,
    currentQuantity: item.quantity,
    isGiftCard: item.name === 'Gift card',
    requiresShipping: item.name !== 'Gift card',
    taxable: true,
    vendor: null,
    originalUnitPriceSet: moneyBag(item.unitPriceCents, currency),
    discountedUnitPriceSet: moneyBag(item.unitPriceCents, currency),
    originalTotalSet: moneyBag(item.unitPriceCents * item.quantity, currency),
    discountedTotalSet: moneyBag(item.unitPriceCents * item.quantity, currency),
    product:
      item.productId === null
        ? null
        : {
            __typename: 'Product',
            id: gid('Product', item.productId),
            legacyResourceId: String(item.productId),
            title,
          },
    variant:
      item.variantId === null
        ? null
        : {
            __typename: 'ProductVariant',
            id: gid('ProductVariant', item.variantId),
            legacyResourceId: String(item.variantId),
            sku: item.sku,
            title: variantTitle ?? 'Default Title',
          },
  };
}

/** `Order` over a stored order. */
export class OrderView {
  readonly __typename = 'Order';
  readonly #context: ShopifyContext;
  readonly #order: ShopifyOrderRecord;

  constructor(context: ShopifyContext, order: ShopifyOrderRecord) {
    this.#context = context;
    this.#order = order;
  }

  get #currency() {
    return this.#context.store.shop.currency;
  }
  get id() {
    return gid('Order', this.#order.id);
  }
  get legacyResourceId() {
    return String(this.#order.id);
  }
  get name() {
    return `#${this.#order.number}`;
  }
  get number() {
    return this.#order.number;
  }
  get email() {
    return this.#order.email;
  }
  get phone() {
    return null;
  }
  get note() {
    return null;
  }
  get tags() {
    return [];
  }
  get test() {
    return false;
  }
  get confirmed() {
    return true;
  }
  get createdAt() {
    return this.#order.createdAt;
  }
  get updatedAt() {
    return this.#order.updatedAt;
  }
  get processedAt() {
    return this.#order.processedAt;
  }
  get cancelledAt() {
    return this.#order.cancelledAt;
  }
  get cancelReason() {
    return this.#order.cancelledAt === null ? null : 'CUSTOMER';
  }
  get closed() {
    return this.#order.closed;
  }
  get closedAt() {
    return this.#order.closedAt;
  }
  get fullyPaid() {
    return this.#order.financialStatus === 'PAID';
  }
  get currencyCode() {
    return this.#currency;
  }
  get presentmentCurrencyCode() {
    return this.#currency;
  }
  get displayFinancialStatus() {
    return this.#order.financialStatus;
  }
  get displayFulfillmentStatus() {
    return this.#order.fulfillmentStatus;
  }
  get customer() {
    const { customerId } = this.#order;
    const customer = customerId === null ? undefined : this.#context.store.customers.get(customerId);
    return customer === undefined ? null : new CustomerView(this.#context, customer);
  }
  get subtotalPriceSet() {
    return this.#order.subtotalCents === null ? null : moneyBag(this.#order.subtotalCents, this.#currency);
  }
  get currentSubtotalPriceSet() {
    return this.subtotalPriceSet;
  }
  get totalTaxSet() {
    return this.#order.taxCents === null ? null : moneyBag(this.#order.taxCents, this.#currency);
  }
  get currentTotalTaxSet() {
    return this.totalTaxSet;
  }
  get totalShippingPriceSet() {
    return moneyBag(this.#order.shippingCents, this.#currency);
  }
  get totalDiscountsSet() {
    return this.#order.discountCents === null ? null : moneyBag(this.#order.discountCents, this.#currency);
  }
  get currentTotalDiscountsSet() {
    return this.totalDiscountsSet;
  }
  get totalPriceSet() {
    return moneyBag(this.#order.totalCents, this.#currency);
  }
  get currentTotalPriceSet() {
    return this.totalPriceSet;
  }
  get originalTotalPriceSet() {
    return this.totalPriceSet;
  }
  lineItems(args: ConnectionArguments) {
    return connectionOf(
      this.#order.lineItems,
      args,
      (item) => ({ id: item.id, value: item.id }),
      (item) => lineItemView(item, this.#currency),
      nestedPageLimit(this.#context),
    );
  }
}

function sortedCustomerName(customer: ShopifyCustomerRecord): string {
  return [customer.firstName, customer.lastName].filter(Boolean).join(' ').toLowerCase();
}

/** The position of a customer in the order of a `CustomerSortKeys` value (ties by id). */
export function customerSortPosition(sortKey: CustomerSortKey, customer: ShopifyCustomerRecord) {
  switch (sortKey) {
    case 'CREATED_AT':
      return { id: customer.id, value: Date.parse(customer.createdAt) };
    case 'UPDATED_AT':
      return { id: customer.id, value: Date.parse(customer.updatedAt) };
    case 'NAME':
      return { id: customer.id, value: sortedCustomerName(customer) };
    default:
      // ID, and RELEVANCE and LOCATION, which the simulator orders by id (see README).
      return { id: customer.id, value: customer.id };
  }
}

/** `Customer` over a stored customer (sheet §4). */
export class CustomerView {
  readonly __typename = 'Customer';
  readonly #context: ShopifyContext;
  readonly #customer: ShopifyCustomerRecord;

  constructor(context: ShopifyContext, customer: ShopifyCustomerRecord) {
    this.#context = context;
    this.#customer = customer;
  }

  get id() {
    return gid('Customer', this.#customer.id);
  }
  get legacyResourceId() {
    return String(this.#customer.id);
  }
  get firstName() {
    return this.#customer.firstName;
  }
  get lastName() {
    return this.#customer.lastName;
  }
  get displayName() {
    const { firstName, lastName, email, phone } = this.#customer;
    const name = [firstName, lastName].filter(Boolean).join(' ');
    return name || email || phone || '';
  }
  get email() {
    return this.#customer.email;
  }
  get phone() {
    return this.#customer.phone;
  }
  get note() {
    return this.#customer.note;
  }
  get tags() {
    return this.#customer.tags;
  }
  get state() {
    return this.#customer.state;
  }
  get verifiedEmail() {
    return this.#customer.verifiedEmail;
  }
  get validEmailAddress() {
    return this.#customer.email !== null;
  }
  get taxExempt() {
    return this.#customer.taxExempt;
  }
  get taxExemptions() {
    return [];
  }
  get locale() {
    return this.#customer.locale;
  }
  get multipassIdentifier() {
    return null;
  }
  get dataSaleOptOut() {
    return false;
  }
  get createdAt() {
    return this.#customer.createdAt;
  }
  get updatedAt() {
    return this.#customer.updatedAt;
  }
  get numberOfOrders() {
    return String(this.#context.store.ordersOf(this.#customer.id).length);
  }
  get amountSpent() {
    return money(this.#context.store.amountSpentCents(this.#customer.id), this.#context.store.shop.currency);
  }
  get canDelete() {
    return this.#context.store.ordersOf(this.#customer.id).length === 0;
  }
  get defaultEmailAddress() {
    const { email, emailMarketing } = this.#customer;
    if (email === null) return null;
    return {
      emailAddress: email,
      // REDACTED is not a value of CustomerEmailAddressMarketingState.
      marketingState: emailMarketing.state === 'REDACTED' ? 'NOT_SUBSCRIBED' : emailMarketing.state,
      marketingOptInLevel: emailMarketing.optInLevel,
      marketingUpdatedAt: emailMarketing.updatedAt,
      marketingUnsubscribeUrl: `https://${this.#context.store.shop.domain}/unsubscribe?customer=${this.#customer.id}`,
      openTrackingLevel: 'UNKNOWN',
      openTrackingUrl: `https://${this.#context.store.shop.domain}/tracking?customer=${this.#customer.id}`,
      validFormat: true,
      sourceLocation: null,
    };
  }
  get emailMarketingConsent() {
    const { email, emailMarketing } = this.#customer;
    if (email === null) return null;
    return {
      marketingState: emailMarketing.state,
      marketingOptInLevel: emailMarketing.optInLevel,
      consentUpdatedAt: emailMarketing.updatedAt,
      sourceLocation: null,
    };
  }
  get defaultPhoneNumber() {
    const { phone, smsMarketing } = this.#customer;
    if (phone === null) return null;
    return {
      phoneNumber: phone,
      marketingState: smsMarketing.state,
      marketingOptInLevel: smsMarketing.optInLevel,
      marketingUpdatedAt: smsMarketing.updatedAt,
      marketingCollectedFrom: null,
      sourceLocation: null,
    };
  }
  get smsMarketingConsent() {
    const { phone, smsMarketing } = this.#customer;
    if (phone === null) return null;
    return {
      marketingState: smsMarketing.state,
      marketingOptInLevel: smsMarketing.optInLevel ?? 'UNKNOWN',
      consentUpdatedAt: smsMarketing.updatedAt,
      consentCollectedFrom: null,
      sourceLocation: null,
    };
  }
  get defaultAddress() {
    const address = this.#customer.addresses.find(
      (candidate) => candidate.id === this.#customer.defaultAddressId,
    );
    return address === undefined ? null : new MailingAddressView(address);
  }
  addressesV2(args: ConnectionArguments) {
    return connectionOf(
      this.#customer.addresses,
      args,
      (address) => ({ id: address.id, value: address.id }),
      (address) => new MailingAddressView(address),
      nestedPageLimit(this.#context),
    );
  }
  addresses(args: { first?: number | null }) {
    return this.#customer.addresses
      .slice(0, Math.min(args.first ?? maxPageSize, maxPageSize))
      .map((address) => new MailingAddressView(address));
  }
  get lastOrder() {
    const orders = this.#context.store.ordersOf(this.#customer.id);
    const last = orders.reduce<ShopifyOrderRecord | undefined>(
      (latest, order) => (latest === undefined || order.createdAt > latest.createdAt ? order : latest),
      undefined,
    );
    return last === undefined ? null : new OrderView(this.#context, last);
  }
  orders(
    args: ConnectionArguments & { query?: string | null; sortKey?: string | null },
    _context: ShopifyContext,
    info: GraphQLResolveInfo,
  ) {
    const search = compileSearch(args.query, orderSearchSpecification(this.#context.store));
    if (search.warnings.length > 0 && args.query) {
      this.#context.searchReports.push({
        path: responsePathAsArray(info.path),
        query: args.query,
        warnings: search.warnings,
      });
    }
    return connectionOf(
      this.#context.store.ordersOf(this.#customer.id).filter(search.matches),
      args,
      (order) => orderSortPosition(args.sortKey ?? 'ID', order),
      (order) => new OrderView(this.#context, order),
      nestedPageLimit(this.#context),
    );
  }
}
