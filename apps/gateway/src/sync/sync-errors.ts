import { UnicartError } from '@unicart/core';

/** The change feed or a mirror read on a store without sync (CONTRACT.md §5). */
export class SyncNotEnabledError extends UnicartError {
  constructor(what: string) {
    super({
      message: `${what} needs sync, which is not enabled for this store: enable it with PATCH /admin/v1/stores/{id} { "sync": { "enabled": true } }`,
      code: 'sync_not_enabled',
    });
  }
}

/** A mirror read before the store's first full read finished; `Retry-After` says when to look again. */
export class SyncNotReadyError extends UnicartError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super({
      message:
        "The store's mirror is still being filled by its first full read: retry later, or read with consistency=live",
      code: 'sync_not_ready',
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A change-feed cursor older than the feed's retention: the changes after it may be gone. */
export class CursorExpiredError extends UnicartError {
  constructor(retentionDays: number) {
    super({
      message: `The cursor is older than the change feed's retention (${retentionDays} days): read the customers again (e.g. the export with consistency=mirror) and the feed from its start`,
      code: 'cursor_expired',
    });
  }
}
