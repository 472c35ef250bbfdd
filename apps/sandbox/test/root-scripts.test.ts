/**
 * The repository's long-running scripts as a user runs them (`pnpm start`, `pnpm simulators`,
 * `pnpm demo`): SIGTERM to the pnpm process stops every process the script started, and every
 * command `pnpm demo` prints runs as printed. Each script's build step is a turbo cache hit here
 * (the test task depends on the builds).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  descendantsOf,
  type RootScript,
  runCurl,
  startRootScript,
  survivorsAfter,
} from './support/root-script';

const started: RootScript[] = [];
const directories: string[] = [];

afterEach(async () => {
  for (const script of started.splice(0)) script.kill();
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

function start(args: readonly string[], environment: Record<string, string> = {}): RootScript {
  const script = startRootScript(args, environment);
  started.push(script);
  return script;
}

/** SIGTERM to pnpm only (not its group, as a supervisor or `kill <pid>` does): everything below it ends. */
async function expectCleanStopOnSigterm(script: RootScript): Promise<void> {
  const pid = script.child.pid as number;
  const processes = descendantsOf(pid);
  expect(processes.length, 'the script runs a server below pnpm').toBeGreaterThan(0);
  process.kill(pid, 'SIGTERM');
  await script.exited;
  expect(await survivorsAfter(processes, 15_000), 'processes left running after SIGTERM').toEqual([]);
}

describe('SIGTERM to the pnpm process of a long-running script', () => {
  it('pnpm start: the gateway exits too', { timeout: 120_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'unicart-start-'));
    directories.push(dataDir);
    const script = start(['start'], {
      UNICART_PORT: '0',
      UNICART_DATA_DIR: dataDir,
      UNICART_SECRET_KEY: randomBytes(32).toString('base64'),
      UNICART_LOG_LEVEL: 'info',
    });
    const output = await script.waitForOutput(/Unicart gateway listening on (http:\/\/\S+?)"/);
    const url = /listening on (http:\/\/[^"]+)"/.exec(output)?.[1];
    expect((await fetch(`${url}/health`)).status).toBe(200);
    await expectCleanStopOnSigterm(script);
  });

  it('pnpm simulators: the simulators exit too', { timeout: 120_000 }, async () => {
    const script = start(['simulators', '--count', '20']);
    await script.waitForOutput(/WooCommerce {2}http:\/\/127\.0\.0\.1:\d+/);
    await expectCleanStopOnSigterm(script);
  });
});

/** `GET /api/v2/sync` of a store whose first full read finished (CONTRACT.md §5). */
function expectSyncState(answer: unknown): void {
  expect(answer).toStrictEqual({
    sync: {
      enabled: true,
      status: 'ready',
      customers: expect.any(Number),
      lastPollAt: expect.any(String),
      lastFullScanAt: expect.any(String),
      lastError: null,
      deletes: expect.stringMatching(/^(native|webhook|scan)$/),
    },
  });
  const { sync } = answer as { sync: { customers: number; lastPollAt: string; lastFullScanAt: string } };
  expect(sync.customers).toBeGreaterThan(0);
  expect(Number.isNaN(Date.parse(sync.lastPollAt))).toBe(false);
  expect(Number.isNaN(Date.parse(sync.lastFullScanAt))).toBe(false);
}

/** The first page of a change feed: the first full read's upserts, 3 of them. */
function expectFeedPage(answer: unknown): void {
  const { changes, pagination } = answer as {
    changes: { type: string; customerId: string; customer: { id: string } | null }[];
    pagination: unknown;
  };
  expect(pagination).toStrictEqual({ limit: 3, next: expect.any(String) });
  expect(changes).toHaveLength(3);
  for (const change of changes) {
    expect(change).toStrictEqual({
      id: expect.any(String),
      type: 'upsert',
      customerId: expect.any(String),
      customer: expect.objectContaining({ id: change.customerId }),
      detectedAt: expect.any(String),
    });
  }
}

/** A mirror page sorted by `-updatedAt`: 2 customers, the most recently updated first (nulls last). */
function expectMirrorPage(answer: unknown): void {
  const { customers } = answer as { customers: { dates: { updatedAt: string | null } }[] };
  expect(customers).toHaveLength(2);
  const [first, second] = customers.map((customer) => customer.dates.updatedAt) as [
    string | null,
    string | null,
  ];
  if (first === null) expect(second).toBeNull();
  else if (second !== null) expect(Date.parse(first)).toBeGreaterThanOrEqual(Date.parse(second));
}

describe('pnpm demo', () => {
  it('prints commands that run as printed, and stops the gateway and simulators on SIGTERM', {
    timeout: 180_000,
  }, async () => {
    const script = start(['demo', '--count', '60', '--no-rate-limits']);
    const output = await script.waitForOutput(
      /Simulators \(the platforms behind the gateway\)[\s\S]*WooCommerce[\s\S]*try .*\n/,
    );
    const commands = output
      .split('\n')
      .map((line) => line.trim().replace(/^try\s+/, ''))
      .filter((line) => line.startsWith('curl '));
    // 1 admin command, 7 to 10 per store (with a sample customer), 1 per simulator.
    expect(commands.length).toBeGreaterThanOrEqual(1 + 7 * 7 + 3);
    // Every store syncs, and the demo printed its commands once its mirror was ready.
    expect(output.match(/^\w+ store \S+ {3}\(mirror ready\)$/gm)).toHaveLength(7);
    const perStore = (path: string) => commands.filter((command) => command.includes(path));
    expect(perStore('/api/v2/sync')).toHaveLength(7);
    expect(perStore('/api/v2/customers/changes?limit=3')).toHaveLength(7);
    expect(perStore('/api/v2/customers?consistency=mirror&limit=2&sort=-updatedAt')).toHaveLength(7);
    for (const command of commands) {
      const result = await runCurl(command);
      expect(result.exitCode, `${command}\n${result.stderr}`).toBe(0);
      expect(result.status, command).toBeGreaterThanOrEqual(200);
      expect(result.status, command).toBeLessThan(300);
      if (command.includes('/api/v2/sync')) expectSyncState(JSON.parse(result.stdout));
      if (command.includes('/api/v2/customers/changes')) expectFeedPage(JSON.parse(result.stdout));
      if (command.includes('consistency=mirror')) expectMirrorPage(JSON.parse(result.stdout));
    }
    await expectCleanStopOnSigterm(script);
  });
});

describe('pnpm -s unicart', () => {
  it("writes only the command's JSON on standard output (the build step writes to standard error)", {
    timeout: 120_000,
  }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'unicart-cli-'));
    directories.push(dataDir);
    const script = start(['-s', 'unicart', 'stores', 'list'], {
      UNICART_DATA_DIR: dataDir,
      UNICART_SECRET_KEY: randomBytes(32).toString('base64'),
    });
    expect(await script.exited).toBe(0);
    expect(JSON.parse(script.stdout())).toStrictEqual({ stores: [] });
  });

  it('--help exits 0 with the usage', { timeout: 120_000 }, async () => {
    const script = start(['-s', 'unicart', '--help']);
    expect(await script.exited).toBe(0);
    expect(script.stdout()).toMatch(/^Usage: pnpm -s unicart <command>/);
  });
});
