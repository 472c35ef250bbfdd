/**
 * Property-based fuzzing of the gateway from its own `/openapi.json`, against the five simulators.
 * Requests are drawn by fast-check from the document's schemas (`support/schema-arbitrary.ts`):
 * - positive: every value the document allows; never a 5xx, never refused as `invalid_request` by
 *   the gateway, but for the one rule a schema cannot say (a date range whose `from` is after its
 *   `to`). The connected platform's own rules on a value the canonical document allows (Ecwid and
 *   Jumpseller require an email, Shopify a valid phone) are refusals that name the platform;
 * - negative: an unknown parameter, a value or body the document forbids; always a documented 4xx
 *   in the contract's error shape;
 * - stateful: a created customer's OpenAPI links (get, update, orders, delete) are followed, and
 *   lists are paged through by their `pagination.next`.
 * Every answer must also match the document (status documented, body valid against its schema).
 * Bounded in runs and in time; a failure prints the seed and the shrunk request to replay.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConnectedStore,
  connectStore,
  type GatewayProcess,
  sandboxStoreBodies,
  startGatewayProcess,
} from '../src/gateway-process';
import { type Sandbox, startSandbox } from '../src/start-sandbox';
import {
  type ContractChecker,
  createContractChecker,
  fetchOpenApiDocument,
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
} from './support/openapi-contract';
import { arbitraryOf } from './support/schema-arbitrary';

const platforms = ['bigcommerce', 'bling', 'ecwid', 'jumpseller', 'shopify', 'woocommerce'] as const;
type Platform = (typeof platforms)[number];
/**
 * Bling's adapter paces itself at 2.5 requests a second and reads each customer it shows: paging
 * through its store or following a customer's links takes longer than a phase's time, so those two
 * phases run on the other platforms; single requests reach Bling too.
 */
const unpacedPlatforms = platforms.filter((platform) => platform !== 'bling');

/** Each phase stops at whichever comes first. */
const runsPerPhase = 150;
const millisecondsPerPhase = 10_000;

let sandbox: Sandbox;
let gateway: GatewayProcess;
let document: OpenApiDocument;
let contract: ContractChecker;
const stores = {} as Record<Platform, ConnectedStore>;

interface Endpoint {
  readonly method: string;
  readonly template: string;
  readonly operation: OpenApiOperation;
  /** Which token the operation takes. */
  readonly auth: 'store' | 'admin' | 'none';
}

/** Everything one request needs; `body` is sent as JSON unless `rawBody` is given. */
interface FuzzRequest {
  readonly endpoint: Endpoint;
  readonly platform: Platform;
  readonly path: Readonly<Record<string, string>>;
  readonly query: readonly (readonly [string, string])[];
  readonly body?: unknown;
  readonly rawBody?: string;
}

interface FuzzAnswer {
  readonly status: number;
  readonly json: { error?: { code: string; message: string; platform?: string } } & Record<string, unknown>;
  readonly problems: readonly string[];
  readonly described: string;
}

let endpoints: Endpoint[];

const resolve = (reference: string): JsonSchema => {
  let target: unknown = document;
  for (const token of reference.replace(/^#\//, '').split('/')) {
    target = (target as Record<string, unknown>)[token.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return target as JsonSchema;
};

function urlOf(request: FuzzRequest): string {
  const path = request.endpoint.template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(request.path[name] ?? ''),
  );
  const query = new URLSearchParams(
    request.query.map(([name, value]): [string, string] => [name, value]),
  ).toString();
  return query === '' ? path : `${path}?${query}`;
}

async function send(request: FuzzRequest): Promise<FuzzAnswer> {
  const url = urlOf(request);
  const { auth, method } = request.endpoint;
  const token =
    auth === 'store'
      ? stores[request.platform].accessToken
      : auth === 'admin'
        ? gateway.adminToken
        : undefined;
  const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  const response = await fetch(`${gateway.url}${url}`, {
    method: method.toUpperCase(),
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body,
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  const problems = contract.problems({ method, url, status: response.status, contentType, body: text });
  let json = {};
  try {
    json = contentType?.startsWith('application/json') ? JSON.parse(text) : {};
  } catch {
    // Reported by `problems`.
  }
  const described = `${method.toUpperCase()} ${url} (${request.platform}) ${body === undefined ? '' : `body ${body.slice(0, 300)} `}→ ${response.status} ${text.slice(0, 400)}`;
  return { status: response.status, json, problems, described };
}

/** A query value as it travels: integers as digits, everything else as the string it is. */
const asQueryValue = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function queryParameters(endpoint: Endpoint): OpenApiParameter[] {
  return (endpoint.operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
}

/** Any subset of the documented query parameters, each with a value its schema allows. */
function validQuery(endpoint: Endpoint): fc.Arbitrary<[string, string][]> {
  // `page` only ever comes from a previous answer (the paging property follows it).
  const parameters = queryParameters(endpoint).filter((parameter) => parameter.name !== 'page');
  const shape = Object.fromEntries(
    parameters.map((parameter) => [parameter.name, arbitraryOf(parameter.schema, resolve).map(asQueryValue)]),
  );
  return fc
    .record(shape, { requiredKeys: [] })
    .map((values) =>
      Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
}

function validPath(endpoint: Endpoint, platform: Platform): fc.Arbitrary<Record<string, string>> {
  const parameters = (endpoint.operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
  const existing = sandbox[platform].customerIds().slice(0, 20);
  return fc.record(
    Object.fromEntries(
      parameters.map((parameter) => [
        parameter.name,
        // Mostly ids that exist, so that reads and writes reach the platform's data.
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...existing) },
          { weight: 1, arbitrary: arbitraryOf(parameter.schema, resolve).map(String) },
        ),
      ]),
    ),
  );
}

const bodySchemaOf = (endpoint: Endpoint) =>
  endpoint.operation.requestBody?.content['application/json']?.schema;

function validRequest(endpoint: Endpoint, among: readonly Platform[] = platforms): fc.Arbitrary<FuzzRequest> {
  const bodySchema = bodySchemaOf(endpoint);
  return fc.constantFrom(...among).chain((platform) =>
    fc.record({
      endpoint: fc.constant(endpoint),
      platform: fc.constant(platform),
      path: validPath(endpoint, platform),
      query: validQuery(endpoint),
      body: bodySchema === undefined ? fc.constant(undefined) : arbitraryOf(bodySchema, resolve),
    }),
  );
}

const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
const parameterValidators = new Map<OpenApiParameter, ValidateFunction>();

/** Whether the document allows this query value (digits read as the integer they spell). */
function documentAllows(parameter: OpenApiParameter, value: string): boolean {
  let validate = parameterValidators.get(parameter);
  if (validate === undefined) {
    validate = ajv.compile(parameter.schema);
    parameterValidators.set(parameter, validate);
  }
  return validate(/^-?\d{1,15}$/.test(value) ? Number(value) : value) || validate(value);
}

const prototypeNames = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** A request the document forbids: one thing wrong in an otherwise valid request. */
function invalidRequest(endpoint: Endpoint): fc.Arbitrary<FuzzRequest> {
  const documented = new Set((endpoint.operation.parameters ?? []).map((parameter) => parameter.name));
  const unknownParameter = fc
    .tuple(
      fc.oneof(fc.constantFrom(...prototypeNames), fc.string({ minLength: 1, maxLength: 20 })),
      fc.string({ maxLength: 20 }),
    )
    .filter(([name]) => !documented.has(name));
  const mutations: fc.Arbitrary<(request: FuzzRequest) => FuzzRequest>[] = [
    unknownParameter.map(([name, value]) => (request) => ({
      ...request,
      query: [...request.query, [name, value]],
    })),
  ];
  const parameters = queryParameters(endpoint);
  if (parameters.length > 0) {
    const badValue = fc
      .tuple(
        fc.constantFrom(...parameters),
        fc.oneof(
          fc.string({ maxLength: 40, unit: 'grapheme' }),
          fc.constantFrom('', ' ', '0', '-1', '101', '1.5', 'null'),
        ),
      )
      .filter(
        ([parameter, value]) => !documentAllows(parameter, value) && !documentAllows(parameter, value.trim()),
      );
    mutations.push(
      badValue.map(([parameter, value]) => (request) => ({
        ...request,
        query: [...request.query.filter(([name]) => name !== parameter.name), [parameter.name, value]],
      })),
    );
  }
  const pathNames = (endpoint.operation.parameters ?? [])
    .filter((parameter) => parameter.in === 'path')
    .map((parameter) => parameter.name);
  if (pathNames.length > 0) {
    mutations.push(
      fc
        .tuple(fc.constantFrom(...pathNames), fc.string({ minLength: 101, maxLength: 150, unit: 'grapheme' }))
        .map(([name, id]) => (request) => ({ ...request, path: { ...request.path, [name]: id } })),
    );
  }
  const bodySchema = bodySchemaOf(endpoint);
  if (bodySchema !== undefined) {
    mutations.push(
      fc
        .oneof(
          fc.constantFrom('{', '{"customer":', 'null', '[]', '"customer"', '{"customer":{}}x'),
          fc.string({ maxLength: 30 }).filter((text) => !isCustomerBody(text)),
        )
        .map((rawBody) => (request) => ({ ...request, rawBody })),
      fc
        .tuple(fc.constantFrom(...prototypeNames, 'unknownKey'), fc.jsonValue({ maxDepth: 1 }))
        .map(([key, value]) => (request) => ({
          ...request,
          rawBody: withExtraKey(request.body, key, value),
        })),
      fc
        .tuple(
          fc.constantFrom('firstName', 'lastName', 'email', 'tags', 'addresses', 'acceptsMarketing'),
          fc.constantFrom(42, true, { a: 1 }),
        )
        .filter(([key, value]) => !(key === 'acceptsMarketing' && typeof value === 'boolean'))
        .map(([key, value]) => (request) => ({
          ...request,
          body: { customer: { ...(request.body as { customer: object }).customer, [key]: value } },
        })),
    );
  }
  return fc.tuple(validRequest(endpoint), fc.oneof(...mutations)).map(([request, mutate]) => mutate(request));
}

function isCustomerBody(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && 'customer' in value;
  } catch {
    return false;
  }
}

/** The body's JSON with one more key inside `customer`, written as text so `__proto__` stays a key. */
function withExtraKey(body: unknown, key: string, value: unknown): string {
  const customer = JSON.stringify((body as { customer: object }).customer);
  const extra = `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`;
  return `{"customer":${customer === '{}' ? `{${extra}}` : `${customer.slice(0, -1)},${extra}}`}}`;
}

/**
 * The schema of `{ customer }` bodies of the operation with only the given keys of the customer,
 * all required and none null.
 */
function customerBodyWith(endpoint: Endpoint, keys: readonly string[]): JsonSchema {
  const body = bodySchemaOf(endpoint) as { properties: { customer: JsonSchema } };
  const customer = resolve(body.properties.customer.$ref as string) as {
    properties: Record<string, JsonSchema>;
  };
  const notNull = (schema: JsonSchema): JsonSchema =>
    Array.isArray(schema.anyOf)
      ? { anyOf: (schema.anyOf as JsonSchema[]).filter((variant) => variant.type !== 'null') }
      : schema;
  return {
    type: 'object',
    required: ['customer'],
    properties: {
      customer: {
        type: 'object',
        required: keys,
        properties: Object.fromEntries(keys.map((key) => [key, notNull(customer.properties[key] ?? {})])),
      },
    },
  };
}

/**
 * The refusals of valid-looking values a schema cannot express: a range whose start is after its
 * end, a sort beside `sinceId` (which lists in ascending id order), and raw records from the mirror.
 */
const combinationRules = [
  /^(createdAt|updatedAt)\[from\]: must not be after \1\[to\]$/,
  /^(ordersCount|totalSpent)\[min\]: must not be greater than \1\[max\]$/,
  /^sort: cannot be combined with sinceId, which lists in ascending id order$/,
  /^include: raw is not available with consistency=mirror\b/,
  // Any text is a well-formed `since`, but only the gateway's own cursors are accepted.
  /^since: must be the pagination\.next of a previous change feed answer$/,
];
const refusesOnlyCombinations = (message: string) =>
  message.startsWith('Invalid query parameters: ') &&
  message
    .slice('Invalid query parameters: '.length)
    .split('; ')
    .every((issue) => combinationRules.some((rule) => rule.test(issue)));

/** How often each platform refused a value the document allows, by its own rules. */
const platformRefusals: Record<string, number> = {};

function expectAccepted(answer: FuzzAnswer): void {
  expect(answer.problems, answer.described).toStrictEqual([]);
  expect(answer.status, answer.described).toBeLessThan(500);
  const error = answer.json.error;
  // The fuzzed stores have no sync: the mirror and the change feed refuse them, as documented.
  if (error?.code === 'sync_not_enabled') return;
  if (error?.code !== 'invalid_request') return;
  if (error.platform === undefined)
    expect(refusesOnlyCombinations(error.message), answer.described).toBe(true);
  else platformRefusals[error.platform] = (platformRefusals[error.platform] ?? 0) + 1;
}

function expectRefused(answer: FuzzAnswer): void {
  expect(answer.problems, answer.described).toStrictEqual([]);
  expect(answer.status, answer.described).toBeGreaterThanOrEqual(400);
  expect(answer.status, answer.described).toBeLessThan(500);
  expect(answer.json.error?.code, answer.described).toBe('invalid_request');
}

/** `FUZZ_SEED=<seed printed by a failure>` replays that run. */
const replayedSeed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

const fuzzParameters = (): fc.Parameters<unknown> => ({
  numRuns: runsPerPhase,
  interruptAfterTimeLimit: millisecondsPerPhase,
  markInterruptAsFailure: false,
  ...(replayedSeed === undefined ? {} : { seed: replayedSeed }),
});

beforeAll(async () => {
  sandbox = await startSandbox({ count: 40, rateLimits: false });
  gateway = await startGatewayProcess({ environment: { UNICART_LOG_LEVEL: 'warn' } });
  const bodies = sandboxStoreBodies(sandbox);
  for (const platform of platforms) stores[platform] = await connectStore(gateway, bodies[platform]);
  document = await fetchOpenApiDocument(gateway.url);
  contract = createContractChecker(document);
  endpoints = Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      // Counterexamples name the operation, not the whole of it.
      [fc.toStringMethod]: () => `${method.toUpperCase()} ${template}`,
      method,
      template,
      operation,
      auth: operation.security?.some((scheme) => 'adminToken' in scheme)
        ? ('admin' as const)
        : operation.security?.length === 0
          ? ('none' as const)
          : ('store' as const),
    })),
  );
}, 60_000);

afterAll(async () => {
  console.info('Values the document allows that a platform refused by its own rules:', platformRefusals);
  await gateway?.stop();
  await sandbox?.close();
  // `stop` may wait out the gateway's 10 s grace on a loaded machine before it kills it.
}, 30_000);

/** Store routes and the read-only admin and operations routes (connecting stores is not fuzzed). */
const fuzzed = () => endpoints.filter((endpoint) => endpoint.auth !== 'admin' || endpoint.method === 'get');

describe('the gateway, fuzzed from its OpenAPI document', () => {
  it('serves the document of the version it is, with every operation fuzzed', () => {
    const { version } = JSON.parse(
      readFileSync(new URL('../../gateway/package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    expect(document.info.version).toBe(version);
    expect(version).not.toBe('0.0.0');
    expect(
      fuzzed()
        .map((endpoint) => endpoint.operation.operationId)
        .sort(),
    ).toStrictEqual(
      [
        'countCustomers',
        'createCustomer',
        'deleteCustomer',
        'exportCustomers',
        'getCapabilities',
        'getCustomer',
        'getHealth',
        'getMetrics',
        'getReadiness',
        'getSyncStatus',
        'listCustomerChanges',
        'listCustomerOrders',
        'listCustomers',
        'listStores',
        'receiveWebhook',
        'updateCustomer',
      ].sort(),
    );
  });

  it('checks answers against the document: statuses, bodies and NDJSON lines', async () => {
    const answer = await fetch(`${gateway.url}/api/v2/customers?limit=1`, {
      headers: { authorization: `Bearer ${stores.shopify.accessToken}` },
    });
    const body = await answer.text();
    const observed = {
      method: 'get',
      url: '/api/v2/customers?limit=1',
      status: 200,
      contentType: 'application/json',
      body,
    };
    expect(contract.problems(observed)).toStrictEqual([]);
    const page = JSON.parse(body) as { customers: Record<string, unknown>[] };
    // A customer may lack keys (an answer shaped by `fields`), never hold a key of the wrong type.
    const wrongDates = { ...page.customers[0], dates: 'yesterday' };
    const departures = [
      { ...observed, body: JSON.stringify({ ...page, customers: [wrongDates] }) },
      { ...observed, status: 418 },
      { ...observed, url: '/api/v2/customers/1', method: 'patch' },
      { ...observed, contentType: 'text/plain' },
      { ...observed, status: 400, body: JSON.stringify({ error: 'Bad Request' }) },
      {
        ...observed,
        url: '/api/v2/customers/export',
        contentType: 'application/x-ndjson',
        body: `${JSON.stringify(page.customers[0])}\n{"customer":1}\n`,
      },
    ];
    for (const departure of departures)
      expect(contract.problems(departure), JSON.stringify(departure).slice(0, 200)).not.toStrictEqual([]);
  });

  it('accepts every request the document allows, without a server error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fuzzed()).chain((endpoint) => validRequest(endpoint)),
        async (request) => expectAccepted(await send(request)),
      ),
      fuzzParameters(),
    );
  }, 60_000);

  it('refuses every request the document forbids with a documented 4xx in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        // A webhook's refusals are its platform's signature (401), not a schema's: webhooks.test.ts.
        fc
          .constantFrom(...fuzzed().filter((endpoint) => endpoint.operation.operationId !== 'receiveWebhook'))
          .chain((endpoint) => invalidRequest(endpoint)),
        async (request) => expectRefused(await send(request)),
      ),
      fuzzParameters(),
    );
  }, 60_000);

  it('pages through any allowed list by pagination.next, each customer once', async () => {
    const list = endpoints.find((endpoint) => endpoint.operation.operationId === 'listCustomers');
    if (list === undefined) throw new Error('listCustomers is not documented');
    let multiPage = 0;
    await fc.assert(
      fc.asyncProperty(
        validRequest(list, unpacedPlatforms),
        fc.boolean(),
        fc.integer({ min: 1, max: 15 }),
        async (request, filtered, limit) => {
          // Small pages, so that 40 customers take several; without filters half the time, since
          // random filters mostly match one page or none.
          const filters = filtered ? request.query.filter(([name]) => name !== 'limit') : [];
          const query = [...filters, ['limit', String(limit)] as const];
          const seen = new Set<string>();
          let pages = 0;
          let page: string | null = null;
          do {
            const answer = await send({
              ...request,
              query: page === null ? query : [...query, ['page', page]],
            });
            expectAccepted(answer);
            if (answer.status !== 200) return;
            for (const { id } of answer.json.customers as { id: string }[]) {
              expect(seen.has(id), `${id} twice: ${answer.described}`).toBe(false);
              seen.add(id);
            }
            pages += 1;
            page = (answer.json.pagination as { next: string | null }).next;
          } while (page !== null);
          if (pages > 1) multiPage += 1;
        },
      ),
      { ...fuzzParameters(), numRuns: 30 },
    );
    expect(multiPage).toBeGreaterThan(0);
  }, 60_000);

  it('follows the links of a created customer: read, change, orders, delete', async () => {
    const create = endpoints.find((endpoint) => endpoint.operation.operationId === 'createCustomer');
    const links = create?.operation.responses['201']?.links;
    if (create === undefined || links === undefined) throw new Error('createCustomer has no links');
    const byId = new Map(endpoints.map((endpoint) => [endpoint.operation.operationId, endpoint]));
    const linked = (operationId: string) => {
      const endpoint = byId.get(operationId);
      if (endpoint === undefined) throw new Error(`A link names the unknown operation ${operationId}`);
      return endpoint;
    };
    const update = linked('updateCustomer');
    let followed = 0;
    await fc.assert(
      fc.asyncProperty(
        // Names and an email: what every platform stores (the positive phase tries every field).
        validRequest(create, unpacedPlatforms).chain((request) =>
          arbitraryOf(customerBodyWith(create, ['firstName', 'lastName', 'email']), resolve).map((body) => ({
            ...request,
            body,
          })),
        ),
        arbitraryOf(customerBodyWith(update, ['firstName', 'lastName']), resolve),
        async (request, change) => {
          const created = await send(request);
          expectAccepted(created);
          if (created.status !== 201) return;
          const customer = created.json.customer as { id: string };
          const parameterOf = (expression: string) => {
            expect(expression).toBe('$response.body#/customer/id');
            return customer.id;
          };
          const follow = (name: string, body?: unknown) => {
            const link = links[name];
            if (link === undefined) throw new Error(`No link ${name}`);
            const path = Object.fromEntries(
              Object.entries(link.parameters).map(([parameter, expression]) => [
                parameter,
                parameterOf(expression),
              ]),
            );
            return send({
              endpoint: linked(link.operationId),
              platform: request.platform,
              path,
              query: [],
              body,
            });
          };
          const read = await follow('GetCustomer');
          expectAccepted(read);
          expect(read.status, read.described).toBe(200);
          expect(read.json.customer, read.described).toStrictEqual(customer);
          const changed = await follow('UpdateCustomer', change);
          expectAccepted(changed);
          const orders = await follow('ListCustomerOrders');
          expectAccepted(orders);
          const deleted = await follow('DeleteCustomer');
          expectAccepted(deleted);
          expect(deleted.status, deleted.described).toBe(204);
          const gone = await follow('GetCustomer');
          expect(gone.status, gone.described).toBe(404);
          followed += 1;
        },
      ),
      { ...fuzzParameters(), numRuns: 20 },
    );
    console.info(`Links followed from ${followed} created customers`);
    expect(followed).toBeGreaterThan(0);
  }, 60_000);
});
