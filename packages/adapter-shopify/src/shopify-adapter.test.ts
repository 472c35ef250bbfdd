import { runAdapterConformance } from '@unicart/core/testing';
import { shopifyPlatform } from './shopify-adapter';
import { allCustomerFixtures, allOrderFixtures } from './shopify-fixtures.fixture';
import { createShopifyUpstream } from './shopify-upstream.fixture';

const accessToken = 'shpat_secret_conformance_token';

runAdapterConformance({
  definition: shopifyPlatform,
  settings: (baseUrl) => ({ shop: 'example.myshopify.com', accessToken, baseUrl }),
  secrets: [accessToken],
  upstream: () => createShopifyUpstream({ accessToken }),
  fixtures: { customers: allCustomerFixtures, orders: allOrderFixtures },
  createInput: {
    firstName: 'Conformance',
    lastName: 'Tester',
    email: 'conformance.tester@example.com',
    acceptsMarketing: true,
    addresses: [
      {
        address1: '1 Main St',
        city: 'Austin',
        postalCode: '78701',
        country: { code: 'US' },
        state: { code: 'TX' },
        defaultShipping: true,
      },
    ],
  },
});
