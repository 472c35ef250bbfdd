import type { AmazonOrder } from './amazon-api';
import { amazonOrderCustomerId } from './map-amazon-customer';

/** Where the reading of a store's orders stands (persisted with the orders, in one step). */
export interface AmazonReadState {
  /**
   * The upper bound of the last window read to its end: the next poll asks for orders updated at
   * or after it. `null` until the first complete read ended.
   */
  readonly readUpTo: string | null;
  /** When the last complete read of the history window started (ISO), `null` before the first. */
  readonly completeReadAt: string | null;
  /** The window being read, when one is under way (its pages resume after a restart). */
  readonly reading: {
    readonly kind: 'created' | 'updated';
    readonly after: string;
    /** The next page's token; `null` before the first page. */
    readonly nextToken: string | null;
    /** When this window started (ISO): a complete read's `completeReadAt` once it ends. */
    readonly startedAt: string;
  } | null;
}

/** The state of a store whose orders were never read. */
export const initialAmazonReadState: AmazonReadState = {
  readUpTo: null,
  completeReadAt: null,
  reading: null,
};

/**
 * The orders an Amazon store's customers are derived from (CONTRACT §6), with the read state. The
 * adapter keeps one in memory (`createMemoryAmazonOrderLedger`); the gateway keeps one in its database.
 */
export interface AmazonOrderLedger {
  /** The read state (`initialAmazonReadState` for a store never read). */
  state(): Promise<AmazonReadState>;
  /**
   * In one step: stores `orders` (each replaces the stored order of the same id unless that one was
   * updated later), removes orders created before `pruneBefore` when given, saves `state`, and
   * keeps as unsettled the ids of the customers whose derivation may have changed (the buyers of
   * the stored orders now, and of the versions they replaced or removed). Resolves those ids.
   */
  record(
    orders: readonly AmazonOrder[],
    state: AmazonReadState,
    pruneBefore?: string,
  ): Promise<ReadonlySet<string>>;
  /**
   * Customers recorded as changed whose derivation was not yet handed on (`settle`): after a crash
   * between `record` and the mirror's write, the next step derives them again.
   */
  unsettled(): Promise<ReadonlySet<string>>;
  /** The derivations of these customers were handed on (written to the mirror). */
  settle(customerIds: Iterable<string>): Promise<void>;
  /** The stored orders whose buyer email gives this customer id. */
  ordersOf(customerId: string): Promise<readonly AmazonOrder[]>;
  /** Every customer id with at least one stored order, ascending. */
  customerIds(): Promise<readonly string[]>;
}

/** Whether `candidate` is at least as recent as `stored` (ISO strings of Amazon's one format compare as instants). */
export function isNewerOrSame(candidate: AmazonOrder, stored: AmazonOrder | undefined): boolean {
  return stored === undefined || Date.parse(candidate.lastUpdatedTime) >= Date.parse(stored.lastUpdatedTime);
}

/** A ledger in memory: what `createAmazonAdapter` uses when it is given none. */
export function createMemoryAmazonOrderLedger(): AmazonOrderLedger {
  const orders = new Map<string, AmazonOrder>();
  const byCustomer = new Map<string, Set<string>>();
  const pending = new Set<string>();
  let current = initialAmazonReadState;

  function unlink(order: AmazonOrder, touched: Set<string>): void {
    const owner = amazonOrderCustomerId(order);
    if (owner === null) return;
    touched.add(owner);
    byCustomer.get(owner)?.delete(order.orderId);
    if (byCustomer.get(owner)?.size === 0) byCustomer.delete(owner);
  }

  return {
    state: async () => current,
    async record(incoming, state, pruneBefore) {
      const touched = new Set<string>();
      if (pruneBefore !== undefined) {
        const cutoff = Date.parse(pruneBefore);
        for (const order of [...orders.values()]) {
          if (Date.parse(order.createdTime) < cutoff) {
            unlink(order, touched);
            orders.delete(order.orderId);
          }
        }
      }
      for (const order of incoming) {
        const stored = orders.get(order.orderId);
        if (!isNewerOrSame(order, stored)) continue;
        if (stored !== undefined) unlink(stored, touched);
        orders.set(order.orderId, order);
        const owner = amazonOrderCustomerId(order);
        if (owner === null) continue;
        touched.add(owner);
        byCustomer.set(owner, (byCustomer.get(owner) ?? new Set()).add(order.orderId));
      }
      current = state;
      for (const id of touched) pending.add(id);
      return touched;
    },
    unsettled: async () => new Set(pending),
    async settle(customerIds) {
      for (const id of customerIds) pending.delete(id);
    },
    async ordersOf(customerId) {
      return [...(byCustomer.get(customerId) ?? [])].map((id) => orders.get(id) as AmazonOrder);
    },
    async customerIds() {
      return [...byCustomer.keys()].sort();
    },
  };
}
