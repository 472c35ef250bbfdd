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

/** OpenAPI 3.1 at `/openapi.json`, generated from the routes' zod schemas; Swagger UI at `/docs`. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  const transformObject = createJsonSchemaTransformObject({});
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Unicart gateway',
        description: 'One canonical Customers API over Ecwid, Shopify and WooCommerce.',
        version: __PACKAGE_VERSION__,
      },
      tags: [
        { name: 'customers', description: 'The connected store’s customers (store access token)' },
        { name: 'stores', description: 'Store administration (admin token)' },
        { name: 'operations', description: 'Health' },
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
    transform: createJsonSchemaTransform({}),
    transformObject: (document) => withoutUnusedSchemas(transformObject(document)),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
