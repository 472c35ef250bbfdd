/** A store's request quota: `quota` requests in each window of `windowMs` (sheet §6). */
export interface BigCommerceRateLimit {
  readonly quota: number;
  readonly windowMs: number;
}

/** The Standard and Plus plans: 150 requests every 30 s. */
export const standardPlanRateLimit: BigCommerceRateLimit = { quota: 150, windowMs: 30_000 };

/** What one request did to the quota, and the headers every answer carries. */
export interface QuotaVerdict {
  readonly allowed: boolean;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * A per-store quota refreshed every window (sheet §6): the window starts with the first request
 * after the previous one ended; every answer announces the quota left and the time to the refresh,
 * and a request over the quota is refused until then.
 */
export class StoreQuota {
  private windowEndsAt = 0;
  private used = 0;

  constructor(
    private readonly limit: BigCommerceRateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  take(): QuotaVerdict {
    const now = this.now();
    if (now >= this.windowEndsAt) {
      this.windowEndsAt = now + this.limit.windowMs;
      this.used = 0;
    }
    const allowed = this.used < this.limit.quota;
    if (allowed) this.used += 1;
    const resetMs = this.windowEndsAt - now;
    return {
      allowed,
      headers: {
        'X-Rate-Limit-Time-Window-Ms': String(this.limit.windowMs),
        'X-Rate-Limit-Time-Reset-Ms': String(resetMs),
        'X-Rate-Limit-Requests-Quota': String(this.limit.quota),
        'X-Rate-Limit-Requests-Left': String(this.limit.quota - this.used),
        ...(allowed ? {} : { 'X-Retry-After': String(Math.max(1, Math.ceil(resetMs / 1000))) }),
      },
    };
  }

  clear(): void {
    this.windowEndsAt = 0;
    this.used = 0;
  }
}
