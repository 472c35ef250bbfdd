import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStoreToken } from '../src/crypto/store-token';
import { acmeStore, createTestGateway, type TestGateway, testAdminToken } from './support/test-gateway';

let gateway: TestGateway;
let token: string;

beforeAll(async () => {
  gateway = await createTestGateway();
  token = await gateway.connect(acmeStore);
});

afterAll(async () => {
  await gateway.close();
});

describe('store access tokens', () => {
  it.each([
    ['no Authorization header', undefined, 'Missing store access token: send Authorization: Bearer <token>'],
    [
      'another scheme',
      'Basic dXNlcjpwYXNz',
      'Missing store access token: send Authorization: Bearer <token>',
    ],
    [
      'a token that is not a store token',
      'Bearer not-a-store-token',
      'Unknown, malformed or revoked store access token',
    ],
    [
      'an unknown token',
      `Bearer ${generateStoreToken()}`,
      'Unknown, malformed or revoked store access token',
    ],
  ])('answer 401 unauthorized for %s', async (_case, authorization, message) => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/api/v2/customers',
      headers: authorization === undefined ? {} : { authorization },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.json()).toStrictEqual({ error: { code: 'unauthorized', message } });
  });

  it('are checked before the body is read', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/api/v2/customers',
      headers: { 'content-type': 'application/json' },
      payload: '{ not json',
    });
    expect(response.statusCode).toBe(401);
  });

  it('accept the scheme in any case', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/api/v2/capabilities',
      headers: { authorization: `bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('unknown routes', () => {
  it('answer 404 not_found in the error shape', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/api/v3/customers?email=a@example.com',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toStrictEqual({
      error: { code: 'not_found', message: 'No route GET /api/v3/customers' },
    });
  });

  it('answer an over-long path parameter with 400 invalid_request', async () => {
    const response = await gateway.call(token, 'GET', `/api/v2/customers/${'9'.repeat(200)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
  });
});

describe('request ids', () => {
  it('are answered in X-Request-Id, taken from the caller when sane', async () => {
    const given = await gateway.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const odd = await gateway.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'a b\nc' },
    });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('repeated failed authentications', () => {
  it('answer 429 with Retry-After from the 20th consecutive failure of one client, on every API, until it waits', async () => {
    const throttled = await createTestGateway();
    try {
      const storeToken = await throttled.connect(acmeStore);
      const attempt = (authorization: string, url = '/admin/v1/stores', remoteAddress = '203.0.113.5') =>
        throttled.app.inject({ method: 'GET', url, remoteAddress, headers: { authorization } });
      for (let failure = 1; failure <= 19; failure += 1) {
        const url = failure % 2 === 0 ? '/admin/v1/stores' : '/api/v2/capabilities';
        expect((await attempt(`Bearer wrong-token-${failure}`, url)).statusCode).toBe(401);
      }
      const twentieth = await attempt('Bearer wrong-token-20');
      expect(twentieth.statusCode).toBe(429);
      expect(twentieth.json().error.code).toBe('rate_limited');
      expect(Number(twentieth.headers['retry-after'])).toBeGreaterThanOrEqual(59);
      // Not even the right token gets checked meanwhile: a guess must not be told apart.
      expect((await attempt(`Bearer ${testAdminToken}`)).statusCode).toBe(429);
      expect((await attempt(`Bearer ${storeToken}`, '/api/v2/capabilities')).statusCode).toBe(429);
      // Another client is not concerned.
      expect((await attempt(`Bearer ${testAdminToken}`, '/admin/v1/stores', '198.51.100.7')).statusCode).toBe(
        200,
      );
    } finally {
      await throttled.close();
    }
  });

  it('start counting again after a success', async () => {
    const throttled = await createTestGateway();
    try {
      const attempt = (authorization: string) =>
        throttled.app.inject({ method: 'GET', url: '/admin/v1/stores', headers: { authorization } });
      for (let failure = 1; failure <= 15; failure += 1) await attempt('Bearer wrong');
      expect((await attempt(`Bearer ${testAdminToken}`)).statusCode).toBe(200);
      for (let failure = 1; failure <= 19; failure += 1) {
        expect((await attempt('Bearer wrong')).statusCode).toBe(401);
      }
    } finally {
      await throttled.close();
    }
  });
});
