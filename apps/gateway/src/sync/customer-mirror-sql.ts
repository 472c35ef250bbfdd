import type { Customer } from '@unicart/core';
import type { SqlDatabase, SqlExecutor, SqlValue } from '../stores/sql-database';
import type { CustomerMirror, MirrorChange } from './customer-mirror';
import { mirrorColumnNames, mirrorRowOf, stableJson } from './mirror-columns';
import {
  defaultMirrorSort,
  filterConditions,
  type MirrorFilters,
  type MirrorPosition,
  type MirrorSort,
  phaseQueries,
} from './mirror-query';

/** One entry of a store's change feed (CONTRACT.md §5). */
export interface FeedEntry {
  /** Position in the store's feed: 1, 2, 3 … without gaps, in commit order. */
  readonly seq: number;
  readonly type: 'upsert' | 'delete';
  readonly customerId: string;
  /** The customer as this change left it; `null` for a delete. */
  readonly customer: Customer | null;
  readonly detectedAt: string;
}

/** A part of a store's feed, and where the feed stands. */
export interface FeedRead {
  readonly entries: readonly FeedEntry[];
  /** The last position ever appended (0 for none). */
  readonly lastSeq: number;
  /** Entries up to this position were pruned or cleared: a reader still before it missed some. */
  readonly prunedThroughSeq: number;
}

/** A sorted page of the mirror, and where the next one starts (`null` after the last). */
export interface MirrorPage {
  readonly customers: readonly Customer[];
  readonly next: MirrorPosition | null;
}

export interface MirrorPageQuery {
  readonly filters: MirrorFilters;
  /** Absent: ascending id order. */
  readonly sort?: MirrorSort | undefined;
  readonly limit: number;
  readonly after: MirrorPosition | null;
}

/** The mirror as the gateway's routes read it, besides what sync writes through `CustomerMirror`. */
export interface MirrorStore extends CustomerMirror {
  list(storeId: string, query: MirrorPageQuery): Promise<MirrorPage>;
  count(storeId: string, filters: MirrorFilters): Promise<number>;
  get(storeId: string, customerId: string): Promise<Customer | null>;
  /** The feed after position `afterSeq`, at most `limit` entries. */
  changes(storeId: string, afterSeq: number, limit: number): Promise<FeedRead>;
  /** Removes the feed entries detected before `before` (of every store); resolves how many. */
  pruneChanges(before: Date): Promise<number>;
}

/** Rows per multi-row statement: well under both engines' limits on bound values. */
const rowsPerStatement = 200;

function chunks<Item>(items: readonly Item[], size = rowsPerStatement): Item[][] {
  const result: Item[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

const tuples = (rows: number, width: number) =>
  Array.from({ length: rows }, () => `(${Array.from({ length: width }, () => '?').join(', ')})`).join(', ');

interface StoredRow {
  readonly id: string;
  readonly customer: string;
}

interface PendingEntry {
  readonly type: 'upsert' | 'delete';
  readonly customerId: string;
  readonly customer: string | null;
}

const upsertCustomersSql = (rows: number) =>
  `INSERT INTO mirror_customers (store_id, ${mirrorColumnNames.join(', ')}) VALUES ${tuples(rows, mirrorColumnNames.length + 1)}
   ON CONFLICT (store_id, id) DO UPDATE SET ${mirrorColumnNames
     .filter((name) => name !== 'id')
     .map((name) => `${name} = excluded.${name}`)
     .join(', ')}`;

/** Locks the store's feed head (creating it): appliers of one store take turns, so positions commit in order. */
async function lockFeedHead(executor: SqlExecutor, storeId: string): Promise<number> {
  await executor.execute(
    'INSERT INTO mirror_feed_heads (store_id, last_seq, pruned_through_seq) VALUES (?, 0, 0) ON CONFLICT (store_id) DO NOTHING',
    [storeId],
  );
  // A no-op update takes PostgreSQL's row lock; SQLite's transaction already holds the write lock.
  await executor.execute('UPDATE mirror_feed_heads SET last_seq = last_seq WHERE store_id = ?', [storeId]);
  const [head] = await executor.query<{ last_seq: number | string }>(
    'SELECT last_seq FROM mirror_feed_heads WHERE store_id = ?',
    [storeId],
  );
  return Number(head?.last_seq ?? 0);
}

/** The mirrored version of each of `ids` (stable JSON), for comparing with what the platform sent. */
async function storedVersions(
  executor: SqlExecutor,
  storeId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  for (const part of chunks(ids, 500)) {
    const rows = await executor.query<StoredRow>(
      `SELECT id, customer FROM mirror_customers WHERE store_id = ? AND id IN (${part.map(() => '?').join(', ')})`,
      [storeId, ...part],
    );
    for (const row of rows) versions.set(row.id, stableJson(JSON.parse(row.customer)));
  }
  return versions;
}

async function writeCustomers(executor: SqlExecutor, storeId: string, customers: readonly Customer[]) {
  for (const part of chunks(customers)) {
    const rows = part.map(mirrorRowOf);
    await executor.execute(
      upsertCustomersSql(rows.length),
      rows.flatMap((row) => [storeId, ...row.values]),
    );
    const ids = part.map((customer) => customer.id);
    const inIds = `customer_id IN (${ids.map(() => '?').join(', ')})`;
    await executor.execute(`DELETE FROM mirror_customer_countries WHERE store_id = ? AND ${inIds}`, [
      storeId,
      ...ids,
    ]);
    await executor.execute(`DELETE FROM mirror_customer_tags WHERE store_id = ? AND ${inIds}`, [
      storeId,
      ...ids,
    ]);
    const countries = rows.flatMap((row, index) => row.countries.map((code) => [storeId, ids[index]!, code]));
    for (const values of chunks(countries)) {
      await executor.execute(
        `INSERT INTO mirror_customer_countries (store_id, customer_id, code) VALUES ${tuples(values.length, 3)}`,
        values.flat(),
      );
    }
    const tags = rows.flatMap((row, index) => row.tags.map((tag) => [storeId, ids[index]!, tag]));
    for (const values of chunks(tags)) {
      await executor.execute(
        `INSERT INTO mirror_customer_tags (store_id, customer_id, tag_lc) VALUES ${tuples(values.length, 3)}`,
        values.flat(),
      );
    }
  }
}

async function deleteCustomers(executor: SqlExecutor, storeId: string, ids: readonly string[]) {
  // Their countries and tags go with them (ON DELETE CASCADE).
  for (const part of chunks(ids)) {
    await executor.execute(
      `DELETE FROM mirror_customers WHERE store_id = ? AND id IN (${part.map(() => '?').join(', ')})`,
      [storeId, ...part],
    );
  }
}

async function appendEntries(
  executor: SqlExecutor,
  storeId: string,
  firstSeq: number,
  entries: readonly PendingEntry[],
  detectedAt: string,
) {
  let seq = firstSeq;
  for (const part of chunks(entries)) {
    const values: SqlValue[] = [];
    for (const entry of part) {
      values.push(storeId, seq, entry.type, entry.customerId, entry.customer, detectedAt);
      seq += 1;
    }
    await executor.execute(
      `INSERT INTO mirror_feed (store_id, seq, type, customer_id, customer, detected_at) VALUES ${tuples(part.length, 6)}`,
      values,
    );
  }
}

interface FeedRow {
  readonly seq: number | string;
  readonly type: 'upsert' | 'delete';
  readonly customer_id: string;
  readonly customer: string | null;
  readonly detected_at: string;
}

/** The mirror and change feed of every store, in the gateway's database (migration 4). */
export function createSqlCustomerMirror(database: SqlDatabase): MirrorStore {
  const { engine } = database;
  return {
    async apply(storeId: string, change: MirrorChange, detectedAt: Date) {
      if (change.upserts.length === 0 && change.deletes.length === 0) return 0;
      return database.transaction(async (executor) => {
        const lastSeq = await lockFeedHead(executor, storeId);
        const ids = [...new Set([...change.upserts.map((customer) => customer.id), ...change.deletes])];
        const versions = await storedVersions(executor, storeId, ids);
        // Each customer's last version is written; every version that differs gets an entry, in order.
        const written = new Map<string, Customer>();
        const removed = new Set<string>();
        const entries: PendingEntry[] = [];
        for (const customer of change.upserts) {
          const version = stableJson(customer);
          if (versions.get(customer.id) === version) continue;
          versions.set(customer.id, version);
          written.set(customer.id, customer);
          removed.delete(customer.id);
          entries.push({ type: 'upsert', customerId: customer.id, customer: JSON.stringify(customer) });
        }
        for (const id of change.deletes) {
          if (!versions.has(id)) continue;
          versions.delete(id);
          written.delete(id);
          removed.add(id);
          entries.push({ type: 'delete', customerId: id, customer: null });
        }
        if (entries.length === 0) return 0;
        await writeCustomers(executor, storeId, [...written.values()]);
        await deleteCustomers(executor, storeId, [...removed]);
        await appendEntries(executor, storeId, lastSeq + 1, entries, detectedAt.toISOString());
        await executor.execute('UPDATE mirror_feed_heads SET last_seq = ? WHERE store_id = ?', [
          lastSeq + entries.length,
          storeId,
        ]);
        return entries.length;
      });
    },

    async ids(storeId) {
      const rows = await database.query<{ id: string }>(
        'SELECT id FROM mirror_customers WHERE store_id = ?',
        [storeId],
      );
      return new Set(rows.map((row) => row.id));
    },

    async size(storeId) {
      const [row] = await database.query<{ n: number | string }>(
        'SELECT COUNT(*) AS n FROM mirror_customers WHERE store_id = ?',
        [storeId],
      );
      return Number(row?.n ?? 0);
    },

    async clear(storeId) {
      await database.transaction(async (executor) => {
        await lockFeedHead(executor, storeId);
        await executor.execute('DELETE FROM mirror_feed WHERE store_id = ?', [storeId]);
        await executor.execute('DELETE FROM mirror_customers WHERE store_id = ?', [storeId]);
        // The head stays: a cursor issued before the clear is then older than the feed (410).
        await executor.execute(
          'UPDATE mirror_feed_heads SET pruned_through_seq = last_seq WHERE store_id = ?',
          [storeId],
        );
      });
    },

    async list(storeId, { filters, sort = defaultMirrorSort, limit, after }) {
      const where = filterConditions(engine, storeId, filters);
      const customers: Customer[] = [];
      let last: MirrorPosition | null = null;
      // One more than the page: whether there is a next page.
      let wanted = limit + 1;
      for (const phase of phaseQueries(sort, after)) {
        if (wanted === 0) break;
        const keyColumns = phase.keyColumns.map((name, index) => `m.${name} AS k${index}`);
        const rows = await database.query<Record<string, SqlValue>>(
          `SELECT m.customer, m.id_key${keyColumns.map((column) => `, ${column}`).join('')}
           FROM mirror_customers m
           WHERE ${where.sql}${phase.condition.sql === '' ? '' : ` AND ${phase.condition.sql}`}
           ORDER BY ${phase.orderBy}
           LIMIT ?`,
          [...where.values, ...phase.condition.values, wanted],
        );
        for (const row of rows) {
          if (customers.length === limit) return { customers, next: last };
          customers.push(JSON.parse(String(row.customer)) as Customer);
          last = {
            phase: phase.phase,
            values: phase.keyColumns.map((_, index) => row[`k${index}`] ?? null),
            idKey: String(row.id_key),
          };
        }
        wanted -= rows.length;
      }
      return { customers, next: null };
    },

    async count(storeId, filters) {
      const where = filterConditions(engine, storeId, filters);
      const [row] = await database.query<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM mirror_customers m WHERE ${where.sql}`,
        where.values,
      );
      return Number(row?.n ?? 0);
    },

    async get(storeId, customerId) {
      const [row] = await database.query<StoredRow>(
        'SELECT id, customer FROM mirror_customers WHERE store_id = ? AND id = ?',
        [storeId, customerId],
      );
      return row === undefined ? null : (JSON.parse(row.customer) as Customer);
    },

    async changes(storeId, afterSeq, limit) {
      const [head] = await database.query<{ last_seq: number | string; pruned_through_seq: number | string }>(
        'SELECT last_seq, pruned_through_seq FROM mirror_feed_heads WHERE store_id = ?',
        [storeId],
      );
      const rows = await database.query<FeedRow>(
        `SELECT seq, type, customer_id, customer, detected_at FROM mirror_feed
         WHERE store_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
        [storeId, afterSeq, limit],
      );
      return {
        entries: rows.map((row) => ({
          seq: Number(row.seq),
          type: row.type,
          customerId: row.customer_id,
          customer: row.customer === null ? null : (JSON.parse(row.customer) as Customer),
          detectedAt: row.detected_at,
        })),
        lastSeq: Number(head?.last_seq ?? 0),
        prunedThroughSeq: Number(head?.pruned_through_seq ?? 0),
      };
    },

    async pruneChanges(before) {
      const cutoff = before.toISOString();
      return database.transaction(async (executor) => {
        // Pruning removes a prefix of each feed, so "pruned through" is one position per store.
        await executor.execute(
          `UPDATE mirror_feed_heads SET pruned_through_seq = (
             SELECT MAX(f.seq) FROM mirror_feed f WHERE f.store_id = mirror_feed_heads.store_id AND f.detected_at < ?)
           WHERE EXISTS (
             SELECT 1 FROM mirror_feed f WHERE f.store_id = mirror_feed_heads.store_id AND f.detected_at < ?)`,
          [cutoff, cutoff],
        );
        return executor.execute(
          `DELETE FROM mirror_feed WHERE seq <= (
             SELECT h.pruned_through_seq FROM mirror_feed_heads h WHERE h.store_id = mirror_feed.store_id)`,
        );
      });
    },
  };
}
