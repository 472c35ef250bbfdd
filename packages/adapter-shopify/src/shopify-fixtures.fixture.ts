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
import type { ShopifyCustomerRecord, ShopifyOrderRecord } from './shopify-upstream.fixture';

/** Test support: the fixtures, typed as the double stores them. */
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
