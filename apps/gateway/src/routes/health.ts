import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** `GET /health`: the process is up and serving. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness',
        tags: ['operations'],
        response: {
          200: z
            .object({ status: z.literal('ok') })
            .strict()
            .describe('Serving'),
        },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
};
