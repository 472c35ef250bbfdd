import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acmeStore, createTestGateway, type TestGateway, testAdminToken } from './support/test-gateway';

let gateway: TestGateway;
let token: string;
let port: number;

beforeAll(async () => {
  gateway = await createTestGateway();
  token = await gateway.connect(acmeStore);
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  const address = gateway.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  port = address.port;
});

afterAll(async () => {
  await gateway.close();
});

const expectContractError = (status: number, body: string) => {
  const parsed = JSON.parse(body) as { error: { code: string; message: string } };
  expect(Object.keys(parsed)).toStrictEqual(['error']);
  expect(parsed.error.code, body).toBe('invalid_request');
  expect(parsed.error.message.length, body).toBeGreaterThan(10);
  return status;
};

describe('unknown query parameters', () => {
  // Every route of the document: a store route with filters, one with paging only, one with no
  // query at all, an admin route and /health.
  const routes = [
    { url: '/api/v2/customers', auth: 'store' },
    { url: '/api/v2/customers/count', auth: 'store' },
    { url: '/api/v2/customers/export', auth: 'store' },
    { url: '/api/v2/customers/42', auth: 'store' },
    { url: '/api/v2/customers/42/orders', auth: 'store' },
    { url: '/api/v2/capabilities', auth: 'store' },
    { url: '/admin/v1/stores', auth: 'admin' },
    { url: '/health', auth: 'none' },
  ] as const;
  const names = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'colour'];

  it.each(routes)(
    'are refused with 400 invalid_request on GET $url, prototype names included',
    async ({ url, auth }) => {
      const authorization =
        auth === 'store' ? `Bearer ${token}` : auth === 'admin' ? `Bearer ${testAdminToken}` : undefined;
      for (const name of names) {
        const response = await gateway.app.inject({
          method: 'GET',
          url: `${url}?${name}=a`,
          headers: authorization === undefined ? {} : { authorization },
        });
        expect(response.statusCode, `${url}?${name}=a`).toBe(400);
        expectContractError(response.statusCode, response.body);
        expect(response.json().error.message).toContain(`${name}: is not a known query parameter`);
      }
    },
  );
});

/** Sends raw bytes and reads the whole answer (the gateway closes the connection after it). */
function exchange(bytes: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body });
    });
    socket.end(bytes);
  });
}

describe('requests refused below the router', () => {
  it('answers a query over 16 KB with 431 in the contract shape', async () => {
    const answer = await exchange(
      `GET /api/v2/customers?name=${'a'.repeat(17_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
    expect(answer.headers.toLowerCase()).toContain('content-type: application/json');
    expectContractError(answer.status, answer.body);
  });

  it('answers a malformed request line with 400 in the contract shape', async () => {
    for (const line of [
      'GARBAGE\r\n\r\n',
      'GET /health HTTP/9.9\r\nHost: x\r\n\r\n',
      'GET  HTTP/1.1\r\n\r\n',
    ]) {
      const answer = await exchange(line);
      expect(answer.status, line).toBe(400);
      expectContractError(answer.status, answer.body);
    }
  });

  it('answers malformed headers with 400 in the contract shape', async () => {
    const answer = await exchange('GET /health HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n');
    expect(answer.status).toBe(400);
    expectContractError(answer.status, answer.body);
  });

  it('answers an HTTP/1.1 request without Host with 400 in the contract shape', async () => {
    const answer = await exchange('GET /health HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(400);
    expectContractError(answer.status, answer.body);
  });

  it('answers an unsupported Expect with 417 and CONNECT with 400, in the contract shape', async () => {
    const expectation = await exchange('GET /health HTTP/1.1\r\nHost: x\r\nExpect: magic\r\n\r\n');
    expect(expectation.status).toBe(417);
    expectContractError(expectation.status, expectation.body);
    const tunnel = await exchange('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(tunnel.status).toBe(400);
    expectContractError(tunnel.status, tunnel.body);
  });

  it('still serves a well-formed request on a raw connection', async () => {
    const answer = await exchange('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toStrictEqual({ status: 'ok' });
  });
});
