import type { z } from 'zod';
import type { UpstreamObserver } from '../../http/create-http-client';
import type { RetryOptions } from '../../http/retry-delay';
import type { AdapterCapabilities, CustomerAdapterV1 } from './customer-adapter-v1';
import type { PlatformWebhooks } from './platform-webhooks';

/** A structured logger; pino's is one. Adapters log warnings about the platform, never credentials. */
export interface AdapterLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/** Settings every adapter factory accepts besides the platform's credentials. */
export interface CommonAdapterSettings {
  /** Replaces the platform's public origin (`scheme://host[:port]`); paths stay the platform's own. */
  readonly baseUrl?: string | undefined;
  /** A fetch implementation (default: the global `fetch`). */
  readonly fetch?: typeof fetch | undefined;
  /** Timeout of each upstream attempt, in milliseconds (default 30 000). */
  readonly timeoutMs?: number | undefined;
  /** Retry policy of the HTTP client. */
  readonly retry?: Partial<RetryOptions> | undefined;
  /** Where platform warnings go (e.g. an API version that fell forward). */
  readonly logger?: AdapterLogger | undefined;
  /** Told about every upstream attempt (the gateway's metrics); passed to the HTTP client. */
  readonly observer?: UpstreamObserver | undefined;
}

/** An access token a platform issued with rotated credentials, shared with whoever stores them. */
export interface IssuedAccessToken {
  readonly value: string;
  /** Milliseconds since the epoch; `null` when the platform gave no lifetime. */
  readonly expiresAt: number | null;
}

/** Credentials as stored now, with the access token issued with them when it was stored too. */
export interface StoredCredentials<Credentials extends object> {
  readonly credentials: Credentials;
  readonly accessToken?: IssuedAccessToken | undefined;
}

/** Settings of an adapter whose platform replaces its credentials (OAuth 2 refresh-token rotation). */
export interface CredentialsRotationSettings<Credentials extends object> {
  /**
   * Receives the complete new credentials when the platform rotated them, with the access token
   * issued with them (so that other processes, and this one after a restart, reuse it rather than
   * refresh again). The adapter awaits it before it uses them, so whoever stored the old
   * credentials can store these first (a restart then never loses the account). Until it resolves,
   * the adapter keeps the new credentials in memory and calls it again before its next request.
   */
  onCredentialsRotated?(credentials: Credentials, accessToken?: IssuedAccessToken): Promise<void>;
  /**
   * The credentials as stored now, which another process sharing them may have rotated since this
   * adapter read its own (`undefined` when the store is gone). An adapter reads them before it
   * spends a single-use refresh token, and adopts them (and their access token while it is valid)
   * when they differ from what it holds.
   */
  loadCurrentCredentials?(): Promise<StoredCredentials<Credentials> | undefined>;
  /**
   * Runs `work` while no other adapter of the same store, in this process or another one sharing
   * the storage, runs its own: a rotation (read the stored credentials, refresh, report the new
   * ones) happens one at a time. Without it, the adapter serialises within itself only.
   */
  withCredentialsLock?<Value>(work: () => Promise<Value>): Promise<Value>;
}

/**
 * What each adapter package exports besides its factory, so the gateway registers a platform with
 * one line: capabilities as data, the credentials it stores, and how to build an adapter.
 */
export interface AdapterDefinition<Credentials extends object = object> {
  readonly specificationVersion: 'v1';
  readonly platform: string;
  /** Human name, e.g. `WooCommerce`. */
  readonly displayName: string;
  readonly capabilities: AdapterCapabilities;
  /** Validates the credentials object a store is connected with (docs/api-contract.md §2, Store administration). */
  readonly credentialsSchema: z.ZodType<Credentials>;
  /** URLs the adapter calls for these credentials when no `baseUrl` replaces them (for SSRF checks). */
  upstreamUrls(credentials: Credentials): string[];
  /** How the platform signs and shapes its customer webhooks; absent when it sends none. */
  readonly webhooks?: PlatformWebhooks | undefined;
  /** Builds an adapter; adapters of platforms that rotate credentials report them to `onCredentialsRotated`. */
  create(
    settings: Credentials & CommonAdapterSettings & CredentialsRotationSettings<Credentials>,
  ): CustomerAdapterV1;
}
