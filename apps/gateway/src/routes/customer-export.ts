import {
  type CustomerAdapterV1,
  type CustomerFilters,
  type CustomerView,
  customerSchema,
  filterNamesInUse,
  parseCustomerListParams,
  type ViewedCustomer,
  viewedCustomerSchema,
} from '@unicart/core';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ClientClosedRequestError, logFailure, toErrorReply } from '../errors';
import {
  assertMirrorOnlyFilters,
  consistencyOf,
  iterateMirror,
  type MirrorAccess,
  mirrorReadErrorResponses,
  mirrorView,
  openMirrorRead,
} from './mirror-reads';
import { createNdjsonExport } from './ndjson-export';
import { customerExportQuerySchema, storeErrorResponses } from './schemas';

export const ndjsonContentType = 'application/x-ndjson; charset=utf-8';

/** The header that carries the number of matching customers, when the platform counts them cheaply. */
export const totalCountHeader = 'x-total-count';

/**
 * The platform's count of the export's customers when it costs one upstream request: the store counts
 * and every filter in use is native (an emulated one would make the count a second full scan).
 * `undefined` otherwise, and when the count fails: the export does not depend on it.
 */
async function cheapCount(
  adapter: CustomerAdapterV1,
  filters: CustomerFilters,
  signal: AbortSignal,
  log: FastifyBaseLogger,
): Promise<number | undefined> {
  const { capabilities } = adapter;
  if (!capabilities.operations.count) return undefined;
  if (filterNamesInUse(filters).some((name) => capabilities.filters[name] !== 'native')) return undefined;
  try {
    return await adapter.countCustomers(filters, { signal });
  } catch (error) {
    if (!signal.aborted) log.warn({ err: error }, 'export: the count failed; answering without a total');
    return undefined;
  }
}

/** After the first page, the count gets as long again as that page took, and at least this. */
const minCountWaitMs = 1_000;

/** `promise`'s value, or `undefined` when it takes more than `ms`. */
async function waitAtMost<Value>(promise: Promise<Value>, ms: number): Promise<Value | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /customers/export`: every customer matching the filters, one canonical Customer per line,
 * read page after page from the platform at the pace the client reads them.
 */
export const customerExportRoutes: FastifyPluginAsyncZod<{ readonly mirrorAccess: MirrorAccess }> = async (
  app,
  { mirrorAccess },
) => {
  app.get(
    '/customers/export',
    {
      schema: {
        operationId: 'exportCustomers',
        summary: 'Export every customer matching the filters as NDJSON',
        description:
          'One canonical Customer per line (`application/x-ndjson`), in the platform’s order, without ' +
          'paging: the gateway reads the platform page after page as fast as the client reads, and stops ' +
          'when the client disconnects. Takes the filters of the list and its `fields` and `include`, not ' +
          '`sort`, `limit` or `page`. A failure ' +
          'before the first line answers the usual JSON error with its status; a failure after it cannot ' +
          'change the status any more, so the stream then ends with one last line ' +
          '`{"error":{"code","message","platform"}}` instead of a Customer. When the platform counts ' +
          'cheaply (the store counts and every filter in use is native), the `X-Total-Count` header ' +
          'gives the number of matching customers at the start of the export, for progress. With ' +
          '`consistency=mirror` the customers come from the gateway’s mirror of the store, in ascending id ' +
          'order, with `X-Total-Count` and `Unicart-Synced-At`.',
        tags: ['customers'],
        security: [{ storeAccessToken: [] }],
        querystring: customerExportQuerySchema,
        response: {
          200: {
            description: 'Customers, one JSON object per line; possibly a last `{"error":{...}}` line',
            headers: {
              'X-Total-Count': {
                description:
                  'Customers matching the filters when the export started; only when the platform counts them with one request',
                type: 'integer',
                minimum: 0,
              },
            },
            content: {
              'application/x-ndjson': { schema: z.union([customerSchema, viewedCustomerSchema]) },
            },
          },
          ...storeErrorResponses,
          ...mirrorReadErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { consistency, ...query } = request.query;
      const { filters, view } = parseCustomerListParams(query);
      const { platform } = request.connectedStore.store;
      if (consistencyOf(mirrorAccess, platform, consistency) === 'mirror') {
        assertMirrorOnlyFilters(mirrorAccess, request.connectedStore.adapter, filters);
        return exportMirror(request, reply, filters, view);
      }
      const work = reply.startUpstreamWork({ export: true });
      const { adapter } = request.connectedStore;
      const customers = adapter
        // A bulk export reports progress while the platform prepares it: each restarts the deadline.
        .iterateCustomers(filters, { signal: work.signal, onProgress: () => work.resume(), view })
        [Symbol.asyncIterator]();
      // The count runs beside the first page, on its own signal: a slow count ends without a total
      // rather than holding the export or spending the request's deadline.
      const stopCounting = new AbortController();
      const counting = cheapCount(
        adapter,
        filters,
        AbortSignal.any([work.signal, stopCounting.signal]),
        request.log,
      );
      const startedAt = performance.now();
      // Read before any byte is sent, so refusals and early platform failures keep their status.
      const first = await work.run(() => customers.next());
      const total = await waitAtMost(counting, Math.max(performance.now() - startedAt, minCountWaitMs));
      stopCounting.abort();
      if (total !== undefined) reply.header(totalCountHeader, String(total));
      // The deadline counts time spent waiting on the platform, not on a slow client.
      work.pause();
      const paced: AsyncIterator<ViewedCustomer, void> = {
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

  /** The export from the mirror: the database answers at once, so no deadline or pacing of upstream work. */
  async function exportMirror(
    request: FastifyRequest,
    reply: FastifyReply,
    filters: CustomerFilters,
    view: CustomerView,
  ) {
    const shape = mirrorView(view);
    const storeId = request.connectedStore.store.id;
    const mirror = await openMirrorRead(mirrorAccess, storeId, reply);
    reply.header(totalCountHeader, String(await mirror.count(storeId, filters)));
    const customers = iterateMirror(mirror, storeId, filters, shape);
    const body = createNdjsonExport(await customers.next(), customers, {
      clientGone: () => request.raw.destroyed,
      describeFailure(error) {
        const mapped = toErrorReply(error);
        logFailure(request, error, mapped);
        return mapped.body;
      },
    });
    return reply.type(ndjsonContentType).send(body);
  }
};
