/** Retry policy of the HTTP client. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  readonly maxRetries: number;
  /** Backoff base in milliseconds (default 250). */
  readonly baseDelayMs: number;
  /** Longest wait between attempts, and the longest `Retry-After` honoured (default 8 000). */
  readonly maxDelayMs: number;
}

export const defaultRetryOptions: RetryOptions = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8_000 };

/** Exponential backoff with full jitter: `random(0, min(cap, base * 2^attempt))`. */
export function backoffDelayMs(
  attempt: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
