import { hasErrorMarker, UnicartError } from './unicart-error';

const marker = Symbol.for('unicart.error.UpstreamTimeoutError');

/** The platform did not answer within the timeout. */
export class UpstreamTimeoutError extends UnicartError {
  readonly [marker] = true;

  constructor(message: string, options: { platform?: string | undefined; cause?: unknown } = {}) {
    super({ message, code: 'upstream_timeout', ...options });
  }

  static override isInstance(value: unknown): value is UpstreamTimeoutError {
    return hasErrorMarker(value, marker);
  }
}
