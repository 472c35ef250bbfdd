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
    // 1 admin command, 7 per store (with a sample customer), 1 per simulator.
    expect(commands.length).toBeGreaterThanOrEqual(1 + 3 * 6 + 3);
    for (const command of commands) {
      const result = await runCurl(command);
      expect(result.exitCode, `${command}\n${result.stderr}`).toBe(0);
      expect(result.status, command).toBeGreaterThanOrEqual(200);
      expect(result.status, command).toBeLessThan(300);
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
