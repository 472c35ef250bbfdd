import {
  customerCreateInputSchema,
  customerSchema,
  customerUpdateInputSchema,
  NotFoundError,
  orderSchema,
  type PageTokenCodec,
  parseCustomerListParams,
  parsePageParams,
} from '@unicart/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clientAbortSignal, parseFiltersWithoutPaging } from './request-context';
import {
  customerFilterQuerySchema,
  customerIdParamsSchema,
  customerListQuerySchema,
  pageQuerySchema,
  paginationSchema,
  payloadTooLargeResponse,
  storeErrorResponses,
} from './schemas';

export interface CustomerRoutesOptions {
  readonly pageTokens: PageTokenCodec;
}

const tags = ['customers'];
const customerResponseSchema = z.object({ customer: customerSchema }).strict();
const security = [{ storeAccessToken: [] }];

/** The customer routes of docs/api-contract.md §2; the store comes from the access token (see `api.ts`). */
export const customerRoutes: FastifyPluginAsyncZod<CustomerRoutesOptions> = async (app, { pageTokens }) => {
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
        summary: 'List customers matching every filter',
        tags,
        security,
        querystring: customerListQuerySchema,
        response: {
          200: z
            .object({ customers: z.array(customerSchema), pagination: paginationSchema })
            .strict()
            .describe('One page of customers'),
          ...storeErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { store, adapter } = request.connectedStore;
      const { filters, limit, page } = parseCustomerListParams(request.query);
      const binding = { store: store.id, route: 'customers', filters, limit };
      const cursor = openPage(page, binding);
      const result = await adapter.listCustomers(
        { ...filters, limit, cursor },
        { signal: clientAbortSignal(reply) },
      );
      return { customers: result.items, pagination: pagination(limit, result.nextCursor, binding) };
    },
  );

  app.get(
    '/customers/count',
    {
      schema: {
        summary: 'Count customers matching every filter',
        tags,
        security,
        querystring: customerFilterQuerySchema,
        response: {
          200: z.object({ count: z.number().int().nonnegative() }).strict().describe('How many match'),
          ...storeErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const filters = parseFiltersWithoutPaging(request.query, 'a count');
      const count = await request.connectedStore.adapter.countCustomers(filters, {
        signal: clientAbortSignal(reply),
      });
      return { count };
    },
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        summary: 'Get one customer',
        tags,
        security,
        params: customerIdParamsSchema,
        response: { 200: customerResponseSchema.describe('The customer'), ...storeErrorResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const customer = await request.connectedStore.adapter.getCustomer(id, {
        signal: clientAbortSignal(reply),
      });
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
        summary: 'Create a customer',
        tags,
        security,
        body: z.object({ customer: customerCreateInputSchema }).strict(),
        response: {
          201: customerResponseSchema.describe('The customer as the platform stored it'),
          ...storeErrorResponses,
          ...payloadTooLargeResponse,
        },
      },
    },
    async (request, reply) => {
      const customer = await request.connectedStore.adapter.createCustomer(request.body.customer, {
        signal: clientAbortSignal(reply),
      });
      return reply.code(201).send({ customer });
    },
  );

  app.put(
    '/customers/:id',
    {
      schema: {
        summary: 'Change the given keys of a customer',
        tags,
        security,
        params: customerIdParamsSchema,
        body: z.object({ customer: customerUpdateInputSchema }).strict(),
        response: {
          200: customerResponseSchema.describe('The customer as the platform stored it'),
          ...storeErrorResponses,
          ...payloadTooLargeResponse,
        },
      },
    },
    async (request, reply) => {
      const customer = await request.connectedStore.adapter.updateCustomer(
        request.params.id,
        request.body.customer,
        {
          signal: clientAbortSignal(reply),
        },
      );
      return { customer };
    },
  );

  app.delete(
    '/customers/:id',
    {
      schema: {
        summary: 'Delete a customer',
        tags,
        security,
        params: customerIdParamsSchema,
        response: { 204: z.undefined().describe('Deleted'), ...storeErrorResponses },
      },
    },
    async (request, reply) => {
      await request.connectedStore.adapter.deleteCustomer(request.params.id, {
        signal: clientAbortSignal(reply),
      });
      return reply.code(204).send();
    },
  );

  app.get(
    '/customers/:id/orders',
    {
      schema: {
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
      const result = await adapter.listCustomerOrders(
        id,
        { limit, cursor: openPage(page, binding) },
        { signal: clientAbortSignal(reply) },
      );
      return { orders: result.items, pagination: pagination(limit, result.nextCursor, binding) };
    },
  );
};
