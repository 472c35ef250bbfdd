import { hasErrorMarker, UnicartError } from './unicart-error';

const marker = Symbol.for('unicart.error.InvalidRequestError');

/** One problem with the caller's input: where (a dotted path, `""` for the whole value) and what. */
export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

/** A parameter or body value is malformed, unknown, or refused by the platform as invalid input. */
export class InvalidRequestError extends UnicartError {
  readonly [marker] = true;
  /** The individual problems, each naming the offending field. */
  readonly issues: readonly InputIssue[];

  constructor(
    message: string,
    options: { platform?: string | undefined; cause?: unknown; issues?: readonly InputIssue[] } = {},
  ) {
    super({
      message,
      code: 'invalid_request',
      platform: options.platform,
      cause: options.cause,
    });
    this.issues = options.issues ?? [];
  }

  /** An error whose message lists every issue after `summary`: `Invalid customer: email: is required`. */
  static fromIssues(
    summary: string,
    issues: readonly InputIssue[],
    options: { platform?: string | undefined; cause?: unknown } = {},
  ): InvalidRequestError {
    const detail = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    return new InvalidRequestError(`${summary}: ${detail}`, { ...options, issues });
  }

  static override isInstance(value: unknown): value is InvalidRequestError {
    return hasErrorMarker(value, marker);
  }
}
