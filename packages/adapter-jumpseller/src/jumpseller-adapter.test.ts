import { expect, it } from 'vitest';

it('is built from the Jumpseller platform sheet (start here)', () => {
  expect.fail(
    [
      'Fill in, in this order (CONTRIBUTING.md, "Add a platform"):',
      '1. src/jumpseller-api.ts and 4-6 full fixtures in src/__fixtures__/ from the platform sheet;',
      '2. src/map-jumpseller-customer.ts (and map-jumpseller-order.ts, to-jumpseller-customer-input.ts) with tests beside them;',
      '3. src/translate-jumpseller-query.ts and jumpsellerCapabilities: declare filters honestly, one test per filter;',
      '4. src/jumpseller-error.ts, src/jumpseller-adapter.ts and the double src/jumpseller-upstream.fixture.ts;',
      '5. replace this test with one call of runAdapterConformance from @unicart/core/testing.',
    ].join('\n'),
  );
});
