import { afterEach, describe, expect, it } from 'vitest';
import { acmeApi, acmeCustomer } from './support/acme-platform';
import {
  acmeStore,
  createTestGateway,
  fakeResolver,
  type TestGateway,
  testAdminToken,
} from './support/test-gateway';

let gateway: TestGateway;

afterEach(async () => {
  await gateway.close();
});

const admin = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, token = testAdminToken) =>
  gateway.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });

describe('the admin API', () => {
  it('connects a store, answers its token once, lists it and removes it', async () => {
    gateway = await createTestGateway();
    const created = await admin('POST', '/admin/v1/stores', acmeStore);
    expect(created.statusCode).toBe(201);
    const { store, accessToken } = created.json();
    expect(Object.keys(store).sort()).toStrictEqual(['createdAt', 'id', 'name', 'platform', 'sync']);
    expect(store.sync).toStrictEqual({ enabled: false });
    expect(store).toMatchObject({ platform: 'acme', name: 'Acme shop' });
    expect(new Date(store.createdAt).toISOString()).toBe(store.createdAt);
    expect(accessToken).toMatch(/^uc_[A-Za-z0-9_-]{43}$/);
    expect(created.body).not.toContain('acme-secret-key-1');

    const listed = await admin('GET', '/admin/v1/stores');
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toStrictEqual({ stores: [store] });
    expect(listed.body).not.toContain(accessToken);

    expect((await admin('DELETE', `/admin/v1/stores/${store.id}`)).statusCode).toBe(204);
    expect((await admin('GET', '/admin/v1/stores')).json()).toStrictEqual({ stores: [] });
    const again = await admin('DELETE', `/admin/v1/stores/${store.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('not_found');
  });

  it('checks the credentials with one read: a refusal is 424 upstream_unauthorized and nothing is stored', async () => {
    gateway = await createTestGateway();
    const { verifyCredentials: _skipped, ...checked } = acmeStore;
    acmeApi().get('/v1/customers/count').reply(401, { message: 'bad key' });
    const refused = await admin('POST', '/admin/v1/stores', checked);
    expect(refused.statusCode).toBe(424);
    expect(refused.json().error).toMatchObject({ code: 'upstream_unauthorized', platform: 'acme' });
    expect((await admin('GET', '/admin/v1/stores')).json()).toStrictEqual({ stores: [] });

    const count = acmeApi().get('/v1/customers/count').reply(200, { count: 12 });
    expect((await admin('POST', '/admin/v1/stores', checked)).statusCode).toBe(201);
    expect(count.isDone()).toBe(true);
  });

  it("stops a removed store's token at once, although it was just used", async () => {
    gateway = await createTestGateway();
    const token = await gateway.connect(acmeStore);
    acmeApi()
      .get('/v1/customers/1')
      .reply(200, { customer: acmeCustomer('1') });
    expect((await gateway.call(token, 'GET', '/api/v2/customers/1')).statusCode).toBe(200);
    const [store] = (await admin('GET', '/admin/v1/stores')).json().stores;
    await admin('DELETE', `/admin/v1/stores/${store.id}`);
    const after = await gateway.call(token, 'GET', '/api/v2/customers/1');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthorized');
  });

  it('replaces a token: the old one is revoked at once, the new one works', async () => {
    gateway = await createTestGateway();
    const oldToken = await gateway.connect(acmeStore);
    expect((await gateway.call(oldToken, 'GET', '/api/v2/capabilities')).statusCode).toBe(200);
    const [store] = (await admin('GET', '/admin/v1/stores')).json().stores;
    const replaced = await admin('POST', `/admin/v1/stores/${store.id}/token`);
    expect(replaced.statusCode).toBe(201);
    const newToken = replaced.json().accessToken;
    expect(newToken).not.toBe(oldToken);
    const revoked = await gateway.call(oldToken, 'GET', '/api/v2/capabilities');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toStrictEqual({
      error: { code: 'unauthorized', message: 'Unknown, malformed or revoked store access token' },
    });
    expect((await gateway.call(newToken, 'GET', '/api/v2/capabilities')).statusCode).toBe(200);
    expect((await admin('POST', '/admin/v1/stores/no-such-store/token')).statusCode).toBe(404);
  });

  it('answers 401 for a missing or wrong admin token', async () => {
    gateway = await createTestGateway();
    const missing = await gateway.app.inject({ method: 'GET', url: '/admin/v1/stores' });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    const wrong = await admin('GET', '/admin/v1/stores', undefined, `${testAdminToken}x`);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('unauthorized');
  });

  it('answers 404 on every admin route when UNICART_ADMIN_TOKEN is unset', async () => {
    gateway = await createTestGateway({ environment: { UNICART_ADMIN_TOKEN: '' } });
    for (const [method, url] of [
      ['GET', '/admin/v1/stores'],
      ['POST', '/admin/v1/stores'],
      ['DELETE', '/admin/v1/stores/x'],
    ] as const) {
      const response = await admin(method, url, method === 'POST' ? acmeStore : undefined);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });

  it.each([
    [
      'an unknown platform',
      { ...acmeStore, platform: 'magento' },
      'platform: must be one of acme, acmereadonly',
    ],
    [
      'credentials the platform refuses',
      { ...acmeStore, credentials: { apiKey: 'short' } },
      'credentials.apiKey',
    ],
    [
      'an unknown credential key',
      { ...acmeStore, credentials: { apiKey: 'long-enough-key', extra: 1 } },
      'credentials',
    ],
    ['an unknown key', { ...acmeStore, colour: 'red' }, 'has unknown key(s): colour'],
    ['a missing name', { platform: 'acme', credentials: acmeStore.credentials }, 'name'],
    ['an empty name', { ...acmeStore, name: '  ' }, 'name'],
    [
      'a baseUrl with a path',
      { ...acmeStore, baseUrl: 'https://proxy.example/api' },
      'baseUrl: must be an origin',
    ],
    ['a baseUrl with credentials', { ...acmeStore, baseUrl: 'https://user:pw@proxy.example' }, 'baseUrl'],
    ['a baseUrl that is no URL', { ...acmeStore, baseUrl: 'proxy' }, 'baseUrl'],
    ['a baseUrl of another scheme', { ...acmeStore, baseUrl: 'ftp://proxy.example' }, 'baseUrl'],
  ])('refuses %s with 400 invalid_request naming the field', async (_case, body, message) => {
    gateway = await createTestGateway();
    const response = await admin('POST', '/admin/v1/stores', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
    expect(response.json().error.message).toContain(message);
  });

  it('never echoes a credential value in a refusal', async () => {
    gateway = await createTestGateway();
    const response = await admin('POST', '/admin/v1/stores', {
      ...acmeStore,
      credentials: { apiKey: 12345678 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('12345678');
  });
});

describe('the SSRF guard on connection', () => {
  const resolver = fakeResolver({
    'internal.example': ['10.1.2.3'],
    'mixed.example': ['203.0.113.7', '192.168.1.1'],
    'public.example': ['203.0.113.7'],
    'metadata.google.internal': ['169.254.169.254'],
  });

  it.each([
    ['a loopback baseUrl', { baseUrl: 'http://127.0.0.1:9101' }, 'baseUrl'],
    ['an IPv6 loopback baseUrl', { baseUrl: 'http://[::1]:9101' }, 'baseUrl'],
    ['a baseUrl resolving to a private address', { baseUrl: 'https://internal.example' }, 'baseUrl'],
    ['a baseUrl with one private address among public ones', { baseUrl: 'https://mixed.example' }, 'baseUrl'],
    ['the metadata service', { baseUrl: 'http://metadata.google.internal' }, 'baseUrl'],
    ['a link-local baseUrl', { baseUrl: 'http://169.254.169.254' }, 'baseUrl'],
    [
      'a plain-http public baseUrl',
      { baseUrl: 'http://public.example' },
      'baseUrl: must use https for a public host',
    ],
    [
      'a shop URL on a private address',
      { credentials: { apiKey: 'acme-secret-key-1', shopUrl: 'https://internal.example' } },
      'credentials.shopUrl',
    ],
  ])('refuses %s with 400 naming the field', async (_case, change, message) => {
    gateway = await createTestGateway({ resolver });
    const response = await admin('POST', '/admin/v1/stores', { ...acmeStore, ...change });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
    expect(response.json().error.message).toContain(message);
  });

  it('accepts a public HTTPS baseUrl', async () => {
    gateway = await createTestGateway({ resolver });
    expect(
      (await admin('POST', '/admin/v1/stores', { ...acmeStore, baseUrl: 'https://public.example' }))
        .statusCode,
    ).toBe(201);
  });

  it('accepts private upstreams over http with UNICART_ALLOW_PRIVATE_UPSTREAMS=1, and uses them', async () => {
    gateway = await createTestGateway({ resolver, environment: { UNICART_ALLOW_PRIVATE_UPSTREAMS: '1' } });
    const token = await gateway.connect({ ...acmeStore, baseUrl: 'http://127.0.0.1:9101' });
    acmeApi('http://127.0.0.1:9101')
      .get('/v1/customers/5')
      .reply(200, { customer: acmeCustomer('5') });
    const response = await gateway.call(token, 'GET', '/api/v2/customers/5');
    expect(response.statusCode).toBe(200);
  });

  it('still requires https for a public host with private upstreams allowed', async () => {
    gateway = await createTestGateway({ resolver, environment: { UNICART_ALLOW_PRIVATE_UPSTREAMS: '1' } });
    const response = await admin('POST', '/admin/v1/stores', {
      ...acmeStore,
      baseUrl: 'http://public.example',
    });
    expect(response.statusCode).toBe(400);
  });

  it('refuses a call when the host has moved to a private address since the store was connected', async () => {
    const addresses: Record<string, string[]> = { 'public.example': ['203.0.113.7'] };
    gateway = await createTestGateway({ resolver: fakeResolver(addresses) });
    const token = await gateway.connect({ ...acmeStore, baseUrl: 'https://public.example' });
    addresses['public.example'] = ['127.0.0.1'];
    const response = await gateway.call(token, 'GET', '/api/v2/customers/5');
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('upstream_error');
  });
});
