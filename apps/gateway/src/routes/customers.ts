import {
  type CustomerView,
  customerCreateInputSchema,
  customerSchema,
  customerUpdateInputSchema,
  NotFoundError,
  orderSchema,
  parseCustomerListParams,
  parseCustomerViewParams,
  parsePageParams,
  viewedCustomerSchema,
} from '@unicart/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyErrorResponses, idempotencyKeyHeadersSchema } from '../idempotency/idempotency-schemas';
import type { IdempotentWrites } from '../idempotency/idempotent-writes';
import type { PageTokenCodec } from '../page-token';
import { decodePosition, defaultMirrorSort, encodePosition } from '../sync/mirror-query';
import { exampleCustomer, exampleCustomerInput } from './examples';
import {
  assertMirrorOnlyFilters,
  consistencyOf,
  type MirrorAccess,
  mirrorReadErrorResponses,
  mirrorView,
  mirrorWrite,
  openMirrorRead,
} from './mirror-reads';
import {
  customerFilterQuerySchema,
  customerIdParamsSchema,
  customerListQuerySchema,
  customerViewQuerySchema,
  pageQuerySchema,
  paginationSchema,
  payloadTooLargeResponse,
  storeErrorResponses,
} from './schemas';

export interface CustomerRoutesOptions {
  readonly pageTokens: PageTokenCodec;
  /** `Idempotency-Key` on create, update and delete (CONTRACT.md §7). */
  readonly idempotency: IdempotentWrites;
  /** `consistency=mirror` reads, and the mirror taking what the gateway writes (CONTRACT.md §5). */
  readonly mirrorAccess: MirrorAccess;
}

const tags = ['customers'];
const customerResponseSchema = z
  .object({ customer: customerSchema })
  .strict()
  .meta({ examples: [{ customer: exampleCustomer }] });
const security = [{ storeAccessToken: [] }];
/** A read's customer: whole, or shaped by `fields` / `include=raw` (§4). */
const readCustomerSchema = z.union([customerSchema, viewedCustomerSchema]);

/** The customer routes of docs/api-contract.md §2; the store comes from the access token (see `api.ts`). */
export const customerRoutes: FastifyPluginAsyncZod<CustomerRoutesOptions> = async (
  app,
  { pageTokens, idempotency, mirrorAccess },
) => {
  // A page token only opens for the store, route, filters and limit it was issued for.
  const openPage = (page: string | null, binding: object) =>
    page === null ? null : pageTokens.open(page, binding);
  const pagination = (limit: number, nextCursor: string | null, binding: object) => ({
    limit,
    next: nextCursor === null ? null : pageTokens.issue(nextCursor, binding),
  });

  async function readMirrored(storeId: string, id: string, view: CustomerView, reply: FastifyReply) {
    const shape = mirrorView(view);
    const customer = await (await openMirrorRead(mirrorAccess, storeId, reply)).get(storeId, id);
    return customer === null ? null : shape(customer);
  }

  app.get(
    '/customers',
    {
      schema: {
        operationId: 'listCustomers',
        summary: 'List customers matching every filter',
        tags,
        security,
        querystring: customerListQuerySchema,
        response: {
          200: z
            .object({ customers: z.array(readCustomerSchema), pagination: paginationSchema })
            .strict()
            .meta({
              examples: [
                { customers: [exampleCustomer], pagination: { limit: 1, next: 'v1.eyJjIjoi….4Xq0' } },
              ],
            })
            .describe('One page of customers'),
          ...storeErrorResponses,
          ...mirrorReadErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { store, adapter } = request.connectedStore;
      const { consistency: requested, ...parameters } = request.query;
      const { filters, sort, view, limit, page } = parseCustomerListParams(parameters);
      const consistency = consistencyOf(mirrorAccess, store.platform, requested);
      assertMirrorOnlyFilters(mirrorAccess, adapter, filters);
      // A token continues only the order it was issued for (§4), and only where it was issued
      // (live or mirror); `fields` and `include` may change.
      const binding = {
        store: store.id,
        route: 'customers',
        filters,
        sort,
        limit,
        ...(consistency === 'mirror' ? { consistency } : {}),
      };
      if (consistency === 'mirror') {
        const shape = mirrorView(view);
        const mirror = await openMirrorRead(mirrorAccess, store.id, reply);
        const mirrorSort = sort ?? defaultMirrorSort;
        const position = openPage(page, binding);
        const after = position === null ? null : decodePosition(position, mirrorSort);
        // A token this gateway signed for this binding always holds a position.
        if (after === undefined) throw new Error('A mirror page token without a mirror position');
        const result = await mirror.list(store.id, { filters, sort: mirrorSort, limit, after });
        const next = result.next === null ? null : encodePosition(result.next);
        return { customers: result.customers.map(shape), pagination: pagination(limit, next, binding) };
      }
      const cursor = openPage(page, binding);
      const query = { ...filters, limit, cursor, ...(sort === undefined ? {} : { sort }) };
      const result = await reply
        .startUpstreamWork()
        .run((options) => adapter.listCustomers(query, { ...options, view }));
      return { customers: result.items, pagination: pagination(limit, result.nextCursor, binding) };
    },
  );

  app.get(
    '/customers/count',
    {
      schema: {
        operationId: 'countCustomers',
        summary: 'Count customers matching every filter',
        tags,
        security,
        querystring: customerFilterQuerySchema,
        response: {
          200: z
            .object({ count: z.number().int().nonnegative() })
            .strict()
            .meta({ examples: [{ count: 2143 }] })
            .describe('How many match'),
          ...storeErrorResponses,
          ...mirrorReadErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { consistency, ...query } = request.query;
      const filters = parseCustomerListParams(query).filters;
      const { store, adapter } = request.connectedStore;
      if (consistencyOf(mirrorAccess, store.platform, consistency) === 'mirror') {
        assertMirrorOnlyFilters(mirrorAccess, adapter, filters);
        const mirror = await openMirrorRead(mirrorAccess, store.id, reply);
        return { count: await mirror.count(store.id, filters) };
      }
      const count = await reply
        .startUpstreamWork()
        .run((options) => adapter.countCustomers(filters, options));
      return { count };
    },
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        operationId: 'getCustomer',
        summary: 'Get one customer',
        tags,
        security,
        params: customerIdParamsSchema,
        querystring: customerViewQuerySchema,
        response: {
          200: z
            .object({ customer: readCustomerSchema })
            .strict()
            .meta({ examples: [{ customer: exampleCustomer }] })
            .describe('The customer'),
          ...storeErrorResponses,
          ...mirrorReadErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { consistency, ...query } = request.query;
      const view = parseCustomerViewParams(query);
      const { store, adapter } = request.connectedStore;
      const customer =
        consistencyOf(mirrorAccess, store.platform, consistency) === 'mirror'
          ? await readMirrored(store.id, id, view, reply)
          : await reply.startUpstreamWork().run((options) => adapter.getCustomer(id, { ...options, view }));
      if (customer === null) {
        throw new NotFoundError(`No customer with id ${id}`, {
          platform: request.connectedStore.store.platform,
        });
      }
      return { customer };
    },
  );

  app.post(
    '/customers',
    {
      schema: {
        operationId: 'createCustomer',
        summary: 'Create a customer',
        tags,
        security,
        headers: idempotencyKeyHeadersSchema,
        body: z
          .object({ customer: customerCreateInputSchema })
          .strict()
          .meta({ examples: [{ customer: exampleCustomerInput }] }),
        response: {
          201: customerResponseSchema.describe('The customer as the platform stored it'),
          ...storeErrorResponses,
          ...idempotencyErrorResponses,
          ...payloadTooLargeResponse,
        },
      },
      ...idempotency.hooks,
    },
    async (request, reply) => {
      const customer = await reply
        .startUpstreamWork()
        .run((options) => idempotency.createCustomer(request, request.body.customer, options));
      await mirrorWrite(mirrorAccess, request.connectedStore.store.id, { upserts: [customer] }, request.log);
      return reply.code(201).send({ customer });
    },
  );

  app.put(
    '/customers/:id',
    {
      schema: {
        operationId: 'updateCustomer',
        summary: 'Change the given keys of a customer',
        tags,
        security,
        headers: idempotencyKeyHeadersSchema,
        params: customerIdParamsSchema,
        body: z
          .object({ customer: customerUpdateInputSchema })
          .strict()
          .meta({ examples: [{ customer: { phone: '+44 20 7946 0000', tags: ['vip', 'wholesale'] } }] }),
        response: {
          200: customerResponseSchema.describe('The customer as the platform stored it'),
          ...storeErrorResponses,
          ...idempotencyErrorResponses,
          ...payloadTooLargeResponse,
        },
      },
      ...idempotency.hooks,
    },
    async (request, reply) => {
      const { store, adapter, serialiseCustomerWrite } = request.connectedStore;
      const { id } = request.params;
      const work = reply.startUpstreamWork();
      // Mirrored while the write lock is held, so two updates reach the feed in the platform's order.
      const customer = await serialiseCustomerWrite(id, work.signal, async () => {
        const updated = await work.run((options) =>
          adapter.updateCustomer(id, request.body.customer, options),
        );
        await mirrorWrite(mirrorAccess, store.id, { upserts: [updated] }, request.log);
        return updated;
      });
      return { customer };
    },
  );

  app.delete(
    '/customers/:id',
    {
      schema: {
        operationId: 'deleteCustomer',
        summary: 'Delete a customer',
        tags,
        security,
        headers: idempotencyKeyHeadersSchema,
        params: customerIdParamsSchema,
        response: {
          204: z.undefined().describe('Deleted'),
          ...storeErrorResponses,
          ...idempotencyErrorResponses,
        },
      },
      ...idempotency.hooks,
    },
    async (request, reply) => {
      const { store, adapter } = request.connectedStore;
      const { id } = request.params;
      await reply.startUpstreamWork().run((options) => adapter.deleteCustomer(id, options));
      await mirrorWrite(mirrorAccess, store.id, { deletes: [id] }, request.log);
      return reply.code(204).send();
    },
  );

  app.get(
    '/customers/:id/orders',
    {
      schema: {
        operationId: 'listCustomerOrders',
        summary: "List a customer's orders",
        tags,
        security,
        params: customerIdParamsSchema,
        querystring: pageQuerySchema,
        response: {
          200: z
            .object({ orders: z.array(orderSchema), pagination: paginationSchema })
            .strict()
            .describe("One page of the customer's orders"),
          ...storeErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { store, adapter } = request.connectedStore;
      const { id } = request.params;
      const { limit, page } = parsePageParams(request.query);
      const binding = { store: store.id, route: 'customer-orders', customerId: id, limit };
      const cursor = openPage(page, binding);
      const result = await reply
        .startUpstreamWork()
        .run((options) => adapter.listCustomerOrders(id, { limit, cursor }, options));
      return { orders: result.items, pagination: pagination(limit, result.nextCursor, binding) };
    },
  );
};
