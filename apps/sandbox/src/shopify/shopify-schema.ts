import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, type GraphQLSchema } from 'graphql';

const schemaFileName = 'shopify-admin-2026-01.graphql';
// The schema ships beside `dist/` and `src/`; this module runs from `dist/*.js` or `src/shopify/*.ts`.
const candidates = [`../schema/${schemaFileName}`, `../../schema/${schemaFileName}`];

/** Path of the copy of the real Admin API 2026-01 schema that ships with the sandbox. */
export function shopifySchemaPath(): string {
  for (const candidate of candidates) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`The Shopify Admin schema (${schemaFileName}) is missing from the sandbox package`);
}

let schema: GraphQLSchema | undefined;

/** The real Admin API schema, built once per process (about 0.3 s for its ~98 000 lines). */
export function shopifyAdminSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(shopifySchemaPath(), 'utf8'), { assumeValidSDL: true });
  return schema;
}
