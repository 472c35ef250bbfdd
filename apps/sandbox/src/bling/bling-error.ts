/** A Bling error answer: the nested `ErrorResponse` envelope (sheet §7). */
export class BlingError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly description: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  get body() {
    return {
      error: { type: this.type, message: this.message, description: this.description, ...this.extra },
    };
  }
}

/** A field Bling refused, as `fields[]` lists it. */
export interface BlingFieldError {
  readonly code: number;
  readonly msg: string;
  readonly element: string;
}

export function validationError(fields: readonly BlingFieldError[]): BlingError {
  return new BlingError(
    400,
    'VALIDATION_ERROR',
    'Não foi possível salvar o contato',
    'Não foi possível salvar o contato, pois ocorreram problemas em sua validação.',
    { fields: fields.map((field) => ({ ...field, namespace: 'CONTATOS', collection: [] })) },
  );
}

export function notFound(description: string): BlingError {
  return new BlingError(404, 'RESOURCE_NOT_FOUND', 'Recurso não encontrado', description);
}
