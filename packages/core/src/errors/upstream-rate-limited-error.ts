import { hasErrorMarker, UnicartError } from './unicart-error';

const marker = Symbol.for('unicart.error.UpstreamRateLimitedError');

/** The platform still throttles after the client's own retries. */
export class UpstreamRateLimitedError extends UnicartError {
  readonly [marker] = true;
  /** Whole seconds the caller should wait before trying again (the gateway's `Retry-After`). */
  readonly retryAfterSeconds: number;

  constructor(
    message: string,
    options: { retryAfterSeconds: number; platform?: string | undefined; cause?: unknown },
  ) {
    super({ message, code: 'rate_limited', platform: options.platform, cause: options.cause });
    this.retryAfterSeconds = Math.max(1, Math.ceil(options.retryAfterSeconds));
  }

  static override isInstance(value: unknown): value is UpstreamRateLimitedError {
    return hasErrorMarker(value, marker);
  }
}
