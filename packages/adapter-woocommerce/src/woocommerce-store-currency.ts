import {
  type AdapterLogger,
  NotFoundError,
  UnicartError,
  UpstreamError,
  UpstreamUnauthorizedError,
} from '@unicart/core';

/** An ISO 4217 code as the canonical models carry it, or `null` for anything else. */
export function toCurrencyCode(value: string | null | undefined): string | null {
  const code = value?.trim().toUpperCase();
  return code && /^[A-Z]{3}$/.test(code) ? code : null;
}

export interface StoreCurrency {
  /** The store's currency; `null` when WooCommerce does not tell (never a failed list). */
  get(signal?: AbortSignal): Promise<string | null>;
}

/** A refusal that asking again will not change (no permission, no such route, not a currency). */
function isPermanent(error: UnicartError): boolean {
  return (
    UpstreamUnauthorizedError.isInstance(error) ||
    NotFoundError.isInstance(error) ||
    (UpstreamError.isInstance(error) && !error.retryable)
  );
}

/**
 * The store currency, read once per adapter instance from `GET /data/currencies/current` (sheet §2)
 * and cached. A permanent refusal is cached as `null`; a transient failure gives `null` this time.
 */
export function createStoreCurrency(options: {
  readonly load: (signal?: AbortSignal) => Promise<string>;
  readonly logger?: AdapterLogger | undefined;
}): StoreCurrency {
  let cached: { readonly code: string | null } | undefined;
  return {
    async get(signal) {
      if (cached) return cached.code;
      try {
        const code = toCurrencyCode(await options.load(signal));
        cached = { code };
        return code;
      } catch (error) {
        if (signal?.aborted || !UnicartError.isInstance(error)) throw error;
        if (isPermanent(error)) cached = { code: null };
        options.logger?.warn(
          { platform: 'woocommerce', code: error.code },
          'The WooCommerce store currency is unavailable; customers are returned with currency null',
        );
        return null;
      }
    },
  };
}
