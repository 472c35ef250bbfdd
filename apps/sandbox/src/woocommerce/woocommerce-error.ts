/** A WordPress REST error (sheet §7): `{ code, message, data: { status, ... } }`. */
export class WordPressError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly data: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'WordPressError';
  }

  get body(): { code: string; message: string; data: Record<string, unknown> } {
    return { code: this.code, message: this.message, data: { status: this.status, ...this.data } };
  }
}

/** One invalid parameter, as WordPress reports it in `data.params` and `data.details`. */
export interface ParameterProblem {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

/** `rest_invalid_param`: "Invalid parameter(s): per_page" with the per-parameter details. */
export function invalidParameters(problems: readonly ParameterProblem[]): WordPressError {
  return new WordPressError(
    400,
    'rest_invalid_param',
    `Invalid parameter(s): ${problems.map((problem) => problem.name).join(', ')}`,
    {
      params: Object.fromEntries(problems.map((problem) => [problem.name, problem.message])),
      details: Object.fromEntries(
        problems.map((problem) => [
          problem.name,
          { code: problem.code, message: problem.message, data: null },
        ]),
      ),
    },
  );
}

/** WordPress's list formatting in messages: "a, b, and c". */
export function wordpressList(values: readonly string[]): string {
  if (values.length <= 2) return values.join(' and ');
  return `${values.slice(0, -1).join(', ')}, and ${values[values.length - 1]}`;
}
