import type { CustomerFilters } from '@unicart/core';
import type { SqlEngine, SqlValue } from '../stores/sql-database';
import { lowerCase, sinceIdKey } from './mirror-columns';

/** Inclusive numeric bounds of `ordersCount` and `totalSpent` (§4). */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
}

/** The filters of §2 and §4 as core parses them; the mirror honours each of them. */
export interface MirrorFilters extends CustomerFilters {
  readonly acceptsMarketing?: boolean;
  readonly ordersCount?: NumberRange;
  readonly totalSpent?: NumberRange;
  /** ISO alpha-2 codes, upper case. */
  readonly country?: readonly string[];
  /** Whole tags, trimmed. */
  readonly tags?: readonly string[];
  /** Digits only. */
  readonly phone?: string;
}

export type MirrorSortKey = 'createdAt' | 'updatedAt' | 'id' | 'email' | 'name';

export interface MirrorSort {
  readonly key: MirrorSortKey;
  readonly direction: 'asc' | 'desc';
}

/** Where a listed page ends: the keyset of its last customer. */
export interface MirrorPosition {
  /** 0 while customers whose sort key is set are listed, 1 once those whose key is null are. */
  readonly phase: 0 | 1;
  /** The last customer's sort key values (phase 0). */
  readonly values: readonly SqlValue[];
  readonly idKey: string;
}

/** A fragment of SQL and the values of its placeholders. */
export interface SqlFragment {
  readonly sql: string;
  readonly values: readonly SqlValue[];
}

/** Substring test on a lower-cased column: SQLite's `instr`, PostgreSQL's `strpos` (no LIKE escaping). */
function contains(engine: SqlEngine, column: string): string {
  return engine === 'postgresql' ? `strpos(${column}, ?) > 0` : `instr(${column}, ?) > 0`;
}

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/**
 * The WHERE conditions (on `mirror_customers m`) of every filter, with the contract's semantics:
 * a null value never matches a comparison, text compares lower-cased, `search` is "firstName,
 * lastName or email contains".
 */
export function filterConditions(engine: SqlEngine, storeId: string, filters: MirrorFilters): SqlFragment {
  const conditions: string[] = ['m.store_id = ?'];
  const values: SqlValue[] = [storeId];
  const add = (condition: string, ...bound: SqlValue[]) => {
    conditions.push(condition);
    values.push(...bound);
  };
  if (filters.ids !== undefined) add(`m.id IN (${placeholders(filters.ids.length)})`, ...filters.ids);
  if (filters.sinceId !== undefined) add('m.id_key > ?', sinceIdKey(filters.sinceId));
  for (const [column, range] of [
    ['m.created_at', filters.createdAt],
    ['m.updated_at', filters.updatedAt],
  ] as const) {
    if (range?.from !== undefined) add(`${column} >= ?`, range.from);
    if (range?.to !== undefined) add(`${column} <= ?`, range.to);
  }
  if (filters.email !== undefined) add('m.email_lc = ?', lowerCase(filters.email));
  if (filters.name !== undefined) add(contains(engine, 'm.full_name_lc'), lowerCase(filters.name));
  if (filters.search !== undefined) {
    const needle = lowerCase(filters.search);
    // A null column makes its test null, which OR treats as false.
    const [first, last, email] = ['m.first_lc', 'm.last_lc', 'm.email_lc'].map((column) =>
      contains(engine, column),
    );
    add(`(${first} OR ${last} OR ${email})`, needle, needle, needle);
  }
  if (filters.acceptsMarketing !== undefined)
    add('m.accepts_marketing = ?', filters.acceptsMarketing ? 1 : 0);
  for (const [column, range] of [
    ['m.orders_count', filters.ordersCount],
    ['m.total_spent', filters.totalSpent],
  ] as const) {
    if (range?.min !== undefined) add(`${column} >= ?`, range.min);
    if (range?.max !== undefined) add(`${column} <= ?`, range.max);
  }
  if (filters.country !== undefined) {
    add(
      `EXISTS (SELECT 1 FROM mirror_customer_countries c WHERE c.store_id = m.store_id AND c.customer_id = m.id AND c.code IN (${placeholders(filters.country.length)}))`,
      ...filters.country.map((code) => code.toUpperCase()),
    );
  }
  for (const tag of new Set((filters.tags ?? []).map((wanted) => lowerCase(wanted.trim())))) {
    add(
      'EXISTS (SELECT 1 FROM mirror_customer_tags t WHERE t.store_id = m.store_id AND t.customer_id = m.id AND t.tag_lc = ?)',
      tag,
    );
  }
  if (filters.phone !== undefined) add(contains(engine, 'm.phone_digits'), filters.phone);
  return { sql: conditions.join(' AND '), values };
}

/** The columns a sort orders by before the id; the first one is null exactly when the key is. */
const sortColumns: Readonly<Record<MirrorSortKey, readonly string[]>> = {
  id: [],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
  email: ['email_lc'],
  // §4: lastName, then firstName (a null one as empty); a null lastName puts the customer last.
  name: ['last_lc', 'first_key'],
};

/** Without `sort` the mirror lists in ascending id order (what `sinceId` implies anyway). */
export const defaultMirrorSort: MirrorSort = { key: 'id', direction: 'asc' };

/** One query of a keyset page: the customers of one phase after `after`, in the sort's order. */
export interface PhaseQuery {
  readonly phase: 0 | 1;
  /** Added to the filter conditions. */
  readonly condition: SqlFragment;
  readonly orderBy: string;
  /** The columns to select besides `customer` and `id_key` to build the next position. */
  readonly keyColumns: readonly string[];
}

/**
 * The queries that list one sorted page after `after`: customers whose sort key is set (in the
 * key's order, ties by id the same way), then those whose key is null (by id): nulls come last
 * in both directions. Each query walks one index forwards or backwards.
 */
export function phaseQueries(sort: MirrorSort, after: MirrorPosition | null): PhaseQuery[] {
  const columns = sortColumns[sort.key];
  const descending = sort.direction === 'desc';
  const comparison = descending ? '<' : '>';
  const direction = descending ? 'DESC' : 'ASC';
  const ordered = (names: readonly string[]) => names.map((name) => `m.${name} ${direction}`).join(', ');
  const keyedNames = [...columns, 'id_key'];
  const queries: PhaseQuery[] = [];
  const first = columns[0];
  if (first === undefined) {
    queries.push({
      phase: 0,
      condition:
        after === null ? { sql: '', values: [] } : { sql: `m.id_key ${comparison} ?`, values: [after.idKey] },
      orderBy: ordered(['id_key']),
      keyColumns: [],
    });
    return queries;
  }
  if (after === null || after.phase === 0) {
    const tuple = `(${keyedNames.map((name) => `m.${name}`).join(', ')})`;
    const keyset: SqlFragment =
      after === null
        ? { sql: `m.${first} IS NOT NULL`, values: [] }
        : {
            sql: `m.${first} IS NOT NULL AND ${tuple} ${comparison} (${placeholders(keyedNames.length)})`,
            values: [...after.values, after.idKey],
          };
    queries.push({ phase: 0, condition: keyset, orderBy: ordered(keyedNames), keyColumns: columns });
  }
  queries.push({
    phase: 1,
    condition:
      after === null || after.phase === 0
        ? { sql: `m.${first} IS NULL`, values: [] }
        : { sql: `m.${first} IS NULL AND m.id_key ${comparison} ?`, values: [after.idKey] },
    orderBy: ordered(['id_key']),
    keyColumns: [],
  });
  return queries;
}

/** Serialises a page position for a page token (the token signs it). */
export function encodePosition(position: MirrorPosition): string {
  return JSON.stringify([position.phase, position.values, position.idKey]);
}

/** Reads a position back; `undefined` when it is not one (a token of a live list, say). */
export function decodePosition(text: string, sort: MirrorSort): MirrorPosition | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) return undefined;
  const [phase, values, key] = decoded as unknown[];
  if ((phase !== 0 && phase !== 1) || typeof key !== 'string' || !Array.isArray(values)) return undefined;
  const expected = phase === 0 ? sortColumns[sort.key].length : 0;
  if (
    values.length !== expected ||
    !values.every((value) => typeof value === 'string' || typeof value === 'number')
  ) {
    return undefined;
  }
  return { phase, values: values as SqlValue[], idKey: key };
}
