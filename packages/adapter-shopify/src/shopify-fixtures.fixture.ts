import type { Customer, CustomerAdapterV1 } from '@unicart/core';
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
import {
  createShopifyUpstream,
  type ShopifyCustomerRecord,
  type ShopifyOrderRecord,
  type ShopifyUpstream,
  type ShopifyUpstreamOptions,
} from './shopify-upstream.fixture';

/** Test support: the fixtures, typed as the double stores them, and the adapter against the double. */
export const customerFixtures = {
  full: fullCustomer,
  noEmail: noEmailCustomer,
  noAddresses: noAddressesCustomer,
  unicode: unicodeCustomer,
  manyAddresses: manyAddressesCustomer,
  similarEmail: similarEmailCustomer,
} satisfies Record<string, ShopifyCustomerRecord>;

export const orderFixtures = {
  paid: paidOrder,
  cancelled: cancelledOrder,
  manyItems: manyItemsOrder,
  yen: yenOrder,
} satisfies Record<string, ShopifyOrderRecord>;

export const allCustomerFixtures: readonly ShopifyCustomerRecord[] = Object.values(customerFixtures);
export const allOrderFixtures: readonly ShopifyOrderRecord[] = Object.values(orderFixtures);

export const testAccessToken = 'shpat_test_access_token_0123';

/** A double holding every fixture, accepting `testAccessToken`. */
export function seededUpstream(options: ShopifyUpstreamOptions = {}): ShopifyUpstream {
  const upstream = createShopifyUpstream({ accessToken: testAccessToken, ...options });
  upstream.seed(allCustomerFixtures, allOrderFixtures);
  return upstream;
}

/** The adapter against a double, with fast retries. */
export function adapterFor(
  upstream: ShopifyUpstream,
  settings: Partial<ShopifyAdapterSettings> = {},
): CustomerAdapterV1 {
  return createShopifyAdapter({
    shop: 'example.myshopify.com',
    accessToken: testAccessToken,
    baseUrl: upstream.baseUrl,
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2000 },
    ...settings,
  } as ShopifyAdapterSettings);
}

/** What each GraphQL request asked: its operation and variables, in order. */
export function graphqlCalls(upstream: ShopifyUpstream): { operationName: string; variables: unknown }[] {
  return upstream.requests
    .filter((request) => request.path.endsWith('/graphql.json'))
    .map((request) => {
      const body = request.body as { operationName: string; variables: unknown };
      return { operationName: body.operationName, variables: body.variables };
    });
}

/** The canonical customer of a fixture, as the mapper gives it. */
export function canonicalCustomer(fixture: ShopifyCustomerRecord): Customer {
  return mapShopifyCustomer(shopifyCustomerSchema.parse(fixture));
}
