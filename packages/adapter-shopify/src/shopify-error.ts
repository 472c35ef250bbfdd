import {
  type InputIssue,
  InvalidRequestError,
  NotFoundError,
  parseRetryAfter,
  type UnicartError,
  UpstreamError,
  UpstreamRateLimitedError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { type ShopifyUserError, shopifyCostSchema, shopifyTopLevelErrorsSchema } from './shopify-api';

const platform = 'shopify';
const maxMessageLength = 300;

/**
 * Seconds until the bucket holds the cost the throttled query asked for:
 * `ceil((requestedQueryCost − currentlyAvailable) / restoreRate)`; Shopify sends no Retry-After (sheet §6).
 */
export function throttleWaitSeconds(body: unknown): number | undefined {
  const parsed = shopifyCostSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { requestedQueryCost, throttleStatus } = parsed.data.extensions.cost;
  if (requestedQueryCost === null || requestedQueryCost === undefined || throttleStatus.restoreRate <= 0) {
    return undefined;
  }
  const missing = requestedQueryCost - throttleStatus.currentlyAvailable;
  return Math.max(1, Math.ceil(missing / throttleStatus.restoreRate));
}

function rateLimited(seconds: number): UpstreamRateLimitedError {
  return new UpstreamRateLimitedError('Shopify is throttling this store (query cost above the bucket)', {
    platform,
    retryAfterSeconds: seconds,
  });
}

/** Non-2xx answers of the GraphQL endpoint (sheet §7); `undefined` keeps core's status-based default. */
export function classifyShopifyFailure(reply: UpstreamReply): UnicartError | undefined {
  switch (reply.status) {
    case 401:
      return new UpstreamUnauthorizedError('Shopify rejected the access token (HTTP 401)', { platform });
    case 402:
      return new UpstreamError('The Shopify shop is frozen or unpaid (HTTP 402)', {
        platform,
        upstreamStatus: 402,
      });
    case 403:
      return new UpstreamUnauthorizedError(
        'Shopify refused access: the app lacks a required scope (HTTP 403)',
        {
          platform,
        },
      );
    case 404:
      return new UpstreamUnauthorizedError('Shopify knows no such shop or API version (HTTP 404)', {
        platform,
      });
    case 423:
      return new UpstreamError('The Shopify shop is locked (HTTP 423)', { platform, upstreamStatus: 423 });
    case 429: {
      const header = parseRetryAfter(reply.headers.get('retry-after'));
      return rateLimited(throttleWaitSeconds(reply.body) ?? (header === undefined ? 1 : header / 1000));
    }
    default:
      return undefined;
  }
}

/** Errors inside an HTTP 200 (sheet §7, §9.7): THROTTLED is retried, the rest are failures. */
export function inspectShopifySuccess(reply: UpstreamReply): UnicartError | undefined {
  const parsed = shopifyTopLevelErrorsSchema.safeParse(reply.body);
  if (!parsed.success || parsed.data.errors.length === 0) return undefined;
  const { errors } = parsed.data;
  const codes = new Set(errors.map((error) => error.extensions?.code));
  if (codes.has('THROTTLED')) return rateLimited(throttleWaitSeconds(reply.body) ?? 1);
  if (codes.has('ACCESS_DENIED')) {
    return new UpstreamUnauthorizedError(
      'Shopify denied access: the app lacks a scope or access to protected customer data',
      { platform },
    );
  }
  const detail = errors
    .map((error) => [error.extensions?.code, error.message].filter(Boolean).join(': '))
    .join('; ')
    .slice(0, maxMessageLength);
  return new UpstreamError(`Shopify refused the GraphQL request: ${detail}`, {
    platform,
    upstreamStatus: reply.status,
    retryable: codes.has('INTERNAL_SERVER_ERROR'),
  });
}

/** Answers of the client credentials grant (sheet §1): a refusal means the app's credentials are wrong. */
export function classifyShopifyTokenFailure(reply: UpstreamReply): UnicartError | undefined {
  if ([400, 401, 403, 404].includes(reply.status)) {
    return new UpstreamUnauthorizedError(
      `Shopify refused the app's client credentials or does not know the shop (HTTP ${reply.status})`,
      { platform },
    );
  }
  return undefined;
}

/** The customer an operation names does not exist on Shopify. */
export function shopifyCustomerNotFound(): NotFoundError {
  return new NotFoundError('No such Shopify customer', { platform });
}

const notFoundMessage = /does not exist|not found|could not be found|couldn['’]t find/i;
const consentFields = new Set(['emailMarketingConsent', 'marketingState', 'marketingOptInLevel']);
const canonicalNames: Readonly<Record<string, string>> = {
  zip: 'postalCode',
  countryCode: 'country.code',
  provinceCode: 'state.code',
  customerId: 'id',
  addressId: 'id',
};

/** A `userErrors[].field` path (`["input", "email"]`, `["address", "zip"]`) as a canonical input path. */
function inputPath(field: readonly string[] | null | undefined, prefix: string): string {
  const segments = (field ?? []).filter((segment) => segment !== 'input' && segment !== 'address');
  if (segments.some((segment) => consentFields.has(segment))) return `${prefix}.acceptsMarketing`;
  return [prefix, ...segments.map((segment) => canonicalNames[segment] ?? segment)].join('.');
}

/**
 * A "does not exist" about the customer itself: its field is the customer id, or none and the message
 * names the customer. An address or another object that does not exist is an input problem.
 */
function namesMissingCustomer(error: ShopifyUserError): boolean {
  if (!notFoundMessage.test(error.message)) return false;
  const last = error.field?.at(-1);
  return last === undefined ? /customer/i.test(error.message) : last === 'id' || last === 'customerId';
}

/**
 * A mutation's non-empty `userErrors` (the mutation did nothing, sheet §7): "does not exist" →
 * `NotFoundError`, anything else → `InvalidRequestError` with the fields under `prefix`.
 */
export function shopifyUserErrorsToError(
  userErrors: readonly ShopifyUserError[],
  prefix: string,
): UnicartError {
  if (userErrors.some(namesMissingCustomer)) return shopifyCustomerNotFound();
  const issues: InputIssue[] = userErrors.map((error) => ({
    path: inputPath(error.field, prefix),
    message: error.message,
  }));
  return InvalidRequestError.fromIssues('Shopify refused the customer', issues, { platform });
}
