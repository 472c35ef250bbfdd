import {
  createHttpClient,
  type HttpClientOptions,
  type IssuedAccessToken,
  type StoredCredentials,
  UpstreamRateLimitedError,
  type UpstreamReply,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { blingTokenResponseSchema } from './bling-api';
import type { BlingCredentials } from './bling-connection';
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
  readonly onCredentialsRotated?:
    | ((credentials: BlingOAuthCredentials, accessToken: IssuedAccessToken) => Promise<void>)
    | undefined;
  /** The credentials as stored now: another process may have rotated them (core's settings). */
  readonly loadCurrentCredentials?:
    | (() => Promise<StoredCredentials<BlingCredentials> | undefined>)
    | undefined;
  /** Serialises rotations across every process sharing the account (core's settings). */
  readonly withCredentialsLock?: (<Value>(work: () => Promise<Value>) => Promise<Value>) | undefined;
  /** Clock in milliseconds, for tests. */
  readonly now?: () => number;
}

interface HeldToken {
  readonly value: string;
  /** When this adapter got it: a request started earlier that Bling refused used an older one. */
  readonly obtainedAt: number;
  readonly expiresAt: number | null;
  readonly renewAt: number;
}

/** Refresh a minute before the token expires (sheet §1.1). */
const renewalMarginMs = 60_000;

function heldToken(value: string, obtainedAt: number, expiresAt: number | null): HeldToken {
  const renewAt = expiresAt === null ? Number.POSITIVE_INFINITY : expiresAt - renewalMarginMs;
  return { value, obtainedAt, expiresAt, renewAt };
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

/**
 * Access tokens from the refresh-token grant. Bling's refresh token is single-use and rotates on
 * every refresh (sheet §1.1), so: one refresh at a time; the token is reused until a minute before
 * its own `expires_in` (20 token calls a minute block the IP); the new refresh token and access token
 * are reported to `onCredentialsRotated`, and the new access token is used only once that resolved
 * (if it fails, they stay in memory and are reported again before the next request); before
 * refreshing, what another process sharing the account stored is adopted (`rotate`).
 */
export function refreshingBlingAccessToken(options: RefreshingTokenOptions): BlingAccessToken {
  const now = options.now ?? Date.now;
  let credentials = options.credentials;
  let unreported: { credentials: BlingOAuthCredentials; token: HeldToken } | null = null;
  // The access token Bling last refused: never adopted again from the store.
  let rejected: string | null = null;
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

  async function report(rotated: BlingOAuthCredentials, token: HeldToken): Promise<void> {
    const report = { credentials: rotated, token };
    unreported = report;
    await options.onCredentialsRotated?.(rotated, { value: token.value, expiresAt: token.expiresAt });
    if (unreported === report) unreported = null;
  }

  /**
   * Takes over what another process sharing the account stored: its refresh token (the one held
   * here may be spent), and its access token while valid and not the one Bling just refused.
   */
  async function adoptStored(): Promise<{ refreshTokenChanged: boolean; token: HeldToken | null }> {
    const stored = await options.loadCurrentCredentials?.();
    if (stored === undefined || !('refreshToken' in stored.credentials)) {
      return { refreshTokenChanged: false, token: null };
    }
    const refreshTokenChanged = stored.credentials.refreshToken !== credentials.refreshToken;
    if (refreshTokenChanged) credentials = { ...credentials, refreshToken: stored.credentials.refreshToken };
    const issued = stored.accessToken;
    const token =
      issued === undefined || issued.value === rejected
        ? null
        : heldToken(issued.value, now(), issued.expiresAt);
    return { refreshTokenChanged, token: token !== null && now() < token.renewAt ? token : null };
  }

  /**
   * One rotation under the shared lock. Another process sharing the account may have refreshed
   * since this one last did, spending the refresh token held here (sheet §1.1, point 2): what it
   * stored is adopted first, and its access token used without refreshing while valid. When Bling
   * still answers `invalid_grant` (a process that took no lock), the stored credentials are read
   * once more and tried if they changed.
   */
  async function rotate(): Promise<HeldToken> {
    const stored = await adoptStored();
    if (stored.token !== null) return stored.token;
    try {
      return await refresh();
    } catch (error) {
      if (!UpstreamUnauthorizedError.isInstance(error)) throw error;
      const again = await adoptStored();
      if (!again.refreshTokenChanged) throw error;
      return again.token ?? (await refresh());
    }
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
    // Without a lifetime the token is kept until Bling refuses it.
    const lifetime = data.expires_in ?? null;
    const token = heldToken(
      data.access_token,
      requestedAt,
      lifetime === null ? null : requestedAt + lifetime * 1000,
    );
    if (data.refresh_token) credentials = { ...credentials, refreshToken: data.refresh_token };
    held = token;
    // Reported even when the refresh token stayed: other processes then reuse this access token.
    await report(credentials, token);
    return token;
  }

  return {
    async current() {
      if (unreported !== null) await report(unreported.credentials, unreported.token);
      if (held && now() < held.renewAt && pending === null) return held.value;
      const serialised = options.withCredentialsLock ?? ((work) => work());
      pending ??= serialised(rotate).finally(() => {
        pending = null;
      });
      held = await pending;
      return held.value;
    },
    discardRejected(requestStartedAt) {
      // A token obtained after the rejected request started is a fresh one: keep it.
      if (held && held.obtainedAt <= requestStartedAt) {
        rejected = held.value;
        held = null;
      }
      return true;
    },
    secrets,
  };
}
