import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GatewayMetrics } from '../metrics';
import type { StoreRepository } from '../stores/store-repository';

export interface OperationsRoutesOptions {
  readonly repository: StoreRepository;
  readonly metrics: GatewayMetrics;
}

/** `GET /health` (liveness), `GET /ready` (the stores registry answers) and `GET /metrics` (Prometheus). */
export const healthRoutes: FastifyPluginAsyncZod<OperationsRoutesOptions> = async (app, options) => {
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

  app.get(
    '/ready',
    {
      schema: {
        summary: 'Readiness: the stores registry (SQLite or PostgreSQL) answers a query',
        tags: ['operations'],
        response: {
          200: z
            .object({ status: z.literal('ready') })
            .strict()
            .describe('Ready to serve'),
          503: z
            .object({ status: z.literal('unavailable'), reason: z.string() })
            .strict()
            .describe('The stores registry does not answer (or the gateway is shutting down)'),
        },
      },
    },
    async (request, reply) => {
      try {
        await options.repository.ping();
        return { status: 'ready' as const };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check: the stores registry does not answer');
        return reply
          .code(503)
          .send({ status: 'unavailable' as const, reason: 'the stores registry does not answer' });
      }
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics (text exposition format)',
        tags: ['operations'],
        produces: ['text/plain'],
      },
    },
    async (_request, reply) =>
      reply.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics()),
  );
};
