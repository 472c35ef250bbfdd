import { GraphQLError, type GraphQLResolveInfo, responsePathAsArray } from 'graphql';
import { type ConnectionArguments, connectionOf, maxPageSize } from './shopify-connection';
import { idOf, resourceOf } from './shopify-gid';
import { shopView } from './shopify-mutations';
import { type CompiledSearch, compileSearch, type SearchSpecification } from './shopify-search-match';
import {
  type CustomerSortKey,
  customerSearchSpecification,
  orderSearchSpecification,
  orderSortPosition,
} from './shopify-search-specifications';
import {
  CustomerView,
  customerSortPosition,
  MailingAddressView,
  OrderView,
  type ShopifyContext,
} from './shopify-views';

type SearchArguments = ConnectionArguments & { readonly query?: string | null };

/** Compiles `query` and reports ignored terms in `extensions.search`, as Shopify does. */
function search<Item>(
  context: ShopifyContext,
  info: GraphQLResolveInfo,
  query: string | null | undefined,
  specification: SearchSpecification<Item>,
): CompiledSearch<Item> {
  const compiled = compileSearch(query, specification);
  if (compiled.warnings.length > 0 && query) {
    context.searchReports.push({ path: responsePathAsArray(info.path), query, warnings: compiled.warnings });
  }
  return compiled;
}

function node(context: ShopifyContext, id: string) {
  const { resource, id: numericId } = resourceOf(id);
  const { store } = context;
  switch (resource) {
    case 'Customer': {
      const customer = store.customers.get(numericId);
      return customer === undefined ? null : new CustomerView(context, customer);
    }
    case 'Order': {
      const order = store.orders.get(numericId);
      return order === undefined ? null : new OrderView(context, order);
    }
    case 'MailingAddress': {
      for (const customer of store.customers.values()) {
        const address = customer.addresses.find((candidate) => candidate.id === numericId);
        if (address !== undefined) return new MailingAddressView(address);
      }
      return null;
    }
    default:
      return null;
  }
}

/** The query fields the simulator answers (sheet §2): customers, their count, orders, nodes, shop. */
export const queryRoot = {
  customers(
    args: SearchArguments & { sortKey: CustomerSortKey },
    context: ShopifyContext,
    info: GraphQLResolveInfo,
  ) {
    const { matches } = search(
      context,
      info,
      args.query,
      customerSearchSpecification(context.store, 'customers'),
    );
    return connectionOf(
      [...context.store.customers.values()].filter(matches),
      args,
      (customer) => customerSortPosition(args.sortKey, customer),
      (customer) => new CustomerView(context, customer),
    );
  },

  /** `limit` caps the count (default 10 000) and answers `AT_LEAST` when reached; `null` lifts it. */
  customersCount(
    args: { query?: string | null; limit?: number | null },
    context: ShopifyContext,
    info: GraphQLResolveInfo,
  ) {
    const { matches } = search(
      context,
      info,
      args.query,
      customerSearchSpecification(context.store, 'customersCount'),
    );
    const count = [...context.store.customers.values()].filter(matches).length;
    const limit = args.limit ?? null;
    return limit !== null && count > limit
      ? { count: limit, precision: 'AT_LEAST' }
      : { count, precision: 'EXACT' };
  },

  customer(args: { id: string }, context: ShopifyContext) {
    const id = idOf(args.id, 'Customer');
    const customer = id === null ? undefined : context.store.customers.get(id);
    return customer === undefined ? null : new CustomerView(context, customer);
  },

  order(args: { id: string }, context: ShopifyContext) {
    const id = idOf(args.id, 'Order');
    const order = id === null ? undefined : context.store.orders.get(id);
    return order === undefined ? null : new OrderView(context, order);
  },

  orders(args: SearchArguments & { sortKey: string }, context: ShopifyContext, info: GraphQLResolveInfo) {
    const { matches } = search(context, info, args.query, orderSearchSpecification(context.store));
    return connectionOf(
      [...context.store.orders.values()].filter(matches),
      args,
      (order) => orderSortPosition(args.sortKey, order),
      (order) => new OrderView(context, order),
    );
  },

  node(args: { id: string }, context: ShopifyContext) {
    return node(context, args.id);
  },

  nodes(args: { ids: readonly string[] }, context: ShopifyContext) {
    if (args.ids.length > maxPageSize) {
      throw new GraphQLError(`The ids argument cannot exceed ${maxPageSize} items.`, {
        extensions: { code: 'BAD_REQUEST' },
      });
    }
    return args.ids.map((id) => node(context, id));
  },

  shop(_args: unknown, context: ShopifyContext) {
    return shopView(context.store);
  },
};
