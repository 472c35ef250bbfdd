/**
 * Two gateway processes on one PostgreSQL (CONTRACT.md §5): each store's sync runs in exactly one
 * of them at a time, and when that process is killed the other one takes the store over, losing
 * and repeating nothing. Real child processes of the built gateway (`dist/server.js`), killed with
 * SIGKILL; the simulators run in this test's process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ecwidPlatform } from '@unicart/adapter-ecwid';
import { woocommercePlatform } from '@unicart/adapter-woocommerce';
import { resolveAdapter } from '@unicart/core';
import {
  type EcwidSimulator,
  startEcwidSimulator,
  startWooCommerceSimulator,
  type WooCommerceSimulator,
} from '@unicart/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStoreRepository } from '../src/stores/open-store-repository';
import type { StoreRepository } from '../src/stores/store-repository';
import { emptyDatabase, freePort, postgresForThisFile } from './support/postgres-server';
import { testAdminToken, testSecretKey } from './support/test-gateway';

const postgres = postgresForThisFile();
const serverEntry = fileURLToPath(new URL('../dist/server.js', import.meta.url));

/** A sync step as a gateway process logged it. */
interface StepLine {
  readonly storeId: string;
  readonly startedAt: number;
  readonly finishedAt: number;
}

interface GatewayProcess {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  readonly steps: StepLine[];
  readonly output: string[];
  stop(signal: NodeJS.Signals): Promise<void>;
}

async function startProcess(name: string, databaseUrl: string, dataDir: string): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [serverEntry], {
    env: {
      ...process.env,
      UNICART_PORT: String(port),
      UNICART_HOST: '127.0.0.1',
      UNICART_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      UNICART_ADMIN_TOKEN: testAdminToken,
      UNICART_SECRET_KEY: testSecretKey,
      UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
      UNICART_SYNC_INTERVAL_SECONDS: '1',
      UNICART_SYNC_FULL_SCAN_SECONDS: '3600',
      UNICART_LOG_LEVEL: 'debug',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const steps: StepLine[] = [];
  const output: string[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      output.push(line);
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === 'sync step done') {
        steps.push({
          storeId: entry.storeId as string,
          startedAt: Date.parse(entry.startedAt as string),
          finishedAt: Date.parse(entry.finishedAt as string),
        });
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await vi.waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`gateway ${name} exited:\n${output.join('\n')}`);
      expect((await fetch(`${url}/health`)).ok).toBe(true);
    },
    { timeout: 30_000, interval: 100 },
  );
  return {
    name,
    url,
    child,
    steps,
    output,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

async function call<Answer>(
  gateway: GatewayProcess,
  method: string,
  path: string,
  token: string,
  body?: object,
) {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

/** Steps of one store by two processes that overlap in time (there must be none). */
function overlapping(first: readonly StepLine[], second: readonly StepLine[], storeId: string) {
  const ofStore = (steps: readonly StepLine[]) => steps.filter((step) => step.storeId === storeId);
  return ofStore(first).filter((one) =>
    ofStore(second).some((other) => one.startedAt < other.finishedAt && other.startedAt < one.finishedAt),
  );
}

describe('sync with two gateway processes on one PostgreSQL', () => {
  let ecwid: EcwidSimulator;
  let woocommerce: WooCommerceSimulator;
  let dataDir: string;
  let processes: GatewayProcess[] = [];
  let repository: StoreRepository | undefined;

  beforeAll(async () => {
    [ecwid, woocommerce] = await Promise.all([
      startEcwidSimulator({ count: 20, rateLimit: false }),
      startWooCommerceSimulator({ count: 20 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([ecwid?.close(), woocommerce?.close()]);
  });
  beforeEach(async (context) => {
    if (postgres() === undefined) context.skip();
    if (!existsSync(serverEntry)) throw new Error(`Build the gateway first: ${serverEntry} is missing`);
    await emptyDatabase(postgres()!.url);
    dataDir = mkdtempSync(join(tmpdir(), 'unicart-sync-processes-'));
  });
  afterEach(async (context) => {
    // The gateways' own account of what they did, when the test did not pass.
    if (context.task.result?.state === 'fail') {
      for (const gateway of processes) console.warn(gateway.name, gateway.output.slice(-80).join('\n'));
    }
    await Promise.all(processes.map((gateway) => gateway.stop('SIGKILL')));
    processes = [];
    await repository?.close();
    repository = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs each store in exactly one process at a time, and moves it when that process is killed', async () => {
    const url = postgres()!.url;
    const [first, second] = await Promise.all([
      startProcess('first', url, join(dataDir, 'first')),
      startProcess('second', url, join(dataDir, 'second')),
    ]);
    processes = [first!, second!];
    const stores: { id: string; token: string; platform: 'ecwid' | 'woocommerce' }[] = [];
    for (const [platform, simulator] of [
      ['ecwid', ecwid],
      ['woocommerce', woocommerce],
      ['ecwid', ecwid],
    ] as const) {
      const created = await call<{ store: { id: string }; accessToken: string }>(
        first!,
        'POST',
        '/admin/v1/stores',
        testAdminToken,
        {
          platform,
          name: `${platform} shop`,
          credentials: simulator.credentials,
          baseUrl: simulator.url,
          verifyCredentials: false,
          sync: { enabled: true },
        },
      );
      expect(created.status).toBe(201);
      stores.push({ id: created.body.store.id, token: created.body.accessToken, platform });
    }
    for (const store of stores) {
      await vi.waitFor(
        async () =>
          expect(
            (await call<{ sync: { status: string } }>(second!, 'GET', '/api/v2/sync', store.token)).body.sync
              .status,
          ).toBe('ready'),
        { timeout: 30_000, interval: 200 },
      );
    }
    // Several polls of every store.
    await vi.waitFor(
      () => {
        for (const store of stores) {
          const steps = [...first!.steps, ...second!.steps].filter((step) => step.storeId === store.id);
          expect(steps.length).toBeGreaterThanOrEqual(4);
        }
      },
      { timeout: 30_000, interval: 200 },
    );
    for (const store of stores) expect(overlapping(first!.steps, second!.steps, store.id)).toStrictEqual([]);

    // Kill the process that ran the last step of the first store; the other takes every store over.
    const [watched] = stores;
    const lastOf = (gateway: GatewayProcess) =>
      Math.max(
        0,
        ...gateway.steps.filter((step) => step.storeId === watched!.id).map((step) => step.finishedAt),
      );
    const [victim, survivor] = lastOf(first!) >= lastOf(second!) ? [first!, second!] : [second!, first!];
    await victim.stop('SIGKILL');
    const killedAt = Date.now();

    // A change on the platform after the kill reaches the mirror through the survivor.
    repository = await openStoreRepository({ dataDir, databaseUrl: url });
    const merchant = resolveAdapter(ecwidPlatform.create({ ...ecwid.credentials, baseUrl: ecwid.url }));
    const [changed] = ecwid.customerIds();
    await merchant.updateCustomer(changed!, { lastName: 'Ødegaard' });
    await vi.waitFor(
      async () => {
        for (const store of stores) {
          expect(survivor.steps.some((step) => step.storeId === store.id && step.startedAt > killedAt)).toBe(
            true,
          );
        }
        expect((await repository!.mirror.get(watched!.id, changed!))?.lastName).toBe('Ødegaard');
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(await repository.mirror.get(watched!.id, changed!)).toStrictEqual(
      await merchant.getCustomer(changed!),
    );

    // Nothing lost or repeated: one upsert per customer from the first full read, one for the change.
    const feed = (await repository.mirror.changes(watched!.id, 0, 10_000)).entries;
    const expectedIds = ecwid.customerIds();
    expect(
      feed
        .filter((entry) => entry.customerId !== changed)
        .map((entry) => entry.customerId)
        .sort(),
    ).toStrictEqual(expectedIds.filter((id) => id !== changed).sort());
    expect(feed.filter((entry) => entry.customerId === changed).map((entry) => entry.type)).toStrictEqual([
      'upsert',
      'upsert',
    ]);
    for (const store of stores) expect(overlapping(first!.steps, second!.steps, store.id)).toStrictEqual([]);
    // Woocommerce, never changed: exactly one entry per customer.
    const woo = stores.find((store) => store.platform === 'woocommerce')!;
    const wooFeed = (await repository.mirror.changes(woo.id, 0, 10_000)).entries;
    expect(wooFeed.map((entry) => entry.customerId).sort()).toStrictEqual(
      (
        await collectIds(
          resolveAdapter(
            woocommercePlatform.create({ ...woocommerce.credentials, baseUrl: woocommerce.url }),
          ),
        )
      ).sort(),
    );
  }, 180_000);
});

async function collectIds(adapter: ReturnType<typeof resolveAdapter>): Promise<string[]> {
  const ids: string[] = [];
  for await (const customer of adapter.iterateCustomers({})) ids.push(customer.id);
  return ids;
}
