import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.1 document the checks read. */
export interface OpenApiDocument {
  readonly info: { readonly version: string };
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components: { readonly schemas: Record<string, unknown> };
}

export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'query' | 'path' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema: JsonSchema;
}

export interface OpenApiOperation {
  readonly operationId: string;
  readonly parameters?: readonly OpenApiParameter[];
  readonly requestBody?: { readonly content: Record<string, { readonly schema: JsonSchema }> };
  readonly responses: Record<string, OpenApiResponse>;
  readonly security?: readonly Record<string, unknown>[];
}

export interface OpenApiResponse {
  readonly content?: Record<string, { readonly schema: JsonSchema }>;
  readonly headers?: Record<string, unknown>;
  readonly links?: Record<
    string,
    { readonly operationId: string; readonly parameters: Record<string, string> }
  >;
}

export type JsonSchema = Readonly<Record<string, unknown>>;

/** One answer of the gateway as a client saw it. */
export interface ObservedResponse {
  readonly method: string;
  /** The path and query as requested, e.g. `/api/v2/customers?limit=5`. */
  readonly url: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
}

const documentId = 'urn:unicart:openapi';

/** JSON Pointer escaping of one reference token. */
const pointerToken = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Checks responses against the OpenAPI document itself: the status must be documented for the
 * operation, and the body must validate against that status' schema (ajv, JSON Schema 2020-12,
 * which OpenAPI 3.1 uses). An NDJSON body is checked line by line, a last `{"error":…}` line
 * against the error schema.
 */
export function createContractChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // The whole document is one schema resource: `#/components/schemas/…` references resolve inside it.
  ajv.addSchema({ ...document, $id: documentId });
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string): ValidateFunction => {
    let validate = compiled.get(pointer);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `${documentId}#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };

  const templates = Object.keys(document.paths)
    .map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      // A literal segment beats a parameter: /customers/count is not /customers/{id}.
      parameters: template.split('{').length - 1,
    }))
    .sort((left, right) => left.parameters - right.parameters);

  /** The documented path template a concrete path belongs to, e.g. `/api/v2/customers/{id}`. */
  const templateOf = (path: string) => templates.find(({ pattern }) => pattern.test(path))?.template;

  const problemsOf = (validate: ValidateFunction, value: unknown, what: string): string[] =>
    validate(value)
      ? []
      : [
          `${what}: ${ajv.errorsText(validate.errors, { dataVar: 'body' })} in ${JSON.stringify(value).slice(0, 500)}`,
        ];

  /** Every way the response departs from the document; empty when it conforms. */
  function problems(response: ObservedResponse): string[] {
    const method = response.method.toLowerCase();
    const path = new URL(response.url, 'http://gateway').pathname;
    const template = templateOf(path);
    const operation = template === undefined ? undefined : document.paths[template]?.[method];
    if (template === undefined || operation === undefined)
      return [`${method.toUpperCase()} ${path} is not documented`];
    const status = String(response.status);
    const documented = operation.responses[status];
    const where = `${method.toUpperCase()} ${template} ${status}`;
    if (documented === undefined) return [`${where} is not a documented status`];
    const pointer = `/paths/${pointerToken(template)}/${method}/responses/${status}/content`;
    if (documented.content === undefined) {
      return response.body === '' ? [] : [`${where} documents no body but has one`];
    }
    const mediaType = (response.contentType ?? '').split(';')[0]?.trim() ?? '';
    if (documented.content[mediaType] === undefined) {
      return [
        `${where} answered ${mediaType || 'no content type'}, not one of ${Object.keys(documented.content)}`,
      ];
    }
    const validate = validatorAt(`${pointer}/${pointerToken(mediaType)}/schema`);
    // A text body (Prometheus metrics) is checked as the string it is.
    if (mediaType.startsWith('text/')) return problemsOf(validate, response.body, where);
    if (mediaType !== 'application/x-ndjson') return problemsOf(validate, parseJson(response.body), where);
    const lines = response.body.split('\n').filter((line) => line !== '');
    return lines.flatMap((line, index) => {
      const value = parseJson(line);
      const isLastError =
        index === lines.length - 1 && typeof value === 'object' && value !== null && 'error' in value;
      return isLastError
        ? problemsOf(validatorAt('/components/schemas/Error'), value, `${where} last line`)
        : problemsOf(validate, value, `${where} line ${index + 1}`);
    });
  }

  return {
    templateOf,
    problems,
    /** Throws naming every departure from the document. */
    assertConforms(response: ObservedResponse): void {
      const found = problems(response);
      if (found.length > 0) throw new Error(`Response outside the OpenAPI document:\n${found.join('\n')}`);
    },
  };
}

export type ContractChecker = ReturnType<typeof createContractChecker>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { unparseable: text.slice(0, 200) };
  }
}

/** The gateway's own document, as it serves it. */
export async function fetchOpenApiDocument(gatewayUrl: string): Promise<OpenApiDocument> {
  const response = await fetch(`${gatewayUrl}/openapi.json`);
  if (!response.ok) throw new Error(`GET /openapi.json answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}

/**
 * From now on, every `fetch` answer from the gateway is checked against the gateway's OpenAPI
 * document (the call throws when it departs from it); `restore()` puts the global `fetch` back.
 */
export async function checkEveryGatewayResponse(gatewayUrl: string) {
  const contract = createContractChecker(await fetchOpenApiDocument(gatewayUrl));
  const originalFetch = globalThis.fetch;
  let checked = 0;
  globalThis.fetch = async (input, init) => {
    const response = await originalFetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(gatewayUrl)) {
      contract.assertConforms({
        method: init?.method ?? (input instanceof Request ? input.method : 'GET'),
        url: url.slice(gatewayUrl.length),
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: await response.clone().text(),
      });
      checked += 1;
    }
    return response;
  };
  return {
    /** How many answers were checked. */
    checked: () => checked,
    restore: () => {
      globalThis.fetch = originalFetch;
    },
  };
}
