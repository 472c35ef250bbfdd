import { afterEach, describe, expect, it } from 'vitest';
import { acmeApi, acmeCustomer } from './support/acme-platform';
import { acmeStore, createTestGateway, openMemoryRepository, type TestGateway } from './support/test-gateway';

let gateway: TestGateway;

afterEach(async () => {
  await gateway.close();
});

/** The value of one sample of the exposition text, e.g. `name{a="b"}`; `undefined` when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /ready', () => {
  it('answers 200 when the stores registry answers a query', async () => {
    gateway = await createTestGateway();
    const response = await gateway.app.inject({ method: 'GET', url: '/ready' });
    expect([response.statusCode, response.json()]).toStrictEqual([200, { status: 'ready' }]);
  });

  it('answers 503 when the database does not answer', async () => {
    const repository = await openMemoryRepository();
    gateway = await createTestGateway({
      repository: {
        ...repository,
        ping: () => Promise.reject(new Error('SQLITE_BUSY: database is locked')),
      },
    });
    const response = await gateway.app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toStrictEqual({
      status: 'unavailable',
      reason: 'the stores registry does not answer',
    });
    expect((await gateway.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});

describe('GET /metrics', () => {
  it('counts requests by route template and status, and upstream attempts, retries and 429s by platform', async () => {
    gateway = await createTestGateway();
    const token = await gateway.connect(acmeStore);
    acmeApi().get('/v1/customers/207119551').reply(429, { message: 'slow down' }, { 'retry-after': '0' });
    acmeApi()
      .get('/v1/customers/207119551')
      .reply(200, { customer: acmeCustomer('207119551') });
    expect((await gateway.call(token, 'GET', '/api/v2/customers/207119551')).statusCode).toBe(200);
    expect((await gateway.call(token, 'GET', '/api/v2/customers?limit=0')).statusCode).toBe(400);
    expect((await gateway.call('uc_wrong', 'GET', '/api/v2/capabilities')).statusCode).toBe(401);

    const response = await gateway.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    const requests = 'unicart_http_requests_total';
    expect(sample(text, `${requests}{method="GET",route="/api/v2/customers/:id",status="200"}`)).toBe(1);
    expect(sample(text, `${requests}{method="GET",route="/api/v2/customers",status="400"}`)).toBe(1);
    expect(sample(text, `${requests}{method="GET",route="/api/v2/capabilities",status="401"}`)).toBe(1);
    expect(sample(text, `${requests}{method="POST",route="/admin/v1/stores",status="201"}`)).toBe(1);
    expect(
      sample(text, 'unicart_http_request_duration_seconds_count{method="GET",route="/api/v2/customers/:id"}'),
    ).toBe(1);
    const upstream = 'unicart_upstream_requests_total';
    expect(
      sample(text, `${upstream}{platform="acme",method="GET",outcome="rate_limited",status="429"}`),
    ).toBe(1);
    expect(sample(text, `${upstream}{platform="acme",method="GET",outcome="ok",status="200"}`)).toBe(1);
    expect(sample(text, 'unicart_upstream_retries_total{platform="acme"}')).toBe(1);
    expect(sample(text, 'unicart_upstream_rate_limited_total{platform="acme"}')).toBe(1);
    expect(
      sample(text, 'unicart_upstream_request_duration_seconds_count{platform="acme",outcome="ok"}'),
    ).toBe(1);
    expect(sample(text, 'unicart_process_resident_memory_bytes')).toBeGreaterThan(0);
    // Route templates only: no customer id, token or query string.
    expect(text).not.toContain('207119551');
    expect(text).not.toContain(token);
    expect(text).not.toContain('limit=0');
  });
});
