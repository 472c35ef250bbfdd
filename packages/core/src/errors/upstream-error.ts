import { hasErrorMarker, UnicartError } from './unicart-error';

const marker = Symbol.for('unicart.error.UpstreamError');

export interface UpstreamErrorOptions {
  readonly platform?: string | undefined;
  /** The platform's HTTP status, when it answered at all. */
  readonly upstreamStatus?: number | undefined;
  /** A short excerpt of the platform's body, already scrubbed of credentials. */
  readonly bodyExcerpt?: string | undefined;
  /** Whether repeating the same request may succeed (5xx, network failure). */
  readonly retryable?: boolean | undefined;
  readonly cause?: unknown;
}

/** The platform failed or answered something the adapter cannot use. */
export class UpstreamError extends UnicartError {
  readonly [marker] = true;
  readonly upstreamStatus: number | undefined;
  readonly bodyExcerpt: string | undefined;
  readonly retryable: boolean;

  constructor(message: string, options: UpstreamErrorOptions = {}) {
    super({ message, code: 'upstream_error', platform: options.platform, cause: options.cause });
    this.upstreamStatus = options.upstreamStatus;
    this.bodyExcerpt = options.bodyExcerpt;
    this.retryable = options.retryable ?? false;
  }

  static override isInstance(value: unknown): value is UpstreamError {
    return hasErrorMarker(value, marker);
  }
}
