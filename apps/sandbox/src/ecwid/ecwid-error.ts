/** An Ecwid error answer (sheet §7): `{ "errorMessage", "errorCode"? }` with its HTTP status. */
export class EcwidApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorCode?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'EcwidApiError';
  }

  /** The body Ecwid sends. */
  get body(): { errorMessage: string; errorCode?: string } {
    return this.errorCode === undefined
      ? { errorMessage: this.message }
      : { errorMessage: this.message, errorCode: this.errorCode };
  }
}

/** 400 `WRONG_PARAMETER`: a query parameter or body value Ecwid cannot read. */
export function wrongParameter(message: string): EcwidApiError {
  return new EcwidApiError(400, message, 'WRONG_PARAMETER');
}
