import {
  defaultFieldResolver,
  execute,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
} from 'graphql';
import type { AppBulkOperations, BulkPageExecutor } from './shopify-bulk';
import { actualCost, type CostInputs, fragmentsOf, requestedCost } from './shopify-cost';
import { customerMutations } from './shopify-mutations';
import { queryRoot } from './shopify-query-root';
import type { ShopifyStore } from './shopify-store';
import type { LeakyBucket, ThrottleStatus } from './shopify-throttle';
import type { ShopifyContext } from './shopify-views';
import type { ShopifyWebhooks } from './shopify-webhooks';

/** A GraphQL request body. */
export interface GraphQLRequest {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly operationName?: string | null;
}

/** What one execution needs besides the request. */
export interface GraphQLExecutionSettings {
  readonly schema: GraphQLSchema;
  readonly store: ShopifyStore;
  /** The app's cost bucket; with throttling off it is only reported, never drawn from. */
  readonly bucket: LeakyBucket;
  readonly throttle: boolean;
  /** Largest requested cost of one query (Shopify: 1 000). */
  readonly maxQueryCost: number;
  readonly now: () => Date;
  /** The calling app's bulk operations. */
  readonly bulkOperations?: AppBulkOperations;
  /** The shop's webhook subscriptions. */
  readonly webhooks?: ShopifyWebhooks;
}

const rateLimitDocumentation = 'https://shopify.dev/api/usage/rate-limits';

function bulkOperationsOf(context: ShopifyContext): AppBulkOperations {
  if (context.bulkOperations === undefined) {
    throw new GraphQLError('Bulk operations cannot be used inside a bulk operation', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  return context.bulkOperations;
}

/** `bulkOperationRunQuery`, `bulkOperationCancel`, `bulkOperation(id:)` and `currentBulkOperation`. */
const bulkOperationFields = {
  bulkOperationRunQuery(args: { query: string; groupObjects: boolean }, context: ShopifyContext) {
    return bulkOperationsOf(context).run(args.query, args.groupObjects);
  },
  bulkOperationCancel(args: { id: string }, context: ShopifyContext) {
    return bulkOperationsOf(context).cancel(args.id);
  },
  bulkOperation(args: { id: string }, context: ShopifyContext) {
    return bulkOperationsOf(context).get(args.id);
  },
  currentBulkOperation(args: { type: 'QUERY' | 'MUTATION' }, context: ShopifyContext) {
    return bulkOperationsOf(context).current(args.type);
  },
};

function webhooksOf(context: ShopifyContext): ShopifyWebhooks['fields'] {
  if (context.webhooks === undefined) {
    throw new GraphQLError('Webhook subscriptions cannot be used inside a bulk operation', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  return context.webhooks.fields;
}

/** `webhookSubscriptionCreate`, `webhookSubscriptionDelete` and `webhookSubscriptions` of the shop. */
const webhookSubscriptionFields = {
  webhookSubscriptionCreate: (
    args: Parameters<ShopifyWebhooks['fields']['webhookSubscriptionCreate']>[0],
    context: ShopifyContext,
  ) => webhooksOf(context).webhookSubscriptionCreate(args, context),
  webhookSubscriptionDelete: (
    args: Parameters<ShopifyWebhooks['fields']['webhookSubscriptionDelete']>[0],
    context: ShopifyContext,
  ) => webhooksOf(context).webhookSubscriptionDelete(args),
  webhookSubscriptions: (
    args: Parameters<ShopifyWebhooks['fields']['webhookSubscriptions']>[0],
    context: ShopifyContext,
  ) => webhooksOf(context).webhookSubscriptions(args),
};

const rootValue = {
  ...queryRoot,
  ...customerMutations,
  ...bulkOperationFields,
  ...webhookSubscriptionFields,
};

/**
 * Fields the simulator does not answer fail loudly instead of reading as `null`, so an adapter
 * author sees at once that the sandbox, not Shopify, lacks them.
 */
export const fieldResolver: GraphQLFieldResolver<unknown, ShopifyContext> = (source, args, context, info) => {
  if (source !== null && typeof source === 'object' && !(info.fieldName in source)) {
    throw new GraphQLError(
      `The Unicart sandbox does not simulate ${info.parentType.name}.${info.fieldName}`,
      {
        extensions: { code: 'NOT_SIMULATED' },
      },
    );
  }
  return defaultFieldResolver(source, args, context, info);
};

function errorsBody(errors: readonly GraphQLError[]) {
  return { errors: errors.map((error) => error.toJSON()) };
}

/** The `THROTTLED` answer: HTTP 200, no `data`, the cost that did not fit (sheet §6). */
export function throttledBody(requestedQueryCost: number, throttleStatus: ThrottleStatus) {
  return {
    errors: [
      { message: 'Throttled', extensions: { code: 'THROTTLED', documentation: rateLimitDocumentation } },
    ],
    extensions: { cost: { requestedQueryCost, actualQueryCost: null, throttleStatus } },
  };
}

/** Executes one request as the Admin API does: validation, cost check, throttling, execution, cost report. */
export async function executeShopifyGraphQL(
  request: GraphQLRequest,
  settings: GraphQLExecutionSettings,
): Promise<object> {
  const { schema } = settings;
  let document: ReturnType<typeof parse>;
  try {
    document = parse(request.query);
  } catch (error) {
    if (error instanceof GraphQLError) return errorsBody([error]);
    throw error;
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) return errorsBody(validationErrors);
  const operation = getOperationAST(document, request.operationName || undefined);
  if (operation === null || operation === undefined) {
    return errorsBody([
      new GraphQLError('An operation name is required when the document has several operations'),
    ]);
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (coerced.errors !== undefined) return errorsBody(coerced.errors);

  const fragments = fragmentsOf(document);
  const costInputs: CostInputs = { schema, operation, fragments, variables: coerced.coerced };
  const requested = requestedCost(costInputs);
  if (requested > settings.maxQueryCost) {
    return {
      errors: [
        {
          message: `Query cost is ${requested}, which exceeds the single query max cost limit (${settings.maxQueryCost}).`,
          extensions: {
            code: 'MAX_COST_EXCEEDED',
            cost: requested,
            maxCost: settings.maxQueryCost,
            documentation: rateLimitDocumentation,
          },
        },
      ],
    };
  }
  if (settings.throttle && !settings.bucket.tryTake(requested)) {
    return throttledBody(requested, settings.bucket.status());
  }

  const context: ShopifyContext = {
    store: settings.store,
    searchReports: [],
    now: settings.now,
    bulkOperations: settings.bulkOperations,
    webhooks: settings.webhooks,
  };
  const result = await execute({
    schema,
    document,
    rootValue,
    contextValue: context,
    variableValues: request.variables ?? {},
    operationName: request.operationName || undefined,
    fieldResolver,
  });
  const actual = actualCost(costInputs, result.data);
  if (settings.throttle) settings.bucket.refund(requested - actual);
  return {
    ...(result.errors === undefined ? {} : { errors: result.errors.map((error) => error.toJSON()) }),
    data: result.data ?? null,
    extensions: {
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: actual,
        throttleStatus: settings.bucket.status(),
      },
      ...(context.searchReports.length > 0 ? { search: context.searchReports } : {}),
    },
  };
}

/** Runs one page of a bulk operation's query over the store, outside the cost bucket. */
export function bulkPageExecutor(schema: GraphQLSchema): BulkPageExecutor {
  return async (document, cursor, context) => {
    const result = await execute({
      schema,
      document,
      rootValue,
      contextValue: context,
      variableValues: { bulkCursor: cursor },
      fieldResolver,
    });
    return { data: result.data ?? null, ...(result.errors === undefined ? {} : { errors: result.errors }) };
  };
}
