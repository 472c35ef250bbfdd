import { untilAborted } from '../http/deadline';
import { toCurrencyCode } from '../normalize/currency';
import type { AdapterLogger } from './v1/adapter-definition';

/**
 * What to do when the store's currency cannot be read:
 * `remember` answers `null` from now on (the refusal is permanent, e.g. a missing scope);
 * `skip` answers `null` this time and asks again next time (a passing failure);
 * `fail` lets the error fail the operation.
 */
export type CurrencyUnavailable = 'remember' | 'skip' | 'fail';

/** The store's currency, read once per adapter instance and cached. */
export interface StoreCurrency {
  get(signal?: AbortSignal): Promise<string | null>;
}

/**
 * Platforms that keep the currency on the store rather than on each customer (Ecwid, WooCommerce)
 * read it with one extra call; this caches it, normalises it to ISO 4217 (anything else → `null`),
 * and applies the platform's decision when the call fails.
 */
export function createStoreCurrency(options: {
  readonly platform: string;
  readonly load: (signal?: AbortSignal) => Promise<string | null | undefined>;
  readonly whenUnavailable: (error: unknown) => CurrencyUnavailable;
  readonly logger?: AdapterLogger | undefined;
}): StoreCurrency {
  let known: { readonly code: string | null } | undefined;
  let loading: Promise<string | null | undefined> | undefined;
  // One read for all the calls that need the currency at once (a store's first burst of requests).
  // It runs without any caller's signal, so one caller going away cannot fail the others; the
  // HTTP client's timeout bounds it, and each caller still stops waiting when its own signal aborts.
  const sharedLoad = () => {
    if (loading === undefined) {
      loading = options.load().finally(() => {
        loading = undefined;
      });
      loading.catch(() => undefined);
    }
    return loading;
  };
  return {
    async get(signal) {
      if (known) return known.code;
      try {
        known = { code: toCurrencyCode(await untilAborted(sharedLoad(), signal)) };
        return known.code;
      } catch (error) {
        const decision = signal?.aborted ? 'fail' : options.whenUnavailable(error);
        if (decision === 'fail') throw error;
        if (decision === 'remember') known = { code: null };
        options.logger?.warn(
          { platform: options.platform, reason: (error as { code?: unknown })?.code ?? 'unknown' },
          `The ${options.platform} store currency is unavailable: customers and orders have currency null`,
        );
        return null;
      }
    },
  };
}
