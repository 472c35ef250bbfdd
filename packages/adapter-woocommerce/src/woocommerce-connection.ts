import {
  type CommonAdapterSettings,
  parseOrigin,
  parseWithSchema,
  type QueryParams,
  type RequestLimiter,
} from '@unicart/core';
import { z } from 'zod';

/** Credentials of a WooCommerce store: the site and a REST API key pair of it. */
export interface WooCommerceCredentials {
  /** The WordPress site root, `https://shop.example.com` or with a sub-directory `https://example.com/store`. */
  readonly url: string;
  /** The consumer key (`ck_…`) of a REST API key made in WooCommerce → Settings → Advanced → REST API. */
  readonly consumerKey: string;
  /** The consumer secret (`cs_…`) of that key. */
  readonly consumerSecret: string;
}

/** How the key pair travels. Both need HTTPS: WooCommerce ignores them over plain HTTP. */
export type WooCommerceAuthMethod = 'basic' | 'query-string';

/** Options of `createWooCommerceAdapter`. */
export interface WooCommerceAdapterSettings extends WooCommerceCredentials, CommonAdapterSettings {
  /**
   * `basic` (default): an `Authorization: Basic` header. `query-string`: `consumer_key` and
   * `consumer_secret` query parameters, for hosts that strip the Authorization header.
   */
  readonly authMethod?: WooCommerceAuthMethod | undefined;
  /**
   * WooCommerce has no rate limit of its own, but shared hosts and firewalls often put one in front
   * of it. Pass a limiter (core's `createTokenBucket`) to pace requests under a known host limit
   * instead of meeting it as 429s. Default: no pacing.
   */
  readonly limiter?: RequestLimiter | undefined;
}

function parseHttpUrl(value: string): URL | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
}

function isSiteRoot(value: string): boolean {
  const url = parseHttpUrl(value);
  return url !== null && url.username === '' && url.password === '' && url.search === '' && url.hash === '';
}

const requiredText = z.string().trim().min(1, 'must be a non-empty string');

const credentialsShape = {
  url: z
    .string()
    .trim()
    .refine(isSiteRoot, 'must be the http(s) URL of the WordPress site root, without query or credentials'),
  consumerKey: requiredText,
  consumerSecret: requiredText,
};

export const woocommerceCredentialsSchema: z.ZodType<WooCommerceCredentials> = z
  .object(credentialsShape)
  .strict();

const connectionSettingsSchema = z.object({
  ...credentialsShape,
  authMethod: z.enum(['basic', 'query-string']).optional(),
});

/** Everything the HTTP client needs to reach and authenticate with one store. */
export interface WooCommerceConnection {
  /** `{origin}{site sub-directory}/wp-json/wc/v3`. */
  readonly apiRoot: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: QueryParams;
  readonly secrets: readonly string[];
  /** The site itself is plain `http://` and no `baseUrl` replaces it (sheet §9.8). */
  readonly plainHttp: boolean;
}

/**
 * The API root: `origin` (a validated `baseUrl`) replaces only the origin of `url`, so a site in a
 * sub-directory keeps it (`url` `https://example.com/store` + `http://127.0.0.1:9103` →
 * `http://127.0.0.1:9103/store/wp-json/wc/v3`).
 */
export function wooCommerceApiRoot(siteUrl: string, origin?: string): string {
  const site = new URL(siteUrl);
  return `${origin ?? site.origin}${site.pathname.replace(/\/+$/, '')}/wp-json/wc/v3`;
}

/** Validates the settings (`InvalidRequestError` naming the field) and resolves root and auth. */
export function resolveWooCommerceConnection(settings: WooCommerceAdapterSettings): WooCommerceConnection {
  const { url, consumerKey, consumerSecret, authMethod } = parseWithSchema(
    connectionSettingsSchema,
    {
      url: settings.url,
      consumerKey: settings.consumerKey,
      consumerSecret: settings.consumerSecret,
      authMethod: settings.authMethod,
    },
    { summary: 'Invalid WooCommerce settings', platform: 'woocommerce' },
  );
  const origin =
    settings.baseUrl === undefined ? undefined : parseOrigin(settings.baseUrl, { platform: 'woocommerce' });
  const basicToken = Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64');
  const queryString = authMethod === 'query-string';
  return {
    apiRoot: wooCommerceApiRoot(url, origin),
    headers: queryString ? {} : { authorization: `Basic ${basicToken}` },
    query: queryString ? { consumer_key: consumerKey, consumer_secret: consumerSecret } : {},
    secrets: [consumerKey, consumerSecret, basicToken],
    plainHttp: new URL(url).protocol === 'http:' && origin === undefined,
  };
}
