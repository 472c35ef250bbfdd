import { customerFilterNames } from '@unicart/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { operationsSchema, storeErrorResponses } from './schemas';

const filterNames = customerFilterNames;

const capabilitiesSchema = z
  .object({
    platform: z.string(),
    operations: operationsSchema,
    filters: z
      .partialRecord(z.enum(filterNames), z.enum(['native', 'emulated']))
      .describe('Only the filters the store honours; "emulated": the gateway does extra upstream work'),
  })
  .strict()
  .describe("The connected store's platform, operations and filters");

/** `GET /capabilities`: what the connected store's platform can do, from its adapter's declared capabilities. */
export const capabilityRoutes: FastifyPluginAsyncZod = async (app) => {
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
      const filters = Object.fromEntries(
        filterNames.flatMap((name) => {
          const support = capabilities.filters[name];
          return support === undefined ? [] : [[name, support]];
        }),
      );
      return { platform, operations: { ...capabilities.operations }, filters };
    },
  );
};
