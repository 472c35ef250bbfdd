import {
  type CustomerFilterName,
  countryCodes,
  customerFieldNames,
  customerOperations,
  customerSortKeys,
  defaultPageLimit,
  maxFilterIds,
  maxFilterTagsLength,
  maxFilterTextLength,
  maxPageLimit,
  minPhoneFilterDigits,
  numericIdPattern,
} from '@unicart/core';
import { z } from 'zod';
import { type ErrorResponse, errorResponseSchema } from '../errors';

/**
 * Query parameters as documented. Validation is core's (`parseCustomerListParams`), and unknown
 * parameters are refused before it (`query-parameters.ts`), so these schemas only type the values
 * and describe, in `meta`, the constraints core checks: a value the document allows is accepted.
 */
const queryValue = (documented: Record<string, unknown>) => z.string().optional().meta(documented);

const limitParameter = queryValue({
  type: 'integer',
  minimum: 1,
  maximum: maxPageLimit,
  default: defaultPageLimit,
  description: 'Page size',
});

const pageParameter = queryValue({
  minLength: 1,
  maxLength: 4096,
  description:
    'The `pagination.next` of the previous response, unchanged; send the other parameters again ' +
    'unchanged. Any other value is refused (400 invalid_request)',
});

const digits = numericIdPattern.source.slice(1, -1);
const day = '\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])';
const time = '([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d([.,]\\d{1,9})?)?';
const offset = '([Zz]|[+-]([01]\\d|2[0-3])(:?[0-5]\\d)?)';

/** An inclusive date bound: an ISO 8601 date or date-time, as `parsePlatformDate` reads it. */
const dateBound = (description: string, otherEnd: string) =>
  queryValue({
    anyOf: [
      { type: 'string', format: 'date', pattern: `^${day}$` },
      { type: 'string', format: 'date-time', pattern: `^${day}[Tt]${time}${offset}?$` },
    ],
    examples: ['2024-01-31', '2024-01-31T10:00:00Z'],
    description:
      `${description}, inclusive: an ISO 8601 date (2024-01-31) or date-time (2024-01-31T10:00:00Z, ` +
      `2024-01-31T12:00:00+02:00; without an offset: UTC). Must not be after ${otherEnd}`,
  });

/** A comma-separated list of items matching `item` (a regular expression source). */
const commaSeparated = (item: string) => `(${item})(,(${item}))*`;

/** An ISO 3166-1 alpha-2 code in either case, with white space around it: `br`, ` PT `. */
const anyCountryCode = `\\s*(${countryCodes
  .map((code) => [...code].map((letter) => `[${letter}${letter.toLowerCase()}]`).join(''))
  .join('|')})\\s*`;

/** An `ordersCount` bound: an integer ≥ 0. */
const countBound = (end: string) =>
  queryValue({
    pattern: '^\\s*\\d{1,9}\\s*$',
    examples: ['1'],
    description: `\`ordersCount\` is ${end} this integer (inclusive; a customer whose count is unknown, \`null\`, never matches)`,
  });

/** A `totalSpent` bound: a decimal number ≥ 0 in major units. */
const amountBound = (end: string) =>
  queryValue({
    pattern: '^\\s*\\d{1,12}(\\.\\d{1,6})?\\s*$',
    examples: ['100.50'],
    description: `\`totalSpent\` is ${end} this amount in major units (inclusive; \`null\` never matches)`,
  });

const textFilter = (description: string, example: string) =>
  queryValue({
    minLength: 1,
    maxLength: maxFilterTextLength,
    pattern: '\\S',
    examples: [example],
    description: `${description} (surrounding white space is ignored)`,
  });

/** Every filter of core's list, documented; `limit` and `page` are paging, added where a route pages. */
const filterParameters = {
  ids: queryValue({
    pattern: `^${digits}(,${digits}){0,${maxFilterIds - 1}}$`,
    examples: ['1001,1002'],
    description: `Comma-separated numeric ids (at most ${maxFilterIds})`,
  }),
  sinceId: queryValue({
    pattern: `^${digits}$`,
    examples: ['1001'],
    description: 'Only ids numerically greater than this one, in ascending id order',
  }),
  'createdAt[from]': dateBound('Created at or after (a date means 00:00:00.000Z)', 'createdAt[to]'),
  'createdAt[to]': dateBound('Created at or before (a date means 23:59:59.999Z)', 'createdAt[from]'),
  'updatedAt[from]': dateBound('Updated at or after', 'updatedAt[to]'),
  'updatedAt[to]': dateBound('Updated at or before', 'updatedAt[from]'),
  name: textFilter('"firstName lastName" contains this, case-insensitively', 'ada love'),
  search: textFilter("The platform's own free-text search over at least name and email", 'lovelace'),
  email: textFilter('Email equals this, case-insensitively', 'ada@example.com'),
  acceptsMarketing: queryValue({
    enum: ['true', 'false'],
    examples: ['true'],
    description:
      '`acceptsMarketing` equals this (a customer whose consent is unknown, `null`, never matches)',
  }),
  'ordersCount[min]': countBound('at least'),
  'ordersCount[max]': countBound('at most'),
  'totalSpent[min]': amountBound('at least'),
  'totalSpent[max]': amountBound('at most'),
  country: queryValue({
    pattern: `^${commaSeparated(anyCountryCode)}$`,
    examples: ['BR,PT'],
    description:
      'Comma-separated ISO 3166-1 alpha-2 codes, case-insensitive: at least one address has `country.code` in the list',
  }),
  tags: queryValue({
    maxLength: maxFilterTagsLength,
    pattern: `^${commaSeparated('[^,]*[^,\\s][^,]*')}$`,
    examples: ['vip,wholesale'],
    description:
      'Comma-separated tags, none blank: `tags` contains every one, case-insensitively, as whole tags (surrounding white space is ignored)',
  }),
  phone: queryValue({
    maxLength: maxFilterTextLength,
    pattern: `^([^0-9]*[0-9]){${minPhoneFilterDigits}}`,
    examples: ['+55 11 98765'],
    description:
      `The digits of \`phone\` contain the digits of this value (everything but 0-9 is ignored); ` +
      `the value must hold at least ${minPhoneFilterDigits} digits`,
  }),
} satisfies Record<CustomerFilterName, z.ZodType>;

/** `consistency` on list, count, get and export (CONTRACT.md §5). */
export const consistencyParameter = z
  .enum(['live', 'mirror'])
  .optional()
  .describe(
    '`live` (default, except on stores read only from their mirror: Amazon, where `mirror` is the default and `live` answers 400 invalid_request): ask the platform. `mirror`: answer from the gateway’s mirror of the store (needs sync; 400 sync_not_enabled without, 503 sync_not_ready before its first full read): every filter is then honoured, `search` matches customers whose firstName, lastName or email contains the value (case-insensitive), the order without `sort` is ascending id, and the answer carries `Unicart-Synced-At`',
  );
/** `sort` (list only): one key, `-` for descending. */
const sortParameter = queryValue({
  enum: customerSortKeys.flatMap((key) => [key, `-${key}`]),
  examples: ['-createdAt'],
  description:
    'Order of the list: createdAt, updatedAt, id (numeric), email or name (lastName, then firstName); a ' +
    'leading - means descending. Ties are broken by id in the same direction; a customer whose key is ' +
    'null comes last in both directions. Not with sinceId, which lists in ascending id order (sort=id ' +
    'beside it is accepted). A sort the store cannot honour is refused (400 sort_not_supported); ' +
    'GET /capabilities lists the sorts it honours. A page token only continues the sort it was issued for',
});

/** `fields` and `include` (list, get, export): how each customer is shaped. */
const viewParameters = {
  fields: queryValue({
    pattern: `^${commaSeparated(`\\s*(${customerFieldNames.join('|')})\\s*`)}$`,
    examples: ['email,firstName,lastName'],
    description:
      'Comma-separated top-level Customer keys: each customer then holds exactly these, plus `id`. ' +
      'An unknown key is refused (400 invalid_request)',
  }),
  include: queryValue({
    enum: ['raw'],
    examples: ['raw'],
    description:
      "`raw`: each customer gains a `raw` key with the platform's native record as the platform sent it " +
      '(an object keyed by record kind where the customer is assembled from several records)',
  }),
};

// Documented as closed: unknown parameters are refused (`query-parameters.ts`).
const queryOf = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.looseObject(shape).meta({ additionalProperties: false });

export const customerListQuerySchema = queryOf({
  ...filterParameters,
  sort: sortParameter,
  ...viewParameters,
  consistency: consistencyParameter,
  limit: limitParameter,
  page: pageParameter,
});
/** The filters of a list without sort, view and paging: count. */
export const customerFilterQuerySchema = queryOf({ ...filterParameters, consistency: consistencyParameter });
/** The filters and the view: export. */
export const customerExportQuerySchema = queryOf({
  ...filterParameters,
  ...viewParameters,
  consistency: consistencyParameter,
});
/** The view alone: one customer. */
export const customerViewQuerySchema = queryOf({ ...viewParameters, consistency: consistencyParameter });
export const pageQuerySchema = queryOf({ limit: limitParameter, page: pageParameter });

/** An `{id}` path parameter: at most this many characters, once percent-decoded. */
export const maxPathParameterLength = 100;

/** An `{id}` path parameter. */
export const idParamsSchema = (description: string, example: string) =>
  z.object({
    id: z
      .string()
      .min(1)
      .max(maxPathParameterLength)
      // `.` and `..` are dot segments: a URL parser removes them before the request is sent.
      .regex(/^([^.].*|\.[^.].*|\.\..+)$/)
      .meta({ examples: [example] })
      .describe(`${description} (at most ${maxPathParameterLength} characters; not \`.\` or \`..\`)`),
  });

export const customerIdParamsSchema = idParamsSchema("The platform's customer id", '1001');

export const paginationSchema = z
  .object({
    limit: z.number().int().min(1).max(maxPageLimit),
    next: z.string().nullable().describe('Pass as `page` for the next page; `null` on the last page'),
  })
  .strict();

export const operationsSchema = z
  .object(Object.fromEntries(customerOperations.map((operation) => [operation, z.boolean()])))
  .strict();

/** An error response in the OpenAPI document, referencing the one error schema, with an example. */
export const errorResponse = (description: string, example: ErrorResponse['error']) => ({
  description,
  content: { 'application/json': { schema: errorResponseSchema, example: { error: example } } },
});

const invalidRequest = errorResponse(
  'invalid_request: a bad or unknown query parameter, path parameter or body value',
  { code: 'invalid_request', message: 'Invalid query parameters: limit: must be an integer from 1 to 100' },
);
const internal = errorResponse('internal: a bug in the gateway', {
  code: 'internal',
  message: 'Internal server error',
});

/** The error of routes that take nothing but the query parameters they document (none, for most). */
export const queryErrorResponses = { 400: invalidRequest };

/** The `Retry-After` header of every 429. */
const retryAfterHeader = {
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    type: 'integer',
    minimum: 0,
    examples: [2],
  },
};

/** Error responses every store-scoped route can give. */
export const storeErrorResponses = {
  400: errorResponse(
    'invalid_request (naming the `platform` when the connected platform refused a value this ' +
      'document allows, e.g. Ecwid requires an email), filter_not_supported, sort_not_supported ' +
      '(a sort the platform cannot honour, naming the sort and the platform) or resource_not_available',
    {
      code: 'filter_not_supported',
      message: 'The filter sinceId is not supported by woocommerce',
      platform: 'woocommerce',
    },
  ),
  401: errorResponse('unauthorized: missing, malformed, unknown or revoked store access token', {
    code: 'unauthorized',
    message: 'Unknown, malformed or revoked store access token',
  }),
  404: errorResponse('not_found: no such customer', {
    code: 'not_found',
    message: 'No customer with id 1001',
    platform: 'shopify',
  }),
  424: errorResponse('upstream_unauthorized: the platform rejected the stored credentials', {
    code: 'upstream_unauthorized',
    message: 'The platform rejected the stored credentials',
    platform: 'ecwid',
  }),
  429: {
    ...errorResponse(
      'rate_limited: the platform still throttles, its limiter has no turn for this request in time, or this client failed to authenticate 20 times in a row; the Retry-After header says how long',
      {
        code: 'rate_limited',
        message: 'The platform is rate limiting requests',
        platform: 'shopify',
      },
    ),
    headers: retryAfterHeader,
  },
  500: internal,
  502: errorResponse('upstream_error: the platform failed or answered something unparseable', {
    code: 'upstream_error',
    message: 'The platform answered 503',
    platform: 'woocommerce',
  }),
  504: errorResponse('upstream_timeout: the platform did not answer in time', {
    code: 'upstream_timeout',
    message: 'The platform did not answer within 30 s',
    platform: 'ecwid',
  }),
};

/** Error responses of admin routes. */
export const adminErrorResponses = {
  400: errorResponse('invalid_request: bad body value, unknown key, refused upstream address', {
    code: 'invalid_request',
    message: 'Invalid request body: name: Invalid input: expected string, received undefined',
  }),
  401: errorResponse('unauthorized: missing or wrong admin token', {
    code: 'unauthorized',
    message: 'Missing or wrong admin token: send Authorization: Bearer <UNICART_ADMIN_TOKEN>',
  }),
  404: errorResponse('not_found: no such store, or the admin API is disabled (UNICART_ADMIN_TOKEN unset)', {
    code: 'not_found',
    message: 'No store with id 3f1c0a4e-2b7d-4c55-9a57-1d6f0e2b9c11',
  }),
  429: {
    ...errorResponse(
      'rate_limited: this client failed to authenticate 20 times in a row; the Retry-After header says how long',
      { code: 'rate_limited', message: 'Too many failed authentications: wait before trying again' },
    ),
    headers: retryAfterHeader,
  },
  500: internal,
};

/** What checking a new store's credentials with one read can add (connecting, `verifyCredentials`). */
export const credentialCheckResponses = {
  424: errorResponse('upstream_unauthorized: the platform rejected the credentials; nothing is stored', {
    code: 'upstream_unauthorized',
    message: 'Ecwid rejected the credentials (HTTP 403)',
    platform: 'ecwid',
  }),
  429: storeErrorResponses[429],
  502: storeErrorResponses[502],
  504: storeErrorResponses[504],
};

/** The error of routes with a JSON body. */
export const payloadTooLargeResponse = {
  413: errorResponse('payload_too_large: the body is over the 1 MiB limit', {
    code: 'payload_too_large',
    message: 'The request body is larger than the 1 MiB limit',
  }),
};
