import {
  InvalidRequestError,
  NotFoundError,
  type UnicartError,
  UpstreamError,
  UpstreamRateLimitedError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { describe, expect, it } from 'vitest';
import {
  classifyShopifyFailure,
  classifyShopifyTokenFailure,
  inspectShopifySuccess,
  shopifyUserErrorsToError,
  throttleWaitSeconds,
} from './shopify-error';

function reply(status: number, body: unknown, headers: Record<string, string> = {}): UpstreamReply {
  return { method: 'POST', path: '/graphql.json', status, headers: new Headers(headers), body };
}

function describeError(error: UnicartError | undefined) {
  return error && { name: error.name, code: error.code, message: error.message };
}

const cost = (requestedQueryCost: number, currentlyAvailable: number, restoreRate = 100) => ({
  cost: {
    requestedQueryCost,
    actualQueryCost: null,
    throttleStatus: { maximumAvailable: 2000, currentlyAvailable, restoreRate },
  },
});

const throttledBody = {
  errors: [
    {
      message: 'Throttled',
      extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
    },
  ],
  extensions: cost(752, 40),
};

describe('throttleWaitSeconds', () => {
  it('waits until the bucket holds the requested cost (sheet §6 example: 8 seconds)', () => {
    expect(throttleWaitSeconds(throttledBody)).toBe(8);
  });

  it('waits at least one second', () => {
    expect(throttleWaitSeconds({ extensions: cost(10, 9.5, 1000) })).toBe(1);
  });

  it('has no answer without cost extensions', () => {
    expect(throttleWaitSeconds({ errors: [] })).toBeUndefined();
  });
});

describe('classifyShopifyFailure', () => {
  it('maps HTTP 401 (bad token) to UpstreamUnauthorizedError', () => {
    const body = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };
    expect(describeError(classifyShopifyFailure(reply(401, body)))).toStrictEqual({
      name: 'UpstreamUnauthorizedError',
      code: 'upstream_unauthorized',
      message: 'Shopify rejected the access token (HTTP 401)',
    });
  });

  it('maps HTTP 403 (missing scope) to UpstreamUnauthorizedError', () => {
    expect(UpstreamUnauthorizedError.isInstance(classifyShopifyFailure(reply(403, '')))).toBe(true);
  });

  it('maps HTTP 404 (unknown shop or version) to UpstreamUnauthorizedError', () => {
    expect(describeError(classifyShopifyFailure(reply(404, 'Not Found')))).toStrictEqual({
      name: 'UpstreamUnauthorizedError',
      code: 'upstream_unauthorized',
      message: 'Shopify knows no such shop or API version (HTTP 404)',
    });
  });

  it.each([
    [402, 'The Shopify shop is frozen or unpaid (HTTP 402)'],
    [423, 'The Shopify shop is locked (HTTP 423)'],
  ])('maps HTTP %i to a non-retryable UpstreamError', (status, message) => {
    const error = classifyShopifyFailure(reply(status, ''));
    expect(
      UpstreamError.isInstance(error) && [error.message, error.retryable, error.upstreamStatus],
    ).toStrictEqual([message, false, status]);
  });

  it('maps HTTP 429 with throttle figures to the computed wait', () => {
    const error = classifyShopifyFailure(reply(429, throttledBody));
    expect(UpstreamRateLimitedError.isInstance(error) && error.retryAfterSeconds).toBe(8);
  });

  it('maps HTTP 429 without figures to its Retry-After', () => {
    const error = classifyShopifyFailure(reply(429, '', { 'retry-after': '3' }));
    expect(UpstreamRateLimitedError.isInstance(error) && error.retryAfterSeconds).toBe(3);
  });

  it('leaves 5xx to core’s defaults', () => {
    expect(classifyShopifyFailure(reply(502, '<html>'))).toBeUndefined();
  });
});

describe('inspectShopifySuccess', () => {
  it('finds nothing in a good answer', () => {
    expect(
      inspectShopifySuccess(reply(200, { data: { customer: null }, extensions: cost(3, 1997) })),
    ).toBeUndefined();
  });

  it('finds nothing in a body that is not GraphQL JSON (the schema check reports it)', () => {
    expect(inspectShopifySuccess(reply(200, '<!DOCTYPE html>'))).toBeUndefined();
  });

  it('maps THROTTLED in a 200 to UpstreamRateLimitedError with the computed wait', () => {
    const error = inspectShopifySuccess(reply(200, throttledBody));
    expect(
      UpstreamRateLimitedError.isInstance(error) && [error.message, error.retryAfterSeconds],
    ).toStrictEqual(['Shopify is throttling this store (query cost above the bucket)', 8]);
  });

  it('maps ACCESS_DENIED to UpstreamUnauthorizedError', () => {
    const body = {
      data: null,
      errors: [{ message: 'Access denied for customers field.', extensions: { code: 'ACCESS_DENIED' } }],
    };
    expect(describeError(inspectShopifySuccess(reply(200, body)))).toStrictEqual({
      name: 'UpstreamUnauthorizedError',
      code: 'upstream_unauthorized',
      message: 'Shopify denied access: the app lacks a scope or access to protected customer data',
    });
  });

  it('maps MAX_COST_EXCEEDED to a non-retryable UpstreamError', () => {
    const body = {
      errors: [
        {
          message: 'Query cost is 1202, which exceeds the single query max cost limit (1000).',
          extensions: { code: 'MAX_COST_EXCEEDED' },
        },
      ],
    };
    const error = inspectShopifySuccess(reply(200, body));
    expect(UpstreamError.isInstance(error) && [error.message, error.retryable]).toStrictEqual([
      'Shopify refused the GraphQL request: MAX_COST_EXCEEDED: Query cost is 1202, which exceeds the single query max cost limit (1000).',
      false,
    ]);
  });

  it('maps a validation error (a bug in a document) to UpstreamError', () => {
    const body = {
      errors: [
        { message: "Field 'emial' doesn't exist on type 'Customer'", locations: [{ line: 1, column: 3 }] },
      ],
    };
    expect(describeError(inspectShopifySuccess(reply(200, body)))).toStrictEqual({
      name: 'UpstreamError',
      code: 'upstream_error',
      message: "Shopify refused the GraphQL request: Field 'emial' doesn't exist on type 'Customer'",
    });
  });

  it('marks INTERNAL_SERVER_ERROR retryable', () => {
    const body = { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    const error = inspectShopifySuccess(reply(200, body));
    expect(UpstreamError.isInstance(error) && error.retryable).toBe(true);
  });
});

describe('classifyShopifyTokenFailure', () => {
  it.each([400, 401, 403, 404])(
    'maps HTTP %i of the token endpoint to UpstreamUnauthorizedError',
    (status) => {
      expect(
        UpstreamUnauthorizedError.isInstance(
          classifyShopifyTokenFailure(reply(status, { error: 'invalid_client' })),
        ),
      ).toBe(true);
    },
  );

  it('leaves 5xx to core’s defaults', () => {
    expect(classifyShopifyTokenFailure(reply(503, ''))).toBeUndefined();
  });
});

describe('shopifyUserErrorsToError', () => {
  it('maps field errors to InvalidRequestError with canonical paths', () => {
    const error = shopifyUserErrorsToError(
      [
        { field: ['email'], message: 'Email has already been taken' },
        { field: ['input', 'phone'], message: 'Phone is invalid' },
        { field: null, message: 'A name, phone number, or email address must be present' },
      ],
      'customer',
    );
    expect(InvalidRequestError.isInstance(error) && [error.message, error.issues]).toStrictEqual([
      'Shopify refused the customer: customer.email: Email has already been taken; customer.phone: Phone is invalid; customer: A name, phone number, or email address must be present',
      [
        { path: 'customer.email', message: 'Email has already been taken' },
        { path: 'customer.phone', message: 'Phone is invalid' },
        { path: 'customer', message: 'A name, phone number, or email address must be present' },
      ],
    ]);
  });

  it('maps address fields to the canonical address fields', () => {
    const error = shopifyUserErrorsToError(
      [
        { field: ['address', 'zip'], message: 'Zip is invalid' },
        { field: ['address', 'provinceCode'], message: 'Province is not valid' },
        { field: ['address', 'countryCode'], message: 'Country is not valid' },
      ],
      'customer.addresses.1',
    );
    expect(InvalidRequestError.isInstance(error) && error.issues.map((issue) => issue.path)).toStrictEqual([
      'customer.addresses.1.postalCode',
      'customer.addresses.1.state.code',
      'customer.addresses.1.country.code',
    ]);
  });

  it('maps consent errors to acceptsMarketing', () => {
    const error = shopifyUserErrorsToError(
      [
        {
          field: ['input', 'emailMarketingConsent', 'marketingState'],
          message: 'Cannot specify this marketing state',
        },
      ],
      'customer',
    );
    expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
      { path: 'customer.acceptsMarketing', message: 'Cannot specify this marketing state' },
    ]);
  });

  it('maps "does not exist" to NotFoundError', () => {
    const error = shopifyUserErrorsToError(
      [{ field: ['id'], message: 'Customer does not exist' }],
      'customer',
    );
    expect(NotFoundError.isInstance(error)).toBe(true);
  });

  it.each([
    [['customerId'], 'Customer not found'],
    [null, 'Customer does not exist'],
  ])('maps a missing customer named by %j / %s to NotFoundError', (field, message) => {
    expect(NotFoundError.isInstance(shopifyUserErrorsToError([{ field, message }], 'customer'))).toBe(true);
  });

  it('maps an address that does not exist to InvalidRequestError naming the address, not a 404', () => {
    const error = shopifyUserErrorsToError(
      [{ field: ['addressId'], message: 'Address does not exist' }],
      'customer.addresses.1',
    );
    expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
      { path: 'customer.addresses.1.id', message: 'Address does not exist' },
    ]);
  });

  it('maps the refusal to delete a customer with orders to InvalidRequestError', () => {
    const error = shopifyUserErrorsToError(
      [{ field: ['id'], message: 'Customer can’t be deleted because they have associated orders' }],
      'customer',
    );
    expect(InvalidRequestError.isInstance(error) && error.issues).toStrictEqual([
      { path: 'customer.id', message: 'Customer can’t be deleted because they have associated orders' },
    ]);
  });
});
