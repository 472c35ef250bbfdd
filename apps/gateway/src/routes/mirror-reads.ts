import {
  applyCustomerView,
  type Customer,
  type CustomerAdapterV1,
  type CustomerFilters,
  type CustomerView,
  FilterNotSupportedError,
  filterNamesInUse,
  InvalidRequestError,
  isWholeCustomerView,
  type ViewedCustomer,
} from '@unicart/core';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { MirrorStore } from '../sync/customer-mirror-sql';
import { SyncNotEnabledError, SyncNotReadyError } from '../sync/sync-errors';
import type { SyncStatusReader } from '../sync/sync-status';
import { errorResponse, storeErrorResponses } from './schemas';

/** What the customer routes need to answer from the mirror, and to keep it in step with writes. */
export interface MirrorAccess {
  readonly mirror: MirrorStore;
  readonly syncStatus: SyncStatusReader;
  /** Whether the platform's stores are read only from their mirror (CONTRACT.md §6: Amazon). */
  readonly mirrorOnly: (platform: string) => boolean;
}

/**
 * Where a read is answered from: the `consistency` asked for, or the store's default. A platform
 * that has only a mirror reads it by default, and `live` there is a 400 (CONTRACT.md §6).
 */
export function consistencyOf(
  access: MirrorAccess,
  platform: string,
  requested: 'live' | 'mirror' | undefined,
): 'live' | 'mirror' {
  if (!access.mirrorOnly(platform)) return requested ?? 'live';
  if (requested === 'live') {
    throw new InvalidRequestError(
      `Invalid query parameters: consistency: ${platform} stores are read only from their mirror`,
      { issues: [{ path: 'consistency', message: `must be mirror on a ${platform} store` }] },
    );
  }
  return 'mirror';
}

/** The header of every mirror answer: when the mirror last caught up with the platform. */
const syncedAtHeader = 'unicart-synced-at';

/** How long a client waits before asking a mirror that is still being filled again. */
const notReadyRetryAfterSeconds = 30;

/**
 * Refuses a mirror read on a store without sync (400) or before its first full read (503), and
 * stamps the answer with `Unicart-Synced-At`.
 */
export async function openMirrorRead(
  access: MirrorAccess,
  storeId: string,
  reply: FastifyReply,
): Promise<MirrorStore> {
  const readiness = await access.syncStatus.readiness(storeId);
  if (readiness === null) throw new SyncNotEnabledError('consistency=mirror');
  if (readiness.firstFullReadAt === null) throw new SyncNotReadyError(notReadyRetryAfterSeconds);
  reply.header(syncedAtHeader, readiness.syncedAt ?? readiness.firstFullReadAt);
  return access.mirror;
}

/**
 * On a store read only from its mirror, the filters are those its adapter declares: Amazon's ids are
 * hex, so `ids` and `sinceId` (numeric ids) are refused rather than never matching (§6).
 */
export function assertMirrorOnlyFilters(
  access: MirrorAccess,
  adapter: CustomerAdapterV1,
  filters: CustomerFilters,
): void {
  if (!access.mirrorOnly(adapter.platform)) return;
  for (const name of filterNamesInUse(filters)) {
    if (adapter.capabilities.filters[name] === undefined)
      throw new FilterNotSupportedError(name, adapter.platform);
  }
}

/**
 * How a mirror read shapes each customer (`fields`, §4). The mirror keeps canonical customers, not
 * the platforms' native records: `include=raw` is refused rather than answered without `raw`.
 */
export function mirrorView(view: CustomerView): (customer: Customer) => Customer | ViewedCustomer {
  if (view.raw === true) {
    throw new InvalidRequestError(
      'Invalid query parameters: include: raw is not available with consistency=mirror (the mirror keeps canonical customers, not the platform’s native records): read with consistency=live',
      { issues: [{ path: 'include', message: 'raw is not available with consistency=mirror' }] },
    );
  }
  return isWholeCustomerView(view) ? (customer) => customer : (customer) => applyCustomerView(customer, view);
}

/** Customers per mirror query while exporting. */
const exportPageSize = 500;

/** Every customer of the mirror matching the filters, in ascending id order, a page at a time. */
export async function* iterateMirror(
  mirror: MirrorStore,
  storeId: string,
  filters: CustomerFilters,
  shape: (customer: Customer) => Customer | ViewedCustomer,
): AsyncGenerator<Customer | ViewedCustomer, void> {
  let after = null;
  do {
    const page = await mirror.list(storeId, { filters, limit: exportPageSize, after });
    yield* page.customers.map(shape);
    after = page.next;
  } while (after !== null);
}

/**
 * A customer the gateway just wrote to the platform goes into the mirror and feed at once, when
 * the store has sync. The write already succeeded: a failure here is logged, and the next poll
 * brings the mirror in step.
 */
export async function mirrorWrite(
  access: MirrorAccess,
  storeId: string,
  change: { readonly upserts?: readonly Customer[]; readonly deletes?: readonly string[] },
  log: FastifyBaseLogger,
): Promise<void> {
  try {
    if ((await access.syncStatus.readiness(storeId)) === null) return;
    await access.mirror.apply(
      storeId,
      { upserts: change.upserts ?? [], deletes: change.deletes ?? [] },
      new Date(),
    );
  } catch (error) {
    log.warn({ err: error }, 'the written customer could not be put in the mirror; the next poll will');
  }
}

/** The answers only a mirror read gives (its 400 adds `sync_not_enabled` to the store's). */
export const mirrorReadErrorResponses = {
  400: {
    ...storeErrorResponses[400],
    description: `${storeErrorResponses[400].description}; sync_not_enabled: consistency=mirror on a store without sync`,
  },
  503: {
    ...errorResponse(
      "sync_not_ready: consistency=mirror before the store's first full read finished; Retry-After says when to try again",
      {
        code: 'sync_not_ready',
        message:
          "The store's mirror is still being filled by its first full read: retry later, or read with consistency=live",
      },
    ),
    headers: {
      'Retry-After': {
        description: 'Seconds to wait before trying again',
        type: 'integer',
        minimum: 0,
        examples: [30],
      },
    },
  },
};

/** `Unicart-Synced-At` on the 200 of a route that reads from the mirror. */
export const syncedAtResponseHeader = {
  'Unicart-Synced-At': {
    description:
      'Only with consistency=mirror: ISO time of the last successful poll or full read of the store, i.e. how fresh the answer is',
    schema: { type: 'string', format: 'date-time' },
  },
};
