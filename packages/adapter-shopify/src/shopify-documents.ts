/**
 * Every GraphQL document the adapter sends, as constants validated against the Admin API schema
 * in `shopify-documents.test.ts`. Each selects only the fields the mappers read, and knows its
 * requested cost as Shopify calculates it (sheet §6): objects 1, scalars and enums 0, a connection
 * 2 + `first` × its node, a mutation 10. Page sizes keep every query under the 1 000-point cap.
 */

/** The largest requested cost Shopify executes in one query (sheet §6, `MAX_COST_EXCEEDED`). */
export const maxQueryCost = 1000;

/** Largest `first` of any Shopify connection (sheet §3). */
export const maxConnectionSize = 250;

/** A document, its operation name, and the cost Shopify will request for given variables. */
export interface ShopifyDocument<Variables> {
  readonly operationName: string;
  readonly kind: 'query' | 'mutation';
  /** The operation followed by the fragments it uses. */
  readonly source: string;
  requestedCost(variables: Variables): number;
}

const mutationCost = 10;
const connectionCost = (first: number, nodeCost: number) => 2 + first * nodeCost;

const addressFields = `
fragment AddressFields on MailingAddress {
  id firstName lastName company address1 address2 city zip province provinceCode country countryCodeV2 phone
}`;

// Customer 1 + amountSpent 1 + defaultEmailAddress 1 + defaultPhoneNumber 1 + defaultAddress 1.
const customerObjectsCost = 5;
const addressCost = 1;

const customerFields = `
fragment CustomerFields on Customer {
  legacyResourceId firstName lastName note tags state createdAt updatedAt numberOfOrders
  amountSpent { amount currencyCode }
  defaultEmailAddress { emailAddress marketingState }
  defaultPhoneNumber { phoneNumber }
  defaultAddress { id }
  addressesV2(first: $addressesFirst) { nodes { ...AddressFields } pageInfo { hasNextPage endCursor } }
}${addressFields}`;

const customerCost = (addressesFirst: number) =>
  customerObjectsCost + connectionCost(addressesFirst, addressCost);

/**
 * Addresses fetched with each customer of a page of `customersFirst`: as many as fit under the cost
 * cap, at most 10; a customer with more gets the rest from `customerAddressesDocument`.
 */
export function addressesFirstFor(customersFirst: number): number {
  const perCustomerBudget = Math.floor((maxQueryCost - 2) / customersFirst);
  return Math.max(1, Math.min(10, perCustomerBudget - customerObjectsCost - 2));
}

const pageInfo = 'pageInfo { hasNextPage endCursor }';

export interface ListCustomersVariables {
  readonly first: number;
  readonly after: string | null;
  readonly query: string | null;
  readonly addressesFirst: number;
  /** `CustomerSortKeys` (sheet §2.1): `ID`, `CREATED_AT` or `UPDATED_AT`. */
  readonly sortKey: string;
  /** Descending. */
  readonly reverse: boolean;
}

/** A page of customers in `sortKey` order (sheet §2.2), with their first addresses. */
export const listCustomersDocument: ShopifyDocument<ListCustomersVariables> = {
  operationName: 'ListCustomers',
  kind: 'query',
  source: `
query ListCustomers($first: Int!, $after: String, $query: String, $addressesFirst: Int!, $sortKey: CustomerSortKeys!, $reverse: Boolean!) {
  customers(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
    nodes { ...CustomerFields }
    ${pageInfo}
  }
}${customerFields}`,
  requestedCost: ({ first, addressesFirst }) => connectionCost(first, customerCost(addressesFirst)),
};

export type ScanCustomersVariables = Omit<ListCustomersVariables, 'addressesFirst'>;

// Customer 1 + amountSpent 1 + defaultEmailAddress 1 + defaultPhoneNumber 1.
const customerWithoutAddressesCost = 4;
const customerFieldsWithoutAddresses = `
fragment CustomerFieldsWithoutAddresses on Customer {
  legacyResourceId firstName lastName note tags state createdAt updatedAt numberOfOrders
  amountSpent { amount currencyCode }
  defaultEmailAddress { emailAddress marketingState }
  defaultPhoneNumber { phoneNumber }
}`;

/** One customer without its addresses, for a read whose `fields` leave them out. */
export const getCustomerWithoutAddressesDocument: ShopifyDocument<{ readonly id: string }> = {
  operationName: 'GetCustomerWithoutAddresses',
  kind: 'query',
  source: `
query GetCustomerWithoutAddresses($id: ID!) {
  customer(id: $id) { ...CustomerFieldsWithoutAddresses }
}${customerFieldsWithoutAddresses}`,
  requestedCost: () => customerWithoutAddressesCost,
};

/**
 * A page of customers without their addresses, for answers whose `fields` leave them out: about a
 * fifth of `ListCustomers`'s cost, so pages of 250 fit under the cap and the bucket lasts longer.
 */
export const listCustomersWithoutAddressesDocument: ShopifyDocument<ScanCustomersVariables> = {
  operationName: 'ListCustomersWithoutAddresses',
  kind: 'query',
  source: `
query ListCustomersWithoutAddresses($first: Int!, $after: String, $query: String, $sortKey: CustomerSortKeys!, $reverse: Boolean!) {
  customers(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
    nodes { ...CustomerFieldsWithoutAddresses }
    ${pageInfo}
  }
}${customerFieldsWithoutAddresses}`,
  requestedCost: ({ first }) => connectionCost(first, customerWithoutAddressesCost),
};

/**
 * Only what the filters re-checked on our side read, for scanning many customers cheaply (3 points
 * a customer instead of about 20); matches are then read in full with `listCustomersDocument`. Edges,
 * for their per-item cursors: a page that ends mid-scan resumes after its last customer (sheet §3).
 */
export const scanCustomersDocument: ShopifyDocument<ScanCustomersVariables> = {
  operationName: 'ScanCustomers',
  kind: 'query',
  source: `
query ScanCustomers($first: Int!, $after: String, $query: String, $sortKey: CustomerSortKeys!, $reverse: Boolean!) {
  customers(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
    edges { cursor node { legacyResourceId firstName lastName createdAt updatedAt tags numberOfOrders defaultEmailAddress { emailAddress marketingState } defaultPhoneNumber { phoneNumber } } }
    ${pageInfo}
  }
}`,
  // Customer 1 + defaultEmailAddress 1 + defaultPhoneNumber 1.
  requestedCost: ({ first }) => connectionCost(first, 3),
};

export interface CountCustomersVariables {
  readonly query: string | null;
}

/** `limit: null` lifts the default cap of 10 000 (sheet §2). */
export const countCustomersDocument: ShopifyDocument<CountCustomersVariables> = {
  operationName: 'CountCustomers',
  kind: 'query',
  source: `
query CountCustomers($query: String) {
  customersCount(query: $query, limit: null) { count precision }
}`,
  requestedCost: () => 1,
};

export interface GetCustomerVariables {
  readonly id: string;
  readonly addressesFirst: number;
}

/** Addresses read with a single customer; more come from `customerAddressesDocument`. */
export const addressesFirstForOneCustomer = 50;

export const getCustomerDocument: ShopifyDocument<GetCustomerVariables> = {
  operationName: 'GetCustomer',
  kind: 'query',
  source: `
query GetCustomer($id: ID!, $addressesFirst: Int!) {
  customer(id: $id) { ...CustomerFields }
}${customerFields}`,
  requestedCost: ({ addressesFirst }) => customerCost(addressesFirst),
};

export interface ConnectionPageVariables {
  /** GID of the customer or order. */
  readonly id: string;
  readonly first: number;
  readonly after: string | null;
}

/** The rest of a customer's address book, after the first page read with the customer. */
export const customerAddressesDocument: ShopifyDocument<ConnectionPageVariables> = {
  operationName: 'CustomerAddresses',
  kind: 'query',
  source: `
query CustomerAddresses($id: ID!, $first: Int!, $after: String) {
  customer(id: $id) {
    addressesV2(first: $first, after: $after) { nodes { ...AddressFields } ${pageInfo} }
  }
}${addressFields}`,
  requestedCost: ({ first }) => 1 + connectionCost(first, addressCost),
};

/** Customers whose address books one `CustomersAddresses` request reads past a list page's first addresses. */
export const addressBatchSize = 25;

/** Addresses read for each of `customers` in one `CustomersAddresses` request, under the cost cap. */
export function addressesFirstForCustomers(customers: number): number {
  return Math.min(maxConnectionSize, Math.floor(maxQueryCost / customers) - 3);
}

export interface CustomersAddressesVariables {
  /** Customer GIDs, at most `addressBatchSize`. */
  readonly ids: readonly string[];
  readonly first: number;
}

/**
 * The address books of several customers of a list page in one request (sheet §2: `nodes(ids:)`),
 * from their first address on: a page's customers with more addresses than it read cost one request
 * together, not one each. A book longer than `first` continues with `customerAddressesDocument`.
 */
export const customersAddressesDocument: ShopifyDocument<CustomersAddressesVariables> = {
  operationName: 'CustomersAddresses',
  kind: 'query',
  source: `
query CustomersAddresses($ids: [ID!]!, $first: Int!) {
  nodes(ids: $ids) {
    ... on Customer {
      legacyResourceId
      addressesV2(first: $first) { nodes { ...AddressFields } ${pageInfo} }
    }
  }
}${addressFields}`,
  // Each node: the object 1, plus its connection 2 + first × an address (sheet §6).
  requestedCost: ({ ids, first }) => ids.length * (1 + connectionCost(first, addressCost)),
};

const moneyAmount = 'shopMoney { amount }';
// LineItem 1 + originalUnitPriceSet 1 + its shopMoney 1 + variant 1 + product 1.
const lineItemCost = 5;
const lineItemFields = `
fragment LineItemFields on LineItem {
  id name sku quantity originalUnitPriceSet { ${moneyAmount} } variant { id } product { id }
}`;

// Order 1 + customer 1 + five money bags of 2.
const orderObjectsCost = 12;

export interface CustomerOrdersVariables extends ConnectionPageVariables {
  readonly lineItemsFirst: number;
}

/** Orders of one page, and line items read with each order (more come from `orderLineItemsDocument`). */
export const ordersFirstLimit = 10;
export const lineItemsFirstWithOrders = 10;

/** A customer's orders, newest first (sheet, Orders summary); amounts in the shop's currency. */
export const customerOrdersDocument: ShopifyDocument<CustomerOrdersVariables> = {
  operationName: 'CustomerOrders',
  kind: 'query',
  source: `
query CustomerOrders($id: ID!, $first: Int!, $after: String, $lineItemsFirst: Int!) {
  customer(id: $id) {
    orders(first: $first, after: $after, sortKey: CREATED_AT, reverse: true) {
      nodes {
        id legacyResourceId name email createdAt updatedAt cancelledAt closed currencyCode
        displayFinancialStatus displayFulfillmentStatus customer { id }
        subtotalPriceSet { ${moneyAmount} } totalTaxSet { ${moneyAmount} }
        totalShippingPriceSet { ${moneyAmount} } totalDiscountsSet { ${moneyAmount} }
        totalPriceSet { ${moneyAmount} }
        lineItems(first: $lineItemsFirst) { nodes { ...LineItemFields } ${pageInfo} }
      }
      ${pageInfo}
    }
  }
}${lineItemFields}`,
  requestedCost: ({ first, lineItemsFirst }) =>
    1 + connectionCost(first, orderObjectsCost + connectionCost(lineItemsFirst, lineItemCost)),
};

/** The rest of an order's line items. */
export const orderLineItemsDocument: ShopifyDocument<ConnectionPageVariables> = {
  operationName: 'OrderLineItems',
  kind: 'query',
  source: `
query OrderLineItems($id: ID!, $first: Int!, $after: String) {
  order(id: $id) {
    lineItems(first: $first, after: $after) { nodes { ...LineItemFields } ${pageInfo} }
  }
}${lineItemFields}`,
  requestedCost: ({ first }) => 1 + connectionCost(first, lineItemCost),
};

/** `CustomerInput` (sheet §2.3); `addresses` is deprecated and never sent. */
export interface ShopifyCustomerInput {
  readonly id?: string;
  readonly email?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly phone?: string | null;
  readonly note?: string | null;
  readonly tags?: readonly string[];
  readonly emailMarketingConsent?: ShopifyEmailMarketingConsentInput;
}

/** `CustomerEmailMarketingConsentInput`; only SUBSCRIBED and UNSUBSCRIBED are sent (sheet §2.3). */
export interface ShopifyEmailMarketingConsentInput {
  readonly marketingState: 'SUBSCRIBED' | 'UNSUBSCRIBED';
  readonly marketingOptInLevel?: 'SINGLE_OPT_IN';
}

/** `MailingAddressInput` without its deprecated `country`, `province` and `id` (sheet §2.3). */
export interface ShopifyMailingAddressInput {
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly company?: string | null;
  readonly address1?: string | null;
  readonly address2?: string | null;
  readonly city?: string | null;
  readonly zip?: string | null;
  readonly phone?: string | null;
  readonly countryCode?: string | null;
  readonly provinceCode?: string | null;
}

const userErrors = 'userErrors { field message }';

export const createCustomerDocument: ShopifyDocument<{ readonly input: ShopifyCustomerInput }> = {
  operationName: 'CreateCustomer',
  kind: 'mutation',
  source: `
mutation CreateCustomer($input: CustomerInput!) {
  customerCreate(input: $input) { customer { legacyResourceId } ${userErrors} }
}`,
  requestedCost: () => mutationCost,
};

export const updateCustomerDocument: ShopifyDocument<{ readonly input: ShopifyCustomerInput }> = {
  operationName: 'UpdateCustomer',
  kind: 'mutation',
  source: `
mutation UpdateCustomer($input: CustomerInput!) {
  customerUpdate(input: $input) { customer { legacyResourceId } ${userErrors} }
}`,
  requestedCost: () => mutationCost,
};

export interface EmailMarketingConsentVariables {
  readonly input: {
    readonly customerId: string;
    readonly emailMarketingConsent: ShopifyEmailMarketingConsentInput;
  };
}

/** `customerUpdate` cannot change consent (sheet §9.4). */
export const updateEmailMarketingConsentDocument: ShopifyDocument<EmailMarketingConsentVariables> = {
  operationName: 'UpdateEmailMarketingConsent',
  kind: 'mutation',
  source: `
mutation UpdateEmailMarketingConsent($input: CustomerEmailMarketingConsentUpdateInput!) {
  customerEmailMarketingConsentUpdate(input: $input) { customer { legacyResourceId } ${userErrors} }
}`,
  requestedCost: () => mutationCost,
};

export interface CreateCustomerAddressVariables {
  readonly customerId: string;
  readonly address: ShopifyMailingAddressInput;
  readonly setAsDefault: boolean;
}

export const createCustomerAddressDocument: ShopifyDocument<CreateCustomerAddressVariables> = {
  operationName: 'CreateCustomerAddress',
  kind: 'mutation',
  source: `
mutation CreateCustomerAddress($customerId: ID!, $address: MailingAddressInput!, $setAsDefault: Boolean) {
  customerAddressCreate(customerId: $customerId, address: $address, setAsDefault: $setAsDefault) {
    address { id } ${userErrors}
  }
}`,
  requestedCost: () => mutationCost,
};

export interface UpdateCustomerAddressVariables extends CreateCustomerAddressVariables {
  readonly addressId: string;
}

export const updateCustomerAddressDocument: ShopifyDocument<UpdateCustomerAddressVariables> = {
  operationName: 'UpdateCustomerAddress',
  kind: 'mutation',
  source: `
mutation UpdateCustomerAddress(
  $customerId: ID!, $addressId: ID!, $address: MailingAddressInput!, $setAsDefault: Boolean
) {
  customerAddressUpdate(
    customerId: $customerId, addressId: $addressId, address: $address, setAsDefault: $setAsDefault
  ) {
    address { id } ${userErrors}
  }
}`,
  requestedCost: () => mutationCost,
};

export interface CustomerAddressVariables {
  readonly customerId: string;
  readonly addressId: string;
}

export const deleteCustomerAddressDocument: ShopifyDocument<CustomerAddressVariables> = {
  operationName: 'DeleteCustomerAddress',
  kind: 'mutation',
  source: `
mutation DeleteCustomerAddress($customerId: ID!, $addressId: ID!) {
  customerAddressDelete(customerId: $customerId, addressId: $addressId) { deletedAddressId ${userErrors} }
}`,
  requestedCost: () => mutationCost,
};

export const setDefaultCustomerAddressDocument: ShopifyDocument<CustomerAddressVariables> = {
  operationName: 'SetDefaultCustomerAddress',
  kind: 'mutation',
  source: `
mutation SetDefaultCustomerAddress($customerId: ID!, $addressId: ID!) {
  customerUpdateDefaultAddress(customerId: $customerId, addressId: $addressId) {
    customer { legacyResourceId } ${userErrors}
  }
}`,
  requestedCost: () => mutationCost,
};

export const deleteCustomerDocument: ShopifyDocument<{ readonly id: string }> = {
  operationName: 'DeleteCustomer',
  kind: 'mutation',
  source: `
mutation DeleteCustomer($id: ID!) {
  customerDelete(input: { id: $id }) { deletedCustomerId ${userErrors} }
}`,
  requestedCost: () => mutationCost,
};

/**
 * What a bulk export reads of every customer (`bulkOperationRunQuery`'s query: no variables, no
 * paging arguments; the whole address book as a nested connection, whose nodes arrive as lines of
 * their own with `__parentId`). Each node selects `id`, which Shopify requires of a nested
 * connection's parent.
 */
export function bulkCustomersQuery(search: string | null): string {
  const query = search === null ? '' : `query: ${JSON.stringify(search)}, `;
  return `{
  customers(${query}sortKey: ID) {
    edges {
      node {
        id legacyResourceId firstName lastName note tags state createdAt updatedAt numberOfOrders
        amountSpent { amount currencyCode }
        defaultEmailAddress { emailAddress marketingState }
        defaultPhoneNumber { phoneNumber }
        defaultAddress { id }
        addressesV2 { edges { node {
          id firstName lastName company address1 address2 city zip province provinceCode country countryCodeV2 phone
        } } }
      }
    }
  }
}`;
}

const bulkOperationFields = 'id status errorCode objectCount url partialDataUrl';

/** Starts a bulk query; `groupObjects` keeps each customer's address lines right after it. */
export const runBulkQueryDocument: ShopifyDocument<{ readonly query: string }> = {
  operationName: 'RunBulkQuery',
  kind: 'mutation',
  source: `
mutation RunBulkQuery($query: String!) {
  bulkOperationRunQuery(query: $query, groupObjects: true) {
    bulkOperation { ${bulkOperationFields} }
    userErrors { field message code }
  }
}`,
  requestedCost: () => mutationCost,
};

export const bulkOperationDocument: ShopifyDocument<{ readonly id: string }> = {
  operationName: 'BulkOperationStatus',
  kind: 'query',
  source: `
query BulkOperationStatus($id: ID!) {
  bulkOperation(id: $id) { ${bulkOperationFields} }
}`,
  requestedCost: () => 1,
};

export const cancelBulkOperationDocument: ShopifyDocument<{ readonly id: string }> = {
  operationName: 'CancelBulkOperation',
  kind: 'mutation',
  source: `
mutation CancelBulkOperation($id: ID!) {
  bulkOperationCancel(id: $id) { bulkOperation { ${bulkOperationFields} } userErrors { field message } }
}`,
  requestedCost: () => mutationCost,
};

/** Every document, for the schema validation test. */
/** The largest number of webhook subscriptions of one URL read at once (three are registered). */
export const webhookSubscriptionsPageSize = 100;

export const webhookSubscriptionsDocument: ShopifyDocument<{ readonly uri: string }> = {
  operationName: 'WebhookSubscriptions',
  kind: 'query',
  source: `
query WebhookSubscriptions($uri: String!) {
  webhookSubscriptions(first: ${webhookSubscriptionsPageSize}, uri: $uri) { nodes { id topic } }
}`,
  requestedCost: () => connectionCost(webhookSubscriptionsPageSize, 1),
};

export const createWebhookSubscriptionDocument: ShopifyDocument<{
  readonly topic: string;
  readonly uri: string;
}> = {
  operationName: 'CreateWebhookSubscription',
  kind: 'mutation',
  source: `
mutation CreateWebhookSubscription($topic: WebhookSubscriptionTopic!, $uri: String!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
    webhookSubscription { id } ${userErrors}
  }
}`,
  requestedCost: () => mutationCost,
};

export const deleteWebhookSubscriptionDocument: ShopifyDocument<{ readonly id: string }> = {
  operationName: 'DeleteWebhookSubscription',
  kind: 'mutation',
  source: `
mutation DeleteWebhookSubscription($id: ID!) {
  webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId ${userErrors} }
}`,
  requestedCost: () => mutationCost,
};

export const shopifyDocuments: readonly ShopifyDocument<never>[] = [
  listCustomersDocument,
  listCustomersWithoutAddressesDocument,
  getCustomerWithoutAddressesDocument,
  scanCustomersDocument,
  countCustomersDocument,
  getCustomerDocument,
  customerAddressesDocument,
  customersAddressesDocument,
  customerOrdersDocument,
  orderLineItemsDocument,
  createCustomerDocument,
  updateCustomerDocument,
  updateEmailMarketingConsentDocument,
  createCustomerAddressDocument,
  updateCustomerAddressDocument,
  deleteCustomerAddressDocument,
  setDefaultCustomerAddressDocument,
  deleteCustomerDocument,
  runBulkQueryDocument,
  bulkOperationDocument,
  cancelBulkOperationDocument,
  webhookSubscriptionsDocument,
  createWebhookSubscriptionDocument,
  deleteWebhookSubscriptionDocument,
];
