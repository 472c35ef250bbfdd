import { hasErrorMarker, UnicartError } from './unicart-error';

const marker = Symbol.for('unicart.error.OperationNotSupportedError');

/** The operation does not exist on the platform. The message is fixed by the contract. */
export class OperationNotSupportedError extends UnicartError {
  readonly [marker] = true;
  /** The operation that was asked for, e.g. `delete`. */
  readonly operation: string;

  constructor(operation: string, platform: string) {
    super({
      message: 'The resource is not available for this ecommerce',
      code: 'resource_not_available',
      platform,
    });
    this.operation = operation;
  }

  static override isInstance(value: unknown): value is OperationNotSupportedError {
    return hasErrorMarker(value, marker);
  }
}
