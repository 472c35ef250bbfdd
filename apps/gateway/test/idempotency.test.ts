/**
 * `Idempotency-Key` (CONTRACT.md §7) against the Ecwid simulator: what the platform received is read
 * from the simulator's own record of requests and its stored customers, never from the gateway.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ecwidPlatform } from '@unicart/adapter-ecwid';
import { type EcwidSimulator, startEcwidSimulator } from '@unicart/sandbox';
import Database from 'better-sqlite3';
import type { LightMyRequestResponse } from 'fastify';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStoreRepository } from '../src/stores/open-store-repository';
import type { StoreRepository } from '../src/stores/store-repository';
import { acmeApi, acmeCustomer } from './support/acme-platform';
import { emptyDatabase, postgresForThisFile } from './support/postgres-server';
import { acmeStore, createTestGateway, type TestGateway } from './support/test-gateway';

const postgres = postgresForThisFile();
const day = 24 * 60 * 60 * 1000;

let simulator: EcwidSimulator;
let dataDir: string;
/** The gateways' clock runs this far ahead of the real one. */
let clockOffsetMs = 0;
const clock = () => Date.now() + clockOffsetMs;

beforeAll(async () => {
  simulator = await startEcwidSimulator({ count: 3, rateLimit: false });
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => {
  simulator.reset();
  clockOffsetMs = 0;
  dataDir = mkdtempSync(join(tmpdir(), 'unicart-idempotency-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

interface Instance {
  readonly gateway: TestGateway;
  readonly repository: StoreRepository;
}

/** A gateway on its own repository of the given database (a SQLite file in `dataDir`, or PostgreSQL). */
async function startInstance(
  databaseUrl: string | undefined,
  deadline = { timeoutMs: 5_000, deadlineMs: 5_000, leaseMarginMs: 1_000 },
): Promise<Instance> {
  const repository = await openStoreRepository({ dataDir, databaseUrl });
  const gateway = await createTestGateway({
    repository,
    platforms: [ecwidPlatform],
    environment: {
      UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
      UNICART_UPSTREAM_TIMEOUT_MS: String(deadline.timeoutMs),
      UNICART_UPSTREAM_DEADLINE_MS: String(deadline.deadlineMs),
    },
    idempotency: { clock, leaseMarginMs: deadline.leaseMarginMs },
  });
  return { gateway, repository };
}

async function stopInstances(instances: readonly Instance[]): Promise<void> {
  for (const { gateway, repository } of instances) {
    await gateway.close();
    await repository.close();
  }
}

const connectSimulator = (gateway: TestGateway) =>
  gateway.connect({
    platform: 'ecwid',
    name: 'Ecwid shop',
    credentials: simulator.credentials,
    baseUrl: simulator.url,
  });

function write(
  gateway: TestGateway,
  token: string,
  method: 'POST' | 'PUT' | 'DELETE',
  url: string,
  key: string | undefined,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return gateway.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    ...(payload === undefined ? {} : { payload }),
  });
}

const newCustomer = (email: string) => ({
  customer: { email, firstName: 'Zoë', lastName: 'Ångström', phone: '+44 20 7946 0000' },
});

const createWithKey = (gateway: TestGateway, token: string, key: string, email: string) =>
  write(gateway, token, 'POST', '/api/v2/customers', key, newCustomer(email));

/** What the platform received, by method, since `reset`. */
const received = (method: string) =>
  simulator.requests.filter((request) => request.method === method && request.path.includes('/customers'));

/** One gateway on a SQLite file for each test of the calling `describe`, its store connected to the simulator. */
function oneGatewayPerTest(deadline?: Parameters<typeof startInstance>[1]) {
  const current = {} as { instance: Instance; token: string };
  beforeEach(async () => {
    current.instance = await startInstance(undefined, deadline);
    current.token = await connectSimulator(current.instance.gateway);
  });
  afterEach(async () => {
    await stopInstances([current.instance]);
  });
  return current;
}

describe('Idempotency-Key on one gateway (SQLite)', () => {
  const current = oneGatewayPerTest();

  it('replays a completed create: same status and body, Idempotent-Replayed, nothing sent to the platform', async () => {
    const { gateway } = current.instance;
    const { token } = current;
    const body = newCustomer('zoe.replay@example.com');
    const first = await write(gateway, token, 'POST', '/api/v2/customers', 'key-replay-1', body);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const created = first.json().customer;
    expect(simulator.stored(created.id)?.email).toBe('zoe.replay@example.com');
    const platformRequests = simulator.requests.length;

    // The same body with its keys in another order is the same request.
    const reordered = {
      customer: {
        phone: '+44 20 7946 0000',
        lastName: 'Ångström',
        firstName: 'Zoë',
        email: 'zoe.replay@example.com',
      },
    };
    for (const payload of [body, reordered]) {
      const again = await write(gateway, token, 'POST', '/api/v2/customers', 'key-replay-1', payload);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers['content-type']).toMatch(/^application\/json/);
      expect(again.body).toBe(first.body);
    }
    expect(simulator.requests.length).toBe(platformRequests);
    expect(received('POST')).toHaveLength(1);
  });

  it('replays an update and a delete', async () => {
    const { gateway } = current.instance;
    const { token } = current;
    const [id] = simulator.customerIds();
    const change = { customer: { note: 'Prefers email ✉' } };
    const updated = await write(gateway, token, 'PUT', `/api/v2/customers/${id}`, 'key-put', change);
    expect(updated.statusCode).toBe(200);
    const replayedUpdate = await write(gateway, token, 'PUT', `/api/v2/customers/${id}`, 'key-put', change);
    expect(replayedUpdate.statusCode).toBe(200);
    expect(replayedUpdate.headers['idempotent-replayed']).toBe('true');
    expect(replayedUpdate.body).toBe(updated.body);
    expect(received('PUT')).toHaveLength(1);

    const deleted = await write(gateway, token, 'DELETE', `/api/v2/customers/${id}`, 'key-delete');
    expect(deleted.statusCode).toBe(204);
    expect(simulator.stored(id!)).toBeUndefined();
    const replayedDelete = await write(gateway, token, 'DELETE', `/api/v2/customers/${id}`, 'key-delete');
    // Without the key this would reach the platform and answer 404.
    expect(replayedDelete.statusCode).toBe(204);
    expect(replayedDelete.headers['idempotent-replayed']).toBe('true');
    expect(replayedDelete.body).toBe('');
    expect(received('DELETE')).toHaveLength(1);
  });

  it('answers 422 idempotency_key_reused for the same key with another body, method or path', async () => {
    const { gateway } = current.instance;
    const { token } = current;
    const [id] = simulator.customerIds();
    expect((await createWithKey(gateway, token, 'key-reused', 'a@example.com')).statusCode).toBe(201);
    const platformRequests = simulator.requests.length;
    const others = [
      createWithKey(gateway, token, 'key-reused', 'b@example.com'),
      write(gateway, token, 'PUT', `/api/v2/customers/${id}`, 'key-reused', { customer: { note: 'x' } }),
      write(gateway, token, 'DELETE', `/api/v2/customers/${id}`, 'key-reused'),
    ];
    for (const response of await Promise.all(others)) {
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe('idempotency_key_reused');
      expect(response.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(simulator.requests.length).toBe(platformRequests);
    expect(simulator.stored(id!)).toBeDefined();
  });

  it('refuses a malformed key with 400 naming the header, before anything reaches the platform', async () => {
    for (const key of ['', 'has space', 'é-not-ascii', 'x'.repeat(256)]) {
      const response = await write(
        current.instance.gateway,
        current.token,
        'POST',
        '/api/v2/customers',
        key,
        newCustomer('k@example.com'),
      );
      expect(response.statusCode, JSON.stringify(key)).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
      expect(response.json().error.message).toContain('idempotency-key');
    }
    const longest = await write(
      current.instance.gateway,
      current.token,
      'POST',
      '/api/v2/customers',
      '~'.repeat(255),
      newCustomer('k@example.com'),
    );
    expect(longest.statusCode).toBe(201);
    expect(received('POST')).toHaveLength(1);
  });

  it('keeps no 5xx: the key is free again, and the retry creates the customer once', async () => {
    const { gateway } = current.instance;
    const { token } = current;
    const body = newCustomer('zoe.retry@example.com');
    simulator.failNext('serverError');
    const failed = await write(gateway, token, 'POST', '/api/v2/customers', 'key-5xx', body);
    expect(failed.statusCode).toBe(502);
    const retried = await write(gateway, token, 'POST', '/api/v2/customers', 'key-5xx', body);
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    const replayed = await write(gateway, token, 'POST', '/api/v2/customers', 'key-5xx', body);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toBe(retried.body);
    expect(received('POST')).toHaveLength(2);
  });

  it('forgets a key after 24 hours, and purges it', async () => {
    const { gateway } = current.instance;
    const { token } = current;
    const first = await createWithKey(gateway, token, 'key-day', 'd1@example.com');
    expect(first.statusCode).toBe(201);
    clockOffsetMs = day - 120_000;
    const stillKept = await createWithKey(gateway, token, 'key-day', 'd2@example.com');
    expect(stillKept.statusCode).toBe(422);

    clockOffsetMs = day + 1_000;
    // Another key's request purges the expired one...
    const other = await createWithKey(gateway, token, 'key-other', 'd3@example.com');
    expect(other.statusCode).toBe(201);
    const file = new Database(join(dataDir, 'unicart.sqlite'), { readonly: true });
    const keys = file.prepare('SELECT idempotency_key FROM idempotency_keys').all();
    file.close();
    expect(keys).toStrictEqual([{ idempotency_key: 'key-other' }]);
    // ...and the key is new again: another body is a new request, not a reuse.
    const reusedLater = await createWithKey(gateway, token, 'key-day', 'd2@example.com');
    expect(reusedLater.statusCode).toBe(201);
    expect(reusedLater.headers['idempotent-replayed']).toBeUndefined();
    expect(received('POST')).toHaveLength(3);
  });

  it('takes over the key of a process that died holding it once its lease ends, and creates once', async () => {
    const { gateway, repository } = current.instance;
    const { token } = current;
    const body = newCustomer('zoe.orphan@example.com');
    const [store] = await gateway.app
      .inject({
        method: 'GET',
        url: '/admin/v1/stores',
        headers: { authorization: 'Bearer admin-token-for-tests-0123456789' },
      })
      .then((response) => response.json().stores);
    // Another process claims the key with this very request and dies without a word.
    const orphan = await write(gateway, token, 'POST', '/api/v2/customers', 'key-probe', body);
    expect(orphan.statusCode).toBe(201);
    const claimed = await repository.idempotency.claim({
      storeId: store.id,
      key: 'key-orphan',
      fingerprint: await fingerprintOfKey(store.id, 'key-probe'),
      now: new Date(clock()),
      leaseMs: 6_000,
      retentionMs: day,
    });
    expect(claimed.kind).toBe('claimed');

    const blocked = await createWithKey(gateway, token, 'key-orphan', 'zoe.orphan2@example.com');
    expect(blocked.statusCode).toBe(422);
    const meanwhile = await write(gateway, token, 'POST', '/api/v2/customers', 'key-orphan', body);
    expect(meanwhile.statusCode).toBe(409);
    expect(meanwhile.json().error.code).toBe('idempotency_key_in_progress');

    clockOffsetMs = 6_001;
    const postsBefore = received('POST').length;
    const takenOver = await write(gateway, token, 'POST', '/api/v2/customers', 'key-orphan', body);
    // The dead attempt might have created the customer: the gateway looked first, then found the
    // customer made under key-probe with this email, so it answers that one rather than a second.
    expect(takenOver.statusCode).toBe(201);
    expect(takenOver.json().customer.id).toBe(orphan.json().customer.id);
    expect(received('POST')).toHaveLength(postsBefore);
  });
});

/** The fingerprint the gateway stored for a key (SQLite file), to let a fake "other process" claim with it. */
async function fingerprintOfKey(storeId: string, key: string): Promise<string> {
  const file = new Database(join(dataDir, 'unicart.sqlite'), { readonly: true });
  const row = file
    .prepare('SELECT fingerprint FROM idempotency_keys WHERE store_id = ? AND idempotency_key = ?')
    .get(storeId, key) as { fingerprint: string };
  file.close();
  return row.fingerprint;
}

describe('a create that timed out after reaching the platform', () => {
  const current = oneGatewayPerTest({ timeoutMs: 400, deadlineMs: 400, leaseMarginMs: 1_000 });

  it('is retried without a second customer: the retry finds the one the first attempt created', async () => {
    const { gateway } = current.instance;
    const { token } = current;
    const body = newCustomer('zoe.timeout@example.com');
    const before = simulator.customerIds();
    // The platform takes the request, and creates the customer only after the gateway gave up.
    simulator.failNext('delayed', 1, { delayMs: 900 });
    const timedOut = await write(gateway, token, 'POST', '/api/v2/customers', 'key-timeout', body);
    expect(timedOut.statusCode).toBe(504);
    expect(timedOut.json().error.code).toBe('upstream_timeout');

    // While the platform may still be working on it, the key is in progress.
    const early = await write(gateway, token, 'POST', '/api/v2/customers', 'key-timeout', body);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('idempotency_key_in_progress');

    await vi.waitFor(() => expect(simulator.customerIds()).toHaveLength(before.length + 1), {
      timeout: 3_000,
    });
    const createdId = simulator.customerIds().find((id) => !before.includes(id));
    clockOffsetMs = 2_000; // past the first attempt's lease

    const retried = await write(gateway, token, 'POST', '/api/v2/customers', 'key-timeout', body);
    expect(retried.statusCode).toBe(201);
    expect(retried.json().customer.id).toBe(createdId);
    expect(retried.json().customer.email).toBe('zoe.timeout@example.com');
    expect(received('POST')).toHaveLength(1);
    expect(simulator.customerIds()).toHaveLength(before.length + 1);

    const replayed = await write(gateway, token, 'POST', '/api/v2/customers', 'key-timeout', body);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toBe(retried.body);
  });
});

const backends = [
  { name: 'SQLite (one file)', url: () => undefined as string | undefined },
  { name: 'PostgreSQL', url: () => postgres()?.url },
];

describe.each(backends)('two gateway instances on one database: $name', ({ name, url }) => {
  let instances: Instance[];
  let token: string;

  beforeEach(async (context) => {
    if (name === 'PostgreSQL') {
      if (postgres() === undefined) context.skip();
      await emptyDatabase(postgres()!.url);
    }
    instances = [await startInstance(url()), await startInstance(url())];
    token = await connectSimulator(instances[0]!.gateway);
  });
  afterEach(async () => {
    await stopInstances(instances);
  });

  it('run ten concurrent creates with one key exactly once: one 201, the others 409 or the replay', async () => {
    const body = newCustomer('zoe.concurrent@example.com');
    const before = simulator.customerIds().length;
    // A slow platform keeps the first create running while the others arrive.
    simulator.failNext('delayed', 1, { delayMs: 500 });
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        write(instances[index % 2]!.gateway, token, 'POST', '/api/v2/customers', 'key-parallel', body),
      ),
    );
    const created = responses.filter(
      (response) => response.statusCode === 201 && response.headers['idempotent-replayed'] === undefined,
    );
    expect(created).toHaveLength(1);
    for (const response of responses) {
      if (response === created[0]) continue;
      if (response.statusCode === 201) {
        expect(response.headers['idempotent-replayed']).toBe('true');
        expect(response.body).toBe(created[0]!.body);
      } else {
        expect(response.statusCode).toBe(409);
        expect(response.json().error.code).toBe('idempotency_key_in_progress');
      }
    }
    expect(received('POST')).toHaveLength(1);
    expect(simulator.customerIds()).toHaveLength(before + 1);
    const later = await write(
      instances[1]!.gateway,
      token,
      'POST',
      '/api/v2/customers',
      'key-parallel',
      body,
    );
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.body).toBe(created[0]!.body);
  });
});

describe('a timed-out create without an email', () => {
  it('is never sent again with its key: the customer cannot be looked up, so the retry answers 409', async () => {
    const gateway = await createTestGateway({
      environment: { UNICART_UPSTREAM_TIMEOUT_MS: '300', UNICART_UPSTREAM_DEADLINE_MS: '300' },
      idempotency: { clock, leaseMarginMs: 0 },
    });
    try {
      const token = await gateway.connect(acmeStore);
      const body = { customer: { firstName: 'Guest', lastName: 'Without Email' } };
      // Answered after the deadline (nock's own delay() upsets undici when the request is aborted).
      const platform = acmeApi()
        .post('/v1/customers')
        .reply(async (): Promise<[number, object]> => {
          await new Promise((resolve) => setTimeout(resolve, 600).unref());
          return [201, { customer: acmeCustomer('9') }];
        });
      const timedOut = await write(gateway, token, 'POST', '/api/v2/customers', 'key-guest', body);
      expect(timedOut.statusCode).toBe(504);
      clockOffsetMs = 1_000;
      for (const attempt of [1, 2]) {
        const retried = await write(gateway, token, 'POST', '/api/v2/customers', 'key-guest', body);
        expect(retried.statusCode, `retry ${attempt}`).toBe(409);
        expect(retried.json().error).toMatchObject({ code: 'idempotency_key_in_progress', platform: 'acme' });
        expect(retried.json().error.message).toContain('without an email cannot be looked up');
      }
      // The one POST was sent; nock refuses any other request, which would have answered 502.
      expect(platform.isDone()).toBe(true);
    } finally {
      await gateway.close();
      nock.cleanAll();
    }
  });
});
