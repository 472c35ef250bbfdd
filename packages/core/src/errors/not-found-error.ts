import { hasErrorMarker, UnicartError } from './unicart-error';

const marker = Symbol.for('unicart.error.NotFoundError');

/** No such customer (or route). */
export class NotFoundError extends UnicartError {
  readonly [marker] = true;

  constructor(message: string, options: { platform?: string | undefined; cause?: unknown } = {}) {
    super({ message, code: 'not_found', ...options });
  }

  static override isInstance(value: unknown): value is NotFoundError {
    return hasErrorMarker(value, marker);
  }
}
