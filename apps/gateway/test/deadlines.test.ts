import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { registeredPlatforms } from '../src/platforms';
import { acmeApi, acmeCustomer } from './support/acme-platform';
import { acmeStore, createTestGateway, fakeResolver, type TestGateway } from './support/test-gateway';

let gateway: TestGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

/** An upstream answer that comes after `ms` (nock's own delay() upsets undici when the request is aborted). */
function lateReply(ms: number, body: object) {
  return async (): Promise<[number, object]> => {
    await new Promise((resolve) => setTimeout(resolve, ms).unref());
    return [200, body];
  };
}

describe('the deadline of a request', () => {
  it('answers 504 upstream_timeout when the platform has not answered by the deadline, however long one attempt may take', async () => {
    gateway = await createTestGateway({
      environment: { UNICART_UPSTREAM_DEADLINE_MS: '300', UNICART_UPSTREAM_TIMEOUT_MS: '60000' },
    });
    const token = await gateway.connect(acmeStore);
    acmeApi()
      .get('/v1/customers/1')
      .reply(lateReply(3_000, { customer: acmeCustomer('1') }));
    const response = await gateway.call(token, 'GET', '/api/v2/customers/1');
    expect(response.statusCode).toBe(504);
    expect(response.json()).toStrictEqual({
      error: {
        code: 'upstream_timeout',
        message: 'acme did not finish within the gateway deadline of 300 ms (UNICART_UPSTREAM_DEADLINE_MS)',
        platform: 'acme',
      },
    });
  });
});

describe('a paced platform under more load than its rate limit takes', () => {
  it('answers 429 rate_limited with Retry-After at once to the requests that would get their turn after the deadline', async () => {
    gateway = await createTestGateway({
      platforms: registeredPlatforms.definitions,
      resolver: fakeResolver({ 'app.ecwid.com': ['203.0.113.10'] }),
      environment: { UNICART_UPSTREAM_DEADLINE_MS: '1000' },
    });
    const token = await gateway.connect({
      platform: 'ecwid',
      name: 'Busy Ecwid shop',
      credentials: { storeId: '1003', accessToken: 'secret_busy_0123' },
    });
    const ecwid = nock('https://app.ecwid.com').persist();
    ecwid.get('/api/v3/1003/profile').reply(200, { formatsAndUnits: { currency: 'USD' } });
    ecwid.get('/api/v3/1003/customers/42').reply(200, {
      id: 42,
      email: 'dana@example.org',
      registered: '2025-09-01 06:00:00 +0000',
      updated: '2025-11-20 16:45:00 +0000',
      billingPerson: { name: 'Dana Whitfield', countryCode: 'US' },
    });
    // The store's currency is read once, by the first request, and then kept.
    expect((await gateway.call(token, 'GET', '/api/v2/customers/42')).statusCode).toBe(200);
    // Ecwid's limiter lets 10 through at once and 9.5 a second after that: 40 at once cannot all
    // be served within one second.
    const responses = await Promise.all(
      Array.from({ length: 40 }, () => gateway!.call(token, 'GET', '/api/v2/customers/42')),
    );
    const statuses = responses.map((response) => response.statusCode);
    const refused = responses.filter((response) => response.statusCode === 429);
    // A request that got its turn may still run out of time upstream (504); none waits longer.
    expect(statuses.filter((status) => ![200, 429, 504].includes(status))).toStrictEqual([]);
    expect(refused.length).toBeGreaterThan(10);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(10);
    for (const response of refused) {
      expect(response.json().error).toMatchObject({ code: 'rate_limited', platform: 'ecwid' });
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
  });
});
