import { hasErrorMarker, UnicartError } from './unicart-error';

const marker = Symbol.for('unicart.error.UnauthorizedError');

/** The caller's store or admin token is missing, unknown or revoked. */
export class UnauthorizedError extends UnicartError {
  readonly [marker] = true;

  constructor(message: string, options: { platform?: string | undefined; cause?: unknown } = {}) {
    super({ message, code: 'unauthorized', ...options });
  }

  static override isInstance(value: unknown): value is UnauthorizedError {
    return hasErrorMarker(value, marker);
  }
}
