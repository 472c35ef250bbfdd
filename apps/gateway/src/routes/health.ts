import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GatewayMetrics } from '../metrics';
import type { StoreRepository } from '../stores/store-repository';
import { queryErrorResponses } from './schemas';

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

  app.get(
    '/ready',
    {
      schema: {
        operationId: 'getReadiness',
        summary: 'Readiness: the stores registry (SQLite or PostgreSQL) answers a query',
        tags: ['operations'],
        // No token: load balancers and orchestrators call it.
        security: [],
        response: {
          200: z
            .object({ status: z.literal('ready') })
            .strict()
            .describe('Ready to serve'),
          503: z
            .object({ status: z.literal('unavailable'), reason: z.string() })
            .strict()
            .describe('The stores registry does not answer (or the gateway is shutting down)'),
          ...queryErrorResponses,
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
        operationId: 'getMetrics',
        summary: 'Prometheus metrics (text exposition format)',
        tags: ['operations'],
        // No token: scraped on each process directly, kept off the public network (README).
        security: [],
        produces: ['text/plain'],
        response: {
          200: z
            .string()
            .meta({
              examples: [
                'unicart_upstream_requests_total{platform="shopify",method="POST",outcome="ok",status="200"} 12\n',
              ],
            })
            .describe('Prometheus text exposition format 0.0.4'),
          ...queryErrorResponses,
        },
      },
    },
    async (_request, reply) =>
      reply.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics()),
  );
};
