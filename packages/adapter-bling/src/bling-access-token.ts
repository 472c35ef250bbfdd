import {
  createHttpClient,
  type HttpClientOptions,
  UpstreamRateLimitedError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { blingTokenResponseSchema } from './bling-api';
import { classifyBlingFailure } from './bling-error';

/** The app's client and a refresh token from its authorization flow (sheet §1.1). */
export interface BlingOAuthCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
}

/** Where the API client gets the Bearer token it sends. */
export interface BlingAccessToken {
  /** The token to send now; refreshes it first when it is missing or about to expire. */
  current(): Promise<string>;
  /**
   * After Bling answered 401 to a request started at `requestStartedAt`: forgets the token that
   * request used, so the next `current()` refreshes. `false` when nothing can be refreshed.
   */
  discardRejected(requestStartedAt: number): boolean;
  /** Every credential value to scrub from messages. */
  secrets(): string[];
}

/** A bare access token: when Bling refuses it, the account must be reconnected (sheet §1.1). */
export function staticBlingAccessToken(accessToken: string): BlingAccessToken {
  return { current: async () => accessToken, discardRejected: () => false, secrets: () => [accessToken] };
}

export interface RefreshingTokenOptions
  extends Pick<HttpClientOptions, 'fetch' | 'timeoutMs' | 'retry' | 'userAgent' | 'observer'> {
  /** `{origin}/Api/v3`: the token endpoint is `/oauth/token` under it. */
  readonly apiRoot: string;
  readonly credentials: BlingOAuthCredentials;
  /** Awaited with the new credentials before the access token that came with them is used. */
  readonly onCredentialsRotated?: ((credentials: BlingOAuthCredentials) => Promise<void>) | undefined;
  /** Clock in milliseconds, for tests. */
  readonly now?: () => number;
}

interface HeldToken {
  readonly value: string;
  readonly obtainedAt: number;
  readonly renewAt: number;
}

/** More than 20 token calls a minute block the caller's IP for 60 minutes (sheet §1.1). */
const tokenEndpointBlockSeconds = 3600;

/** Bling's classification, except that a 429 here is the hour-long IP block: never retried. */
function classifyTokenFailure(reply: UpstreamReply) {
  if (reply.status === 429) {
    return new UpstreamRateLimitedError('Bling blocks token requests from this address for an hour', {
      platform: 'bling',
      retryAfterSeconds: tokenEndpointBlockSeconds,
    });
  }
  return classifyBlingFailure(reply);
}

/** Refresh a minute before the token expires (sheet §1.1). */
const renewalMarginMs = 60_000;

/**
 * Access tokens from the refresh-token grant. Bling's refresh token is single-use and rotates on
 * every refresh (sheet §1.1), so: one refresh at a time; the token is reused until a minute before
 * its own `expires_in` (20 token calls a minute block the IP); the new refresh token is reported to
 * `onCredentialsRotated`, and the new access token is used only once that resolved (if it fails,
 * the new credentials stay in memory and are reported again before the next request).
 */
export function refreshingBlingAccessToken(options: RefreshingTokenOptions): BlingAccessToken {
  const now = options.now ?? Date.now;
  let credentials = options.credentials;
  let unreported: BlingOAuthCredentials | null = null;
  let held: HeldToken | null = null;
  let pending: Promise<HeldToken> | null = null;
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
  const secrets = () => [
    credentials.clientSecret,
    credentials.refreshToken,
    options.credentials.refreshToken,
    basic,
    ...(held ? [held.value] : []),
  ];
  const http = createHttpClient({
    platform: 'bling',
    baseUrl: options.apiRoot,
    headers: { authorization: `Basic ${basic}`, 'enable-jwt': '1' },
    secrets,
    classifyFailure: classifyTokenFailure,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    userAgent: options.userAgent,
    observer: options.observer,
  });

  async function report(rotated: BlingOAuthCredentials): Promise<void> {
    unreported = rotated;
    await options.onCredentialsRotated?.(rotated);
    if (unreported === rotated) unreported = null;
  }

  async function refresh(): Promise<HeldToken> {
    const requestedAt = now();
    // The refresh token is spent once Bling answers: the request is never repeated blindly, and no
    // caller's signal cuts it (core's client stops the caller's wait at its deadline; the refresh
    // runs on, bounded by its own timeout, so the rotated token is stored rather than lost).
    const { data } = await http.post('/oauth/token', {
      form: { grant_type: 'refresh_token', refresh_token: credentials.refreshToken },
      schema: blingTokenResponseSchema,
    });
    if (data.token_type && data.token_type.toLowerCase() !== 'bearer') {
      throw new UpstreamUnauthorizedError(
        `Bling issued a ${data.token_type} token instead of a Bearer token`,
        {
          platform: 'bling',
        },
      );
    }
    const token = {
      value: data.access_token,
      obtainedAt: requestedAt,
      // Without a lifetime the token is kept until Bling refuses it.
      renewAt:
        data.expires_in === null || data.expires_in === undefined
          ? Number.POSITIVE_INFINITY
          : requestedAt + Math.max(0, data.expires_in * 1000 - renewalMarginMs),
    };
    if (data.refresh_token && data.refresh_token !== credentials.refreshToken) {
      credentials = { ...credentials, refreshToken: data.refresh_token };
      held = token;
      await report(credentials);
    }
    return token;
  }

  return {
    async current() {
      if (unreported !== null) await report(unreported);
      if (held && now() < held.renewAt && pending === null) return held.value;
      pending ??= refresh().finally(() => {
        pending = null;
      });
      held = await pending;
      return held.value;
    },
    discardRejected(requestStartedAt) {
      // A token obtained after the rejected request started is a fresh one: keep it.
      if (held && held.obtainedAt <= requestStartedAt) held = null;
      return true;
    },
    secrets,
  };
}
