import { hasErrorMarker, UnicartError } from './unicart-error';

const marker = Symbol.for('unicart.error.PayloadTooLargeError');

/** The request body is over the size limit. */
export class PayloadTooLargeError extends UnicartError {
  readonly [marker] = true;

  constructor(message: string, options: { platform?: string | undefined; cause?: unknown } = {}) {
    super({ message, code: 'payload_too_large', status: 413, ...options });
  }

  static override isInstance(value: unknown): value is PayloadTooLargeError {
    return hasErrorMarker(value, marker);
  }
}
