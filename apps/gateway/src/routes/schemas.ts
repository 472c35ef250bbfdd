import { type CustomerFilterName, customerOperations, defaultPageLimit, maxPageLimit } from '@unicart/core';
import { z } from 'zod';
import { errorResponseSchema } from '../errors';

/**
 * Query parameters as documented. Validation is core's (`parseCustomerListParams`), which also
 * refuses unknown parameters, so these schemas only type the values and describe them.
 */
const limitParameter = z.string().optional().meta({
  type: 'integer',
  minimum: 1,
  maximum: maxPageLimit,
  default: defaultPageLimit,
  description: 'Page size',
});

const pageParameter = z
  .string()
  .optional()
  .describe(
    'The `pagination.next` of the previous response, unchanged; send the other parameters again unchanged',
  );

const dateBound = (description: string) =>
  z
    .string()
    .optional()
    .describe(`${description}, inclusive: ISO 8601 date (2024-01-31) or date-time (2024-01-31T10:00:00Z)`);

const filterParameters = {
  ids: z.string().optional().describe('Comma-separated ids (at most 100)'),
  sinceId: z
    .string()
    .optional()
    .describe('Only ids numerically greater than this one, in ascending id order'),
  'createdAt[from]': dateBound('Created at or after (a date means 00:00:00.000Z)'),
  'createdAt[to]': dateBound('Created at or before (a date means 23:59:59.999Z)'),
  'updatedAt[from]': dateBound('Updated at or after'),
  'updatedAt[to]': dateBound('Updated at or before'),
  name: z.string().optional().describe('"firstName lastName" contains this, case-insensitively'),
  search: z.string().optional().describe("The platform's own free-text search over at least name and email"),
  email: z.string().optional().describe('Email equals this, case-insensitively'),
} satisfies Record<CustomerFilterName, z.ZodType>;

// Documented as closed (unknown parameters are refused), validated by core.
const queryOf = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.looseObject(shape).meta({ additionalProperties: false });

export const customerListQuerySchema = queryOf({
  ...filterParameters,
  limit: limitParameter,
  page: pageParameter,
});
/** The filters of a list without its paging: count and export. */
export const customerFilterQuerySchema = queryOf(filterParameters);
export const pageQuerySchema = queryOf({ limit: limitParameter, page: pageParameter });

export const customerIdParamsSchema = z.object({
  id: z.string().min(1).describe("The platform's customer id (at most 100 characters)"),
});

export const paginationSchema = z
  .object({
    limit: z.number().int(),
    next: z.string().nullable().describe('Pass as `page` for the next page; `null` on the last page'),
  })
  .strict();

export const operationsSchema = z
  .object(Object.fromEntries(customerOperations.map((operation) => [operation, z.boolean()])))
  .strict();

/** An error response in the OpenAPI document, referencing the one error schema. */
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorResponseSchema } },
});

/** Error responses every store-scoped route can give. */
export const storeErrorResponses = {
  400: errorResponse('invalid_request, filter_not_supported or resource_not_available'),
  401: errorResponse('unauthorized: missing, malformed, unknown or revoked store access token'),
  404: errorResponse('not_found: no such customer'),
  424: errorResponse('upstream_unauthorized: the platform rejected the stored credentials'),
  429: errorResponse('rate_limited: the platform still throttles; the Retry-After header says how long'),
  500: errorResponse('internal: a bug in the gateway'),
  502: errorResponse('upstream_error: the platform failed or answered something unparseable'),
  504: errorResponse('upstream_timeout: the platform did not answer in time'),
};

/** Error responses of admin routes. */
export const adminErrorResponses = {
  400: errorResponse('invalid_request: bad body value, unknown key, refused upstream address'),
  401: errorResponse('unauthorized: missing or wrong admin token'),
  404: errorResponse('not_found: no such store, or the admin API is disabled (UNICART_ADMIN_TOKEN unset)'),
  500: errorResponse('internal: a bug in the gateway'),
};

/** The error of routes with a JSON body. */
export const payloadTooLargeResponse = {
  413: errorResponse('payload_too_large: the body is over the 1 MiB limit'),
};
