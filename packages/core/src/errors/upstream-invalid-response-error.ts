import { hasErrorMarker } from './unicart-error';
import { UpstreamError, type UpstreamErrorOptions } from './upstream-error';

const marker = Symbol.for('unicart.error.UpstreamInvalidResponseError');

/** The platform answered, but not with the shape the adapter expects (unparseable or unexpected). */
export class UpstreamInvalidResponseError extends UpstreamError {
  readonly [marker] = true;
  /** Paths of the fields that did not match (never their values: they may hold personal data). */
  readonly issuePaths: readonly string[];

  constructor(message: string, options: UpstreamErrorOptions & { issuePaths?: readonly string[] } = {}) {
    super(message, options);
    this.issuePaths = options.issuePaths ?? [];
  }

  static override isInstance(value: unknown): value is UpstreamInvalidResponseError {
    return hasErrorMarker(value, marker);
  }
}
