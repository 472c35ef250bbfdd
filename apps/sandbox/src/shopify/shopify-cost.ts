import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** A mutation costs 10 points whatever it selects (sheet §6). */
export const mutationCost = 10;

/** A selected field with the type it was selected on (fragments resolved). */
interface SelectedField {
  readonly node: FieldNode;
  readonly parentType: GraphQLCompositeType;
}

/** What the cost walk needs besides the document. */
export interface CostInputs {
  readonly schema: GraphQLSchema;
  readonly operation: OperationDefinitionNode;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Coerced variable values. */
  readonly variables: Readonly<Record<string, unknown>>;
}

function selectedFields(
  inputs: CostInputs,
  selectionSet: SelectionSetNode | undefined,
  parentType: GraphQLCompositeType,
): SelectedField[] {
  if (selectionSet === undefined) return [];
  return selectionSet.selections.flatMap((selection): SelectedField[] => {
    if (selection.kind === Kind.FIELD) return [{ node: selection, parentType }];
    const fragment =
      selection.kind === Kind.FRAGMENT_SPREAD ? inputs.fragments.get(selection.name.value) : selection;
    if (fragment === undefined) return [];
    const conditionType = fragment.typeCondition
      ? inputs.schema.getType(fragment.typeCondition.name.value)
      : parentType;
    return isCompositeType(conditionType) ? selectedFields(inputs, fragment.selectionSet, conditionType) : [];
  });
}

function fieldDefinition(selected: SelectedField): GraphQLField<unknown, unknown> | undefined {
  const { parentType, node } = selected;
  return 'getFields' in parentType ? parentType.getFields()[node.name.value] : undefined;
}

const isConnection = (typeName: string) => typeName.endsWith('Connection');

function argumentsOf(inputs: CostInputs, selected: SelectedField): Record<string, unknown> {
  const definition = fieldDefinition(selected);
  if (definition === undefined) return {};
  try {
    return getArgumentValues(definition, selected.node, inputs.variables);
  } catch {
    return {};
  }
}

/** How many items a list or connection field asks for: `first`/`last`, or the length of `ids`. */
function requestedSize(argumentValues: Record<string, unknown>): number {
  for (const name of ['first', 'last']) {
    const value = argumentValues[name];
    if (typeof value === 'number') return value;
  }
  return Array.isArray(argumentValues.ids) ? argumentValues.ids.length : 1;
}

/**
 * The requested cost Shopify calculates before running a query (sheet §6): scalars and enums 0,
 * an object 1 plus its selections, a connection `2 + first × (cost of one node)` (its `pageInfo`
 * included in the 2), a list `size × (cost of one element)`, a mutation 10.
 */
export function requestedCost(inputs: CostInputs): number {
  const root =
    inputs.operation.operation === 'mutation'
      ? inputs.schema.getMutationType()
      : inputs.schema.getQueryType();
  if (root === null || root === undefined) return 0;
  const fields = selectedFields(inputs, inputs.operation.selectionSet, root);
  if (inputs.operation.operation === 'mutation') {
    return fields.filter((field) => field.node.name.value !== '__typename').length * mutationCost;
  }
  return fields.reduce((sum, field) => sum + fieldCost(inputs, field), 0);
}

function selectionCost(
  inputs: CostInputs,
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLCompositeType,
): number {
  return selectedFields(inputs, selectionSet, type).reduce((sum, field) => sum + fieldCost(inputs, field), 0);
}

function fieldCost(inputs: CostInputs, selected: SelectedField): number {
  const definition = fieldDefinition(selected);
  if (definition === undefined) return 0;
  const namedType = getNamedType(definition.type);
  if (isLeafType(namedType) || !isCompositeType(namedType)) return 0;
  const nullable = isNonNullType(definition.type) ? definition.type.ofType : definition.type;
  if (isConnection(namedType.name)) {
    return (
      2 + requestedSize(argumentsOf(inputs, selected)) * connectionNodeCost(inputs, selected.node, namedType)
    );
  }
  const elementCost = 1 + selectionCost(inputs, selected.node.selectionSet, namedType);
  return isListType(nullable) ? requestedSize(argumentsOf(inputs, selected)) * elementCost : elementCost;
}

/** The cost of one node of a connection, read from its `nodes` or `edges { node }` selection. */
function connectionNodeCost(
  inputs: CostInputs,
  connection: FieldNode,
  connectionType: GraphQLCompositeType,
): number {
  let nodeCost = 0;
  for (const child of selectedFields(inputs, connection.selectionSet, connectionType)) {
    const definition = fieldDefinition(child);
    if (definition === undefined) continue;
    const childType = getNamedType(definition.type);
    if (!isCompositeType(childType)) continue;
    if (child.node.name.value === 'nodes') {
      nodeCost = Math.max(nodeCost, 1 + selectionCost(inputs, child.node.selectionSet, childType));
    } else if (child.node.name.value === 'edges') {
      for (const edgeField of selectedFields(inputs, child.node.selectionSet, childType)) {
        const edgeDefinition = fieldDefinition(edgeField);
        const nodeType = edgeDefinition === undefined ? undefined : getNamedType(edgeDefinition.type);
        if (edgeField.node.name.value === 'node' && nodeType !== undefined && isCompositeType(nodeType)) {
          nodeCost = Math.max(nodeCost, 1 + selectionCost(inputs, edgeField.node.selectionSet, nodeType));
        }
      }
    }
  }
  return nodeCost;
}

/**
 * The actual cost, from what the query returned: the same rules with the number of nodes each
 * connection really returned; a null object costs nothing.
 */
export function actualCost(inputs: CostInputs, data: unknown): number {
  if (inputs.operation.operation === 'mutation') return requestedCost(inputs);
  const root = inputs.schema.getQueryType();
  if (root === null || root === undefined) return 0;
  return valueCost(inputs, inputs.operation.selectionSet, root, data);
}

function valueCost(
  inputs: CostInputs,
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLCompositeType,
  value: unknown,
): number {
  if (value === null || typeof value !== 'object') return 0;
  const record = value as Record<string, unknown>;
  let sum = 0;
  for (const selected of selectedFields(inputs, selectionSet, type)) {
    const definition = fieldDefinition(selected);
    const namedType = definition === undefined ? undefined : getNamedType(definition.type);
    if (namedType === undefined || !isCompositeType(namedType)) continue;
    const fieldValue = record[selected.node.alias?.value ?? selected.node.name.value];
    if (fieldValue === null || fieldValue === undefined) continue;
    if (isConnection(namedType.name)) {
      sum += 2 + connectionNodesCost(inputs, selected.node, namedType, fieldValue as Record<string, unknown>);
    } else if (Array.isArray(fieldValue)) {
      sum += fieldValue.reduce<number>(
        (total, element) =>
          total +
          (element === null ? 0 : 1 + valueCost(inputs, selected.node.selectionSet, namedType, element)),
        0,
      );
    } else {
      sum += 1 + valueCost(inputs, selected.node.selectionSet, namedType, fieldValue);
    }
  }
  return sum;
}

function connectionNodesCost(
  inputs: CostInputs,
  connection: FieldNode,
  connectionType: GraphQLCompositeType,
  value: Record<string, unknown>,
): number {
  let cost = 0;
  for (const child of selectedFields(inputs, connection.selectionSet, connectionType)) {
    const definition = fieldDefinition(child);
    const childType = definition === undefined ? undefined : getNamedType(definition.type);
    const items = value[child.node.alias?.value ?? child.node.name.value];
    if (childType === undefined || !isCompositeType(childType) || !Array.isArray(items)) continue;
    if (child.node.name.value === 'nodes') {
      cost = Math.max(
        cost,
        items.reduce<number>(
          (total, node) => total + 1 + valueCost(inputs, child.node.selectionSet, childType, node),
          0,
        ),
      );
    } else if (child.node.name.value === 'edges') {
      cost = Math.max(
        cost,
        items.reduce<number>(
          (total, edge) => total + valueCost(inputs, child.node.selectionSet, childType, edge),
          0,
        ),
      );
    }
  }
  return cost;
}

/** The fragments of a document, by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * The requested cost of one operation of a valid document with these variables, as Shopify
 * calculates it before running it: what a client must predict to stay under the cost cap.
 */
export function requestedCostOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
  operationName?: string,
): number {
  const operation = getOperationAST(document, operationName);
  if (operation === null || operation === undefined) throw new Error('No such operation in the document');
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors !== undefined) throw coerced.errors[0];
  return requestedCost({ schema, operation, fragments: fragmentsOf(document), variables: coerced.coerced });
}
