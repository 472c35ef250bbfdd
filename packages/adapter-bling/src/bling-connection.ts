import {
  type CommonAdapterSettings,
  type CredentialsRotationSettings,
  parseWithSchema,
  type RequestLimiter,
} from '@unicart/core';
import { z } from 'zod';
import type { BlingOAuthCredentials } from './bling-access-token';

/** A bare access token (nothing can be refreshed: when it expires, the account is reconnected). */
export interface BlingAccessTokenCredentials {
  readonly accessToken: string;
}

/** What a Bling account is connected with (CONTRACT.md §2, Store administration). */
export type BlingCredentials = BlingOAuthCredentials | BlingAccessTokenCredentials;

/** Options of `createBlingAdapter`. */
export type BlingAdapterSettings = BlingCredentials &
  CommonAdapterSettings &
  CredentialsRotationSettings<BlingCredentials> & {
    /**
     * Paces requests under Bling's 3 a second per account (sheet §8). Default: one request every
     * 400 ms. Share one limiter between adapters of the same Bling account.
     */
    readonly limiter?: RequestLimiter | undefined;
  };

/** Bling's public API origin (OpenAPI `servers`, sheet §1). */
export const blingApiOrigin = 'https://api.bling.com.br';
/** The token endpoint's origin, as the official SDK calls it (sheet §1). */
export const blingTokenOrigin = 'https://www.bling.com.br';
/** Every path is under this prefix, for the API and the token endpoint alike. */
export const blingPathPrefix = '/Api/v3';

const secret = z.string().trim().min(1, 'must be a non-empty string');

export const blingCredentialsSchema: z.ZodType<BlingCredentials> = z.union([
  z.object({ clientId: secret, clientSecret: secret, refreshToken: secret }).strict(),
  z.object({ accessToken: secret }).strict(),
]);

/** Validates the credentials part of the settings, naming the field that is wrong. */
export function parseBlingCredentials(settings: BlingAdapterSettings): BlingCredentials {
  const candidate =
    'accessToken' in settings
      ? { accessToken: settings.accessToken }
      : {
          clientId: settings.clientId,
          clientSecret: settings.clientSecret,
          refreshToken: settings.refreshToken,
        };
  return parseWithSchema(blingCredentialsSchema, candidate, {
    summary: 'Invalid Bling credentials',
    platform: 'bling',
  });
}
