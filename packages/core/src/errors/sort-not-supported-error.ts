import { hasErrorMarker, UnicartError } from './unicart-error';

const marker = Symbol.for('unicart.error.SortNotSupportedError');

/** The connected platform cannot honour a sort, natively or by an emulation that reads only what the page needs. */
export class SortNotSupportedError extends UnicartError {
  readonly [marker] = true;
  /** The sort as the caller wrote it, e.g. `-createdAt`. */
  readonly sort: string;

  constructor(sort: string, platform: string, reason?: string) {
    super({
      message: `The sort '${sort}' is not supported by ${platform}${reason === undefined ? '' : `: ${reason}`}`,
      code: 'sort_not_supported',
      platform,
    });
    this.sort = sort;
  }

  static override isInstance(value: unknown): value is SortNotSupportedError {
    return hasErrorMarker(value, marker);
  }
}
