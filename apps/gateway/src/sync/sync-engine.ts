import { type AdapterCapabilities, InvalidRequestError, UnicartError } from '@unicart/core';
import type { Logger } from 'pino';
import { type CredentialCipher, createCredentialCipher } from '../crypto/credential-cipher';
import type { SecretKeyRing } from '../crypto/secret-keys';
import type { SqlDatabase } from '../stores/sql-database';
import type { AuthenticatedStore, StoreRegistry } from '../stores/store-registry';
import type { WebhookReceiver, WebhookReceivers } from '../webhooks/webhook-receivers';
import type { CustomerChangeHints } from './customer-change-hints';
import type { CustomerMirror } from './customer-mirror';
import { applyHints, customerResourceSource, readsEverything } from './customer-resource-source';
import type { SyncScheduler, SyncStepRunner } from './sync-scheduler';
import type { SyncSource, SyncSourceFactory } from './sync-source';
import {
  createSqlSyncStateStore,
  type SyncError,
  type SyncStateRecord,
  type SyncStateStore,
} from './sync-state';
import type { SyncStatusReader } from './sync-status';

/** `GET /api/v2/sync` (CONTRACT.md §5, Reading the state). */
export interface SyncStatus {
  readonly enabled: boolean;
  readonly status: 'disabled' | 'initializing' | 'ready' | 'failing';
  readonly customers: number | null;
  readonly lastPollAt: string | null;
  readonly lastFullScanAt: string | null;
  readonly lastError: SyncError | null;
  readonly deletes: 'native' | 'webhook' | 'scan' | null;
}

/** What `sync` on `POST /admin/v1/stores` and `PATCH /admin/v1/stores/{id}` asks for. */
export interface SyncSettings {
  readonly enabled: boolean;
  /** A string sets it, `null` removes it, absent keeps it. */
  readonly webhookSecret?: string | null | undefined;
}

export interface SyncEngineOptions {
  readonly database: SqlDatabase;
  readonly mirror: CustomerMirror;
  readonly stores: Pick<StoreRegistry, 'open'>;
  readonly keys: SecretKeyRing;
  readonly logger: Logger;
  readonly scheduler: SyncScheduler;
  /** `UNICART_SYNC_INTERVAL_SECONDS` in milliseconds. */
  readonly intervalMs: number;
  /** `UNICART_SYNC_FULL_SCAN_SECONDS` in milliseconds. */
  readonly fullScanMs: number;
  /** Platforms that bring their own source (default: `platformSyncSources`). */
  readonly sources?: Readonly<Record<string, SyncSourceFactory>>;
}

/** The sync engine of one gateway process; every process sharing a database runs one. */
export interface SyncEngine extends SyncStatusReader, CustomerChangeHints, WebhookReceivers {
  start(): Promise<void>;
  status(storeId: string): Promise<SyncStatus>;
  /** Whether the platform's stores can sync, and whether they must (a mirror-only platform). */
  syncSupport(platform: string, capabilities: AdapterCapabilities): 'optional' | 'required' | 'none';
  /** Applies `sync` settings to a store; disabling stops its steps and clears its mirror. */
  configure(storeId: string, settings: SyncSettings): Promise<void>;
  /** Ids of the stores whose sync is enabled. */
  enabledStoreIds(): Promise<ReadonlySet<string>>;
  /** The store's platform and webhook secret while it syncs with one (what `POST /webhooks/v1/{storeId}` verifies). */
  find(storeId: string): Promise<WebhookReceiver | undefined>;
  /** The store is being deleted: stop its steps in this process. */
  storeRemoved(storeId: string): Promise<void>;
  /** Stops every step of this process (graceful shutdown). */
  close(): Promise<void>;
}

/** How far back an incremental window reaches before the last step's start (clock skew, search-index lag). */
export const pollOverlapMs = 5 * 60_000;
/** How long one incremental step may take. */
const pollDeadlineMs = 5 * 60_000;
/** How long one full read may take (a large store on a slow, rate-limited platform). */
const fullReadDeadlineMs = 2 * 60 * 60_000;
/** Hints re-read per batch. */
const hintsPerBatch = 500;

/**
 * What a log line may say of a failure: a platform's error by code only (its message may quote the
 * platform's text, customer data included), anything else whole (a fault of the gateway's own).
 */
function loggable(error: unknown): Record<string, unknown> {
  return UnicartError.isInstance(error) ? { code: error.code, platform: error.platform } : { err: error };
}

function errorOf(error: unknown, deadlineHit: boolean): SyncError {
  if (deadlineHit)
    return { code: 'upstream_timeout', message: 'The sync step did not finish within its deadline' };
  if (UnicartError.isInstance(error)) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'The sync step failed unexpectedly' };
}

const webhookSecretMaxLength = 1024;

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { database, mirror, stores, logger, scheduler, intervalMs, fullScanMs } = options;
  const states: SyncStateStore = createSqlSyncStateStore(database);
  const cipher: CredentialCipher = createCredentialCipher(options.keys);
  const factories = options.sources ?? {};
  const customSources = new Map<string, SyncSource>();

  function customSourceOf(platform: string): SyncSource | undefined {
    const factory = factories[platform];
    if (factory === undefined) return undefined;
    let source = customSources.get(platform);
    if (source === undefined) {
      source = factory({ database });
      customSources.set(platform, source);
    }
    return source;
  }

  function sourceOf(store: AuthenticatedStore): SyncSource | undefined {
    const custom = customSourceOf(store.store.platform);
    if (custom !== undefined) return custom;
    const sync = store.adapter.capabilities.sync;
    return sync === undefined ? undefined : customerResourceSource(sync);
  }

  function nextDueAt(state: SyncStateRecord): number {
    return state.lastPollAt === null ? Date.now() : Date.parse(state.lastPollAt) + intervalMs;
  }

  function isFullReadDue(state: SyncStateRecord, store: AuthenticatedStore, custom: boolean): boolean {
    return (
      state.firstFullReadAt === null ||
      state.lastStepStartedAt === null ||
      state.lastFullScanAt === null ||
      Date.parse(state.lastFullScanAt) + fullScanMs <= Date.now() ||
      (!custom && readsEverything(store.adapter))
    );
  }

  /** Re-reads pending hints until none is left; a custom source has no use for them. */
  async function rereadHints(store: AuthenticatedStore, signal: AbortSignal): Promise<void> {
    const storeId = store.store.id;
    for (;;) {
      const hints = await states.pendingHints(storeId, hintsPerBatch);
      if (hints.length === 0) return;
      if (customSourceOf(store.store.platform) === undefined) {
        await applyHints(
          store.adapter,
          mirror,
          storeId,
          hints.map((hint) => hint.customerId),
          signal,
        );
      }
      await states.removeHints(storeId, hints);
    }
  }

  async function recordFailure(storeId: string, error: unknown, deadlineHit: boolean): Promise<void> {
    const failure = errorOf(error, deadlineHit);
    logger.warn({ storeId, ...(deadlineHit ? { code: failure.code } : loggable(error)) }, 'sync step failed');
    await states.stepFailed(storeId, failure);
  }

  const runner: SyncStepRunner = {
    async runDue(storeId, signal) {
      const state = await states.read(storeId);
      if (state?.enabled !== true) return null;
      const store = await stores.open(storeId);
      const source = store && sourceOf(store);
      if (store === undefined || source === undefined) return null;
      const custom = customSourceOf(store.store.platform) !== undefined;
      const full = isFullReadDue(state, store, custom);
      const startedAt = new Date();
      const deadline = AbortSignal.timeout(full ? fullReadDeadlineMs : pollDeadlineMs);
      const stepSignal = AbortSignal.any([signal, deadline]);
      try {
        const since =
          full || state.lastStepStartedAt === null
            ? null
            : new Date(Date.parse(state.lastStepStartedAt) - pollOverlapMs).toISOString();
        const { customers, complete } = await source.step({
          storeId,
          adapter: store.adapter,
          mirror,
          kind: full ? 'full' : 'incremental',
          since,
          signal: stepSignal,
        });
        await rereadHints(store, stepSignal);
        const finishedAt = new Date();
        const recorded = await states.stepSucceeded(storeId, {
          startedAt: startedAt.toISOString(),
          finishedAt: finishedAt.toISOString(),
          // A full read still under way (its source says so) is no full read yet.
          full: full && complete !== false,
          customers: custom ? customers : await mirror.size(storeId),
        });
        // Disabled while the step ran: what it applied after the mirror was cleared goes too.
        if (!recorded && (await states.read(storeId))?.enabled !== true) await mirror.clear(storeId);
        logger.debug(
          {
            storeId,
            kind: full ? 'full' : 'incremental',
            startedAt: startedAt.toISOString(),
            finishedAt: finishedAt.toISOString(),
          },
          'sync step done',
        );
        return finishedAt.getTime() + intervalMs;
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        await recordFailure(storeId, error, deadline.aborted);
        return Date.now() + intervalMs;
      }
    },

    async runHints(storeId, signal) {
      const state = await states.read(storeId);
      const store = state?.enabled === true ? await stores.open(storeId) : undefined;
      if (store === undefined) return;
      try {
        await rereadHints(store, AbortSignal.any([signal, AbortSignal.timeout(pollDeadlineMs)]));
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        // The hints stay recorded: the next step re-reads them.
        logger.warn({ storeId, ...loggable(error) }, 'sync hints re-read failed');
      }
    },

    async syncingStores() {
      return (await states.listEnabled()).map((state) => ({
        storeId: state.storeId,
        dueAt: nextDueAt(state),
      }));
    },
  };

  async function status(storeId: string): Promise<SyncStatus> {
    const state = await states.read(storeId);
    if (state?.enabled !== true) {
      return {
        enabled: false,
        status: 'disabled',
        customers: null,
        lastPollAt: null,
        lastFullScanAt: null,
        lastError: null,
        deletes: null,
      };
    }
    const store = await stores.open(storeId);
    const declared = store && sourceOf(store)?.deletes;
    return {
      enabled: true,
      status:
        state.lastError !== null ? 'failing' : state.firstFullReadAt === null ? 'initializing' : 'ready',
      customers: state.customers,
      lastPollAt: state.lastPollAt,
      lastFullScanAt: state.lastFullScanAt,
      lastError: state.lastError,
      // Delete webhooks only help where the store verifies them.
      deletes: declared === 'webhook' && state.webhookSecret === null ? 'scan' : (declared ?? null),
    };
  }

  function parseWebhookSecret(secret: string | null | undefined): string | null | undefined {
    if (typeof secret === 'string' && (secret.trim() === '' || secret.length > webhookSecretMaxLength)) {
      throw new InvalidRequestError('Invalid sync.webhookSecret', {
        issues: [
          {
            path: 'sync.webhookSecret',
            message: `must be a non-empty string of at most ${webhookSecretMaxLength} characters`,
          },
        ],
      });
    }
    return secret;
  }

  return {
    start: () => scheduler.start(runner),

    status,

    syncSupport(platform, capabilities) {
      if (factories[platform] !== undefined) return 'required';
      return capabilities.sync === undefined ? 'none' : 'optional';
    },

    async configure(storeId, settings) {
      const secret = parseWebhookSecret(settings.webhookSecret);
      const encrypted =
        secret === undefined || secret === null ? secret : cipher.encrypt({ webhookSecret: secret }, storeId);
      if (!settings.enabled) {
        await states.disable(storeId, encrypted);
        await scheduler.stop(storeId);
        await mirror.clear(storeId);
        logger.info({ storeId }, 'sync disabled');
        return;
      }
      const before = await states.read(storeId);
      await states.enable(storeId, encrypted, new Date().toISOString());
      if (before?.enabled !== true) {
        await scheduler.schedule(storeId, Date.now());
        logger.info({ storeId }, 'sync enabled');
      }
    },

    async enabledStoreIds() {
      return new Set((await states.listEnabled()).map((state) => state.storeId));
    },

    async find(storeId) {
      const state = await states.read(storeId);
      if (state?.enabled !== true || state.webhookSecret === null) return undefined;
      const store = await stores.open(storeId);
      const plain = cipher.decrypt(state.webhookSecret, storeId) as { webhookSecret?: unknown };
      if (store === undefined || typeof plain.webhookSecret !== 'string') return undefined;
      return { platform: store.store.platform, secret: plain.webhookSecret };
    },

    // The store's rows (sync state, hints, mirror, feed) go with it: the database cascades.
    storeRemoved: (storeId) => scheduler.stop(storeId),

    async readiness(storeId) {
      const state = await states.read(storeId);
      if (state?.enabled !== true) return null;
      return { firstFullReadAt: state.firstFullReadAt, syncedAt: state.lastPollAt };
    },

    async customerChanged(storeId, customerId) {
      const state = await states.read(storeId);
      if (state?.enabled !== true) return;
      await states.recordHint(storeId, customerId, new Date().toISOString());
      await scheduler.hint(storeId);
    },

    close: () => scheduler.close(),
  };
}
