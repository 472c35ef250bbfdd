import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from './support/test-gateway';

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema: Record<string, unknown>;
  readonly example?: unknown;
  readonly examples?: unknown;
}

interface Operation {
  readonly operationId?: string;
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: unknown;
  readonly responses: Record<string, unknown>;
  readonly security?: readonly Record<string, unknown>[];
}

let gateway: TestGateway;
let document: {
  openapi: string;
  info: { title: string; version: string; license?: unknown };
  servers?: readonly { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

beforeAll(async () => {
  gateway = await createTestGateway();
  document = (await gateway.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});

afterAll(async () => {
  await gateway.close();
});

const operation = (method: string, path: string): Operation => {
  const found = document.paths[path]?.[method];
  if (found === undefined) throw new Error(`${method} ${path} is not documented`);
  return found;
};

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 with a bearer scheme for store tokens and one for the admin token', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes).toMatchObject({
      storeAccessToken: { type: 'http', scheme: 'bearer' },
      adminToken: { type: 'http', scheme: 'bearer' },
    });
  });

  it('lists every route of the contract, and nothing of the docs themselves', () => {
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toStrictEqual(
      [
        'GET /health',
        'GET /ready',
        'GET /metrics',
        'GET /admin/v1/stores',
        'POST /admin/v1/stores',
        'DELETE /admin/v1/stores/{id}',
        'POST /admin/v1/stores/{id}/token',
        'PATCH /admin/v1/stores/{id}',
        'GET /api/v2/sync',
        'GET /api/v2/customers',
        'POST /api/v2/customers',
        'GET /api/v2/customers/count',
        'GET /api/v2/customers/export',
        'GET /api/v2/customers/{id}',
        'PUT /api/v2/customers/{id}',
        'DELETE /api/v2/customers/{id}',
        'GET /api/v2/customers/{id}/orders',
        'GET /api/v2/capabilities',
        'POST /webhooks/v1/{storeId}',
      ].sort(),
    );
  });

  it('documents every list parameter and the path parameter', () => {
    const names = (method: string, path: string) =>
      operation(method, path).parameters?.map((parameter) => parameter.name);
    expect(names('get', '/api/v2/customers')).toStrictEqual([
      'ids',
      'sinceId',
      'createdAt[from]',
      'createdAt[to]',
      'updatedAt[from]',
      'updatedAt[to]',
      'name',
      'search',
      'email',
      'limit',
      'page',
    ]);
    expect(names('get', '/api/v2/customers/{id}/orders')).toStrictEqual(['limit', 'page', 'id']);
  });

  it('documents the bodies, the success shapes and every error of the contract with the one error schema', () => {
    const create = operation('post', '/api/v2/customers');
    expect(JSON.stringify(create.requestBody)).toContain('#/components/schemas/CustomerCreateInput');
    expect(JSON.stringify(operation('put', '/api/v2/customers/{id}').requestBody)).toContain(
      '#/components/schemas/CustomerUpdateInput',
    );
    expect(Object.keys(create.responses).sort()).toStrictEqual(
      ['201', '400', '401', '404', '409', '413', '422', '424', '429', '500', '502', '504'].sort(),
    );
    expect(JSON.stringify(create.responses['429'])).toContain('#/components/schemas/Error');
    expect(create.security).toStrictEqual([{ storeAccessToken: [] }]);
    expect(operation('get', '/admin/v1/stores').security).toStrictEqual([{ adminToken: [] }]);
    expect(Object.keys(document.components.schemas).sort()).toStrictEqual(
      ['Address', 'Customer', 'CustomerCreateInput', 'CustomerUpdateInput', 'Error', 'Order'].sort(),
    );
  });

  it('has no reference to a schema it does not define', () => {
    const references = JSON.stringify(document).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    for (const reference of new Set(references)) {
      expect(document.components.schemas).toHaveProperty(reference.split('/').pop() as string);
    }
  });

  it('shows each platform’s credentials in the store connection body', () => {
    const body = JSON.stringify(operation('post', '/admin/v1/stores').requestBody);
    expect(body).toContain('"enum":["acme"]');
    expect(body).toContain('"apiKey"');
  });
});

describe('the document, for generated clients and fuzzers', () => {
  const operations = () => Object.values(document.paths).flatMap((methods) => Object.values(methods));
  const parameter = (method: string, path: string, name: string): Parameter => {
    const found = operation(method, path).parameters?.find((candidate) => candidate.name === name);
    if (found === undefined) throw new Error(`${name} of ${method} ${path} is not documented`);
    return found;
  };

  it('documents Idempotency-Key, its answers and Idempotent-Replayed on the three writes alone', () => {
    for (const [method, path] of [
      ['post', '/api/v2/customers'],
      ['put', '/api/v2/customers/{id}'],
      ['delete', '/api/v2/customers/{id}'],
    ] as const) {
      const key = parameter(method, path, 'idempotency-key');
      expect(key.in).toBe('header');
      expect(key.required).not.toBe(true);
      expect(JSON.stringify(key.schema)).toContain('maxLength":255');
      const { responses } = operation(method, path);
      expect(JSON.stringify(responses['409'])).toContain('idempotency_key_in_progress');
      expect(JSON.stringify(responses['422'])).toContain('idempotency_key_reused');
      for (const response of Object.values(responses)) {
        expect(response).toHaveProperty(['headers', 'Idempotent-Replayed']);
      }
    }
    expect(
      operation('get', '/api/v2/customers').parameters?.map((candidate) => candidate.name),
    ).not.toContain('idempotency-key');
    expect(operation('get', '/api/v2/customers').responses['200']).not.toHaveProperty('headers');
  });

  it('names every operation once, and says where the API is served', () => {
    const ids = operations().map((candidate) => candidate.operationId);
    expect(
      ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id)),
      String(ids),
    ).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.servers?.[0]?.url).toBe('/');
    expect(document.info.version).toBe(__PACKAGE_VERSION__);
    expect(document.info.license).toMatchObject({ identifier: 'MIT' });
  });

  it('lets /health be called without a token', () => {
    expect(operation('get', '/health').security).toStrictEqual([]);
  });

  it('types dates as date-time, with an example', () => {
    const text = JSON.stringify(document.components.schemas.Customer);
    expect(text).toContain('"format":"date-time","examples":["2014-06-06T14:57:19.000Z"]');
  });

  it('declares Retry-After on every 429', () => {
    const tooMany = operations().flatMap((candidate) =>
      candidate.responses['429'] === undefined ? [] : [candidate.responses['429']],
    );
    expect(tooMany.length).toBeGreaterThan(5);
    for (const response of tooMany) {
      expect(response).toMatchObject({
        headers: { 'Retry-After': { schema: { type: 'integer', minimum: 0 } } },
      });
    }
  });

  it('describes the constraints core checks on each list parameter', () => {
    const list = (name: string) => parameter('get', '/api/v2/customers', name);
    expect(list('limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect(list('ids').schema.pattern).toBe('^\\d{1,20}(,\\d{1,20}){0,99}$');
    expect(list('sinceId').schema.pattern).toBe('^\\d{1,20}$');
    for (const name of ['name', 'search', 'email']) {
      expect(list(name).schema).toMatchObject({ minLength: 1, maxLength: 255 });
    }
    for (const name of ['createdAt[from]', 'createdAt[to]', 'updatedAt[from]', 'updatedAt[to]']) {
      const formats = (list(name).schema.anyOf as { format: string }[]).map((variant) => variant.format);
      expect(formats).toStrictEqual(['date', 'date-time']);
      expect(list(name).examples ?? list(name).example).toBeDefined();
    }
    expect(parameter('get', '/api/v2/customers/{id}', 'id').schema).toMatchObject({
      minLength: 1,
      maxLength: 100,
    });
  });

  it('lists the country codes an address takes, and the non-blank names a create needs', () => {
    const input = JSON.stringify(document.components.schemas.CustomerCreateInput);
    expect(input).toMatch(/"enum":\["AD","AE",[^\]]*"US"/);
    expect(input).toContain('"firstName":{"type":"string","minLength":1,"maxLength":255,"pattern":"\\\\S"}');
  });

  it('links a created customer to reading, changing and deleting it', () => {
    const created = operation('post', '/api/v2/customers').responses['201'] as { links?: object };
    const targets = Object.values(created.links ?? {}).map(
      (link: { operationId: string }) => link.operationId,
    );
    expect(targets.sort()).toStrictEqual([
      'deleteCustomer',
      'getCustomer',
      'listCustomerOrders',
      'updateCustomer',
    ]);
    for (const id of targets) {
      expect(operations().some((candidate) => candidate.operationId === id)).toBe(true);
    }
  });

  it('passes redocly lint with the recommended rules, without a single problem', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'unicart-openapi-'));
    try {
      const file = join(directory, 'openapi.json');
      await writeFile(file, JSON.stringify(document));
      const redocly = join(import.meta.dirname, '../node_modules/.bin/redocly');
      const { stdout, stderr } = await promisify(execFile)(
        redocly,
        ['lint', file, '--extends=recommended', '--format=stylish', '--max-problems=50'],
        { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
      ).catch((error: { stdout: string; stderr: string }) => {
        throw new Error(`redocly lint failed:\n${error.stdout}\n${error.stderr}`);
      });
      expect(`${stdout}\n${stderr}`).toContain('Your API description is valid');
      expect(`${stdout}\n${stderr}`).not.toMatch(/warning/i);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('GET /docs', () => {
  it('serves a browsable rendering of the document, titled for Unicart with its version', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain(`<title>Unicart gateway ${__PACKAGE_VERSION__}: API reference</title>`);
    const redirect = await gateway.app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(redirect.statusCode);
  });
});

describe('GET /health', () => {
  it('answers ok', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toStrictEqual({ status: 'ok' });
  });
});
