import { hasErrorMarker, UnicartError } from './unicart-error';

const marker = Symbol.for('unicart.error.FilterNotSupportedError');

/** The connected platform cannot honour a filter, natively or by a correct emulation. */
export class FilterNotSupportedError extends UnicartError {
  readonly [marker] = true;
  /** The filter as the caller named it, e.g. `updatedAt[from]`. */
  readonly filter: string;

  constructor(filter: string, platform: string) {
    super({
      message: `The filter '${filter}' is not supported by ${platform}`,
      code: 'filter_not_supported',
      platform,
    });
    this.filter = filter;
  }

  static override isInstance(value: unknown): value is FilterNotSupportedError {
    return hasErrorMarker(value, marker);
  }
}
