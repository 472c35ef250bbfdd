import { expect, it } from 'vitest';

it('is built from the BigCommerce platform sheet (start here)', () => {
  expect.fail(
    [
      'Fill in, in this order (CONTRIBUTING.md, "Add a platform"):',
      '1. src/bigcommerce-api.ts and 4-6 full fixtures in src/__fixtures__/ from the platform sheet;',
      '2. src/map-bigcommerce-customer.ts (and map-bigcommerce-order.ts, to-bigcommerce-customer-input.ts) with tests beside them;',
      '3. src/translate-bigcommerce-query.ts and bigcommerceCapabilities: declare filters honestly, one test per filter;',
      '4. src/bigcommerce-error.ts, src/bigcommerce-adapter.ts and the double src/bigcommerce-upstream.fixture.ts;',
      '5. replace this test with one call of runAdapterConformance from @unicart/core/testing.',
    ].join('\n'),
  );
});
