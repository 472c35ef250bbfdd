import type { z } from 'zod';
import type { UnicartError } from '../errors/unicart-error';
import { UpstreamError } from '../errors/upstream-error';
import { UpstreamInvalidResponseError } from '../errors/upstream-invalid-response-error';
import { UpstreamRateLimitedError } from '../errors/upstream-rate-limited-error';
import { UpstreamTimeoutError } from '../errors/upstream-timeout-error';
import { UpstreamUnauthorizedError } from '../errors/upstream-unauthorized-error';
import { createAttemptSignal } from './attempt-signal';
import { timeLeftMs, untilAborted } from './deadline';
import { parseRetryAfter } from './parse-retry-after';
import { describeUrl, redactSecrets } from './redact';
import { backoffDelayMs, defaultRetryOptions, type RetryOptions } from './retry-delay';
import { sleep } from './sleep';
import type { RequestLimiter } from './token-bucket';

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type QueryParams = Readonly<Record<string, QueryValue>>;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the platform answered, for `classifyFailure` and `inspectSuccess`. */
export interface UpstreamReply {
  readonly method: HttpMethod;
  /** Request path without origin or query string. */
  readonly path: string;
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON; the raw text when the body is not JSON; `undefined` when empty. */
  readonly body: unknown;
}

export interface HttpClientOptions {
  /** Platform id, set on every error. */
  readonly platform: string;
  /** Origin plus the platform's path prefix, e.g. `https://app.ecwid.com/api/v3/1003`. */
  readonly baseUrl: string;
  /** Headers sent with every request; a function is called before every attempt (rotating tokens). */
  readonly headers?: Readonly<Record<string, string>> | (() => Promise<Readonly<Record<string, string>>>);
  /** Query parameters sent with every request. */
  readonly query?: QueryParams;
  /** Values scrubbed from every message and body excerpt (tokens, keys, secrets). */
  readonly secrets?: readonly string[] | (() => readonly string[]);
  /**
   * Maps a non-2xx reply to a core error; `undefined` falls back to the status-based default. An
   * `UpstreamRateLimitedError` is retried like a 429 whatever the status (Jumpseller's older 403).
   */
  readonly classifyFailure?: (reply: UpstreamReply) => UnicartError | undefined;
  /** Finds errors inside a 2xx reply (GraphQL `THROTTLED`); `undefined` when the reply is good. */
  readonly inspectSuccess?: (reply: UpstreamReply) => UnicartError | undefined;
  /** Timeout of each attempt in milliseconds (default 30 000). */
  readonly timeoutMs?: number | undefined;
  readonly retry?: Partial<RetryOptions> | undefined;
  readonly fetch?: typeof fetch | undefined;
  /** Paces requests before they are sent. */
  readonly limiter?: RequestLimiter | undefined;
  /**
   * Sees every reply, success or failure, before it is classified: for a platform's rate-limit
   * headers that correct the limiter (Jumpseller's `…RateLimit-Remaining`, BigCommerce's quota).
   */
  readonly observeReply?: (reply: UpstreamReply) => void;
  /** `unicart-adapter-<id>/<version>`. */
  readonly userAgent?: string;
  /** Largest body read, in bytes (default 20 MiB). */
  readonly maxBodyBytes?: number;
  /**
   * Characters written as they are in query strings rather than percent-encoded, for platforms that
   * cannot read an encoded value (BigCommerce's date filters: `date_created:min=2024-05-14T09:34:00Z`).
   */
  readonly unencodedQueryCharacters?: string;
  /** Told about every attempt (metrics); what it throws is ignored. */
  readonly observer?: UpstreamObserver | undefined;
}

/** One attempt of an upstream request, as `HttpClientOptions.observer` sees it. */
export interface UpstreamAttemptEvent {
  readonly platform: string;
  readonly method: HttpMethod;
  /** The platform's HTTP status; `undefined` when no answer came (timeout, network error). */
  readonly status: number | undefined;
  /** `rate_limited`: a 429 or a throttled answer (Shopify's `THROTTLED`). */
  readonly outcome: 'ok' | 'rate_limited' | 'timeout' | 'error';
  /** From sending (after the limiter's wait) to the answer or the failure. */
  readonly durationMs: number;
  /** 0 for the first attempt of a request. */
  readonly attempt: number;
  /** Another attempt follows, after a wait. */
  readonly willRetry: boolean;
}

export type UpstreamObserver = (event: UpstreamAttemptEvent) => void;

export interface RequestOptions<Output> {
  readonly query?: QueryParams;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as `application/x-www-form-urlencoded` instead of a JSON `body` (OAuth token endpoints). */
  readonly form?: Readonly<Record<string, string>>;
  /** Validates the parsed body; a mismatch is an `UpstreamInvalidResponseError`. */
  readonly schema: z.ZodType<Output>;
  readonly signal?: AbortSignal | undefined;
  /** Whether repeating the request cannot act twice (default: every method but POST). */
  readonly idempotent?: boolean;
  /** Units taken from the limiter (default 1). */
  readonly cost?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface UpstreamResult<Output> {
  readonly data: Output;
  readonly status: number;
  readonly headers: Headers;
}

/** The one way an adapter talks to a platform. */
export interface HttpClient {
  request<Output>(
    method: HttpMethod,
    path: string,
    options: RequestOptions<Output>,
  ): Promise<UpstreamResult<Output>>;
  get<Output>(path: string, options: RequestOptions<Output>): Promise<UpstreamResult<Output>>;
  post<Output>(path: string, options: RequestOptions<Output>): Promise<UpstreamResult<Output>>;
  put<Output>(path: string, options: RequestOptions<Output>): Promise<UpstreamResult<Output>>;
  delete<Output>(path: string, options: RequestOptions<Output>): Promise<UpstreamResult<Output>>;
}

/** One failed attempt and what it says about trying again. */
interface AttemptFailure {
  readonly error: UnicartError;
  /** The platform certainly did not act (429, throttled, connection refused). */
  readonly notActed: boolean;
  /** Worth repeating at all. */
  readonly retryable: boolean;
  /** The platform's own wait, when it gave one. */
  readonly retryAfterMs?: number | undefined;
  /** The platform's HTTP status, when it answered. */
  readonly status?: number | undefined;
}

function outcomeOf(error: UnicartError): UpstreamAttemptEvent['outcome'] {
  if (UpstreamRateLimitedError.isInstance(error)) return 'rate_limited';
  if (UpstreamTimeoutError.isInstance(error)) return 'timeout';
  return 'error';
}

const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);
const excerptLength = 300;

/**
 * Encodes query parameters. An array is one comma-separated value, except under a key ending in
 * `[]` (PHP's array syntax, `ids[]=1&ids[]=2`), which is repeated once per value. Each character of
 * `unencoded` is then written as itself wherever it was percent-encoded.
 */
export function encodeQuery(params: QueryParams, unencoded = ''): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && key.endsWith('[]')) {
      for (const item of value) search.append(key, String(item));
    } else {
      search.append(key, Array.isArray(value) ? value.join(',') : String(value));
    }
  }
  let query = search.toString();
  for (const character of new Set(unencoded)) {
    const encoded = new URLSearchParams({ _: character }).toString().slice(2);
    if (encoded !== character) query = query.replaceAll(encoded, character);
  }
  return query;
}

function encodeBody(request: RequestOptions<unknown>): { body: string; contentType: string } | undefined {
  if (request.form !== undefined) {
    return {
      body: new URLSearchParams(request.form).toString(),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  if (request.body === undefined) return undefined;
  return { body: JSON.stringify(request.body), contentType: 'application/json' };
}

function defaultClassification(reply: UpstreamReply, platform: string, excerpt: string): UnicartError {
  const where = `${reply.method} ${reply.path}`;
  if (reply.status === 401 || reply.status === 403) {
    return new UpstreamUnauthorizedError(
      `${platform} rejected the store's credentials (HTTP ${reply.status})`,
      {
        platform,
      },
    );
  }
  if (reply.status === 408 || reply.status === 504) {
    return new UpstreamTimeoutError(`${platform} timed out (HTTP ${reply.status} on ${where})`, { platform });
  }
  if (reply.status === 429) {
    const waitMs = parseRetryAfter(reply.headers.get('retry-after')) ?? 1000;
    return new UpstreamRateLimitedError(`${platform} is rate limiting this store`, {
      platform,
      retryAfterSeconds: waitMs / 1000,
    });
  }
  return new UpstreamError(`${platform} answered HTTP ${reply.status} on ${where}`, {
    platform,
    upstreamStatus: reply.status,
    bodyExcerpt: excerpt,
    retryable: reply.status >= 500,
  });
}

async function readBody(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new Error(`body larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  // Most bodies arrive in one chunk: decode it where it lies instead of copying it first.
  const [only] = chunks;
  if (chunks.length === 1 && only !== undefined) {
    return Buffer.from(only.buffer, only.byteOffset, only.byteLength).toString('utf8');
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Creates the HTTP client: query encoding, a timeout per attempt combined with the caller's signal,
 * retries with exponential backoff and full jitter (GET/PUT/DELETE and idempotent POSTs on network
 * errors, timeouts, 408, 429 and 5xx; other POSTs only when the platform certainly did not act),
 * `Retry-After` honoured up to the cap, bodies read with a size limit, parsed and validated with
 * zod, and every secret scrubbed from messages.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { platform } = options;
  const retry: RetryOptions = { ...defaultRetryOptions, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? 20 * 1024 * 1024;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const secrets = () => (typeof options.secrets === 'function' ? options.secrets() : (options.secrets ?? []));
  const scrub = (text: string) => redactSecrets(text, secrets());
  const notify = (event: UpstreamAttemptEvent) => {
    try {
      options.observer?.(event);
    } catch {
      // Metrics never break a request.
    }
  };

  async function attempt<Output>(
    method: HttpMethod,
    path: string,
    request: RequestOptions<Output>,
    idempotent: boolean,
    timing: { sentAt: number },
  ): Promise<UpstreamResult<Output>> {
    const query = encodeQuery({ ...options.query, ...request.query }, options.unencodedQueryCharacters);
    const url = `${baseUrl}${path}${query ? `?${query}` : ''}`;
    // A header function may wait on a token endpoint; the caller's signal still ends the wait.
    const staticHeaders =
      typeof options.headers === 'function'
        ? await untilAborted(options.headers(), request.signal)
        : options.headers;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(options.userAgent ? { 'user-agent': options.userAgent } : {}),
      ...staticHeaders,
      ...request.headers,
    };
    const encoded = encodeBody(request);
    if (encoded !== undefined) headers['content-type'] = encoded.contentType;
    try {
      await options.limiter?.acquire(request.cost ?? 1, request.signal);
    } catch (error) {
      // The limiter's refusal before the deadline concerns this platform.
      if (!UpstreamRateLimitedError.isInstance(error) || error.platform !== undefined) throw error;
      throw new UpstreamRateLimitedError(error.message, {
        platform,
        retryAfterSeconds: error.retryAfterSeconds,
      });
    }
    timing.sentAt = performance.now();

    const attemptSignal = createAttemptSignal(request.signal, timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await (options.fetch ?? fetch)(url, {
        method,
        headers,
        body: encoded?.body,
        signal: attemptSignal.signal,
        redirect: 'manual',
      });
      text = await readBody(response, maxBodyBytes);
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (attemptSignal.timedOut()) {
        throw failure({
          error: new UpstreamTimeoutError(
            `${platform} did not answer ${method} ${path} within ${timeoutMs} ms`,
            {
              platform,
            },
          ),
          notActed: false,
          retryable: idempotent,
        });
      }
      const code = networkErrorCode(error);
      const refused = code === 'ECONNREFUSED';
      throw failure({
        error: new UpstreamError(
          `Could not reach ${platform} at ${describeUrl(url)}: ${scrub(code ?? (error as Error)?.message ?? 'network error')}`,
          { platform, retryable: true },
        ),
        notActed: refused,
        retryable: idempotent || refused,
      });
    } finally {
      attemptSignal.release();
    }

    const reply: UpstreamReply = {
      method,
      path,
      status: response.status,
      headers: response.headers,
      body: parseBody(text),
    };
    options.observeReply?.(reply);
    if (response.status < 200 || response.status >= 300) {
      const excerpt = scrub(text.slice(0, excerptLength));
      const error =
        response.status >= 300 && response.status < 400
          ? new UpstreamError(
              `${platform} redirected ${method} ${path} (HTTP ${response.status}); configure the exact URL of the API`,
              { platform, upstreamStatus: response.status },
            )
          : (options.classifyFailure?.(reply) ?? defaultClassification(reply, platform, excerpt));
      // A reply the platform's classification calls throttling is a 429 in all but its status.
      const throttled = response.status === 429 || UpstreamRateLimitedError.isInstance(error);
      // Without a Retry-After header, the wait the platform's classification read from the body
      // (Shopify's throttle status) or its headers is still better than a blind backoff.
      const retryAfterMs =
        throttled || response.status === 503
          ? (parseRetryAfter(response.headers.get('retry-after')) ??
            (UpstreamRateLimitedError.isInstance(error) ? error.retryAfterSeconds * 1000 : undefined))
          : undefined;
      throw failure({
        error,
        notActed: throttled,
        retryable: throttled || retryableStatuses.has(response.status),
        retryAfterMs,
        status: response.status,
      });
    }
    const hidden = options.inspectSuccess?.(reply);
    if (hidden) {
      const throttled = UpstreamRateLimitedError.isInstance(hidden);
      throw failure({
        error: hidden,
        notActed: throttled,
        retryable: throttled || (UpstreamError.isInstance(hidden) && hidden.retryable),
        retryAfterMs: throttled ? hidden.retryAfterSeconds * 1000 : undefined,
        status: response.status,
      });
    }
    const parsed = request.schema.safeParse(reply.body);
    if (!parsed.success) {
      const issuePaths = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
      throw failure({
        error: new UpstreamInvalidResponseError(
          `${platform} answered ${method} ${path} with an unexpected body (at ${issuePaths.slice(0, 5).join(', ')})`,
          { platform, upstreamStatus: response.status, issuePaths },
        ),
        notActed: false,
        retryable: false,
        status: response.status,
      });
    }
    return { data: parsed.data, status: response.status, headers: response.headers };
  }

  async function request<Output>(
    method: HttpMethod,
    path: string,
    requestOptions: RequestOptions<Output>,
  ): Promise<UpstreamResult<Output>> {
    const idempotent = requestOptions.idempotent ?? method !== 'POST';
    for (let attemptNumber = 0; ; attemptNumber += 1) {
      // From when the request leaves (after the limiter's wait) to its answer.
      const timing = { sentAt: performance.now() };
      const observe = (event: Pick<UpstreamAttemptEvent, 'status' | 'outcome' | 'willRetry'>) =>
        notify({
          platform,
          method,
          ...event,
          durationMs: performance.now() - timing.sentAt,
          attempt: attemptNumber,
        });
      try {
        const result = await attempt(method, path, requestOptions, idempotent, timing);
        observe({ status: result.status, outcome: 'ok', willRetry: false });
        return result;
      } catch (thrown) {
        if (!isAttemptFailure(thrown)) throw thrown;
        const { error, notActed, retryable, retryAfterMs, status } = thrown.failure;
        const mayRepeat = retryable && (idempotent || notActed);
        // A wait above the cap is not honoured: the caller gets the platform's figure instead.
        const exhausted =
          attemptNumber >= retry.maxRetries ||
          (retryAfterMs !== undefined && retryAfterMs > retry.maxDelayMs);
        const waitMs = retryAfterMs ?? backoffDelayMs(attemptNumber, retry);
        // A wait that would end after the caller's deadline is not started: the caller gets the
        // failure now rather than an abort later.
        const timeLeft = timeLeftMs(requestOptions.signal);
        const givingUp = exhausted || (timeLeft !== undefined && waitMs >= timeLeft);
        observe({ status, outcome: outcomeOf(error), willRetry: mayRepeat && !givingUp });
        if (!mayRepeat) throw error;
        if (givingUp) {
          throw UpstreamRateLimitedError.isInstance(error) ? withRetryAfter(error, retryAfterMs) : error;
        }
        await sleep(waitMs, requestOptions.signal);
      }
    }
  }

  function withRetryAfter(
    error: UpstreamRateLimitedError,
    waitMs: number | undefined,
  ): UpstreamRateLimitedError {
    return new UpstreamRateLimitedError(error.message, {
      platform,
      retryAfterSeconds: Math.max(error.retryAfterSeconds, (waitMs ?? 0) / 1000),
    });
  }

  return {
    request,
    get: (path, requestOptions) => request('GET', path, requestOptions),
    post: (path, requestOptions) => request('POST', path, requestOptions),
    put: (path, requestOptions) => request('PUT', path, requestOptions),
    delete: (path, requestOptions) => request('DELETE', path, requestOptions),
  };
}

const failureMarker = Symbol('attemptFailure');

function failure(details: AttemptFailure): { [failureMarker]: true; failure: AttemptFailure } {
  return { [failureMarker]: true, failure: details };
}

function isAttemptFailure(value: unknown): value is { failure: AttemptFailure } {
  return typeof value === 'object' && value !== null && failureMarker in value;
}
