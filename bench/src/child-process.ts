import { type ChildProcess, fork } from 'node:child_process';

/** Messages between the benchmark and a helper process (simulator, proxy, gateway). */
type ToChild = { readonly kind: 'ask'; readonly id: number; readonly question: string };
type FromChild =
  | { readonly kind: 'ready'; readonly value: unknown }
  | { readonly kind: 'answer'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'failed'; readonly message: string };

/** A helper process, started and ready. */
export interface ChildHandle<Ready> {
  readonly ready: Ready;
  readonly pid: number;
  /** Asks the child one of the questions it answers (see `serveParent`). */
  ask<Answer>(question: string): Promise<Answer>;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/** What every helper answers: its own memory and CPU. */
export interface ProcessUsage {
  /** Peak resident set size since the process started. */
  readonly maxRssBytes: number;
  readonly rssBytes: number;
  /** V8 heap in use now. */
  readonly heapUsedBytes: number;
  /** User + system CPU time since start. */
  readonly cpuMicroseconds: number;
}

export function processUsage(): ProcessUsage {
  const usage = process.resourceUsage();
  return {
    maxRssBytes: usage.maxRSS * 1024,
    rssBytes: process.memoryUsage.rss(),
    heapUsedBytes: process.memoryUsage().heapUsed,
    cpuMicroseconds: usage.userCPUTime + usage.systemCPUTime,
  };
}

const readyTimeoutMs = 180_000;
const answerTimeoutMs = 30_000;

/** Forks `script` with `input` as its one argument (JSON) and waits until it says it is ready. */
export async function forkChild<Ready>(
  script: URL,
  input: unknown,
  options: { readonly execArgv?: readonly string[] } = {},
): Promise<ChildHandle<Ready>> {
  const child: ChildProcess = fork(script, [JSON.stringify(input)], {
    execArgv: [...(options.execArgv ?? [])],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script.pathname} was not ready in time`)),
      readyTimeoutMs,
    );
    child.on('message', (message: FromChild) => {
      if (message.kind === 'ready') {
        clearTimeout(timer);
        resolve(message.value as Ready);
      } else if (message.kind === 'answer') {
        pending.get(message.id)?.(message.value);
        pending.delete(message.id);
      } else {
        clearTimeout(timer);
        reject(new Error(`${script.pathname} failed: ${message.message}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script.pathname} exited with code ${code}`));
    });
  });
  return {
    ready,
    pid: child.pid ?? -1,
    ask<Answer>(question: string) {
      const id = nextId++;
      return new Promise<Answer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No answer to '${question}'`)), answerTimeoutMs);
        pending.set(id, (value) => {
          clearTimeout(timer);
          resolve(value as Answer);
        });
        child.send({ kind: 'ask', id, question } satisfies ToChild);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
    },
  };
}

/** The input a child was forked with. */
export function childInput<Input>(): Input {
  return JSON.parse(process.argv[2] ?? '{}') as Input;
}

/**
 * In a child: says it is ready with `ready`, answers the parent's questions, runs `close` and exits
 * on SIGTERM (or when the parent goes away).
 */
export function serveParent(
  ready: unknown,
  answers: Readonly<Record<string, () => unknown>>,
  close: () => Promise<void>,
): void {
  process.on('message', async (message: ToChild) => {
    const answer = answers[message.question];
    const value = answer === undefined ? undefined : await answer();
    process.send?.({ kind: 'answer', id: message.id, value } satisfies FromChild);
  });
  const shutDown = () => {
    close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutDown);
  process.once('disconnect', shutDown);
  process.send?.({ kind: 'ready', value: ready } satisfies FromChild);
}

/** In a child: reports a start-up failure to the parent, then exits. */
export function failToParent(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.send?.({ kind: 'failed', message } satisfies FromChild, () => process.exit(1));
}
