/** A limit of `limit` requests in any window of `windowMs` milliseconds. */
export interface WindowLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** The verdict on one request: allowed, or refused with the whole seconds until a slot frees. */
export type LimitVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Counts requests per key over a sliding window (the exact log of recent request times), so a burst
 * at the end of one minute and the start of the next is refused as the platforms' per-minute limits are.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly window: WindowLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one request for `key` when allowed. */
  hit(key: string): LimitVerdict {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((time) => time > now - this.window.windowMs);
    if (recent.length >= this.window.limit) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? now;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.window.windowMs - now) / 1000)),
      };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true };
  }

  /** Requests `key` may still make in the current window, without recording one. */
  remaining(key: string): number {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((time) => time > now - this.window.windowMs);
    return Math.max(0, this.window.limit - recent.length);
  }

  clear(): void {
    this.hits.clear();
  }
}
