import { InvalidRequestError } from '../errors/invalid-request-error';

/** The context `JSON.parse` gives a reviver on Node ≥ 21 (TC39 "JSON.parse source text access"). */
interface ReviverContext {
  readonly source?: string;
}

/**
 * Parses a webhook body. Integers beyond `Number.MAX_SAFE_INTEGER` (Shopify's ids) are kept as their
 * exact decimal text, so ids survive. A body that is not JSON → `InvalidRequestError`.
 */
export function readWebhookJson(body: Uint8Array, platform: string): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'), function keepExactIntegers(
      this: unknown,
      _key: string,
      value: unknown,
      context?: ReviverContext,
    ) {
      if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined) {
        return /^-?\d+$/.test(context.source) ? context.source : value;
      }
      return value;
    } as (this: unknown, key: string, value: unknown) => unknown);
  } catch (error) {
    throw new InvalidRequestError('The webhook body is not JSON', { platform, cause: error });
  }
}
