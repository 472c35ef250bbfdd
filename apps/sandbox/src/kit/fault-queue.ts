import type { FaultKind, FaultOptions } from '@unicart/core/testing';

/** One fault taken from the queue for the current request. */
export interface Fault {
  readonly kind: FaultKind;
  readonly delayMs: number;
}

const defaultDelayMs = 35_000;

/** Faults waiting for the next responses, consumed in the order they were queued. */
export class FaultQueue {
  private readonly pending: { kind: FaultKind; remaining: number; delayMs: number }[] = [];

  add(kind: FaultKind, count = 1, options: FaultOptions = {}): void {
    if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
    const delayMs = options.delayMs ?? defaultDelayMs;
    if (!(delayMs >= 0)) throw new RangeError('delayMs must not be negative');
    this.pending.push({ kind, remaining: count, delayMs });
  }

  /** The fault for the next response, or `undefined` when none is queued. */
  take(): Fault | undefined {
    const next = this.pending[0];
    if (next === undefined) return undefined;
    next.remaining -= 1;
    if (next.remaining === 0) this.pending.shift();
    return { kind: next.kind, delayMs: next.delayMs };
  }

  clear(): void {
    this.pending.length = 0;
  }
}
