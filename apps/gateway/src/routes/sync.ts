import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SyncEngine } from '../sync/sync-engine';
import { storeErrorResponses } from './schemas';

const isoOrNull = z.string().meta({ format: 'date-time' }).nullable();

const syncStatusSchema = z
  .object({
    sync: z
      .object({
        enabled: z.boolean(),
        status: z
          .enum(['disabled', 'initializing', 'ready', 'failing'])
          .describe(
            'initializing: the first full read has not finished; ready: it has, and the last poll succeeded; failing: the last poll or full read failed (lastError)',
          ),
        customers: z.number().int().nullable().describe('Customers in the mirror; null without sync'),
        lastPollAt: isoOrNull.describe('End of the last successful poll or full read'),
        lastFullScanAt: isoOrNull.describe('End of the last complete full read'),
        lastError: z
          .object({
            code: z.string().describe('A code of the error table, e.g. upstream_unauthorized'),
            message: z.string(),
          })
          .strict()
          .nullable()
          .describe('The error of the last failed poll or full read while failing; null once one succeeds'),
        deletes: z
          .enum(['native', 'webhook', 'scan'])
          .nullable()
          .describe(
            "How deletions are found: the platform's deleted feed, delete webhooks (with a webhookSecret), or comparing complete full reads with the mirror",
          ),
      })
      .strict(),
  })
  .strict()
  .describe("The store's sync state (CONTRACT.md §5)");

/** `GET /sync`: the connected store's sync state. */
export const syncRoutes: FastifyPluginAsyncZod<{ readonly sync: SyncEngine }> = async (app, { sync }) => {
  app.get(
    '/sync',
    {
      schema: {
        operationId: 'getSyncStatus',
        summary: "The store's sync state: mirror, polls, full reads, last error",
        tags: ['sync'],
        security: [{ storeAccessToken: [] }],
        response: { 200: syncStatusSchema, ...storeErrorResponses },
      },
    },
    async (request) => ({ sync: await sync.status(request.connectedStore.store.id) }),
  );
};
