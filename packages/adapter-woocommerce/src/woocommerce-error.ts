import {
  type CurrencyUnavailable,
  type InputIssue,
  InvalidRequestError,
  NotFoundError,
  UnicartError,
  UpstreamError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { parseWooCommerceBody, woocommerceErrorSchema } from './woocommerce-api';

const platform = 'woocommerce';

/**
 * The store currency comes from `GET /data/currencies/current` (sheet §2). A refusal that asking
 * again will not change (no permission, no such route, an answer that is not a currency) gives
 * `null` for good; a passing failure gives `null` this time; a failure that is not a Unicart error
 * is a bug and fails the call.
 */
export function whenWooCommerceCurrencyUnavailable(error: unknown): CurrencyUnavailable {
  if (!UnicartError.isInstance(error)) return 'fail';
  const permanent =
    UpstreamUnauthorizedError.isInstance(error) ||
    NotFoundError.isInstance(error) ||
    (UpstreamError.isInstance(error) && !error.retryable);
  return permanent ? 'remember' : 'skip';
}

/** What the classifier knows about the connection. */
export interface WooCommerceFailureContext {
  /** The site URL is plain `http://`, where WooCommerce ignores the key pair (sheet §1, §9.8). */
  readonly plainHttp: boolean;
}

const notFoundCodes = new Set(['wc_user_invalid_id', 'woocommerce_rest_invalid_id']);

const generatedCredentialsHint =
  'the store requires a username or password for new accounts; enable "generate username" and "generate password" in WooCommerce → Settings → Accounts & Privacy, as Unicart lets WooCommerce generate them';

/** Codes whose field is known from the code alone (sheet §7), described in our words: WooCommerce's are localized. */
const issueByCode: Readonly<Record<string, InputIssue>> = {
  'registration-error-email-exists': {
    path: 'customer.email',
    message: 'is already registered on this store',
  },
  existing_user_email: { path: 'customer.email', message: 'is already registered on this store' },
  'registration-error-invalid-email': {
    path: 'customer.email',
    message: 'is not an email WooCommerce accepts',
  },
  woocommerce_rest_customer_invalid_email: {
    path: 'customer.email',
    message: 'belongs to another user of this store',
  },
  'registration-error-username-exists': {
    path: 'customer.email',
    message: 'gives a username that already exists on this store',
  },
  existing_user_login: {
    path: 'customer.email',
    message: 'gives a username that already exists on this store',
  },
  'registration-error-missing-password': { path: 'customer', message: generatedCredentialsHint },
};

/** Canonical names of the WooCommerce parameters a 400 can name, for reads and for writes. */
const readParameterPaths: Readonly<Record<string, string>> = {
  email: 'email',
  search: 'search',
  include: 'ids',
  per_page: 'limit',
  offset: 'page',
};
const writeParameterPaths: Readonly<Record<string, string>> = {
  email: 'customer.email',
  first_name: 'customer.firstName',
  last_name: 'customer.lastName',
  billing: 'customer.addresses',
  shipping: 'customer.addresses',
};

function isInvalidRequestCode(code: string): boolean {
  return (
    code === 'rest_invalid_param' ||
    code === 'rest_missing_callback_param' ||
    code in issueByCode ||
    code.startsWith('registration-error-') ||
    code.startsWith('woocommerce_rest_customer_invalid_')
  );
}

/** `data.params` of a WordPress error: name → reason, or the names of missing parameters. */
type WordPressErrorParams = Readonly<Record<string, unknown>> | readonly string[] | null | undefined;

function parameterIssues(reply: UpstreamReply, code: string, params: WordPressErrorParams): InputIssue[] {
  const known = issueByCode[code];
  if (known) return [known];
  const write = reply.method !== 'GET';
  const names = Array.isArray(params) ? params : Object.keys(params ?? {});
  const missing = code === 'rest_missing_callback_param';
  const issues = names.map((name): InputIssue => {
    if (missing && (name === 'username' || name === 'password'))
      return { path: 'customer', message: generatedCredentialsHint };
    const path = (write ? writeParameterPaths : readParameterPaths)[name] ?? (write ? 'customer' : name);
    return { path, message: missing ? 'is required by WooCommerce' : 'was refused by WooCommerce' };
  });
  return issues.length > 0
    ? issues
    : [{ path: write ? 'customer' : '', message: `was refused by WooCommerce (${code})` }];
}

function invalidRequest(reply: UpstreamReply, code: string, params: WordPressErrorParams) {
  const issues = parameterIssues(reply, code, params);
  const detail = issues
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
  return new InvalidRequestError(`WooCommerce refused the request: ${detail}`, { platform, issues });
}

function unauthorized(reply: UpstreamReply, code: string, context: WooCommerceFailureContext) {
  const hint = context.plainHttp
    ? '; the site URL is plain http://, where WooCommerce ignores API keys: use its https:// URL'
    : '; check the consumer key, its secret, its read/write permission and its user role';
  return new UpstreamUnauthorizedError(
    `WooCommerce rejected the API key (${code}, HTTP ${reply.status} on ${reply.method} ${reply.path})${hint}`,
    { platform },
  );
}

/** A reply that is not a WordPress REST error: a host, proxy or firewall page (sheet §6, §9.11). */
function classifyForeignReply(reply: UpstreamReply): UnicartError | undefined {
  if (reply.status === 404) {
    return new UpstreamError(
      `The WooCommerce REST API was not found (HTTP 404 without a WordPress error on ${reply.method} ${reply.path}): check that url is the WordPress site root and that pretty permalinks are enabled`,
      { platform, upstreamStatus: 404 },
    );
  }
  if (reply.status === 403) {
    return new UpstreamError(
      `The site's host or firewall blocked ${reply.method} ${reply.path} (HTTP 403 without a WordPress error)`,
      { platform, upstreamStatus: 403 },
    );
  }
  return undefined;
}

/**
 * Maps a WooCommerce failure to a core error by `code` and status only: messages are translated to
 * the site's language (sheet §7, §9.10). `undefined` leaves the reply to core's status-based default.
 * `woocommerce_rest_cannot_*` comes with 401 when the key authenticated nobody and 403 when its user
 * may not do this; a 403 on edit or delete is WooCommerce protecting a non-customer role.
 */
export function classifyWooCommerceFailure(
  reply: UpstreamReply,
  context: WooCommerceFailureContext = { plainHttp: false },
): UnicartError | undefined {
  const parsed = woocommerceErrorSchema.safeParse(parseWooCommerceBody(reply.body));
  if (!parsed.success) return classifyForeignReply(reply);
  const { code, data } = parsed.data;
  const authStatus = reply.status === 401 || reply.status === 403;

  if (notFoundCodes.has(code)) {
    return new NotFoundError(`WooCommerce has no such customer (${reply.method} ${reply.path})`, {
      platform,
    });
  }
  if (code === 'rest_no_route') {
    return new UpstreamError(
      `WooCommerce has no REST route for ${reply.method} ${reply.path}: check that url is the WordPress site root, that WooCommerce is active and that pretty permalinks are enabled`,
      { platform, upstreamStatus: reply.status },
    );
  }
  if (
    reply.status === 403 &&
    (code === 'woocommerce_rest_cannot_edit' || code === 'woocommerce_rest_cannot_delete')
  ) {
    return new InvalidRequestError(
      'WooCommerce does not let this API key change this user: only customers and subscribers can be deleted, and other roles keep their email and password',
      { platform, issues: [{ path: 'id', message: 'is a user WooCommerce protects from this change' }] },
    );
  }
  if (
    authStatus &&
    (code.startsWith('woocommerce_rest_cannot_') || code.startsWith('woocommerce_rest_authentication_'))
  ) {
    return unauthorized(reply, code, context);
  }
  if (isInvalidRequestCode(code)) return invalidRequest(reply, code, data?.params);
  return undefined;
}
