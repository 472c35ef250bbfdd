import { hasErrorMarker, UnicartError } from './unicart-error';

const marker = Symbol.for('unicart.error.UpstreamUnauthorizedError');

/** The platform rejected the stored credentials (bad token, missing scope, unknown store). */
export class UpstreamUnauthorizedError extends UnicartError {
  readonly [marker] = true;

  constructor(message: string, options: { platform?: string | undefined; cause?: unknown } = {}) {
    super({ message, code: 'upstream_unauthorized', ...options });
  }

  static override isInstance(value: unknown): value is UpstreamUnauthorizedError {
    return hasErrorMarker(value, marker);
  }
}
