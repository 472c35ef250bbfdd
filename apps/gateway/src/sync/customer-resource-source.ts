import {
  type CallOptions,
  type Customer,
  type CustomerAdapterV1,
  type CustomerFilters,
  maxFilterIds,
  maxPageLimit,
  numericIdPattern,
  type SyncCapabilities,
} from '@unicart/core';
import type { CustomerMirror } from './customer-mirror';
import type { SyncSource, SyncStepContext } from './sync-source';

/** Customers handed to the mirror per transaction: bounded memory, and a long read keeps its progress. */
const upsertsPerApply = 500;

/** Collects upserts and applies them to the mirror a batch at a time. */
class MirrorWriter {
  private upserts: Customer[] = [];

  constructor(
    private readonly mirror: CustomerMirror,
    private readonly storeId: string,
    private readonly signal: AbortSignal,
  ) {}

  async upsert(customer: Customer): Promise<void> {
    this.upserts.push(customer);
    if (this.upserts.length >= upsertsPerApply) await this.flush();
  }

  /** Applies the pending upserts, then `deletes`; stops before writing once the step is aborted. */
  async flush(deletes: readonly string[] = []): Promise<void> {
    this.signal.throwIfAborted();
    const upserts = this.upserts;
    this.upserts = [];
    if (upserts.length === 0 && deletes.length === 0) return;
    await this.mirror.apply(this.storeId, { upserts, deletes }, new Date());
  }
}

/**
 * Reads customers by id again, as the platform has them now: those it still has are upserted, the
 * others deleted. Ids go through the `ids` filter (up to 100 a request) where the platform offers
 * it, else one `getCustomer` each.
 */
async function rereadCustomers(
  adapter: CustomerAdapterV1,
  ids: readonly string[],
  writer: MirrorWriter,
  options: CallOptions,
): Promise<void> {
  const unique = [...new Set(ids)];
  const byFilter = adapter.capabilities.filters.ids !== undefined;
  for (let start = 0; start < unique.length; start += maxFilterIds) {
    const chunk = unique.slice(start, start + maxFilterIds);
    const found = new Set<string>();
    const filterable = chunk.filter((id) => numericIdPattern.test(id));
    if (byFilter && filterable.length > 0) {
      for await (const customer of adapter.iterateCustomers({ ids: filterable }, options)) {
        found.add(customer.id);
        await writer.upsert(customer);
      }
    }
    for (const id of chunk) {
      if (byFilter && numericIdPattern.test(id)) continue;
      const customer = await adapter.getCustomer(id, options);
      if (customer === null) continue;
      found.add(customer.id);
      await writer.upsert(customer);
    }
    await writer.flush(chunk.filter((id) => !found.has(id)));
  }
}

/** Every customer, each upserted; then mirrored ids the read did not meet are read again (gone → deleted). */
async function fullRead(context: SyncStepContext, writer: MirrorWriter): Promise<void> {
  const { adapter, mirror, storeId, signal } = context;
  // Only ids mirrored before the read began can be judged by it: a customer written through the
  // gateway meanwhile may have been created after the read passed its page.
  const mirroredBefore = await mirror.ids(storeId);
  const seen = new Set<string>();
  for await (const customer of adapter.iterateCustomers({}, { signal })) {
    seen.add(customer.id);
    await writer.upsert(customer);
  }
  await writer.flush();
  // The read was complete. A mirrored id it did not meet is a deletion candidate; it is confirmed by
  // reading it again, because paging over a live store can skip a record when others go.
  const missing = [...mirroredBefore].filter((id) => !seen.has(id));
  await rereadCustomers(adapter, missing, writer, { signal });
}

/**
 * The matching customers page after page. Polls read this way rather than with `iterateCustomers`,
 * which may start a whole-store export (Shopify's bulk operations): far too heavy for the few
 * customers a minute's window holds.
 */
async function* pagesOf(adapter: CustomerAdapterV1, filters: CustomerFilters, signal: AbortSignal) {
  let cursor: string | null = null;
  do {
    const page = await adapter.listCustomers({ ...filters, limit: maxPageLimit, cursor }, { signal });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

/** What changed since `since`, found as the platform's capabilities allow. */
async function incrementalRead(
  context: SyncStepContext,
  sync: SyncCapabilities,
  since: string,
  writer: MirrorWriter,
): Promise<void> {
  const { adapter, signal } = context;
  if (sync.changes === 'updatedAt') {
    for await (const customer of pagesOf(adapter, { updatedAt: { from: since } }, signal)) {
      await writer.upsert(customer);
    }
    await writer.flush();
  } else if (sync.changes === 'changedIds' && adapter.listChangedCustomerIds) {
    await rereadCustomers(adapter, await adapter.listChangedCustomerIds(since, { signal }), writer, {
      signal,
    });
  }
  if (sync.deletes === 'native' && adapter.listDeletedCustomerIds) {
    const deleted = await adapter.listDeletedCustomerIds(since, { signal });
    await writer.flush(deleted);
  }
}

/** Whether a step of this adapter must read everything (a platform that cannot narrow a read). */
export function readsEverything(adapter: CustomerAdapterV1): boolean {
  return adapter.capabilities.sync?.changes === 'scan';
}

/** The engine's own source: the platform's customer resource, read as `capabilities.sync` declares. */
export function customerResourceSource(sync: SyncCapabilities): SyncSource {
  return {
    deletes: sync.deletes,
    async step(context) {
      const writer = new MirrorWriter(context.mirror, context.storeId, context.signal);
      if (context.kind === 'full' || context.since === null) await fullRead(context, writer);
      else await incrementalRead(context, sync, context.since, writer);
      return { customers: await context.mirror.size(context.storeId) };
    },
  };
}

/** Re-reads the customers webhooks named (Seam 3) into the mirror. */
export async function applyHints(
  adapter: CustomerAdapterV1,
  mirror: CustomerMirror,
  storeId: string,
  customerIds: readonly string[],
  signal: AbortSignal,
): Promise<void> {
  await rereadCustomers(adapter, customerIds, new MirrorWriter(mirror, storeId, signal), { signal });
}
