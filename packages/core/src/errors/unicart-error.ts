/** The error codes of the public contract (docs/api-contract.md §2, Errors), one per error class. */
export type UnicartErrorCode =
  | 'invalid_request'
  | 'filter_not_supported'
  | 'resource_not_available'
  | 'unauthorized'
  | 'not_found'
  | 'payload_too_large'
  | 'upstream_unauthorized'
  | 'rate_limited'
  | 'upstream_error'
  | 'upstream_timeout'
  | 'internal'
  | 'idempotency_key_in_progress'
  | 'idempotency_key_reused'
  | 'webhook_signature_invalid';

/** The HTTP status of each error code (docs/api-contract.md §2, Errors): the one place codes become statuses. */
export const errorStatusByCode: Readonly<Record<UnicartErrorCode, number>> = {
  invalid_request: 400,
  filter_not_supported: 400,
  resource_not_available: 400,
  unauthorized: 401,
  not_found: 404,
  payload_too_large: 413,
  upstream_unauthorized: 424,
  rate_limited: 429,
  upstream_error: 502,
  upstream_timeout: 504,
  internal: 500,
  idempotency_key_in_progress: 409,
  idempotency_key_reused: 422,
  webhook_signature_invalid: 401,
};

export interface UnicartErrorOptions {
  readonly message: string;
  readonly code: UnicartErrorCode;
  /** Platform id (`ecwid`, `shopify` ...) when the error concerns one platform. */
  readonly platform?: string | undefined;
  readonly cause?: unknown;
}

const unicartErrorMarker = Symbol.for('unicart.error');

/** True when `value` carries `marker`; markers survive two copies of core in one install. */
export function hasErrorMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}

/** Base of every error Unicart throws; the gateway maps errors to responses by `code` alone. */
export class UnicartError extends Error {
  readonly [unicartErrorMarker] = true;
  readonly code: UnicartErrorCode;
  /** The HTTP status the gateway answers with, from `errorStatusByCode`. */
  readonly status: number;
  readonly platform: string | undefined;

  constructor(options: UnicartErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.status = errorStatusByCode[options.code];
    this.platform = options.platform;
  }

  static isInstance(value: unknown): value is UnicartError {
    return hasErrorMarker(value, unicartErrorMarker);
  }
}
