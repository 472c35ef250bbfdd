import { customerFilterNames, customerSortKeys, customerUpdateInputSchema } from '@unicart/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MirrorAccess } from './mirror-reads';
import { operationsSchema, storeErrorResponses } from './schemas';

const filterNames = customerFilterNames;

const writableFieldNames = customerUpdateInputSchema.keyof().options;

const capabilitiesSchema = z
  .object({
    platform: z.string(),
    operations: operationsSchema,
    filters: z
      .partialRecord(z.enum(filterNames), z.enum(['native', 'emulated']))
      .describe('Only the filters the store honours; "emulated": the gateway does extra upstream work'),
    sorts: z
      .partialRecord(z.enum(customerSortKeys), z.enum(['native', 'emulated']))
      .describe(
        'Only the sort keys the store honours, each in both directions; "emulated": the gateway orders, reading no more than the page needs',
      ),
    writableFields: z
      .array(z.enum(writableFieldNames))
      .optional()
      .describe(
        'The customer fields a create or update can set on this platform; a non-empty value of any other field is answered 400 invalid_request. Absent when the adapter does not declare them',
      ),
    consistency: z
      .array(z.enum(['live', 'mirror']))
      .describe(
        'What `consistency` the store offers now: `mirror` once sync is enabled (before its first full read a mirror read answers 503 sync_not_ready)',
      ),
  })
  .strict()
  .describe("The connected store's platform, operations, filters, sorts and writable fields");

/** What `consistency` a store offers now: the mirror once sync is on; only the mirror on mirror-only platforms (§6). */
function consistenciesOffered(mirrorOnly: boolean, synced: boolean): ('live' | 'mirror')[] {
  if (mirrorOnly) return ['mirror'];
  return synced ? ['live', 'mirror'] : ['live'];
}

/** `GET /capabilities`: what the connected store's platform can do, from its adapter's declared capabilities. */
export const capabilityRoutes: FastifyPluginAsyncZod<{ readonly mirrorAccess: MirrorAccess }> = async (
  app,
  { mirrorAccess },
) => {
  app.get(
    '/capabilities',
    {
      schema: {
        operationId: 'getCapabilities',
        summary: 'What the connected store can do',
        tags: ['customers'],
        security: [{ storeAccessToken: [] }],
        response: { 200: capabilitiesSchema, ...storeErrorResponses },
      },
    },
    async (request) => {
      const { platform, capabilities } = request.connectedStore.adapter;
      const synced = (await mirrorAccess.syncStatus.readiness(request.connectedStore.store.id)) !== null;
      // A store read only from its mirror honours its filters and every sort there, in SQL (§5, §6).
      const mirrorOnly = mirrorAccess.mirrorOnly(platform);
      const filters = Object.fromEntries(
        filterNames.flatMap((name) => {
          const declared = capabilities.filters[name];
          const support = mirrorOnly && declared !== undefined ? 'native' : declared;
          return support === undefined ? [] : [[name, support]];
        }),
      );
      const sorts = Object.fromEntries(
        customerSortKeys.flatMap((key) => {
          const support = mirrorOnly ? 'native' : capabilities.sorts?.[key];
          return support === undefined ? [] : [[key, support]];
        }),
      );
      return {
        platform,
        operations: { ...capabilities.operations },
        filters,
        sorts,
        ...(capabilities.writableFields === undefined
          ? {}
          : { writableFields: [...capabilities.writableFields] }),
        consistency: consistenciesOffered(mirrorOnly, synced),
      };
    },
  );
};
