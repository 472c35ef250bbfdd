import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryErrorResponses } from './schemas';

/** `GET /health`: the process is up and serving. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        summary: 'Liveness',
        tags: ['operations'],
        // No token: load balancers and orchestrators call it.
        security: [],
        response: {
          200: z
            .object({ status: z.literal('ok') })
            .strict()
            .describe('Serving'),
          ...queryErrorResponses,
        },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
};
