import {
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
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyErrorResponses, idempotencyKeyHeadersSchema } from '../idempotency/idempotency-schemas';
import type { IdempotentWrites } from '../idempotency/idempotent-writes';
import type { PageTokenCodec } from '../page-token';
import { exampleCustomer, exampleCustomerInput } from './examples';
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
  { pageTokens, idempotency },
) => {
  // A page token only opens for the store, route, filters and limit it was issued for.
  const openPage = (page: string | null, binding: object) =>
    page === null ? null : pageTokens.open(page, binding);
  const pagination = (limit: number, nextCursor: string | null, binding: object) => ({
    limit,
    next: nextCursor === null ? null : pageTokens.issue(nextCursor, binding),
  });

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
        },
      },
    },
    async (request, reply) => {
      const { store, adapter } = request.connectedStore;
      const { filters, sort, view, limit, page } = parseCustomerListParams(request.query);
      // A token continues only the order it was issued for (§4); `fields` and `include` may change.
      const binding = { store: store.id, route: 'customers', filters, sort, limit };
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
        },
      },
    },
    async (request, reply) => {
      const filters = parseCustomerListParams(request.query).filters;
      const { adapter } = request.connectedStore;
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
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const view = parseCustomerViewParams(request.query);
      const { adapter } = request.connectedStore;
      const customer = await reply
        .startUpstreamWork()
        .run((options) => adapter.getCustomer(id, { ...options, view }));
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
      const { adapter, serialiseCustomerWrite } = request.connectedStore;
      const { id } = request.params;
      const work = reply.startUpstreamWork();
      const customer = await serialiseCustomerWrite(id, work.signal, () =>
        work.run((options) => adapter.updateCustomer(id, request.body.customer, options)),
      );
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
      const { adapter } = request.connectedStore;
      await reply.startUpstreamWork().run((options) => adapter.deleteCustomer(request.params.id, options));
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
