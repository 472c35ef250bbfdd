import {
  type AmazonOrder,
  type AmazonOrderLedger,
  type AmazonReadState,
  amazonOrderCustomerId,
  initialAmazonReadState,
} from '@unicart/adapter-amazon';
import type { SqlDatabase, SqlExecutor } from '../stores/sql-database';

interface StoredOrderRow {
  readonly customer_id: string | null;
  readonly last_updated_at: string;
}

/** `toISOString()` form, so that times of any offset compare as text. */
function canonicalTime(value: string): string {
  return new Date(value).toISOString();
}

async function markUnsettled(executor: SqlExecutor, storeId: string, customerIds: Iterable<string>) {
  for (const customerId of customerIds) {
    await executor.execute(
      'INSERT INTO amazon_unsettled (store_id, customer_id) VALUES (?, ?) ON CONFLICT (store_id, customer_id) DO NOTHING',
      [storeId, customerId],
    );
  }
}

/**
 * An Amazon store's orders ledger in the gateway's database (migration 6), SQLite or PostgreSQL:
 * every `record` is one transaction (orders, pruning, read state and unsettled buyers together).
 */
export function createSqlAmazonOrderLedger(database: SqlDatabase, storeId: string): AmazonOrderLedger {
  return {
    async state() {
      const [row] = await database.query<{ state: string }>(
        'SELECT state FROM amazon_read_state WHERE store_id = ?',
        [storeId],
      );
      return row === undefined ? initialAmazonReadState : (JSON.parse(row.state) as AmazonReadState);
    },

    record(orders, state, pruneBefore) {
      return database.transaction(async (executor) => {
        const touched = new Set<string>();
        if (pruneBefore !== undefined) {
          const cutoff = canonicalTime(pruneBefore);
          const leaving = await executor.query<{ customer_id: string }>(
            'SELECT DISTINCT customer_id FROM amazon_orders WHERE store_id = ? AND created_at < ? AND customer_id IS NOT NULL',
            [storeId, cutoff],
          );
          for (const row of leaving) touched.add(row.customer_id);
          await executor.execute('DELETE FROM amazon_orders WHERE store_id = ? AND created_at < ?', [
            storeId,
            cutoff,
          ]);
        }
        for (const order of orders) {
          const [stored] = await executor.query<StoredOrderRow>(
            'SELECT customer_id, last_updated_at FROM amazon_orders WHERE store_id = ? AND order_id = ?',
            [storeId, order.orderId],
          );
          // A page read again (both window bounds are inclusive) never replaces a newer version.
          if (
            stored !== undefined &&
            Date.parse(stored.last_updated_at) > Date.parse(order.lastUpdatedTime)
          ) {
            continue;
          }
          if (stored?.customer_id) touched.add(stored.customer_id);
          const customerId = amazonOrderCustomerId(order);
          if (customerId !== null) touched.add(customerId);
          await executor.execute(
            `INSERT INTO amazon_orders (store_id, order_id, customer_id, created_at, last_updated_at, body)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (store_id, order_id) DO UPDATE SET customer_id = excluded.customer_id,
               created_at = excluded.created_at, last_updated_at = excluded.last_updated_at, body = excluded.body`,
            [
              storeId,
              order.orderId,
              customerId,
              canonicalTime(order.createdTime),
              canonicalTime(order.lastUpdatedTime),
              JSON.stringify(order),
            ],
          );
        }
        await executor.execute(
          `INSERT INTO amazon_read_state (store_id, state) VALUES (?, ?)
           ON CONFLICT (store_id) DO UPDATE SET state = excluded.state`,
          [storeId, JSON.stringify(state)],
        );
        await markUnsettled(executor, storeId, touched);
        return touched;
      });
    },

    async unsettled() {
      const rows = await database.query<{ customer_id: string }>(
        'SELECT customer_id FROM amazon_unsettled WHERE store_id = ?',
        [storeId],
      );
      return new Set(rows.map((row) => row.customer_id));
    },

    async settle(customerIds) {
      const ids = [...customerIds];
      if (ids.length === 0) return;
      await database.transaction(async (executor) => {
        for (const customerId of ids) {
          await executor.execute('DELETE FROM amazon_unsettled WHERE store_id = ? AND customer_id = ?', [
            storeId,
            customerId,
          ]);
        }
      });
    },

    async ordersOf(customerId) {
      const rows = await database.query<{ body: string }>(
        'SELECT body FROM amazon_orders WHERE store_id = ? AND customer_id = ? ORDER BY created_at, order_id',
        [storeId, customerId],
      );
      return rows.map((row) => JSON.parse(row.body) as AmazonOrder);
    },

    async customerIds() {
      const rows = await database.query<{ customer_id: string }>(
        'SELECT DISTINCT customer_id FROM amazon_orders WHERE store_id = ? AND customer_id IS NOT NULL ORDER BY customer_id',
        [storeId],
      );
      return rows.map((row) => row.customer_id);
    },
  };
}
