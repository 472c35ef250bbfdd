import { customerSchema, InvalidRequestError } from '@unicart/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PageTokenCodec } from '../page-token';
import { CursorExpiredError, SyncNotEnabledError } from '../sync/sync-errors';
import { exampleCustomer } from './examples';
import type { MirrorAccess } from './mirror-reads';
import { errorResponse, storeErrorResponses } from './schemas';

export interface CustomerChangesRoutesOptions extends MirrorAccess {
  readonly pageTokens: PageTokenCodec;
  /** `UNICART_CHANGES_RETENTION_DAYS`. */
  readonly retentionDays: number;
  readonly clock: () => Date;
}

export const defaultChangesLimit = 100;
export const maxChangesLimit = 1000;
const dayMs = 86_400_000;
/** Entries older than the retention are removed this often (and when the gateway starts). */
const pruneIntervalMs = 3_600_000;

/** What a feed cursor holds, signed and bound to its store: the last position read, and when it was issued. */
interface FeedCursor {
  readonly seq: number;
  readonly issuedAt: number;
}

const changeSchema = z
  .object({
    id: z.string().describe('The change’s own id: its position in the store’s feed'),
    type: z.enum(['upsert', 'delete']),
    customerId: z.string(),
    customer: customerSchema.nullable().describe('The customer as this change left it; `null` for a delete'),
    detectedAt: z.iso.datetime().describe('When the gateway detected the change (UTC)'),
  })
  .strict();

const invalidCursor = () =>
  new InvalidRequestError(
    'Invalid query parameters: since: must be the pagination.next of a previous change feed answer',
    {
      issues: [{ path: 'since', message: 'was not issued by this gateway for this store' }],
    },
  );

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return defaultChangesLimit;
  const limit = /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (limit >= 1 && limit <= maxChangesLimit) return limit;
  throw new InvalidRequestError(
    `Invalid query parameters: limit: must be an integer from 1 to ${maxChangesLimit}`,
    {
      issues: [{ path: 'limit', message: `must be an integer from 1 to ${maxChangesLimit}` }],
    },
  );
}

/** `GET /customers/changes`: the store's change feed (CONTRACT.md §5), read from the gateway's database. */
export const customerChangesRoutes: FastifyPluginAsyncZod<CustomerChangesRoutesOptions> = async (
  app,
  { mirror, syncStatus, pageTokens, retentionDays, clock },
) => {
  const retentionMs = retentionDays * dayMs;
  const prune = () =>
    mirror.pruneChanges(new Date(clock().getTime() - retentionMs)).catch((error: unknown) => {
      app.log.warn({ err: error }, 'pruning the change feed failed; the next round tries again');
    });
  const timer = setInterval(prune, pruneIntervalMs).unref();
  app.addHook('onReady', async () => {
    void prune();
  });
  app.addHook('onClose', async () => clearInterval(timer));

  const issue = (storeId: string, seq: number) =>
    pageTokens.issue(JSON.stringify({ seq, issuedAt: clock().getTime() } satisfies FeedCursor), {
      store: storeId,
      route: 'customer-changes',
    });

  function open(storeId: string, token: string): FeedCursor {
    let cursor: unknown;
    try {
      cursor = JSON.parse(pageTokens.open(token, { store: storeId, route: 'customer-changes' }));
    } catch {
      throw invalidCursor();
    }
    const { seq, issuedAt } = (cursor ?? {}) as Partial<FeedCursor>;
    if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(issuedAt)) throw invalidCursor();
    return { seq: seq as number, issuedAt: issuedAt as number };
  }

  app.get(
    '/customers/changes',
    {
      schema: {
        operationId: 'listCustomerChanges',
        summary: 'Read the change feed: every customer change, deletions included, in order',
        description:
          'Needs sync on the store. Without `since`: from the start of the feed, which begins with one `upsert` per customer of the first full read. ' +
          'Pass `pagination.next` back as `since` for the changes after those returned; an empty `changes` means caught up, and `next` is never null. ' +
          'An `upsert` carries the canonical customer as that change left it, and is recorded only when the customer differs from the mirrored version; a `delete` has `customer: null`. ' +
          `Changes of one customer come in the order they happened, and none is lost or repeated across gateway restarts. Entries are kept UNICART_CHANGES_RETENTION_DAYS days (default 7); a cursor issued longer ago than that, or one older than the oldest kept entry, is answered 410 cursor_expired.`,
        tags: ['customers'],
        security: [{ storeAccessToken: [] }],
        querystring: z
          .looseObject({
            since: z
              .string()
              .optional()
              .meta({ minLength: 1, maxLength: 4096 })
              .describe(
                'The `pagination.next` of the previous answer, unchanged; absent: the start of the feed',
              ),
            limit: z
              .string()
              .optional()
              .meta({ type: 'integer', minimum: 1, maximum: maxChangesLimit, default: defaultChangesLimit })
              .describe('At most this many changes'),
          })
          .meta({ additionalProperties: false }),
        response: {
          200: z
            .object({
              changes: z.array(changeSchema),
              pagination: z
                .object({
                  limit: z.number().int().min(1).max(maxChangesLimit),
                  next: z.string().describe('Pass as `since` for the later changes; never null'),
                })
                .strict(),
            })
            .strict()
            .meta({
              examples: [
                {
                  changes: [
                    {
                      id: '1',
                      type: 'upsert',
                      customerId: exampleCustomer.id,
                      customer: exampleCustomer,
                      detectedAt: '2026-12-04T10:00:00.000Z',
                    },
                    {
                      id: '2',
                      type: 'delete',
                      customerId: '1002',
                      customer: null,
                      detectedAt: '2026-12-04T10:01:00.000Z',
                    },
                  ],
                  pagination: { limit: 100, next: 'v1.eyJjIjoi….4Xq0' },
                },
              ],
            })
            .describe('The next changes of the feed'),
          ...storeErrorResponses,
          400: errorResponse(
            'invalid_request (a `since` the gateway did not issue for this store, a bad `limit`) or sync_not_enabled (the store has no sync)',
            {
              code: 'sync_not_enabled',
              message: 'The change feed needs sync, which is not enabled for this store',
            },
          ),
          410: errorResponse("cursor_expired: `since` is older than the feed's retention", {
            code: 'cursor_expired',
            message: "The cursor is older than the change feed's retention (7 days)",
          }),
        },
      },
    },
    async (request) => {
      const storeId = request.connectedStore.store.id;
      // Bad input is named first, whatever the store's sync.
      const limit = parseLimit(request.query.limit);
      const cursor = request.query.since === undefined ? undefined : open(storeId, request.query.since);
      if ((await syncStatus.readiness(storeId)) === null) throw new SyncNotEnabledError('The change feed');
      if (cursor !== undefined && clock().getTime() - cursor.issuedAt > retentionMs) {
        throw new CursorExpiredError(retentionDays);
      }
      const feed = await mirror.changes(storeId, cursor?.seq ?? 0, limit);
      // Entries after the cursor were pruned (or the mirror was cleared): some changes are gone.
      if (cursor !== undefined && cursor.seq < feed.prunedThroughSeq)
        throw new CursorExpiredError(retentionDays);
      // Caught up: the same position again (from the start: after what was pruned or cleared).
      const last = feed.entries.at(-1)?.seq ?? cursor?.seq ?? feed.prunedThroughSeq;
      return {
        changes: feed.entries.map((entry) => ({
          id: String(entry.seq),
          type: entry.type,
          customerId: entry.customerId,
          customer: entry.customer,
          detectedAt: entry.detectedAt,
        })),
        pagination: { limit, next: issue(storeId, last) },
      };
    },
  );
};
