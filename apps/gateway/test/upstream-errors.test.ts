import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acmeApi, acmeCustomer } from './support/acme-platform';
import { acmeStore, createTestGateway, type TestGateway } from './support/test-gateway';

let gateway: TestGateway;
let token: string;

beforeEach(async () => {
  gateway = await createTestGateway({ environment: { UNICART_UPSTREAM_TIMEOUT_MS: '150' } });
  token = await gateway.connect(acmeStore);
});

afterEach(async () => {
  await gateway.close();
});

const getCustomer = () => gateway.call(token, 'GET', '/api/v2/customers/42');

describe('platform failures', () => {
  it('answers 424 upstream_unauthorized when the platform rejects the stored credentials', async () => {
    acmeApi().get('/v1/customers/42').reply(401, { message: 'bad key acme-secret-key-1' });
    const response = await getCustomer();
    expect(response.statusCode).toBe(424);
    expect(response.json()).toStrictEqual({
      error: {
        code: 'upstream_unauthorized',
        message: "acme rejected the store's credentials (HTTP 401)",
        platform: 'acme',
      },
    });
  });

  it('answers 429 rate_limited with Retry-After when the platform keeps throttling', async () => {
    acmeApi().get('/v1/customers/42').times(2).reply(429, {}, { 'retry-after': '30' });
    const response = await getCustomer();
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.json().error).toMatchObject({ code: 'rate_limited', platform: 'acme' });
  });

  it('retries a throttled call and answers when the platform recovers', async () => {
    acmeApi().get('/v1/customers/42').reply(429, {}, { 'retry-after': '0' });
    acmeApi()
      .get('/v1/customers/42')
      .reply(200, { customer: acmeCustomer('42') });
    expect((await getCustomer()).statusCode).toBe(200);
  });

  it('answers 502 upstream_error when the platform fails', async () => {
    acmeApi().get('/v1/customers/42').times(2).reply(503, 'maintenance');
    const response = await getCustomer();
    expect(response.statusCode).toBe(502);
    expect(response.json().error).toMatchObject({ code: 'upstream_error', platform: 'acme' });
    expect(response.body).not.toContain('maintenance');
  });

  it('answers 502 upstream_error when the platform answers something unparseable', async () => {
    acmeApi().get('/v1/customers/42').reply(200, '<html>not json</html>');
    const response = await getCustomer();
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('upstream_error');
  });

  it('answers 504 upstream_timeout when the platform does not answer in time', async () => {
    // A real loopback server that never answers: the adapter's own timeout has to fire.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const privateGateway = await createTestGateway({
        environment: { UNICART_UPSTREAM_TIMEOUT_MS: '150', UNICART_ALLOW_PRIVATE_UPSTREAMS: '1' },
      });
      const silentToken = await privateGateway.connect({ ...acmeStore, baseUrl: `http://127.0.0.1:${port}` });
      const response = await privateGateway.call(silentToken, 'GET', '/api/v2/customers/42');
      await privateGateway.close();
      expect(response.statusCode).toBe(504);
      expect(response.json().error).toMatchObject({ code: 'upstream_timeout', platform: 'acme' });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('answers 500 internal without a stack or a credential when the gateway itself fails', async () => {
    // The store's credentials were encrypted under a key this instance does not have.
    const otherInstance = await createTestGateway({
      repository: gateway.repository,
      environment: { UNICART_SECRET_KEY: 'a-different-secret-key-0123456789abcdef' },
    });
    const response = await otherInstance.call(token, 'GET', '/api/v2/customers/42');
    await otherInstance.close();
    expect(response.statusCode).toBe(500);
    expect(response.json()).toStrictEqual({ error: { code: 'internal', message: 'Internal server error' } });
    expect(otherInstance.logs.join('')).toContain('"level":50');
  });
});
