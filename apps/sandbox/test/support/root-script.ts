import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** pnpm as the test was started with it (`npm_execpath` under `pnpm test`), else from PATH. */
function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm\.(c?js|mjs)$/.test(execPath)) return [process.execPath, [execPath]];
  return ['pnpm', []];
}

/** `pnpm <args>` at the repository root, as a user types it, in a process group of its own. */
export interface RootScript {
  readonly child: ChildProcess;
  /** Standard output so far. */
  stdout(): string;
  /** Resolves with standard output once it matches `pattern`; rejects when the script exits first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  readonly exited: Promise<number | null>;
  /** Kills whatever is left of the process group (cleanup only). */
  kill(): void;
}

export function startRootScript(
  args: readonly string[],
  environment: Record<string, string> = {},
): RootScript {
  const [command, prefix] = pnpmCommand();
  const child = spawn(command, [...prefix, ...args], {
    cwd: repositoryRoot,
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    exited,
    async waitForOutput(pattern, timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(stdout)) {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`pnpm ${args.join(' ')} exited (${child.exitCode}):\n${stdout}\n${stderr}`);
        }
        if (Date.now() > deadline) throw new Error(`No ${pattern} in the output:\n${stdout}\n${stderr}`);
        await sleep(100);
      }
      return stdout;
    },
    kill() {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    },
  };
}

/** Every live process below `pid` (Linux /proc). */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces or parentheses: the fields after its closing one are fixed.
      const [, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(parent));
    } catch {
      // The process ended while we read.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, itsParent] of parents) {
      if (itsParent === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until none of `pids` lives; resolves the ones still alive after `timeoutMs`. */
export async function survivorsAfter(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await sleep(100);
  }
}

export interface CurlResult {
  readonly exitCode: number;
  /** The HTTP status of the (last) request; 0 when none was answered. */
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

const run = promisify(execFile);

/**
 * Runs a documented shell command exactly as printed (`sh -c`), with `environment` set and in `cwd`.
 * curl reports each answer's status on standard error through a `.curlrc` in a HOME of its own, so
 * the command itself is not changed.
 */
export async function runCurl(
  command: string,
  environment: Record<string, string> = {},
  cwd: string = tmpdir(),
): Promise<CurlResult> {
  const home = await mkdtemp(join(tmpdir(), 'unicart-curl-home-'));
  await writeFile(join(home, '.curlrc'), 'write-out = "%{stderr}\\nHTTP %{http_code}\\n"\n');
  const statusOf = (stderr: string) => Number([...stderr.matchAll(/HTTP (\d{3})/g)].pop()?.[1] ?? 0);
  try {
    const { stdout, stderr } = await run('sh', ['-c', command], {
      env: { ...process.env, ...environment, HOME: home },
      cwd,
      timeout: 60_000,
    });
    return { exitCode: 0, status: statusOf(stderr), stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    const stderr = failure.stderr ?? '';
    return {
      exitCode: typeof failure.code === 'number' ? failure.code : -1,
      status: statusOf(stderr),
      stdout: failure.stdout ?? '',
      stderr,
    };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
