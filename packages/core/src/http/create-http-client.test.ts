import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UpstreamError } from '../errors/upstream-error';
import { UpstreamInvalidResponseError } from '../errors/upstream-invalid-response-error';
import { UpstreamRateLimitedError } from '../errors/upstream-rate-limited-error';
import { UpstreamTimeoutError } from '../errors/upstream-timeout-error';
import { UpstreamUnauthorizedError } from '../errors/upstream-unauthorized-error';
import {
  createHttpClient,
  type HttpClientOptions,
  type UpstreamAttemptEvent,
  type UpstreamReply,
} from './create-http-client';
import { setSignalDeadline } from './deadline';

const origin = 'https://api.acme.test';
const secret = 'sk_live_super_secret_value';
const itemSchema = z.object({ id: z.number(), name: z.string().nullish() });

/** A reply that comes late. nock's own delay() makes undici crash when the request was aborted. */
function lateReply(ms: number, body: object) {
  return async (): Promise<[number, object]> => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return [200, body];
  };
}

function client(overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    platform: 'acme',
    baseUrl: `${origin}/v2/`,
    headers: { authorization: `Bearer ${secret}` },
    secrets: [secret],
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2_000 },
    userAgent: 'unicart-adapter-acme/1.0.0',
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('createHttpClient', () => {
  it('sends the path under the base URL with encoded query, headers and JSON body', async () => {
    const scope = nock(origin, {
      reqheaders: {
        authorization: `Bearer ${secret}`,
        'user-agent': 'unicart-adapter-acme/1.0.0',
        'content-type': 'application/json',
        accept: 'application/json',
      },
    })
      .put('/v2/customers/7', { name: 'Zoë' })
      .query({ keyword: 'a&b=c ü', ids: '1,2', active: 'true' })
      .reply(200, { id: 7, name: 'Zoë' });
    const result = await client().put('/customers/7', {
      query: { keyword: 'a&b=c ü', ids: [1, 2], active: true, skipped: undefined, nothing: null },
      body: { name: 'Zoë' },
      schema: itemSchema,
    });
    expect(result.data).toStrictEqual({ id: 7, name: 'Zoë' });
    expect(result.status).toBe(200);
    expect(scope.isDone()).toBe(true);
  });

  it('repeats a key ending in [] once per value, and sends other arrays comma-separated', async () => {
    const sent: string[] = [];
    const recordingFetch: typeof fetch = async (input) => {
      sent.push(String(input));
      return Response.json({ id: 1 });
    };
    await client({ fetch: recordingFetch }).get('/contacts', {
      query: { 'ids[]': [10, 20], fields: ['a', 'b'] },
      schema: itemSchema,
    });
    expect(sent).toStrictEqual([`${origin}/v2/contacts?ids%5B%5D=10&ids%5B%5D=20&fields=a%2Cb`]);
  });

  it('sends a form body as application/x-www-form-urlencoded', async () => {
    const scope = nock(origin, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } })
      .post('/v2/oauth/token', 'grant_type=refresh_token&refresh_token=a%2Bb%3Dc')
      .reply(200, { id: 9 });
    const result = await client().post('/oauth/token', {
      form: { grant_type: 'refresh_token', refresh_token: 'a+b=c' },
      schema: itemSchema,
    });
    expect(result.data).toStrictEqual({ id: 9 });
    expect(scope.isDone()).toBe(true);
  });

  it('retries a GET after 503 and returns the later success', async () => {
    nock(origin).get('/v2/items/1').reply(503).get('/v2/items/1').reply(200, { id: 1 });
    expect((await client().get('/items/1', { schema: itemSchema })).data).toStrictEqual({ id: 1 });
  });

  it('gives up after the retry budget with an UpstreamError carrying status and a scrubbed excerpt', async () => {
    nock(origin).get('/v2/items/1').times(3).reply(500, `internal failure for token ${secret}`);
    const error = await failure(client().get('/items/1', { schema: itemSchema }));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect((error as UpstreamError).upstreamStatus).toBe(500);
    expect((error as UpstreamError).bodyExcerpt).toBe('internal failure for token [redacted]');
    expect(nock.isDone()).toBe(true);
  });

  it('does not retry a POST after a 500: the platform may have acted', async () => {
    const scope = nock(origin).post('/v2/items').once().reply(500, 'boom');
    const error = await failure(client().post('/items', { body: {}, schema: itemSchema }));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it('retries a POST after a 429, because the platform did not act', async () => {
    nock(origin)
      .post('/v2/items')
      .reply(429, '', { 'retry-after': '0' })
      .post('/v2/items')
      .reply(200, { id: 3 });
    expect((await client().post('/items', { body: {}, schema: itemSchema })).data).toStrictEqual({ id: 3 });
  });

  it('retries an idempotent POST (a GraphQL query) after a 502', async () => {
    nock(origin).post('/v2/graphql').reply(502).post('/v2/graphql').reply(200, { id: 4 });
    const result = await client().post('/graphql', { body: {}, schema: itemSchema, idempotent: true });
    expect(result.data).toStrictEqual({ id: 4 });
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const soon = new Date(Date.now() + 1_000).toUTCString();
    nock(origin)
      .get('/v2/items/1')
      .reply(429, '', { 'retry-after': soon })
      .get('/v2/items/1')
      .reply(200, { id: 1 });
    expect((await client().get('/items/1', { schema: itemSchema })).data).toStrictEqual({ id: 1 });
    expect(nock.isDone()).toBe(true);
  });

  it('throws UpstreamRateLimitedError with the wait when 429s outlast the retries', async () => {
    nock(origin).get('/v2/items/1').times(3).reply(429, '', { 'retry-after': '0' });
    const error = await failure(client().get('/items/1', { schema: itemSchema }));
    expect(UpstreamRateLimitedError.isInstance(error)).toBe(true);
    expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBe(1);
  });

  it('does not honour a Retry-After above the cap: it reports it at once', async () => {
    const scope = nock(origin).get('/v2/items/1').once().reply(429, '', { 'retry-after': '3600' });
    const error = await failure(client().get('/items/1', { schema: itemSchema }));
    expect((error as UpstreamRateLimitedError).retryAfterSeconds).toBe(3600);
    expect(scope.isDone()).toBe(true);
  });

  it("takes the wait of the adapter's classification when a 429 has no Retry-After", async () => {
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      return Response.json({ throttle: 'status' }, { status: 429 });
    };
    const classifyFailure = () =>
      new UpstreamRateLimitedError('acme is throttling', { retryAfterSeconds: 3600, platform: 'acme' });
    const error = await failure(client({ classifyFailure, fetch }).get('/items/1', { schema: itemSchema }));
    // An hour is above the cap, so it is reported at once instead of retried after a blind backoff.
    expect([(error as UpstreamRateLimitedError).retryAfterSeconds, calls]).toStrictEqual([3600, 1]);
  });

  it('retries a reply the classification calls throttling like a 429, whatever its status', async () => {
    const statuses = [403, 200];
    const seen: number[] = [];
    const fetch = async () => {
      const status = statuses.shift() ?? 200;
      return status === 200 ? Response.json({ id: 1 }) : new Response('Rate Limit Exceeded', { status });
    };
    const classifyFailure = (reply: UpstreamReply) =>
      reply.body === 'Rate Limit Exceeded'
        ? new UpstreamRateLimitedError('acme is throttling', { retryAfterSeconds: 0.001, platform: 'acme' })
        : undefined;
    const result = await client({
      classifyFailure,
      fetch,
      observeReply: (reply) => void seen.push(reply.status),
    }).post('/items', { body: {}, schema: itemSchema });
    // A POST too: a throttled request was not acted on.
    expect([result.data, seen]).toStrictEqual([{ id: 1 }, [403, 200]]);
  });

  it('maps 401 and 403 to UpstreamUnauthorizedError without retrying', async () => {
    nock(origin).get('/v2/items/1').once().reply(401, { message: 'bad token' });
    const error = await failure(client().get('/items/1', { schema: itemSchema }));
    expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
  });

  it("uses the adapter's classification of platform error bodies", async () => {
    nock(origin).get('/v2/items/9').reply(404, { errorCode: 'NOPE' });
    const error = await failure(
      client({
        classifyFailure: (reply) =>
          (reply.body as { errorCode?: string }).errorCode === 'NOPE'
            ? new UpstreamUnauthorizedError('store unknown', { platform: 'acme' })
            : undefined,
      }).get('/items/9', { schema: itemSchema }),
    );
    expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
  });

  it('treats an error found inside a 200 like a failure, retrying a throttle', async () => {
    let calls = 0;
    nock(origin)
      .post('/v2/graphql')
      .times(2)
      .reply(200, () => {
        calls += 1;
        return calls === 1 ? { throttled: true } : { id: 5 };
      });
    const result = await client({
      inspectSuccess: (reply) =>
        (reply.body as { throttled?: boolean }).throttled
          ? new UpstreamRateLimitedError('throttled', { platform: 'acme', retryAfterSeconds: 0.001 })
          : undefined,
    }).post('/graphql', { body: {}, schema: itemSchema, idempotent: true });
    expect(result.data).toStrictEqual({ id: 5 });
  });

  it('maps a body of the wrong shape to UpstreamInvalidResponseError naming paths, not values', async () => {
    nock(origin).get('/v2/items/1').reply(200, { id: 'ana.reyes@example.com' });
    const error = await failure(client().get('/items/1', { schema: itemSchema }));
    expect(UpstreamInvalidResponseError.isInstance(error)).toBe(true);
    expect((error as UpstreamInvalidResponseError).issuePaths).toStrictEqual(['id']);
    expect((error as Error).message).not.toContain('ana.reyes');
  });

  it('maps an HTML page in a 200 to UpstreamInvalidResponseError', async () => {
    nock(origin).get('/v2/items/1').reply(200, '<html><body>Fatal error</body></html>');
    const error = await failure(client().get('/items/1', { schema: itemSchema }));
    expect(UpstreamInvalidResponseError.isInstance(error)).toBe(true);
    expect((error as UpstreamError).status).toBe(502);
  });

  it('times out each attempt and reports UpstreamTimeoutError after the retries', async () => {
    nock(origin)
      .get('/v2/items/1')
      .times(3)
      .reply(lateReply(300, { id: 1 }));
    const error = await failure(client({ timeoutMs: 50 }).get('/items/1', { schema: itemSchema }));
    expect(UpstreamTimeoutError.isInstance(error)).toBe(true);
    expect((error as UpstreamTimeoutError).status).toBe(504);
  });

  it('does not retry a POST that timed out: it may have created something', async () => {
    const scope = nock(origin)
      .post('/v2/items')
      .once()
      .reply(lateReply(300, { id: 1 }));
    const error = await failure(client({ timeoutMs: 50 }).post('/items', { body: {}, schema: itemSchema }));
    expect(UpstreamTimeoutError.isInstance(error)).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it("stops at once when the caller's signal aborts, with the caller's reason", async () => {
    nock(origin)
      .get('/v2/items/1')
      .reply(lateReply(300, { id: 1 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('client went away')), 20);
    const error = await failure(client().get('/items/1', { schema: itemSchema, signal: controller.signal }));
    expect((error as Error).message).toBe('client went away');
  });

  it('refuses to follow a redirect, which could carry credentials to another host', async () => {
    nock(origin).get('/v2/items/1').reply(301, '', { location: 'https://elsewhere.test/v2/items/1' });
    const error = await failure(client().get('/items/1', { schema: itemSchema }));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('redirected');
  });

  it('refuses a body over the size limit', async () => {
    nock(origin)
      .get('/v2/items/1')
      .reply(200, { id: 1, name: 'x'.repeat(5_000) });
    const error = await failure(
      client({ maxBodyBytes: 1_000, retry: { maxRetries: 0 } }).get('/items/1', { schema: itemSchema }),
    );
    expect(UpstreamError.isInstance(error)).toBe(true);
  });

  it('keeps secrets sent in the query string out of network error messages', async () => {
    const error = await failure(
      client({ query: { consumer_secret: secret }, retry: { maxRetries: 0 } }).get('/items/1', {
        schema: itemSchema,
      }),
    );
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain(secret);
  });

  it('asks the limiter before every attempt', async () => {
    const costs: number[] = [];
    nock(origin).get('/v2/items/1').reply(503).get('/v2/items/1').reply(200, { id: 1 });
    await client({ limiter: { acquire: async (cost) => void costs.push(cost) } }).get('/items/1', {
      schema: itemSchema,
      cost: 7,
    });
    expect(costs).toStrictEqual([7, 7]);
  });

  it('writes the characters it is told to leave unencoded as they are, in keys and values', async () => {
    const urls: string[] = [];
    const fetch = async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ id: 1 }), { headers: { 'content-type': 'application/json' } });
    };
    await client({ unencodedQueryCharacters: ':,', fetch: fetch as typeof globalThis.fetch }).get(
      '/customers',
      {
        query: { 'date_created:min': '2024-05-14T09:34:00Z', 'id:in': [4, 5], 'email:in': 'a+b@x.test' },
        schema: itemSchema,
      },
    );
    expect(urls).toStrictEqual([
      `${origin}/v2/customers?date_created:min=2024-05-14T09:34:00Z&id:in=4,5&email:in=a%2Bb%40x.test`,
    ]);
  });

  it('shows every reply, failed or not, to the observer before classifying it', async () => {
    nock(origin)
      .get('/v2/customers/1')
      .reply(503, {}, { 'x-left': '3' })
      .get('/v2/customers/1')
      .reply(200, { id: 1 }, { 'x-left': '2' });
    const seen: [number, string | null][] = [];
    await client({ observeReply: (reply) => seen.push([reply.status, reply.headers.get('x-left')]) }).get(
      '/customers/1',
      { schema: itemSchema },
    );
    expect(seen).toStrictEqual([
      [503, '3'],
      [200, '2'],
    ]);
  });

  describe('observer', () => {
    function observed() {
      const events: UpstreamAttemptEvent[] = [];
      return { events, observer: (event: UpstreamAttemptEvent) => events.push(event) };
    }
    const shape = ({ durationMs, ...rest }: UpstreamAttemptEvent) => {
      expect(durationMs).toBeGreaterThanOrEqual(0);
      return rest;
    };

    it('is told about each attempt: a 429 retried after Retry-After, then the answer', async () => {
      nock(origin).get('/v2/items/1').reply(429, {}, { 'retry-after': '0' });
      nock(origin).get('/v2/items/1').reply(200, { id: 1 });
      const { events, observer } = observed();
      await client({ observer }).get('/items/1', { schema: itemSchema });
      expect(events.map(shape)).toStrictEqual([
        {
          platform: 'acme',
          method: 'GET',
          status: 429,
          outcome: 'rate_limited',
          attempt: 0,
          willRetry: true,
        },
        { platform: 'acme', method: 'GET', status: 200, outcome: 'ok', attempt: 1, willRetry: false },
      ]);
    });

    it('marks the last attempt of an exhausted retry and a refused POST as not retried', async () => {
      nock(origin).get('/v2/items/1').times(3).reply(503, 'down');
      nock(origin).post('/v2/items').reply(500, 'oops');
      const { events, observer } = observed();
      await failure(client({ observer }).get('/items/1', { schema: itemSchema }));
      await failure(client({ observer }).post('/items', { body: {}, schema: itemSchema }));
      expect(events.map(shape)).toStrictEqual([
        { platform: 'acme', method: 'GET', status: 503, outcome: 'error', attempt: 0, willRetry: true },
        { platform: 'acme', method: 'GET', status: 503, outcome: 'error', attempt: 1, willRetry: true },
        { platform: 'acme', method: 'GET', status: 503, outcome: 'error', attempt: 2, willRetry: false },
        { platform: 'acme', method: 'POST', status: 500, outcome: 'error', attempt: 0, willRetry: false },
      ]);
    });

    it('marks an attempt as not retried when the wait for the retry would outlast the deadline', async () => {
      nock(origin).get('/v2/items/1').reply(429, {}, { 'retry-after': '5' });
      const { events, observer } = observed();
      const signal = new AbortController().signal;
      setSignalDeadline(signal, Date.now() + 1_000);
      const error = await failure(
        client({ observer, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 10_000 } }).get('/items/1', {
          schema: itemSchema,
          signal,
        }),
      );
      expect(UpstreamRateLimitedError.isInstance(error)).toBe(true);
      expect(events.map(({ status, outcome, willRetry }) => [status, outcome, willRetry])).toStrictEqual([
        [429, 'rate_limited', false],
      ]);
    });

    it('reports a timeout without a status, and a throwing observer changes nothing', async () => {
      nock(origin)
        .get('/v2/items/1')
        .reply(lateReply(300, { id: 1 }));
      const { events, observer } = observed();
      const error = await failure(
        client({ observer, timeoutMs: 50, retry: { maxRetries: 0 } }).get('/items/1', { schema: itemSchema }),
      );
      expect(UpstreamTimeoutError.isInstance(error)).toBe(true);
      expect(events.map(shape)).toStrictEqual([
        {
          platform: 'acme',
          method: 'GET',
          status: undefined,
          outcome: 'timeout',
          attempt: 0,
          willRetry: false,
        },
      ]);

      nock(origin).get('/v2/items/2').reply(200, { id: 2 });
      const throwing = () => {
        throw new Error('metrics are down');
      };
      const result = await client({ observer: throwing }).get('/items/2', { schema: itemSchema });
      expect(result.data).toStrictEqual({ id: 2 });
    });
  });
});
