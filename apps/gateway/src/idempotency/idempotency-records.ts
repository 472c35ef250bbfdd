import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '../stores/sql-database';

/** A response kept for replay: the status and the body exactly as sent (`''` for none). */
export interface StoredResponse {
  readonly status: number;
  readonly body: string;
}

/** One claim on a key: only its holder (`leaseId`) may complete or release it. */
export interface KeyClaim {
  readonly storeId: string;
  readonly key: string;
  readonly leaseId: string;
  /** ISO time until which no other request may take the key over. */
  readonly leaseUntil: string;
  /**
   * ISO start of an earlier attempt that may have reached the platform (it timed out, lost its
   * connection, or its process died holding the key); `null` when no attempt ran before this one.
   */
  readonly uncertainSince: string | null;
}

export type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly claim: KeyClaim }
  | { readonly kind: 'completed'; readonly response: StoredResponse }
  | { readonly kind: 'inProgress' }
  | { readonly kind: 'reused' };

export interface ClaimRequest {
  readonly storeId: string;
  readonly key: string;
  /** Hash of the method, path and canonical body. */
  readonly fingerprint: string;
  readonly now: Date;
  /** How long the claim holds the key before another request may take it over. */
  readonly leaseMs: number;
  /** How long the key and its response are kept. */
  readonly retentionMs: number;
}

/**
 * The idempotency keys of every store, in the registry database: every gateway process on it sees
 * the same keys, and claiming one is a single atomic statement.
 */
export interface IdempotencyRecords {
  claim(request: ClaimRequest): Promise<ClaimOutcome>;
  /** Keeps the response for replay. */
  complete(claim: KeyClaim, response: StoredResponse): Promise<void>;
  /** Frees the key: the request may be sent again as if it never was. */
  release(claim: KeyClaim): Promise<void>;
  /**
   * Frees the key but remembers that an attempt may have reached the platform: the next claim is
   * told so (`uncertainSince`), and none is granted before `leaseUntil`.
   */
  markUncertain(claim: KeyClaim, leaseUntil: string): Promise<void>;
  /** Deletes the keys whose retention ended; resolves how many. */
  purgeExpired(now: Date): Promise<number>;
}

type KeyState = 'running' | 'uncertain' | 'completed';

interface KeyRow {
  readonly fingerprint: string;
  readonly state: KeyState;
  readonly lease_id: string;
  readonly lease_until: string;
  readonly first_attempt_at: string;
  readonly expires_at: string;
  readonly response_status: number | null;
  readonly response_body: string | null;
}

const iso = (time: number) => new Date(time).toISOString();

/** A claim is contended by at most a few steps (insert, expire, take over); more means a bug. */
const maxClaimSteps = 5;

export function createSqlIdempotencyRecords(database: SqlDatabase): IdempotencyRecords {
  const whereHeld = 'WHERE store_id = ? AND idempotency_key = ? AND lease_id = ?';
  const held = (claim: KeyClaim) => [claim.storeId, claim.key, claim.leaseId];

  return {
    async claim({ storeId, key, fingerprint, now, leaseMs, retentionMs }) {
      const nowIso = now.toISOString();
      const leaseUntil = iso(now.getTime() + leaseMs);
      for (let step = 0; step < maxClaimSteps; step += 1) {
        const leaseId = randomUUID();
        const inserted = await database.execute(
          `INSERT INTO idempotency_keys
             (store_id, idempotency_key, fingerprint, state, lease_id, lease_until, first_attempt_at, expires_at)
           VALUES (?, ?, ?, 'running', ?, ?, ?, ?)
           ON CONFLICT (store_id, idempotency_key) DO NOTHING`,
          [storeId, key, fingerprint, leaseId, leaseUntil, nowIso, iso(now.getTime() + retentionMs)],
        );
        if (inserted === 1) {
          return { kind: 'claimed', claim: { storeId, key, leaseId, leaseUntil, uncertainSince: null } };
        }
        const [row] = await database.query<KeyRow>(
          `SELECT fingerprint, state, lease_id, lease_until, first_attempt_at, expires_at, response_status, response_body
           FROM idempotency_keys WHERE store_id = ? AND idempotency_key = ?`,
          [storeId, key],
        );
        if (row === undefined) continue;
        if (row.expires_at <= nowIso) {
          // Retention ended: the key is new again (deleted only as it was read, should another process race).
          await database.execute(`DELETE FROM idempotency_keys ${whereHeld} AND expires_at = ?`, [
            storeId,
            key,
            row.lease_id,
            row.expires_at,
          ]);
          continue;
        }
        if (row.fingerprint !== fingerprint) return { kind: 'reused' };
        if (row.state === 'completed') {
          return {
            kind: 'completed',
            response: { status: Number(row.response_status), body: row.response_body ?? '' },
          };
        }
        if (row.lease_until > nowIso) return { kind: 'inProgress' };
        // The lease ended: the attempt went uncertain, or its process died while it ran (and may
        // have reached the platform too). Taking it over is one compare-and-set on its lease.
        const takenOver = await database.execute(
          `UPDATE idempotency_keys SET state = 'running', lease_id = ?, lease_until = ? ${whereHeld}`,
          [leaseId, leaseUntil, storeId, key, row.lease_id],
        );
        if (takenOver === 1) {
          return {
            kind: 'claimed',
            claim: { storeId, key, leaseId, leaseUntil, uncertainSince: row.first_attempt_at },
          };
        }
      }
      throw new Error(`Could not claim an idempotency key in ${maxClaimSteps} steps`);
    },

    async complete(claim, response) {
      await database.execute(
        `UPDATE idempotency_keys SET state = 'completed', response_status = ?, response_body = ? ${whereHeld}`,
        [response.status, response.body, ...held(claim)],
      );
    },

    async release(claim) {
      await database.execute(`DELETE FROM idempotency_keys ${whereHeld}`, held(claim));
    },

    async markUncertain(claim, leaseUntil) {
      await database.execute(
        `UPDATE idempotency_keys SET state = 'uncertain', lease_until = ? ${whereHeld}`,
        [leaseUntil, ...held(claim)],
      );
    },

    purgeExpired: (now) =>
      database.execute('DELETE FROM idempotency_keys WHERE expires_at <= ?', [now.toISOString()]),
  };
}
