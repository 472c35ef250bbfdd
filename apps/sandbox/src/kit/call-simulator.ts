/** What a test reads of one simulator answer. */
export interface SimulatorAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json(): unknown;
}

/**
 * Sends one request to a simulator as a client would — the `authorization` header unless `null`,
 * a JSON content type when there is a body — and reads the whole answer (the simulators' tests).
 */
export async function callSimulator(
  url: string,
  init: RequestInit & { authorization?: string | null } = {},
): Promise<SimulatorAnswer> {
  const { authorization = null, ...rest } = init;
  const response = await fetch(url, {
    ...rest,
    headers: {
      ...(authorization === null ? {} : { authorization }),
      ...(rest.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...rest.headers,
    },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as unknown,
  };
}
