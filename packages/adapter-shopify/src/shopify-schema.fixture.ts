import { readFileSync } from 'node:fs';
import {
  buildSchema,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  isCompositeType,
  isLeafType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** Test support: the real Admin API schema (2026-01) and Shopify's query cost calculation. */

let schema: GraphQLSchema | undefined;

/** The schema file copied from the platform sheet, built once per test worker. */
export function shopifyAdminSchema(): GraphQLSchema {
  schema ??= buildSchema(
    readFileSync(new URL('./__fixtures__/shopify-admin-2026-01.schema.graphql', import.meta.url), 'utf8'),
  );
  return schema;
}

type JsonRecord = Readonly<Record<string, unknown>>;

const asRecord = (value: unknown): JsonRecord | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : null;

/**
 * Shopify's cost calculation (sheet §6, shopify.dev "API rate limits"): scalars and enums 0, an
 * object 1, a connection 2 + `first` × (1 + the cost of its node's selection), a mutation 10.
 * With `data`, the actual cost: connections count the nodes returned and null objects nothing.
 */
export function shopifyQueryCost(
  document: DocumentNode,
  variables: JsonRecord,
  operationName?: string,
  data?: unknown,
): number {
  const adminSchema = shopifyAdminSchema();
  const operation = getOperationAST(document, operationName);
  if (operation === null || operation === undefined) throw new Error('No such operation in the document');
  if (operation.operation === 'mutation') return 10 * operation.selectionSet.selections.length;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const typeNamed = (name: string) => adminSchema.getType(name) as GraphQLCompositeType;

  function selectionCost(
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    value: unknown,
  ): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment)
          total += selectionCost(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value), value);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? typeNamed(selection.typeCondition.name.value) : parent;
        total += selectionCost(selection.selectionSet, condition, value);
        continue;
      }
      if (!isObjectType(parent) || !selection.selectionSet) continue;
      const field = parent.getFields()[selection.name.value];
      if (field === undefined) continue;
      const type = getNamedType(field.type);
      if (isLeafType(type) || !isCompositeType(type)) continue;
      const responseValue =
        value === undefined ? undefined : asRecord(value)?.[selection.alias?.value ?? selection.name.value];
      if (value !== undefined && (responseValue === null || responseValue === undefined)) continue;
      if (type.name.endsWith('Connection') && isObjectType(type)) {
        const args = getArgumentValues(field, selection, variables);
        total += connectionCost(
          selection.selectionSet,
          type,
          Number(args.first ?? args.last ?? 0),
          responseValue,
        );
      } else {
        total += 1 + selectionCost(selection.selectionSet, type, responseValue);
      }
    }
    return total;
  }

  /** `nodes { … }` or `edges { node { … } }`, each node counted once; `pageInfo` and cursors are in the 2. */
  function connectionCost(
    selectionSet: SelectionSetNode,
    connection: GraphQLObjectType,
    requested: number,
    value: unknown,
  ): number {
    const nodeType = getNamedType(connection.getFields().nodes?.type) as GraphQLCompositeType;
    let total = 2;
    for (const selection of selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
      const list = selection.name.value;
      const nodeField =
        list === 'nodes'
          ? selection
          : list === 'edges'
            ? selection.selectionSet.selections.find(
                (edgeSelection) => edgeSelection.kind === Kind.FIELD && edgeSelection.name.value === 'node',
              )
            : undefined;
      if (nodeField?.kind !== Kind.FIELD || !nodeField.selectionSet) continue;
      const nodeSelection = nodeField.selectionSet;
      const items = value === undefined ? undefined : (asRecord(value)?.[list] as readonly unknown[]);
      const returned = list === 'edges' ? items?.map((edge) => asRecord(edge)?.node) : items;
      total +=
        returned === undefined
          ? requested * (1 + selectionCost(nodeSelection, nodeType, undefined))
          : returned.reduce<number>((sum, node) => sum + 1 + selectionCost(nodeSelection, nodeType, node), 0);
    }
    return total;
  }

  return selectionCost(operation.selectionSet, adminSchema.getQueryType() as GraphQLCompositeType, data);
}
