import { countryName } from '../seed/geography';
import type { SortPosition } from './shopify-connection';
import {
  booleanMatcher,
  dateMatcher,
  exactMatcher,
  type FieldMatcher,
  numberMatcher,
  type SearchSpecification,
  wordsMatcher,
} from './shopify-search-match';
import type { ShopifyStore } from './shopify-store';
import type { ShopifyCustomerRecord, ShopifyOrderRecord } from './shopify-types';

/** `CustomerSortKeys`. */
export type CustomerSortKey = 'CREATED_AT' | 'ID' | 'LOCATION' | 'NAME' | 'RELEVANCE' | 'UPDATED_AT';

const digits = (text: string | null) => (text ?? '').replace(/\D/g, '');

function phoneMatcher<Item>(phones: (item: Item) => readonly (string | null)[]): FieldMatcher<Item> {
  return (term) => {
    if (term.prefix && term.value === '') return (item) => phones(item).some((phone) => phone !== null);
    const wanted = digits(term.value);
    return (item) => wanted !== '' && phones(item).some((phone) => digits(phone).includes(wanted));
  };
}

/** `tag:` and `tag_not:` take a comma list; `tag` matches a customer with any of them. */
function tagMatcher(negated: boolean): FieldMatcher<ShopifyCustomerRecord> {
  return (term) => {
    const wanted = term.value.split(',').map((tag) => tag.trim().toLowerCase());
    return (customer) => {
      const has = customer.tags.some((tag) => wanted.includes(tag.toLowerCase()));
      return negated ? !has : has;
    };
  };
}

/**
 * The documented `customers(query:)` fields (sheet §2.1). `customer_date` is the creation date;
 * `created_at` is accepted only by `customersCount` (sheet §9.13), so on `customers` it is ignored
 * with a warning, which is how Shopify treats a field it does not know.
 */
export function customerSearchSpecification(
  store: ShopifyStore,
  target: 'customers' | 'customersCount',
): SearchSpecification<ShopifyCustomerRecord> {
  const orderDates = (customer: ShopifyCustomerRecord) =>
    store.ordersOf(customer.id).map((order) => order.createdAt);
  const fields: Record<string, FieldMatcher<ShopifyCustomerRecord>> = {
    id: numberMatcher((customer) => customer.id),
    email: wordsMatcher((customer) => [customer.email]),
    first_name: wordsMatcher((customer) => [customer.firstName]),
    last_name: wordsMatcher((customer) => [customer.lastName]),
    phone: phoneMatcher((customer) => [customer.phone]),
    customer_date: dateMatcher((customer) => customer.createdAt),
    updated_at: dateMatcher((customer) => customer.updatedAt, { wholeDays: true }),
    accepts_marketing: booleanMatcher(
      (customer) => customer.email !== null && customer.emailMarketing.state === 'SUBSCRIBED',
    ),
    country: exactMatcher((customer) =>
      customer.addresses.flatMap((address) => [address.countryCode, countryName(address.countryCode)]),
    ),
    state: exactMatcher((customer) => [customer.state]),
    orders_count: numberMatcher((customer) => store.ordersOf(customer.id).length),
    total_spent: numberMatcher((customer) => store.amountSpentCents(customer.id) / 100),
    tag: tagMatcher(false),
    tag_not: tagMatcher(true),
    order_date: (term) => {
      const single = dateMatcher<string>((date) => date)(term);
      return typeof single === 'function' ? (customer) => orderDates(customer).some(single) : single;
    },
    // The simulator has no abandoned checkouts: the term is valid and matches nobody.
    last_abandoned_order_date: () => () => false,
  };
  if (target === 'customersCount') fields.created_at = dateMatcher((customer) => customer.createdAt);
  return {
    fields,
    freeText: wordsMatcher(
      (customer) => [
        customer.firstName,
        customer.lastName,
        customer.email,
        customer.phone,
        ...customer.tags,
        ...customer.addresses.flatMap((address) => [address.company, address.city]),
      ],
      { prefixWords: true },
    ),
  };
}

const orderStatuses: Readonly<Record<string, (order: ShopifyOrderRecord) => boolean>> = {
  open: (order) => !order.closed && order.cancelledAt === null,
  closed: (order) => order.closed,
  cancelled: (order) => order.cancelledAt !== null,
  not_closed: (order) => !order.closed,
  any: () => true,
};

/** The `orders(query:)` fields the simulator knows (sheet, Orders summary). */
export function orderSearchSpecification(store: ShopifyStore): SearchSpecification<ShopifyOrderRecord> {
  return {
    fields: {
      id: numberMatcher((order) => order.id),
      customer_id: numberMatcher((order) => order.customerId),
      email: wordsMatcher((order) => [order.email]),
      name: exactMatcher((order) => [`#${order.number}`, String(order.number)]),
      created_at: dateMatcher((order) => order.createdAt),
      updated_at: dateMatcher((order) => order.updatedAt),
      processed_at: dateMatcher((order) => order.processedAt),
      financial_status: exactMatcher((order) => [order.financialStatus]),
      fulfillment_status: exactMatcher((order) => [
        order.fulfillmentStatus,
        order.fulfillmentStatus === 'FULFILLED' ? 'shipped' : 'unshipped',
      ]),
      status: (term) => {
        const holds = orderStatuses[term.value.toLowerCase()];
        return holds ?? { warning: `Invalid status '${term.value}'.` };
      },
      test: booleanMatcher(() => false),
    },
    freeText: wordsMatcher(
      (order) => {
        const customer = order.customerId === null ? undefined : store.customers.get(order.customerId);
        return [`#${order.number}`, order.email, customer?.firstName ?? null, customer?.lastName ?? null];
      },
      { prefixWords: true },
    ),
  };
}

/** The position of an order in the order of an `OrderSortKeys` value; unknown keys order by id (see README). */
export function orderSortPosition(sortKey: string, order: ShopifyOrderRecord): SortPosition {
  switch (sortKey) {
    case 'CREATED_AT':
      return { id: order.id, value: Date.parse(order.createdAt) };
    case 'UPDATED_AT':
      return { id: order.id, value: Date.parse(order.updatedAt) };
    case 'PROCESSED_AT':
      return { id: order.id, value: Date.parse(order.processedAt) };
    case 'ORDER_NUMBER':
      return { id: order.id, value: order.number };
    case 'TOTAL_PRICE':
    case 'CURRENT_TOTAL_PRICE':
      return { id: order.id, value: order.totalCents };
    default:
      return { id: order.id, value: order.id };
  }
}
