import { shopifyAdminSchema, shopifyRequestedCost } from '@unicart/sandbox';
import { getNamedType, isEnumType, Kind, parse, TypeInfo, validate, visit, visitWithTypeInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  addressBatchSize,
  addressesFirstFor,
  addressesFirstForCustomers,
  addressesFirstForOneCustomer,
  bulkCustomersQuery,
  bulkOperationDocument,
  countCustomersDocument,
  createCustomerAddressDocument,
  customerAddressesDocument,
  customerOrdersDocument,
  customersAddressesDocument,
  getCustomerDocument,
  lineItemsFirstWithOrders,
  listCustomersDocument,
  maxConnectionSize,
  maxQueryCost,
  orderLineItemsDocument,
  ordersFirstLimit,
  runBulkQueryDocument,
  type ShopifyDocument,
  scanCustomersDocument,
  shopifyDocuments,
} from './shopify-documents';

const schema = shopifyAdminSchema();

/** Every deprecated field, argument or enum value a document uses, as `Type.field`. */
function deprecatedUses(source: string): string[] {
  const typeInfo = new TypeInfo(schema);
  const found: string[] = [];
  visit(
    parse(source),
    visitWithTypeInfo(typeInfo, {
      Field() {
        const field = typeInfo.getFieldDef();
        if (field?.deprecationReason) found.push(`${typeInfo.getParentType()?.name}.${field.name}`);
      },
      Argument() {
        const argument = typeInfo.getArgument();
        if (argument?.deprecationReason) found.push(`argument ${argument.name}`);
      },
      EnumValue(node) {
        const type = getNamedType(typeInfo.getInputType());
        if (isEnumType(type) && type.getValue(node.value)?.deprecationReason)
          found.push(`${type.name}.${node.value}`);
      },
    }),
  );
  return found;
}

const byName = shopifyDocuments.map((document) => [document.operationName, document] as const);

describe('shopify documents', () => {
  it.each(byName)('%s validates against the Admin API schema', (_, document) => {
    expect(validate(schema, parse(document.source)).map((error) => error.message)).toStrictEqual([]);
  });

  it.each(byName)('%s uses no deprecated field, argument or enum value', (_, document) => {
    expect(deprecatedUses(document.source)).toStrictEqual([]);
  });

  it.each(byName)('%s holds exactly one operation, named as the document says', (_, document) => {
    const operations = parse(document.source).definitions.filter(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION,
    );
    expect(operations.map((operation) => [operation.operation, operation.name?.value])).toStrictEqual([
      [document.kind, document.operationName],
    ]);
  });

  it('finds a deprecated field when a document selects one', () => {
    expect(deprecatedUses('query { customer(id: "gid://shopify/Customer/1") { email } }')).toStrictEqual([
      'Customer.email',
    ]);
  });
});

describe('requested query costs', () => {
  const cases: [string, ShopifyDocument<never>, Record<string, unknown>][] = [
    [
      'ListCustomers',
      listCustomersDocument,
      { first: 37, after: null, query: null, addressesFirst: 4, sortKey: 'CREATED_AT', reverse: true },
    ],
    [
      'ScanCustomers',
      scanCustomersDocument,
      { first: 250, after: null, query: null, sortKey: 'ID', reverse: false },
    ],
    ['CountCustomers', countCustomersDocument, { query: 'id:>1' }],
    ['GetCustomer', getCustomerDocument, { id: 'gid://shopify/Customer/1', addressesFirst: 50 }],
    [
      'CustomerAddresses',
      customerAddressesDocument,
      { id: 'gid://shopify/Customer/1', first: 100, after: null },
    ],
    [
      'CustomersAddresses',
      customersAddressesDocument,
      {
        ids: ['gid://shopify/Customer/1', 'gid://shopify/Customer/2', 'gid://shopify/Customer/3'],
        first: 41,
      },
    ],
    ['RunBulkQuery', runBulkQueryDocument, { query: bulkCustomersQuery(null) }],
    ['BulkOperationStatus', bulkOperationDocument, { id: 'gid://shopify/BulkOperation/1' }],
    [
      'CustomerOrders',
      customerOrdersDocument,
      { id: 'gid://shopify/Customer/1', first: 7, after: null, lineItemsFirst: 9 },
    ],
    ['OrderLineItems', orderLineItemsDocument, { id: 'gid://shopify/Order/1', first: 100, after: null }],
    [
      'CreateCustomerAddress',
      createCustomerAddressDocument,
      { customerId: 'gid://shopify/Customer/1', address: {}, setAsDefault: false },
    ],
  ];

  it.each(cases)('%s predicts the cost Shopify calculates', (_, document, variables) => {
    const calculated = shopifyRequestedCost(
      schema,
      parse(document.source),
      variables,
      document.operationName,
    );
    expect(document.requestedCost(variables as never)).toBe(calculated);
  });

  it('keeps every page of customers under the single-query cap, whatever the page size', () => {
    const costs = Array.from({ length: 100 }, (_, index) => {
      const first = index + 1;
      return listCustomersDocument.requestedCost({
        first,
        after: null,
        query: null,
        addressesFirst: addressesFirstFor(first),
        sortKey: 'ID',
        reverse: false,
      });
    });
    expect(Math.max(...costs)).toBeLessThanOrEqual(maxQueryCost);
    expect(costs[99]).toBe(902);
  });

  it('keeps every batch of address books under the cap, reading at least 37 addresses each', () => {
    const batches = Array.from({ length: addressBatchSize }, (_, index) => index + 1);
    const firsts = batches.map(addressesFirstForCustomers);
    const costs = batches.map((size, index) =>
      customersAddressesDocument.requestedCost({ ids: Array(size).fill(''), first: firsts[index] as number }),
    );
    expect(Math.max(...costs)).toBeLessThanOrEqual(maxQueryCost);
    expect(Math.min(...firsts)).toBe(37);
  });

  it('asks the bulk query Shopify accepts: valid against the schema, the filters as its search string', () => {
    const search = `email:"a\\"b@example.com" customer_date:>='2024-01-01T00:00:00Z' Zoë`;
    const document = parse(bulkCustomersQuery(search));
    expect(validate(schema, document)).toStrictEqual([]);
    expect(deprecatedUses(bulkCustomersQuery(search))).toStrictEqual([]);
    const asked: string[] = [];
    visit(document, {
      Argument(node) {
        if (node.name.value === 'query' && node.value.kind === Kind.STRING) asked.push(node.value.value);
      },
    });
    expect(asked).toStrictEqual([search]);
  });

  it('reads up to ten addresses with each customer of a small page and two with a page of 100', () => {
    expect([1, 50, 100].map(addressesFirstFor)).toStrictEqual([10, 10, 2]);
  });

  it('keeps the scan, the single customer, address, order and line item pages under the cap', () => {
    const costs = [
      scanCustomersDocument.requestedCost({
        first: maxConnectionSize,
        after: null,
        query: null,
        sortKey: 'ID',
        reverse: false,
      }),
      getCustomerDocument.requestedCost({ id: '', addressesFirst: addressesFirstForOneCustomer }),
      customerAddressesDocument.requestedCost({ id: '', first: 100, after: null }),
      customerOrdersDocument.requestedCost({
        id: '',
        first: ordersFirstLimit,
        after: null,
        lineItemsFirst: lineItemsFirstWithOrders,
      }),
      orderLineItemsDocument.requestedCost({ id: '', first: 100, after: null }),
    ];
    expect(costs).toStrictEqual([752, 57, 103, 643, 503]);
    expect(Math.max(...costs)).toBeLessThanOrEqual(maxQueryCost);
  });
});
