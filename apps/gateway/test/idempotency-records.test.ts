import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimRequest, KeyClaim } from '../src/idempotency/idempotency-records';
import { openStoreRepository } from '../src/stores/open-store-repository';
import type { StoreRepository } from '../src/stores/store-repository';
import { emptyDatabase, postgresForThisFile } from './support/postgres-server';

const postgres = postgresForThisFile();
const t0 = Date.parse('2026-03-01T12:00:00.000Z');
const day = 24 * 60 * 60 * 1000;

const backends = [
  { name: 'SQLite', postgres: false },
  { name: 'PostgreSQL', postgres: true },
];

describe.each(backends)('idempotency keys in $name, two processes on one database', (backend) => {
  let dataDir: string;
  let first: StoreRepository;
  let second: StoreRepository;

  beforeEach(async (context) => {
    dataDir = mkdtempSync(join(tmpdir(), 'unicart-idempotency-records-'));
    if (backend.postgres) {
      if (postgres() === undefined) context.skip();
      await emptyDatabase(postgres()!.url);
    }
    const config = { dataDir, databaseUrl: backend.postgres ? postgres()!.url : undefined };
    first = await openStoreRepository(config);
    second = await openStoreRepository(config);
    for (const id of ['store-1', 'store-2']) {
      await first.createStore(
        {
          id,
          platform: 'acme',
          name: id,
          baseUrl: null,
          createdAt: new Date(t0).toISOString(),
          credentials: { keyId: 'k1', ciphertext: 'opaque' },
        },
        `${id}-token-hash`,
      );
    }
  });
  afterEach(async () => {
    await first?.close();
    await second?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const request = (overrides: Partial<ClaimRequest> = {}): ClaimRequest => ({
    storeId: 'store-1',
    key: 'key-1',
    fingerprint: 'fingerprint-a',
    now: new Date(t0),
    leaseMs: 30_000,
    retentionMs: day,
    ...overrides,
  });
  const claimOf = async (repository: StoreRepository, overrides: Partial<ClaimRequest> = {}) => {
    const outcome = await repository.idempotency.claim(request(overrides));
    if (outcome.kind !== 'claimed') throw new Error(`expected a claim, got ${outcome.kind}`);
    return outcome.claim;
  };

  it('grants one claim of twenty concurrent ones, keys apart per store', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 ? first : second).idempotency.claim(request())),
    );
    expect(outcomes.filter((outcome) => outcome.kind === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'inProgress')).toHaveLength(19);
    expect((await second.idempotency.claim(request({ storeId: 'store-2' }))).kind).toBe('claimed');
  });

  it('replays a completed key, refuses another request on it, frees a released one', async () => {
    const claim = await claimOf(first);
    expect(claim.uncertainSince).toBeNull();
    await first.idempotency.complete(claim, { status: 201, body: '{"customer":{"id":"7"}}' });
    expect(await second.idempotency.claim(request({ now: new Date(t0 + 60_000) }))).toStrictEqual({
      kind: 'completed',
      response: { status: 201, body: '{"customer":{"id":"7"}}' },
    });
    expect(await second.idempotency.claim(request({ fingerprint: 'fingerprint-b' }))).toStrictEqual({
      kind: 'reused',
    });

    const other = await claimOf(first, { key: 'key-2' });
    await first.idempotency.release(other);
    const again = await claimOf(second, { key: 'key-2', fingerprint: 'fingerprint-b' });
    expect(again.uncertainSince).toBeNull();
  });

  it('keeps an uncertain key until its lease ends, then hands it over with the first attempt time', async () => {
    const claim = await claimOf(first);
    await first.idempotency.markUncertain(claim, claim.leaseUntil);
    const atLeaseEnd = new Date(Date.parse(claim.leaseUntil));
    expect((await second.idempotency.claim(request({ now: new Date(t0 + 29_999) }))).kind).toBe('inProgress');
    const retry = await claimOf(second, { now: atLeaseEnd });
    expect(retry.uncertainSince).toBe(new Date(t0).toISOString());
    // A retry that fails again keeps the uncertainty, however late it comes.
    await second.idempotency.markUncertain(retry, atLeaseEnd.toISOString());
    const later = await claimOf(first, { now: new Date(t0 + 3_600_000) });
    expect(later.uncertainSince).toBe(new Date(t0).toISOString());
  });

  it('takes over the claim of a process that died, and ignores that process should it come back', async () => {
    const dead: KeyClaim = await claimOf(first);
    expect((await second.idempotency.claim(request({ now: new Date(t0 + 29_000) }))).kind).toBe('inProgress');
    const taker = await claimOf(second, { now: new Date(t0 + 30_000) });
    expect(taker.uncertainSince).toBe(new Date(t0).toISOString());
    await first.idempotency.complete(dead, { status: 500, body: 'late' });
    await first.idempotency.release(dead);
    expect((await first.idempotency.claim(request({ now: new Date(t0 + 31_000) }))).kind).toBe('inProgress');
    await second.idempotency.complete(taker, { status: 201, body: 'taker' });
    expect(await first.idempotency.claim(request({ now: new Date(t0 + 32_000) }))).toStrictEqual({
      kind: 'completed',
      response: { status: 201, body: 'taker' },
    });
  });

  it('forgets keys after their retention, purges them, and drops a removed store’s keys', async () => {
    await first.idempotency.complete(await claimOf(first), { status: 204, body: '' });
    await first.idempotency.complete(await claimOf(first, { key: 'key-later', now: new Date(t0 + 1_000) }), {
      status: 204,
      body: '',
    });
    expect((await second.idempotency.claim(request({ now: new Date(t0 + day - 1) }))).kind).toBe('completed');
    expect(await second.idempotency.purgeExpired(new Date(t0 + day - 1))).toBe(0);
    expect(await second.idempotency.purgeExpired(new Date(t0 + day))).toBe(1);
    const renewed = await claimOf(second, { fingerprint: 'fingerprint-b', now: new Date(t0 + day) });
    expect(renewed.uncertainSince).toBeNull();

    await first.deleteStore('store-1');
    expect(await first.idempotency.purgeExpired(new Date(t0 + 10 * day))).toBe(0);
  });
});
