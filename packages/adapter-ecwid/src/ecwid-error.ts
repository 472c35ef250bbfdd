import {
  type CurrencyUnavailable,
  InvalidRequestError,
  NotFoundError,
  redactSecrets,
  type UnicartError,
  UpstreamError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { ecwidErrorBodySchema } from './ecwid-api';

const platform = 'ecwid';
const maxMessageLength = 200;

/** What Ecwid said about a failure (sheet §7); kept as the `cause` of the errors below. */
interface EcwidFailureDetails {
  readonly errorCode: string | null;
}

function readFailure(body: unknown, secrets: readonly string[]) {
  const parsed = ecwidErrorBodySchema.safeParse(body);
  const errorMessage = parsed.success ? parsed.data.errorMessage?.trim() : undefined;
  return {
    errorCode: (parsed.success ? parsed.data.errorCode?.trim() : undefined) || null,
    message: errorMessage ? redactSecrets(errorMessage, secrets).slice(0, maxMessageLength) : null,
  };
}

/** The `errorCode` Ecwid gave for a failure this module classified, e.g. `INSUFFICIENT_APP_SCOPE`. */
export function ecwidErrorCode(error: unknown): string | null {
  const cause = (error as { cause?: Partial<EcwidFailureDetails> } | null)?.cause;
  return typeof cause?.errorCode === 'string' ? cause.errorCode : null;
}

/**
 * The store currency comes from `GET /profile`, which needs the `read_store_profile` scope (sheet
 * §1). A token without it gets `null` for good rather than failing every list; any other failure
 * fails the call, and the next call asks again.
 */
export function whenEcwidCurrencyUnavailable(error: unknown): CurrencyUnavailable {
  return UpstreamUnauthorizedError.isInstance(error) && ecwidErrorCode(error) === 'INSUFFICIENT_APP_SCOPE'
    ? 'remember'
    : 'fail';
}

/**
 * Maps Ecwid's error replies to core errors (sheet §7). `undefined` keeps core's status-based
 * default: 408 → timeout, 429 → retried then rate limited, 5xx → retried then upstream error.
 * `secrets` are scrubbed from Ecwid's message before it is quoted.
 */
export function classifyEcwidFailure(
  reply: UpstreamReply,
  secrets: readonly string[],
): UnicartError | undefined {
  const { errorCode, message } = readFailure(reply.body, secrets);
  const cause: EcwidFailureDetails = { errorCode };
  const saying = message === null ? '' : `: ${message}`;
  switch (reply.status) {
    // Ecwid answers a bad token or a missing scope with 403, never 401 (sheet §7, §9.5).
    case 403:
      return new UpstreamUnauthorizedError(
        errorCode === 'INSUFFICIENT_APP_SCOPE'
          ? 'The Ecwid access token lacks a scope this operation needs (INSUFFICIENT_APP_SCOPE)'
          : `Ecwid rejected the access token (${errorCode ?? 'HTTP 403'})`,
        { platform, cause },
      );
    case 404:
      // An unknown storeId is a credentials problem, not a missing customer (sheet §9.5).
      if (errorCode === 'STORE_NOT_FOUND') {
        return new UpstreamUnauthorizedError('Ecwid has no store with this storeId (STORE_NOT_FOUND)', {
          platform,
          cause,
        });
      }
      return new NotFoundError(`Ecwid found no such record${saying}`, { platform, cause });
    case 400:
    case 409:
      return refusedInput(reply, errorCode, saying, cause);
    // A suspended store or a plan without API access: nothing the caller's input can fix.
    case 402:
      return new UpstreamError(`Ecwid refused the store's request (${errorCode ?? 'HTTP 402'})${saying}`, {
        platform,
        upstreamStatus: 402,
        cause,
      });
    default:
      return undefined;
  }
}

/**
 * A 400 or 409 on a write is the caller's input (409: the email belongs to another customer,
 * sheet §2.2, §7). A 400 on a read means the adapter sent something Ecwid does not take.
 */
function refusedInput(
  reply: UpstreamReply,
  errorCode: string | null,
  saying: string,
  cause: EcwidFailureDetails,
): UnicartError {
  if (reply.method !== 'POST' && reply.method !== 'PUT') {
    return new UpstreamError(`Ecwid refused ${reply.method} ${reply.path} (HTTP ${reply.status})${saying}`, {
      platform,
      upstreamStatus: reply.status,
      cause,
    });
  }
  const field = reply.status === 409 && errorCode === null ? 'customer.email' : 'customer';
  const problem =
    field === 'customer.email'
      ? 'is already used by another Ecwid customer'
      : `was refused by Ecwid${saying}`;
  return new InvalidRequestError(
    `Ecwid refused the customer (${errorCode ?? `HTTP ${reply.status}`})${saying}`,
    {
      platform,
      cause,
      issues: [{ path: field, message: problem }],
    },
  );
}
