import { createHttpClient, type HttpClientOptions, UpstreamUnauthorizedError } from '@unicart/core';
import { amazonTokenResponseSchema } from './amazon-api';
import { classifyAmazonFailure } from './amazon-error';

/** The application's client and the seller's refresh token (sheet §1.2). */
export interface AmazonLoginCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
}

/** Where the SP-API client gets the `x-amz-access-token` it sends. */
export interface AmazonAccessToken {
  /** The token to send now; gets a new one first when there is none or it is about to expire. */
  current(): Promise<string>;
  /**
   * After Amazon refused the token of a request started at `requestStartedAt` (a 403 saying it
   * expired or is invalid): forgets it unless a newer one was obtained since, so that the next
   * `current()` asks Login with Amazon again.
   */
  discardRejected(requestStartedAt: number): void;
  /** Every credential value to scrub from messages. */
  secrets(): string[];
}

export interface AmazonAccessTokenOptions
  extends Pick<HttpClientOptions, 'fetch' | 'timeoutMs' | 'retry' | 'userAgent' | 'observer'> {
  /** The token endpoint's origin: `https://api.amazon.com`, or the gateway's `baseUrl`. */
  readonly origin: string;
  readonly credentials: AmazonLoginCredentials;
  /** Clock in milliseconds, for tests. */
  readonly now?: () => number;
}

/** Renew a minute before expiry, as the official SDK's cache does (sheet §1.2). */
const renewalMarginMs = 60_000;
/** The lifetime Login with Amazon gives its access tokens when an answer omits it (sheet §1.2). */
const defaultLifetimeSeconds = 3600;

interface HeldToken {
  readonly value: string;
  readonly obtainedAt: number;
  readonly renewAt: number;
}

/**
 * Access tokens from Login with Amazon's refresh-token grant (sheet §1.2): one request at a time,
 * the token reused until a minute before it expires. The refresh token does not rotate, so nothing
 * is stored back.
 */
export function amazonAccessToken(options: AmazonAccessTokenOptions): AmazonAccessToken {
  const now = options.now ?? Date.now;
  const { credentials } = options;
  let held: HeldToken | null = null;
  let pending: Promise<HeldToken> | null = null;
  const secrets = () => [credentials.clientSecret, credentials.refreshToken, ...(held ? [held.value] : [])];
  const http = createHttpClient({
    platform: 'amazon',
    baseUrl: options.origin,
    secrets,
    classifyFailure: (reply) => classifyAmazonFailure(reply, null),
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    userAgent: options.userAgent,
    observer: options.observer,
  });

  async function obtain(): Promise<HeldToken> {
    const requestedAt = now();
    // The grant does not spend the refresh token: repeating it after a lost answer is harmless.
    const { data } = await http.post('/auth/o2/token', {
      form: {
        grant_type: 'refresh_token',
        refresh_token: credentials.refreshToken,
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      },
      schema: amazonTokenResponseSchema,
      idempotent: true,
    });
    if (data.token_type && data.token_type.toLowerCase() !== 'bearer') {
      throw new UpstreamUnauthorizedError(`Login with Amazon issued a ${data.token_type} token`, {
        platform: 'amazon',
      });
    }
    const lifetimeMs = (data.expires_in ?? defaultLifetimeSeconds) * 1000;
    return {
      value: data.access_token,
      obtainedAt: requestedAt,
      renewAt: requestedAt + Math.max(lifetimeMs - renewalMarginMs, lifetimeMs / 2),
    };
  }

  return {
    async current() {
      if (held !== null && now() < held.renewAt) return held.value;
      pending ??= obtain().finally(() => {
        pending = null;
      });
      held = await pending;
      return held.value;
    },
    discardRejected(requestStartedAt) {
      if (held !== null && held.obtainedAt <= requestStartedAt) held = null;
    },
    secrets,
  };
}
