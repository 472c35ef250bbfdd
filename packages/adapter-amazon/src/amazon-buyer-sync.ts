import type { CallOptions, Customer } from '@unicart/core';
import type { AmazonOrder } from './amazon-api';
import type { AmazonOrderLedger, AmazonReadState } from './amazon-order-ledger';
import type { AmazonOrdersApi, AmazonOrderWindow } from './amazon-orders-api';
import { mapAmazonCustomer } from './map-amazon-customer';

/** Days of orders a store's customers are derived from, unless told otherwise (CONTRACT §6). */
export const defaultAmazonHistoryDays = 730;

export interface AmazonSyncStepOptions extends CallOptions {
  /** The history window in days (`UNICART_AMAZON_HISTORY_DAYS`). */
  readonly historyDays: number;
  /**
   * Start a complete read of the history window even though a poll would do (the periodic full
   * read); ignored while a window is being read.
   */
  readonly completeRead?: boolean | undefined;
  /** Clock in milliseconds, for tests. */
  readonly now?: (() => number) | undefined;
}

/**
 * What one page of orders changed, for the mirror (`CustomerMirror.apply` in the gateway). Once it
 * is written, the caller settles the customers in the ledger (`ledger.settle(step.customerIds)`).
 */
export interface AmazonSyncStep {
  /** The customers derived anew from their stored orders. */
  readonly upserts: readonly Customer[];
  /** Ids of buyers with no order left (cancelled, or out of the history window). */
  readonly deletes: readonly string[];
  /** Every customer id this step derived (upserted or deleted). */
  readonly customerIds: readonly string[];
  /** Orders this page held. */
  readonly ordersRead: number;
  /** This page ended its window: the store is read up to date (until the next poll). */
  readonly windowDone: boolean;
  /** A complete read of the history window has ended (now or before): every buyer is known. */
  readonly ready: boolean;
}

/** `now - days`, as searchOrders takes it: whole seconds, UTC (sheet §10). */
export function historyStart(nowMs: number, days: number): string {
  return new Date(Math.floor(nowMs / 1000) * 1000 - days * 86_400_000).toISOString().replace('.000Z', 'Z');
}

/** The window to read now: the one under way, a complete read, or a poll from the last bound (sheet §13). */
function windowToRead(state: AmazonReadState, options: AmazonSyncStepOptions, nowMs: number) {
  if (state.reading !== null) return state.reading;
  const startedAt = new Date(nowMs).toISOString();
  if (state.readUpTo === null || options.completeRead === true) {
    return {
      kind: 'created' as const,
      after: historyStart(nowMs, options.historyDays),
      nextToken: null,
      startedAt,
    };
  }
  return { kind: 'updated' as const, after: state.readUpTo, nextToken: null, startedAt };
}

/**
 * The customer a ledger's orders give for `customerId` now, or `null` when it has none in the
 * history window (CONTRACT §6).
 */
export async function deriveAmazonCustomer(
  ledger: AmazonOrderLedger,
  customerId: string,
  historyFrom: string,
): Promise<Customer | null> {
  const cutoff = Date.parse(historyFrom);
  const orders = (await ledger.ordersOf(customerId)).filter(
    (order) => Date.parse(order.createdTime) >= cutoff,
  );
  return mapAmazonCustomer(orders);
}

/**
 * Reads one page of searchOrders into the ledger and derives the buyers it touched (sheet §13):
 * a complete read (`createdAfter` = now − the history window) first and whenever asked, polls
 * (`lastUpdatedAfter` = the bound Amazon gave for the last window) otherwise; the window's page
 * token is kept in the ledger, so a read of many hours resumes where it stopped. Orders older
 * than the window leave the ledger, and their buyers are derived again (or deleted).
 */
export async function readAmazonOrdersPage(
  api: AmazonOrdersApi,
  ledger: AmazonOrderLedger,
  options: AmazonSyncStepOptions,
): Promise<AmazonSyncStep> {
  const nowMs = (options.now ?? Date.now)();
  const state = await ledger.state();
  const reading = windowToRead(state, options, nowMs);
  const window: AmazonOrderWindow = { kind: reading.kind, after: reading.after };
  const page = await api.searchOrders(window, reading.nextToken, { signal: options.signal });
  const historyFrom = historyStart(nowMs, options.historyDays);
  const windowDone = page.nextToken === null;
  const next: AmazonReadState = windowDone
    ? {
        readUpTo: page.bound,
        completeReadAt: reading.kind === 'created' ? reading.startedAt : state.completeReadAt,
        reading: null,
      }
    : { ...state, reading: { ...reading, nextToken: page.nextToken } };
  // An order created before the window (updated lately) is no buyer's in this store (CONTRACT §6).
  const cutoff = Date.parse(historyFrom);
  const inWindow = page.orders.filter((order: AmazonOrder) => Date.parse(order.createdTime) >= cutoff);
  const leftOver = await ledger.unsettled();
  const touched = new Set([...leftOver, ...(await ledger.record(inWindow, next, historyFrom))]);
  const upserts: Customer[] = [];
  const deletes: string[] = [];
  for (const id of [...touched].sort()) {
    const customer = await deriveAmazonCustomer(ledger, id, historyFrom);
    if (customer === null) deletes.push(id);
    else upserts.push(customer);
  }
  return {
    upserts,
    deletes,
    customerIds: [...touched],
    ordersRead: page.orders.length,
    windowDone,
    ready: next.completeReadAt !== null,
  };
}
