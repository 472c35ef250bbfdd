/** A Jumpseller error answer (sheet §10): `{ "message": … }` with its HTTP status. */
export class JumpsellerApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'JumpsellerApiError';
  }

  get body(): { message: string } {
    return { message: this.message };
  }
}

/** 422 "Validation failed: …", Rails' wording for a record that does not save. */
export function validationFailed(problems: readonly string[]): JumpsellerApiError {
  return new JumpsellerApiError(422, `Validation failed: ${problems.join(', ')}`);
}

/** 400 for a body without the `customer` wrapper, Rails' `ParameterMissing`. */
export function customerParameterMissing(): JumpsellerApiError {
  return new JumpsellerApiError(400, 'param is missing or the value is empty: customer');
}

/** 400 for a body that is not JSON (Rails' `ParseError`). */
export function unparsableBody(): JumpsellerApiError {
  return new JumpsellerApiError(400, 'There was a problem in the JSON you submitted');
}
