import type { z } from 'zod';
import type { UpstreamObserver } from '../../http/create-http-client';
import type { RetryOptions } from '../../http/retry-delay';
import type { AdapterCapabilities, CustomerAdapterV1 } from './customer-adapter-v1';

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

/** Settings of an adapter whose platform replaces its credentials (OAuth 2 refresh-token rotation). */
export interface CredentialsRotationSettings<Credentials extends object> {
  /**
   * Receives the complete new credentials when the platform rotated them. The adapter awaits it
   * before it uses them, so whoever stored the old credentials can store these first (a restart then
   * never loses the account). Until it resolves, the adapter keeps the new credentials in memory
   * and calls it again before its next request.
   */
  onCredentialsRotated?(credentials: Credentials): Promise<void>;
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
  /** Builds an adapter; adapters of platforms that rotate credentials report them to `onCredentialsRotated`. */
  create(
    settings: Credentials & CommonAdapterSettings & CredentialsRotationSettings<Credentials>,
  ): CustomerAdapterV1;
}
