import { type AdapterLogger, UpstreamUnauthorizedError } from '@unicart/core';
import { ecwidErrorCode } from './ecwid-error';

/** Reads the store's currency once per adapter instance. */
export type EcwidStoreCurrency = (signal?: AbortSignal) => Promise<string | null>;

function toCurrencyCode(value: string | null | undefined): string | null {
  const code = value?.trim().toUpperCase() ?? '';
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

/**
 * The store currency from `GET /profile` (sheet §9.9), cached for the adapter's lifetime. A token
 * without the `read_store_profile` scope gets `null` (and is not asked again) rather than failing
 * every list (a warning is logged once); any other failure propagates and the next call asks again.
 */
export function createEcwidStoreCurrency(
  loadProfileCurrency: (signal?: AbortSignal) => Promise<string | null | undefined>,
  logger?: AdapterLogger,
): EcwidStoreCurrency {
  let known: { readonly currency: string | null } | undefined;
  return async (signal) => {
    if (known) return known.currency;
    try {
      known = { currency: toCurrencyCode(await loadProfileCurrency(signal)) };
    } catch (error) {
      const missingScope =
        UpstreamUnauthorizedError.isInstance(error) && ecwidErrorCode(error) === 'INSUFFICIENT_APP_SCOPE';
      if (!missingScope) throw error;
      logger?.warn(
        { platform: 'ecwid' },
        'The Ecwid token lacks the read_store_profile scope: customers and orders have currency null',
      );
      known = { currency: null };
    }
    return known.currency;
  };
}
