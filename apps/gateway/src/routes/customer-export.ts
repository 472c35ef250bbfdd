import { type Customer, customerSchema, parseCustomerListParams } from '@unicart/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ClientClosedRequestError, logFailure, toErrorReply } from '../errors';
import { createNdjsonExport } from './ndjson-export';
import { customerFilterQuerySchema, storeErrorResponses } from './schemas';

export const ndjsonContentType = 'application/x-ndjson; charset=utf-8';

/**
 * `GET /customers/export`: every customer matching the filters, one canonical Customer per line,
 * read page after page from the platform at the pace the client reads them.
 */
export const customerExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/customers/export',
    {
      schema: {
        operationId: 'exportCustomers',
        summary: 'Export every customer matching the filters as NDJSON',
        description:
          'One canonical Customer per line (`application/x-ndjson`), in the platform’s order, without ' +
          'paging: the gateway reads the platform page after page as fast as the client reads, and stops ' +
          'when the client disconnects. Takes the filters of the list, not `limit` or `page`. A failure ' +
          'before the first line answers the usual JSON error with its status; a failure after it cannot ' +
          'change the status any more, so the stream then ends with one last line ' +
          '`{"error":{"code","message","platform"}}` instead of a Customer.',
        tags: ['customers'],
        security: [{ storeAccessToken: [] }],
        querystring: customerFilterQuerySchema,
        response: {
          200: {
            description: 'Customers, one JSON object per line; possibly a last `{"error":{...}}` line',
            content: { 'application/x-ndjson': { schema: customerSchema } },
          },
          ...storeErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const filters = parseCustomerListParams(request.query).filters;
      const work = reply.startUpstreamWork({ export: true });
      const customers = request.connectedStore.adapter
        // A bulk export reports progress while the platform prepares it: each restarts the deadline.
        .iterateCustomers(filters, { signal: work.signal, onProgress: () => work.resume() })
        [Symbol.asyncIterator]();
      // Read before any byte is sent, so refusals and early platform failures keep their status.
      const first = await work.run(() => customers.next());
      // The deadline counts time spent waiting on the platform, not on a slow client.
      work.pause();
      const paced: AsyncIterator<Customer, void> = {
        async next() {
          work.resume();
          try {
            return await work.run(() => customers.next());
          } finally {
            work.pause();
          }
        },
      };
      const body = createNdjsonExport(first, paced, {
        clientGone: () => work.signal.reason instanceof ClientClosedRequestError,
        describeFailure(error) {
          const mapped = toErrorReply(error);
          logFailure(request, error, mapped);
          return mapped.body;
        },
      });
      // The route's 200 schema documents one line; the body itself is the stream of lines.
      const streamReply: FastifyReply = reply;
      return streamReply.type(ndjsonContentType).send(body);
    },
  );
};
