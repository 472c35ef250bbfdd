const statusCodesPage = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

/** A v3 error (sheet §7): `{ status, title, type, errors }`; v2 routes answer it as an array of `{ status, message }`. */
export class BigCommerceError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly errors: Readonly<Record<string, string>> = {},
  ) {
    super(title);
    this.name = 'BigCommerceError';
  }

  /** The v3 `ErrorResponse` body. */
  get v3Body(): { status: number; title: string; type: string; errors: Record<string, string> } {
    return { status: this.status, title: this.title, type: statusCodesPage, errors: { ...this.errors } };
  }

  /** The v2 body: an array of one `{ status, message }`. */
  get v2Body(): { status: number; message: string }[] {
    return [{ status: this.status, message: this.title }];
  }
}

/** 422 naming each invalid field, as v3 validation answers. */
export function unprocessable(title: string, errors: Readonly<Record<string, string>>): BigCommerceError {
  return new BigCommerceError(422, title, errors);
}

/** 401 for a missing or wrong token, or a token of another store (sheet §1). */
export const unauthorized = () =>
  new BigCommerceError(
    401,
    'Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.',
  );

export const notFound = () => new BigCommerceError(404, 'The requested resource was not found.');
