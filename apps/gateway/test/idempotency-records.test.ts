import { describe, expect, it } from 'vitest';
import type { ClaimRequest, KeyClaim } from '../src/idempotency/idempotency-records';
import type { StoreRepository } from '../src/stores/store-repository';
import { postgresForThisFile } from './support/postgres-server';
import { storageBackends, twoProcessesOnOneDatabase } from './support/two-processes';

const postgres = postgresForThisFile();
const t0 = Date.parse('2026-03-01T12:00:00.000Z');
const day = 24 * 60 * 60 * 1000;

describe.each(storageBackends)('idempotency keys in $name, two processes on one database', (backend) => {
  const processes = twoProcessesOnOneDatabase(
    backend,
    postgres,
    ['store-1', 'store-2'],
    new Date(t0).toISOString(),
  );
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
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 ? processes.first : processes.second).idempotency.claim(request()),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.kind === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'inProgress')).toHaveLength(19);
    expect((await processes.second.idempotency.claim(request({ storeId: 'store-2' }))).kind).toBe('claimed');
  });

  it('replays a completed key, refuses another request on it, frees a released one', async () => {
    const claim = await claimOf(processes.first);
    expect(claim.uncertainSince).toBeNull();
    await processes.first.idempotency.complete(claim, { status: 201, body: '{"customer":{"id":"7"}}' });
    expect(await processes.second.idempotency.claim(request({ now: new Date(t0 + 60_000) }))).toStrictEqual({
      kind: 'completed',
      response: { status: 201, body: '{"customer":{"id":"7"}}' },
    });
    expect(await processes.second.idempotency.claim(request({ fingerprint: 'fingerprint-b' }))).toStrictEqual(
      {
        kind: 'reused',
      },
    );

    const other = await claimOf(processes.first, { key: 'key-2' });
    await processes.first.idempotency.release(other);
    const again = await claimOf(processes.second, { key: 'key-2', fingerprint: 'fingerprint-b' });
    expect(again.uncertainSince).toBeNull();
  });

  it('keeps an uncertain key until its lease ends, then hands it over with the first attempt time', async () => {
    const claim = await claimOf(processes.first);
    await processes.first.idempotency.markUncertain(claim, claim.leaseUntil);
    const atLeaseEnd = new Date(Date.parse(claim.leaseUntil));
    expect((await processes.second.idempotency.claim(request({ now: new Date(t0 + 29_999) }))).kind).toBe(
      'inProgress',
    );
    const retry = await claimOf(processes.second, { now: atLeaseEnd });
    expect(retry.uncertainSince).toBe(new Date(t0).toISOString());
    // A retry that fails again keeps the uncertainty, however late it comes.
    await processes.second.idempotency.markUncertain(retry, atLeaseEnd.toISOString());
    const later = await claimOf(processes.first, { now: new Date(t0 + 3_600_000) });
    expect(later.uncertainSince).toBe(new Date(t0).toISOString());
  });

  it('takes over the claim of a process that died, and ignores that process should it come back', async () => {
    const dead: KeyClaim = await claimOf(processes.first);
    expect((await processes.second.idempotency.claim(request({ now: new Date(t0 + 29_000) }))).kind).toBe(
      'inProgress',
    );
    const taker = await claimOf(processes.second, { now: new Date(t0 + 30_000) });
    expect(taker.uncertainSince).toBe(new Date(t0).toISOString());
    await processes.first.idempotency.complete(dead, { status: 500, body: 'late' });
    await processes.first.idempotency.release(dead);
    expect((await processes.first.idempotency.claim(request({ now: new Date(t0 + 31_000) }))).kind).toBe(
      'inProgress',
    );
    await processes.second.idempotency.complete(taker, { status: 201, body: 'taker' });
    expect(await processes.first.idempotency.claim(request({ now: new Date(t0 + 32_000) }))).toStrictEqual({
      kind: 'completed',
      response: { status: 201, body: 'taker' },
    });
  });

  it('forgets keys after their retention, purges them, and drops a removed store’s keys', async () => {
    await processes.first.idempotency.complete(await claimOf(processes.first), { status: 204, body: '' });
    await processes.first.idempotency.complete(
      await claimOf(processes.first, { key: 'key-later', now: new Date(t0 + 1_000) }),
      {
        status: 204,
        body: '',
      },
    );
    expect((await processes.second.idempotency.claim(request({ now: new Date(t0 + day - 1) }))).kind).toBe(
      'completed',
    );
    expect(await processes.second.idempotency.purgeExpired(new Date(t0 + day - 1))).toBe(0);
    expect(await processes.second.idempotency.purgeExpired(new Date(t0 + day))).toBe(1);
    const renewed = await claimOf(processes.second, {
      fingerprint: 'fingerprint-b',
      now: new Date(t0 + day),
    });
    expect(renewed.uncertainSince).toBeNull();

    await processes.first.deleteStore('store-1');
    expect(await processes.first.idempotency.purgeExpired(new Date(t0 + 10 * day))).toBe(0);
  });
});
