import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  validate,
} from 'graphql';
import { randomToken } from '../kit/random-token';
import { gid, idOf } from './shopify-gid';
import type { ShopifyStore } from './shopify-store';
import type { ShopifyContext } from './shopify-views';

/**
 * Bulk query operations (shopify.dev, "Perform bulk operations with the GraphQL Admin API", and the
 * 2026-01 schema's `BulkOperation`): `bulkOperationRunQuery` checks the query and answers at once
 * with a CREATED operation; the query then runs in the background, writing one JSONL line per node
 * (nested connections' nodes on lines of their own with `__parentId`), without drawing on the
 * app's cost bucket; `bulkOperation(id:)` / `currentBulkOperation` report its progress and, once
 * COMPLETED, the `url` of the file. `bulkOperationCancel` stops it (CANCELING, then CANCELED).
 */

export type BulkOperationStatus = 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELING' | 'CANCELED';
export type BulkOperationErrorCode = 'ACCESS_DENIED' | 'INTERNAL_SERVER_ERROR' | 'TIMEOUT';

export interface BulkOperationSettings {
  /**
   * Objects (root and nested) an operation processes a second: how soon it completes. Default
   * 20 000; tests raise it, a benchmark may lower it to Shopify's pace.
   */
  readonly objectsPerSecond: number;
}

/** Rules of `bulkOperationRunQuery` (shopify.dev bulk operations guide, "Operation restrictions"). */
const maxConnections = 5;
const maxConnectionDepth = 2;
/** Concurrent bulk query operations per shop: five from API version 2026-01, one before. */
const concurrentOperationsFrom202601 = 5;
/** Root nodes the simulator reads per internal page while it runs an operation. */
const rootPageSize = 250;
const activeStatuses: ReadonlySet<BulkOperationStatus> = new Set(['CREATED', 'RUNNING', 'CANCELING']);

interface BulkUserError {
  readonly field: readonly string[] | null;
  readonly message: string;
  readonly code: 'INVALID' | 'OPERATION_IN_PROGRESS' | 'LIMIT_REACHED';
}

/** One bulk operation, as `BulkOperation` shows it. */
interface BulkOperationRecord {
  readonly id: number;
  readonly app: string;
  readonly query: string;
  readonly createdAt: Date;
  status: BulkOperationStatus;
  errorCode: BulkOperationErrorCode | null;
  completedAt: Date | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
  partialDataUrl: string | null;
}

/** A connection field of the bulk query, with the connections nested in its nodes. */
interface ConnectionPlan {
  readonly field: FieldNode;
  readonly nested: readonly ConnectionPlan[];
}

function isConnectionType(type: GraphQLCompositeType): boolean {
  return type.name.endsWith('Connection');
}

function fieldsOf(selectionSet: SelectionSetNode | undefined): FieldNode[] {
  return (selectionSet?.selections ?? []).filter(
    (selection): selection is FieldNode => selection.kind === Kind.FIELD,
  );
}

/** The node selections of a connection (`edges { node { … } }` or `nodes { … }`) with the node type. */
function nodeSelections(
  connection: FieldNode,
  connectionType: GraphQLCompositeType,
): { field: FieldNode; type: GraphQLCompositeType }[] {
  const fieldsOfType = (type: GraphQLNamedType) => ('getFields' in type ? type.getFields() : {});
  const selected: { field: FieldNode; type: GraphQLCompositeType }[] = [];
  for (const child of fieldsOf(connection.selectionSet)) {
    const childType = fieldsOfType(connectionType)[child.name.value]?.type;
    if (childType === undefined) continue;
    if (child.name.value === 'nodes') {
      const type = getNamedType(childType);
      if (isCompositeType(type)) selected.push({ field: child, type });
    }
    if (child.name.value === 'edges') {
      const nodeType = fieldsOfType(getNamedType(childType)).node?.type;
      const type = nodeType && getNamedType(nodeType);
      if (type === undefined || !isCompositeType(type)) continue;
      for (const edgeField of fieldsOf(child.selectionSet)) {
        if (edgeField.name.value === 'node') selected.push({ field: edgeField, type });
      }
    }
  }
  return selected;
}

class BulkQueryRefused extends Error {}

/**
 * Checks a bulk query as Shopify does and returns its plan: one query operation without variables,
 * whose single top-level field is a connection (top-level `node`/`nodes` refused); at most five
 * connections, nested at most two deep; no connection inside a list; the node owning a nested
 * connection selects `id` (its children's `__parentId`).
 */
function planBulkQuery(schema: GraphQLSchema, document: DocumentNode): ConnectionPlan {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const [operation] = operations;
  if (operations.length !== 1 || operation === undefined || operation.operation !== 'query') {
    throw new BulkQueryRefused('Bulk queries must contain exactly one query operation.');
  }
  if (document.definitions.length !== 1) {
    throw new BulkQueryRefused('The Unicart sandbox does not simulate fragments in bulk queries.');
  }
  if ((operation.variableDefinitions ?? []).length > 0) {
    throw new BulkQueryRefused('Bulk queries cannot declare variables.');
  }
  const roots = fieldsOf(operation.selectionSet);
  const [root] = roots;
  if (roots.length !== 1 || root === undefined) {
    throw new BulkQueryRefused('Bulk queries must select exactly one top-level field.');
  }
  if (root.name.value === 'node' || root.name.value === 'nodes') {
    throw new BulkQueryRefused("Bulk queries cannot use the top-level 'node' or 'nodes' fields.");
  }
  const queryType = schema.getQueryType();
  const rootType = queryType?.getFields()[root.name.value]?.type;
  const rootNamed = rootType && getNamedType(rootType);
  if (rootNamed === undefined || !isCompositeType(rootNamed) || !isConnectionType(rootNamed)) {
    throw new BulkQueryRefused(
      'Bulk queries must contain at least one connection. The Unicart sandbox simulates those whose top-level field is a connection.',
    );
  }
  let count = 0;
  const planOf = (field: FieldNode, type: GraphQLCompositeType, depth: number): ConnectionPlan => {
    count += 1;
    if (count > maxConnections) {
      throw new BulkQueryRefused(`Bulk queries cannot contain more than ${maxConnections} connections.`);
    }
    if (depth > maxConnectionDepth) {
      throw new BulkQueryRefused(
        `Bulk queries cannot contain connections nested more than ${maxConnectionDepth} levels deep.`,
      );
    }
    const nested: ConnectionPlan[] = [];
    for (const { field: nodeField, type: ownerType } of nodeSelections(field, type)) {
      const childConnections = collectConnections(nodeField.selectionSet, ownerType, false, true);
      if (
        childConnections.length > 0 &&
        !fieldsOf(nodeField.selectionSet).some((f) => f.name.value === 'id')
      ) {
        throw new BulkQueryRefused(
          `The parent 'node' field for a nested connection must select the 'id' field. Connection fields without 'id' field selection: '${childConnections.map(({ field: child }) => child.name.value).join("', '")}'.`,
        );
      }
      for (const child of childConnections) nested.push(planOf(child.field, child.type, depth + 1));
    }
    return { field, nested };
  };
  return planOf(root, rootNamed, 1);

  function collectConnections(
    selectionSet: SelectionSetNode | undefined,
    type: GraphQLCompositeType,
    insideList: boolean,
    onNode: boolean,
  ): { field: FieldNode; type: GraphQLCompositeType }[] {
    const found: { field: FieldNode; type: GraphQLCompositeType }[] = [];
    const fields = 'getFields' in type ? type.getFields() : {};
    for (const field of fieldsOf(selectionSet)) {
      const definition = fields[field.name.value];
      if (definition === undefined) continue;
      const named = getNamedType(definition.type);
      if (!isCompositeType(named)) continue;
      if (isConnectionType(named)) {
        if (insideList) {
          throw new BulkQueryRefused(
            'Queries that contain a connection field within a list field are not currently supported.',
          );
        }
        if (!onNode) {
          throw new BulkQueryRefused(
            'The Unicart sandbox simulates nested connections selected directly on a node only.',
          );
        }
        found.push({ field, type: named });
        continue;
      }
      const unwrapped = isNonNullType(definition.type) ? definition.type.ofType : definition.type;
      found.push(
        ...collectConnections(field.selectionSet, named, insideList || isListType(unwrapped), false),
      );
    }
    return found;
  }
}

const pagingArguments = new Set(['first', 'last', 'after', 'before']);

function intArgument(name: string, value: number): ArgumentNode {
  return {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: name },
    value: { kind: Kind.INT, value: String(value) },
  };
}

/**
 * The query the simulator runs for each internal page: the root connection paged `rootPageSize` at a
 * time after `$bulkCursor`, with the page info it needs; nested connections read whole (Shopify
 * ignores nothing a bulk query selects, and pages on its side).
 */
function pagedDocument(document: DocumentNode, plan: ConnectionPlan): DocumentNode {
  const nestedFields = new Set<FieldNode>();
  const walk = (connection: ConnectionPlan) => {
    for (const nested of connection.nested) {
      nestedFields.add(nested.field);
      walk(nested);
    }
  };
  walk(plan);
  const rewriteSelections = (selectionSet: SelectionSetNode | undefined): SelectionSetNode | undefined =>
    selectionSet && {
      ...selectionSet,
      selections: selectionSet.selections.map((selection) =>
        selection.kind === Kind.FIELD ? rewriteField(selection) : selection,
      ),
    };
  const rewriteField = (field: FieldNode): FieldNode => {
    const kept = (field.arguments ?? []).filter((argument) => !pagingArguments.has(argument.name.value));
    if (field === plan.field) {
      const selectionSet = rewriteSelections(field.selectionSet) as SelectionSetNode;
      return {
        ...field,
        arguments: [
          ...kept,
          intArgument('first', rootPageSize),
          {
            kind: Kind.ARGUMENT,
            name: { kind: Kind.NAME, value: 'after' },
            value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'bulkCursor' } },
          },
        ],
        selectionSet: {
          ...selectionSet,
          selections: [
            ...selectionSet.selections,
            ...fieldsOf(
              (
                parse('{ bulkPageInfo: pageInfo { hasNextPage endCursor } }')
                  .definitions[0] as OperationDefinitionNode
              ).selectionSet,
            ),
          ],
        },
      };
    }
    if (nestedFields.has(field)) {
      return {
        ...field,
        arguments: [...kept, intArgument('first', 2_147_483_647)],
        selectionSet: rewriteSelections(field.selectionSet),
      };
    }
    return { ...field, selectionSet: rewriteSelections(field.selectionSet) };
  };
  const operation = document.definitions[0] as OperationDefinitionNode;
  return {
    ...document,
    definitions: [
      {
        ...operation,
        variableDefinitions: [
          {
            kind: Kind.VARIABLE_DEFINITION,
            variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'bulkCursor' } },
            type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
          },
        ],
        selectionSet: rewriteSelections(operation.selectionSet) as SelectionSetNode,
      },
    ],
  };
}

/** The nodes a connection value holds, from `edges { node }` or `nodes`. */
function connectionNodes(value: unknown): Record<string, unknown>[] {
  if (value === null || typeof value !== 'object') return [];
  const connection = value as { edges?: { node?: unknown }[]; nodes?: unknown[] };
  const nodes = connection.nodes ?? connection.edges?.map((edge) => edge.node) ?? [];
  return nodes.filter((node): node is Record<string, unknown> => node !== null && typeof node === 'object');
}

/** A JSONL record: the node without its nested connections, then each child's lines after it. */
interface BulkLines {
  readonly record: Record<string, unknown>;
  readonly children: BulkLines[];
}

function linesOf(
  node: Record<string, unknown>,
  plan: ConnectionPlan,
  parentId: string | undefined,
): BulkLines {
  const nestedKeys = new Map(
    plan.nested.map((nested) => [nested.field.alias?.value ?? nested.field.name.value, nested]),
  );
  const record: Record<string, unknown> = {};
  const children: BulkLines[] = [];
  for (const [key, value] of Object.entries(node)) {
    const nested = nestedKeys.get(key);
    if (nested === undefined) {
      record[key] = value;
      continue;
    }
    for (const child of connectionNodes(value)) children.push(linesOf(child, nested, String(node.id)));
  }
  if (parentId !== undefined) record.__parentId = parentId;
  return { record, children };
}

function countLines(lines: BulkLines): number {
  return 1 + lines.children.reduce((sum, child) => sum + countLines(child), 0);
}

/** Grouped: each node's children right after it. Ungrouped: a page's roots first, then every child. */
function* serialise(page: readonly BulkLines[], groupObjects: boolean): Generator<string> {
  if (groupObjects) {
    const grouped = function* (lines: BulkLines): Generator<string> {
      yield JSON.stringify(lines.record);
      for (const child of lines.children) yield* grouped(child);
    };
    for (const lines of page) yield* grouped(lines);
    return;
  }
  let level: readonly BulkLines[] = page;
  while (level.length > 0) {
    for (const lines of level) yield JSON.stringify(lines.record);
    level = level.flatMap((lines) => lines.children);
  }
}

/** Runs one page of the rewritten query over the store (no cost bucket: bulk reads are not charged). */
export type BulkPageExecutor = (
  document: DocumentNode,
  cursor: string | null,
  context: ShopifyContext,
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly unknown[] }>;

/** The bulk operations of one app on the shop, for the resolvers. */
export interface AppBulkOperations {
  run(query: string, groupObjects: boolean): { bulkOperation: object | null; userErrors: BulkUserError[] };
  get(id: string): object | null;
  current(type: 'QUERY' | 'MUTATION'): object | null;
  cancel(id: string): {
    bulkOperation: object | null;
    userErrors: { field: string[] | null; message: string }[];
  };
}

/** Every bulk operation of the simulated shop, their result files and the failures queued for them. */
export class ShopifyBulkOperations {
  readonly #operations = new Map<number, BulkOperationRecord>();
  readonly #files = new Map<string, string>();
  readonly #queuedFailures: BulkOperationErrorCode[] = [];
  readonly #directory = mkdtempSync(join(tmpdir(), 'unicart-shopify-bulk-'));
  #nextId = 4_412_000_001;

  constructor(
    private readonly settings: BulkOperationSettings & {
      readonly schema: GraphQLSchema;
      /** The simulator's origin, known once it listens. */
      readonly origin: () => string;
      readonly executePage: BulkPageExecutor;
    },
  ) {}

  /** The next operation that runs fails with `errorCode` after its first page (its partial data kept). */
  failNext(errorCode: BulkOperationErrorCode): void {
    this.#queuedFailures.push(errorCode);
  }

  /** The file behind a result URL's token, or `undefined`. */
  filePath(token: string): string | undefined {
    return this.#files.get(token);
  }

  /** Forgets every operation (running ones are canceled) and its files. */
  clear(): void {
    for (const operation of this.#operations.values()) {
      if (activeStatuses.has(operation.status)) operation.status = 'CANCELING';
    }
    this.#operations.clear();
    this.#queuedFailures.length = 0;
    this.#files.clear();
  }

  close(): void {
    this.clear();
    rmSync(this.#directory, { recursive: true, force: true });
  }

  forApp(app: string, version: string, store: () => ShopifyStore, now: () => Date): AppBulkOperations {
    const view = (operation: BulkOperationRecord | undefined) =>
      operation === undefined || operation.app !== app ? null : bulkOperationView(operation);
    return {
      run: (query, groupObjects) => {
        let plan: ConnectionPlan;
        let document: DocumentNode;
        try {
          document = parse(query);
          const errors = validate(this.settings.schema, document);
          if (errors.length > 0) throw new BulkQueryRefused(`Invalid bulk query: ${errors[0]?.message}`);
          plan = planBulkQuery(this.settings.schema, document);
        } catch (error) {
          const message =
            error instanceof BulkQueryRefused
              ? error.message
              : `Invalid bulk query: ${(error as Error).message}`;
          return { bulkOperation: null, userErrors: [{ field: ['query'], message, code: 'INVALID' }] };
        }
        const running = [...this.#operations.values()].filter(
          (operation) => operation.app === app && activeStatuses.has(operation.status),
        ).length;
        const limit = version >= '2026-01' || version === 'unstable' ? concurrentOperationsFrom202601 : 1;
        if (running >= limit) {
          return {
            bulkOperation: null,
            userErrors: [
              limit === 1
                ? {
                    field: null,
                    message: 'A bulk query operation for this app and shop is already in progress.',
                    code: 'OPERATION_IN_PROGRESS',
                  }
                : {
                    field: null,
                    message: `Bulk operations limit reached (${limit} bulk query operations at a time per shop). Please try again later.`,
                    code: 'LIMIT_REACHED',
                  },
            ],
          };
        }
        const operation: BulkOperationRecord = {
          id: this.#nextId++,
          app,
          query,
          createdAt: now(),
          status: 'CREATED',
          errorCode: null,
          completedAt: null,
          objectCount: 0,
          rootObjectCount: 0,
          fileSize: null,
          url: null,
          partialDataUrl: null,
        };
        this.#operations.set(operation.id, operation);
        const failure = this.#queuedFailures.shift();
        // Starts after this answer, as Shopify's do: the mutation answers CREATED.
        setImmediate(() => {
          void this.#execute(
            operation,
            pagedDocument(document, plan),
            plan,
            groupObjects,
            store(),
            now,
            failure,
          );
        });
        return { bulkOperation: bulkOperationView(operation), userErrors: [] };
      },
      get: (id) => {
        const numericId = idOf(id, 'BulkOperation');
        return numericId === null ? null : view(this.#operations.get(numericId));
      },
      current: (type) => {
        if (type !== 'QUERY') return null;
        let latest: BulkOperationRecord | undefined;
        for (const operation of this.#operations.values()) {
          if (operation.app === app) latest = operation;
        }
        return view(latest);
      },
      cancel: (id) => {
        const numericId = idOf(id, 'BulkOperation');
        const operation = numericId === null ? undefined : this.#operations.get(numericId);
        if (operation === undefined || operation.app !== app) {
          return {
            bulkOperation: null,
            userErrors: [{ field: ['id'], message: 'Bulk operation does not exist' }],
          };
        }
        if (!activeStatuses.has(operation.status)) {
          return {
            bulkOperation: bulkOperationView(operation),
            userErrors: [
              {
                field: null,
                message: `A bulk operation cannot be canceled when it is ${operation.status.toLowerCase()}`,
              },
            ],
          };
        }
        operation.status = 'CANCELING';
        return { bulkOperation: bulkOperationView(operation), userErrors: [] };
      },
    };
  }

  #publish(path: string): string {
    const token = randomToken('');
    this.#files.set(token, path);
    return `${this.settings.origin()}/bulk-operation-results/${token}.jsonl`;
  }

  async #execute(
    operation: BulkOperationRecord,
    document: DocumentNode,
    plan: ConnectionPlan,
    groupObjects: boolean,
    store: ShopifyStore,
    now: () => Date,
    failure: BulkOperationErrorCode | undefined,
  ): Promise<void> {
    // Cancelled before it started (or the simulator reset): no file.
    if (operation.status === 'CANCELING') {
      operation.status = 'CANCELED';
      operation.completedAt = now();
      return;
    }
    const path = join(this.#directory, `${operation.id}.jsonl`);
    const file = createWriteStream(path);
    // A write that fails (the simulator closed meanwhile) fails the operation, not the process.
    file.on('error', () => undefined);
    const startedAt = Date.now();
    let written = 0;
    const rootKey = plan.field.alias?.value ?? plan.field.name.value;
    const finish = async (status: BulkOperationStatus, errorCode: BulkOperationErrorCode | null) => {
      file.end();
      await once(file, 'close');
      operation.completedAt = now();
      operation.errorCode = errorCode;
      if (status === 'COMPLETED') {
        operation.fileSize = file.bytesWritten;
        // Shopify gives no URL for an operation that found nothing.
        operation.url = operation.objectCount === 0 ? null : this.#publish(path);
      } else if (status === 'FAILED' && errorCode !== 'ACCESS_DENIED' && operation.objectCount > 0) {
        operation.partialDataUrl = this.#publish(path);
      }
      operation.status = status;
    };
    // A function, not a narrowed field: `bulkOperationCancel` changes the status while pages run.
    const canceling = () => operation.status === 'CANCELING';
    try {
      if (operation.status === 'CREATED') operation.status = 'RUNNING';
      const context: ShopifyContext = { store, searchReports: [], now, bulk: true };
      let cursor: string | null = null;
      do {
        if (canceling()) return await finish('CANCELED', null);
        if (failure === 'ACCESS_DENIED') return await finish('FAILED', failure);
        const result = await this.settings.executePage(document, cursor, context);
        const connection = result.data?.[rootKey] as
          | { bulkPageInfo?: { hasNextPage: boolean; endCursor: string | null } }
          | undefined;
        if (result.errors !== undefined || connection === undefined) {
          return await finish('FAILED', 'INTERNAL_SERVER_ERROR');
        }
        const page = connectionNodes(connection).map((node) => linesOf(node, plan, undefined));
        await writeLines(file, serialise(page, groupObjects));
        operation.rootObjectCount += page.length;
        written += page.reduce((sum, lines) => sum + countLines(lines), 0);
        // Paced to `objectsPerSecond` (the knob for how long an operation takes), the running count
        // growing as the time passes, as Shopify's `objectCount` does.
        const rate = this.settings.objectsPerSecond;
        const due = startedAt + (written / rate) * 1000;
        for (let wait = due - Date.now(); wait > 0 && !canceling(); wait = due - Date.now()) {
          operation.objectCount = Math.min(written, Math.floor(((Date.now() - startedAt) / 1000) * rate));
          await sleep(Math.min(100, wait));
        }
        operation.objectCount = written;
        if (failure !== undefined) return await finish('FAILED', failure);
        cursor = connection.bulkPageInfo?.hasNextPage ? (connection.bulkPageInfo.endCursor ?? null) : null;
      } while (cursor !== null);
      if (canceling()) return await finish('CANCELED', null);
      await finish('COMPLETED', null);
    } catch {
      if (!file.closed) await finish('FAILED', 'INTERNAL_SERVER_ERROR');
    }
  }
}

async function writeLines(file: WriteStream, lines: Iterable<string>): Promise<void> {
  for (const line of lines) {
    if (!file.write(`${line}\n`)) await once(file, 'drain');
  }
}

/** `BulkOperation` as the schema has it; UnsignedInt64 values are strings (sheet §9.2). */
function bulkOperationView(operation: BulkOperationRecord) {
  return {
    __typename: 'BulkOperation',
    id: gid('BulkOperation', operation.id),
    status: operation.status,
    errorCode: operation.errorCode,
    createdAt: toDateTime(operation.createdAt),
    completedAt: operation.completedAt === null ? null : toDateTime(operation.completedAt),
    objectCount: String(operation.objectCount),
    rootObjectCount: String(operation.rootObjectCount),
    fileSize: operation.fileSize === null ? null : String(operation.fileSize),
    url: operation.url,
    partialDataUrl: operation.partialDataUrl,
    query: operation.query,
    type: 'QUERY',
  };
}

function toDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
