import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Customer } from '@unicart/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNdjsonExport } from '../src/routes/ndjson-export';
import { acmeApi, acmeCustomer } from './support/acme-platform';
import { acmeStore, createTestGateway, type TestGateway } from './support/test-gateway';

let gateway: TestGateway;
let token: string;

beforeEach(async () => {
  gateway = await createTestGateway({ environment: { UNICART_ALLOW_PRIVATE_UPSTREAMS: '1' } });
  token = await gateway.connect(acmeStore);
});

afterEach(async () => {
  await gateway.close();
});

const lines = (body: string) =>
  body
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);

const customersFrom = (first: number, count: number) =>
  Array.from({ length: count }, (_, index) => acmeCustomer(String(first + index)));

describe('GET /api/v2/customers/export', () => {
  it('streams every matching customer of every page as NDJSON, 100 a page upstream', async () => {
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '100', email: 'ada@example.com' })
      .reply(200, { items: customersFrom(1, 100), next: 'cursor-2' });
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '100', email: 'ada@example.com', cursor: 'cursor-2' })
      .reply(200, { items: customersFrom(101, 3), next: null });

    const response = await gateway.call(token, 'GET', '/api/v2/customers/export?email=ada@example.com');

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(response.body.endsWith('\n')).toBe(true);
    expect(lines(response.body)).toStrictEqual(customersFrom(1, 103));
  });

  it('gives the total in X-Total-Count when the platform counts cheaply (every filter native)', async () => {
    const count = acmeApi()
      .get('/v1/customers/count')
      .query({ email: 'ada@example.com' })
      .reply(200, { count: 3 });
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '100', email: 'ada@example.com' })
      .reply(200, { items: customersFrom(1, 3), next: null });
    const response = await gateway.call(token, 'GET', '/api/v2/customers/export?email=ada@example.com');
    expect(response.statusCode).toBe(200);
    expect(count.isDone()).toBe(true);
    expect(response.headers['x-total-count']).toBe('3');
    expect(lines(response.body)).toHaveLength(3);
  });

  it('gives no total, and asks for none, when a filter in use is emulated', async () => {
    const count = acmeApi().get('/v1/customers/count').query(true).reply(200, { count: 1 });
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '100', name: 'Ada' })
      .reply(200, { items: [acmeCustomer('1', { firstName: 'Ada' })], next: null });
    const response = await gateway.call(token, 'GET', '/api/v2/customers/export?name=Ada');
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-total-count']).toBeUndefined();
    expect(count.isDone(), 'no count request').toBe(false);
  });

  it.each([
    ['fails', () => acmeApi().get('/v1/customers/count').times(2).reply(500, 'count is down')],
    [
      'is slow (the export does not wait for it)',
      () =>
        acmeApi()
          .get('/v1/customers/count')
          .reply(async () => {
            await new Promise((resolve) => setTimeout(resolve, 8_000));
            return [200, { count: 2 }];
          }),
    ],
  ])('still exports, without a total, when the count %s', async (_case, countAnswer) => {
    countAnswer();
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '100' })
      .reply(200, { items: customersFrom(1, 2), next: null });
    const response = await gateway.call(token, 'GET', '/api/v2/customers/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-total-count']).toBeUndefined();
    expect(lines(response.body)).toStrictEqual(customersFrom(1, 2));
  });

  it('answers an empty body when nothing matches', async () => {
    acmeApi().get('/v1/customers').query({ limit: '100' }).reply(200, { items: [], next: null });
    const response = await gateway.call(token, 'GET', '/api/v2/customers/export');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });

  it('refuses limit and page with 400 invalid_request', async () => {
    for (const query of ['limit=10', 'page=abc']) {
      const response = await gateway.call(token, 'GET', `/api/v2/customers/export?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
      expect(response.json().error.message).toContain(
        'is not a known query parameter of GET /api/v2/customers/export',
      );
    }
  });

  it('refuses unknown parameters and bad filter values like the list does', async () => {
    for (const query of ['color=red', 'createdAt[from]=yesterday']) {
      const response = await gateway.call(token, 'GET', `/api/v2/customers/export?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
    }
  });

  it('refuses a filter the platform cannot honour before any upstream request', async () => {
    const readOnlyToken = await gateway.connect({ ...acmeStore, platform: 'acmereadonly' });
    const response = await gateway.call(readOnlyToken, 'GET', '/api/v2/customers/export?email=a@example.com');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toStrictEqual({
      error: {
        code: 'filter_not_supported',
        message: expect.stringContaining('email'),
        platform: 'acmereadonly',
      },
    });
  });

  it('answers 401 without a store access token', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/api/v2/customers/export' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthorized');
  });

  it('answers a platform failure before the first line with its JSON error and status', async () => {
    acmeApi().get('/v1/customers').query(true).reply(401, { message: 'bad key' });
    const response = await gateway.call(token, 'GET', '/api/v2/customers/export');
    expect(response.statusCode).toBe(424);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toStrictEqual({
      error: { code: 'upstream_unauthorized', message: expect.any(String), platform: 'acme' },
    });
  });

  it('ends the stream with an error line when the platform fails after the first line', async () => {
    acmeApi()
      .get('/v1/customers')
      .query({ limit: '100' })
      .reply(200, { items: customersFrom(1, 2), next: 'cursor-2' });
    // One retry in the test gateway: both attempts fail.
    acmeApi().get('/v1/customers').query({ limit: '100', cursor: 'cursor-2' }).times(2).reply(500, 'down');

    const response = await gateway.call(token, 'GET', '/api/v2/customers/export');

    expect(response.statusCode).toBe(200);
    expect(lines(response.body)).toStrictEqual([
      ...customersFrom(1, 2),
      { error: { code: 'upstream_error', message: expect.any(String), platform: 'acme' } },
    ]);
    expect(gateway.logs.some((line) => line.includes('platform failure'))).toBe(true);
  });

  it('is in the OpenAPI document as an NDJSON stream of Customers', async () => {
    const document = (await gateway.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operation = document.paths['/api/v2/customers/export'].get;
    expect(operation.security).toStrictEqual([{ storeAccessToken: [] }]);
    expect(operation.responses['200'].content['application/x-ndjson'].schema).toStrictEqual({
      anyOf: [{ $ref: '#/components/schemas/Customer' }, { $ref: '#/components/schemas/ViewedCustomer' }],
    });
    const parameters = operation.parameters.map((parameter: { name: string }) => parameter.name);
    expect(parameters).toEqual(expect.arrayContaining(['email', 'phone', 'fields', 'include']));
    expect(parameters).not.toContain('limit');
    expect(parameters).not.toContain('sort');
  });
});

describe('GET /api/v2/customers/export over a real socket', () => {
  it('stops reading the platform when the client disconnects', async () => {
    // Pages 1 and 2 answer at once; page 3 never answers and reports when the gateway drops it.
    const pagePaths: string[] = [];
    let pageThreeDropped: () => void = () => undefined;
    const dropped = new Promise<void>((resolve) => {
      pageThreeDropped = resolve;
    });
    const upstream = createServer((request: IncomingMessage, response: ServerResponse) => {
      const url = new URL(request.url ?? '/', 'http://upstream');
      if (url.pathname === '/v1/customers/count') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"count":300}');
        return;
      }
      const cursor = url.searchParams.get('cursor');
      pagePaths.push(cursor ?? 'first');
      if (cursor === 'cursor-3') {
        request.socket.once('close', pageThreeDropped);
        return;
      }
      const page =
        cursor === null
          ? { items: customersFrom(1, 100), next: 'cursor-2' }
          : { items: customersFrom(101, 100), next: 'cursor-3' };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const shopUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const storeToken = await gateway.connect({
      ...acmeStore,
      credentials: { ...acmeStore.credentials, shopUrl },
    });
    const gatewayUrl = await gateway.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const received = await new Promise<string>((resolve, reject) => {
        const client = httpRequest(`${gatewayUrl}/api/v2/customers/export`, {
          headers: { authorization: `Bearer ${storeToken}` },
        });
        client.on('response', (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
            // Both answered pages are through: leave while the gateway waits for page 3.
            if (text.includes('"id":"200"')) {
              client.destroy();
              resolve(text);
            }
          });
        });
        client.on('error', reject);
        client.end();
      });
      expect(received).toContain('"id":"1"');

      await dropped;
      expect(pagePaths).toStrictEqual(['first', 'cursor-2', 'cursor-3']);
    } finally {
      upstream.closeAllConnections();
      upstream.close();
    }
  });
});

describe('createNdjsonExport', () => {
  /** An endless source that counts how many customers were pulled from it. */
  function endlessCustomers() {
    const source = { pulled: 0 };
    async function* generate(): AsyncGenerator<Customer, void, undefined> {
      for (;;) {
        source.pulled += 1;
        yield acmeCustomer(String(source.pulled));
      }
    }
    return { source, iterator: generate() };
  }

  const settle = async () => {
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  };

  const exportOf = (iterator: AsyncGenerator<Customer, void, undefined>) =>
    createNdjsonExport({ done: false, value: acmeCustomer('0') }, iterator, {
      clientGone: () => false,
      describeFailure: () => ({ error: { code: 'internal', message: 'failed' } }),
    });

  it('pulls customers only as fast as the consumer reads, whatever the source size', async () => {
    const { source, iterator } = endlessCustomers();
    const stream = exportOf(iterator);
    await settle();
    // Nothing read yet: at most the buffered chunk and the one being built (about 16 KiB each).
    const pulledWhilePaused = source.pulled;
    expect(pulledWhilePaused).toBeLessThan(150);
    await settle();
    expect(source.pulled).toBe(pulledWhilePaused);

    let readBytes = 0;
    for (let chunk = 0; chunk < 10; chunk += 1) {
      readBytes += (stream.read() as Buffer | null)?.length ?? 0;
      await settle();
    }
    expect(readBytes).toBeGreaterThan(0);
    expect(source.pulled).toBeGreaterThan(pulledWhilePaused);
    expect(source.pulled).toBeLessThan(pulledWhilePaused + 10 * 150);
    stream.destroy();
  });

  it('writes whole lines, each one canonical customer', async () => {
    async function* twoMore(): AsyncGenerator<Customer, void, undefined> {
      yield acmeCustomer('1');
      yield acmeCustomer('2');
    }
    const chunks: Buffer[] = [];
    for await (const chunk of exportOf(twoMore())) chunks.push(chunk as Buffer);
    expect(lines(Buffer.concat(chunks).toString('utf8'))).toStrictEqual([
      acmeCustomer('0'),
      acmeCustomer('1'),
      acmeCustomer('2'),
    ]);
  });

  it('ends with the described failure when the source fails', async () => {
    async function* failing(): AsyncGenerator<Customer, void, undefined> {
      yield acmeCustomer('1');
      throw new Error('boom');
    }
    const chunks: Buffer[] = [];
    for await (const chunk of exportOf(failing())) chunks.push(chunk as Buffer);
    expect(lines(Buffer.concat(chunks).toString('utf8'))).toStrictEqual([
      acmeCustomer('0'),
      acmeCustomer('1'),
      { error: { code: 'internal', message: 'failed' } },
    ]);
  });
});
