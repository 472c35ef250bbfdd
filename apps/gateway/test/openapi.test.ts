import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from './support/test-gateway';

interface Operation {
  readonly parameters?: readonly { readonly name: string; readonly in: string }[];
  readonly requestBody?: unknown;
  readonly responses: Record<string, unknown>;
  readonly security?: readonly Record<string, unknown>[];
}

let gateway: TestGateway;
let document: {
  openapi: string;
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
        'GET /api/v2/customers',
        'POST /api/v2/customers',
        'GET /api/v2/customers/count',
        'GET /api/v2/customers/export',
        'GET /api/v2/customers/{id}',
        'PUT /api/v2/customers/{id}',
        'DELETE /api/v2/customers/{id}',
        'GET /api/v2/customers/{id}/orders',
        'GET /api/v2/capabilities',
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
      ['201', '400', '401', '404', '413', '424', '429', '500', '502', '504'].sort(),
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

describe('GET /docs', () => {
  it('serves a browsable rendering of the document', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
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
