import { runAdapterConformance } from '@unicart/core/testing';
import fullCustomer from './__fixtures__/woocommerce-customer-full.json' with { type: 'json' };
import customerWithoutBilling from './__fixtures__/woocommerce-customer-no-billing.json' with {
  type: 'json',
};
import customerWithoutShipping from './__fixtures__/woocommerce-customer-no-shipping.json' with {
  type: 'json',
};
import subscriber from './__fixtures__/woocommerce-customer-subscriber.json' with { type: 'json' };
import unicodeCustomer from './__fixtures__/woocommerce-customer-unicode.json' with { type: 'json' };
import completedOrder from './__fixtures__/woocommerce-order-completed.json' with { type: 'json' };
import guestOrder from './__fixtures__/woocommerce-order-guest.json' with { type: 'json' };
import pendingOrder from './__fixtures__/woocommerce-order-pending.json' with { type: 'json' };
import processingOrder from './__fixtures__/woocommerce-order-processing.json' with { type: 'json' };
import unicodeOrder from './__fixtures__/woocommerce-order-unicode.json' with { type: 'json' };
import { woocommercePlatform } from './woocommerce-adapter';
import { createWooCommerceUpstream, wooCommerceTestCredentials } from './woocommerce-upstream.fixture';

runAdapterConformance({
  definition: woocommercePlatform,
  settings: (baseUrl) => ({ url: 'https://shop.example.com', ...wooCommerceTestCredentials, baseUrl }),
  secrets: [wooCommerceTestCredentials.consumerKey, wooCommerceTestCredentials.consumerSecret],
  upstream: createWooCommerceUpstream,
  fixtures: {
    customers: [fullCustomer, customerWithoutShipping, customerWithoutBilling, unicodeCustomer, subscriber],
    orders: [completedOrder, processingOrder, pendingOrder, unicodeOrder, guestOrder],
  },
  createInput: {
    firstName: 'Marta',
    lastName: 'Lindqvist',
    email: 'marta.lindqvist@example.se',
    phone: '+46 8 555 0166',
    addresses: [
      {
        address1: 'Drottninggatan 5',
        city: 'Stockholm',
        postalCode: '111 51',
        country: { code: 'SE' },
        defaultBilling: true,
        defaultShipping: true,
      },
    ],
  },
});
