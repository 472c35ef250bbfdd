import { afterEach, describe, expect, it } from 'vitest';
import { acmeApi, acmeCustomer } from './support/acme-platform';
import { createTestGateway, type TestGateway, testAdminToken, testSecretKey } from './support/test-gateway';

const apiKey = 'acme-credential-that-must-never-be-logged';

let gateway: TestGateway;

afterEach(async () => {
  await gateway.close();
});

describe('the logs of a full scenario', () => {
  it('never contain a credential, the admin token, a store token or the secret key', async () => {
    gateway = await createTestGateway({ logLevel: 'trace' });
    const admin = { authorization: `Bearer ${testAdminToken}` };

    // Connect a store (and fail to, echoing credentials in a refused body), then list stores.
    const token = await gateway.connect({ platform: 'acme', name: 'Logged shop', credentials: { apiKey } });
    await gateway.app.inject({
      method: 'POST',
      url: '/admin/v1/stores',
      headers: admin,
      payload: { platform: 'acme', name: 'x', credentials: { apiKey, unexpected: apiKey } },
    });
    await gateway.app.inject({ method: 'GET', url: '/admin/v1/stores', headers: admin });
    await gateway.app.inject({
      method: 'GET',
      url: '/admin/v1/stores',
      headers: { authorization: `Bearer ${token}` },
    });

    // Customers: a success, then platform failures whose bodies repeat the credential.
    acmeApi()
      .get('/v1/customers')
      .query(true)
      .reply(200, { items: [acmeCustomer('1')], next: null });
    await gateway.call(token, 'GET', '/api/v2/customers?email=ada@example.com');
    acmeApi()
      .get('/v1/customers/1')
      .reply(401, { error: `invalid key ${apiKey}` });
    await gateway.call(token, 'GET', '/api/v2/customers/1');
    acmeApi().get('/v1/customers/2').times(2).reply(500, `stack trace with ${apiKey}`);
    await gateway.call(token, 'GET', '/api/v2/customers/2');
    acmeApi().get('/v1/customers/3').times(2).reply(429, { key: apiKey }, { 'retry-after': '60' });
    await gateway.call(token, 'GET', '/api/v2/customers/3');

    // Refusals that carry secrets in places a careless logger would print.
    await gateway.call(token, 'GET', `/api/v2/customers?token=${token}&key=${apiKey}`);
    await gateway.call(token, 'POST', '/api/v2/customers', `{"customer": "${apiKey}`);
    await gateway.app.inject({
      method: 'GET',
      url: '/api/v2/customers',
      headers: { authorization: `Bearer ${token}x` },
    });

    // An internal error: the same store read by an instance whose key cannot decrypt it.
    const other = await createTestGateway({
      repository: gateway.repository,
      logLevel: 'trace',
      environment: { UNICART_SECRET_KEY: 'another-secret-key-0123456789abcdef' },
    });
    await other.call(token, 'GET', '/api/v2/customers/1');
    await other.close();

    const logs = [...gateway.logs, ...other.logs].join('');
    expect(gateway.logs.length).toBeGreaterThan(20);
    expect(logs).toContain('"requestId"');
    expect(logs).toContain('"level":50');
    for (const secret of [apiKey, testAdminToken, token, token.slice(3), testSecretKey]) {
      expect(logs).not.toContain(secret);
    }
  });
});
