import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  addressSchema,
  customerCreateInputSchema,
  customerSchema,
  customerUpdateInputSchema,
  orderSchema,
} from '@unicart/core';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from './errors';
import { replayedResponseHeader } from './idempotency/idempotency-schemas';

/**
 * Schemas named in `components.schemas`. The zod transform reads names and descriptions from zod's
 * global registry; it suffixes input-side names with `Input` (`CustomerCreate` → `CustomerCreateInput`).
 */
const namedSchemas: readonly (readonly [z.ZodType, string])[] = [
  [customerSchema, 'Customer'],
  [addressSchema, 'Address'],
  [orderSchema, 'Order'],
  [errorResponseSchema, 'Error'],
  [customerCreateInputSchema, 'CustomerCreate'],
  [customerUpdateInputSchema, 'CustomerUpdate'],
];
for (const [schema, id] of namedSchemas)
  z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), id });

type Document = ReturnType<ReturnType<typeof createJsonSchemaTransformObject>>;

/** Drops the component schemas no route refers to (each name is generated for input and output). */
function withoutUnusedSchemas(document: Document): Document {
  if (!('components' in document) || document.components?.schemas === undefined) return document;
  const { schemas } = document.components;
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const name = key === '$ref' && typeof child === 'string' ? child.split('/').pop() : undefined;
        if (name !== undefined && !used.has(name)) {
          used.add(name);
          visit(schemas[name as keyof typeof schemas]);
        }
        visit(child);
      }
    }
  };
  visit(document.paths);
  // The document was generated for this call alone, so trimming it in place is safe.
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name as keyof typeof schemas];
  return document;
}

const customerIdOfCreated = '$response.body#/customer/id';

/**
 * OpenAPI links from a created customer to what can be done with it next, so that clients and
 * stateful fuzzers can follow them (@fastify/swagger has no place for links in a route schema).
 */
const linksOfCreatedCustomer = {
  GetCustomer: { operationId: 'getCustomer', parameters: { id: customerIdOfCreated } },
  UpdateCustomer: { operationId: 'updateCustomer', parameters: { id: customerIdOfCreated } },
  DeleteCustomer: { operationId: 'deleteCustomer', parameters: { id: customerIdOfCreated } },
  ListCustomerOrders: { operationId: 'listCustomerOrders', parameters: { id: customerIdOfCreated } },
};

function withLinks(document: Document): Document {
  const created = document.paths?.['/api/v2/customers']?.post?.responses?.['201'];
  if (created !== undefined && !('$ref' in created))
    Object.assign(created, { links: linksOfCreatedCustomer });
  return document;
}

const idempotentOperations = new Set(['createCustomer', 'updateCustomer', 'deleteCustomer']);

/** `Idempotent-Replayed` on every answer of the idempotent writes, where the route schemas cannot say it. */
function withReplayedHeaders(document: Document): Document {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      if (typeof operation !== 'object' || operation === null || !('operationId' in operation)) continue;
      if (!idempotentOperations.has(String(operation.operationId))) continue;
      for (const response of Object.values((operation as { responses?: object }).responses ?? {})) {
        const target = response as { headers?: object };
        target.headers = { ...target.headers, ...replayedResponseHeader };
      }
    }
  }
  return document;
}

type Transform = ReturnType<typeof createJsonSchemaTransform>;

interface ContentResponse {
  readonly headers?: unknown;
  readonly content: Record<string, { readonly example?: unknown }>;
}

const isContentResponse = (value: unknown): value is ContentResponse =>
  typeof value === 'object' && value !== null && 'content' in value;

/**
 * The zod transform keeps only the description and schema of a response given with `content`:
 * this puts back its headers (`Retry-After` on 429) and examples.
 */
function withResponseExtras(transform: Transform): Transform {
  return (input) => {
    const output = transform(input);
    const given = input.schema?.response as Record<string, unknown> | undefined;
    const made = (output.schema as { response?: Record<string, unknown> }).response;
    for (const [status, response] of Object.entries(given ?? {})) {
      const target = made?.[status];
      if (!isContentResponse(response) || !isContentResponse(target)) continue;
      if (response.headers !== undefined) Object.assign(target, { headers: response.headers });
      for (const [type, media] of Object.entries(response.content)) {
        const targetMedia = target.content[type];
        if (media.example !== undefined && targetMedia !== undefined) {
          Object.assign(targetMedia, { example: media.example });
        }
      }
    }
    return output;
  };
}

const title = 'Unicart gateway';

/** OpenAPI 3.1 at `/openapi.json`, generated from the routes' zod schemas; Swagger UI at `/docs`. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  const transformObject = createJsonSchemaTransformObject({});
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title,
        description: 'One canonical Customers API over BigCommerce, Ecwid, Shopify and WooCommerce.',
        version: __PACKAGE_VERSION__,
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // Relative: the gateway that served this document, wherever it is deployed.
      servers: [{ url: '/', description: 'This gateway' }],
      tags: [
        { name: 'customers', description: 'The connected store’s customers (store access token)' },
        { name: 'sync', description: 'The connected store’s sync state (store access token)' },
        { name: 'stores', description: 'Store administration (admin token)' },
        { name: 'operations', description: 'Health, readiness and metrics' },
        { name: 'webhooks', description: 'Platform webhooks in (signed by the platform, no token)' },
      ],
      components: {
        securitySchemes: {
          storeAccessToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The `uc_...` token answered when the store was connected',
          },
          adminToken: { type: 'http', scheme: 'bearer', description: 'The value of UNICART_ADMIN_TOKEN' },
        },
      },
    },
    transform: withResponseExtras(createJsonSchemaTransform({})),
    transformObject: (document) =>
      withReplayedHeaders(withLinks(withoutUnusedSchemas(transformObject(document)))),
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    theme: { title: `${title} ${__PACKAGE_VERSION__}: API reference` },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
