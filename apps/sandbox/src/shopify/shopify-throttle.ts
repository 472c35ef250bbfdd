/** A leaky bucket's state, as `extensions.cost.throttleStatus` reports it (sheet §6). */
export interface ThrottleStatus {
  readonly maximumAvailable: number;
  readonly currentlyAvailable: number;
  readonly restoreRate: number;
}

/** Bucket size and restore rate (points per second). */
export interface LeakyBucketSettings {
  readonly maximumAvailable: number;
  readonly restoreRate: number;
}

/**
 * Shopify's calculated-cost bucket for one app on one shop: it refills continuously at
 * `restoreRate` points a second up to `maximumAvailable`; a query runs only if its requested cost
 * fits, and the difference to its actual cost is given back afterwards.
 */
export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    private readonly settings: LeakyBucketSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.available = settings.maximumAvailable;
    this.updatedAt = now();
  }

  private refill(): void {
    const now = this.now();
    this.available = Math.min(
      this.settings.maximumAvailable,
      this.available + ((now - this.updatedAt) / 1000) * this.settings.restoreRate,
    );
    this.updatedAt = now;
  }

  /** Takes `cost` points when they are available; `false` means throttled. */
  tryTake(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Gives back points a query did not use. */
  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.settings.maximumAvailable, this.available + Math.max(0, points));
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.settings.maximumAvailable,
      // Shopify reports whole points.
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.settings.restoreRate,
    };
  }
}
