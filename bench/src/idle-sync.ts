import type { FleetOptions, GatewayProcess, SimulatorProcess } from './bench-fleet.ts';
import { startGatewayProcess, startSimulator, stopAll } from './bench-fleet.ts';
import type { ProcessUsage } from './child-process.ts';

/** Idle stores kept polled: how many stores with sync one gateway process polls on time. */
export interface IdleSyncResult {
  readonly platform: 'ecwid';
  readonly stores: number;
  readonly intervalSeconds: number;
  /** How long the stores were watched after every first full read had finished. */
  readonly windowSeconds: number;
  /** Seconds until every store's first full read had finished. */
  readonly firstReadsSeconds: number;
  /** Stores whose last poll was never older than the interval plus the tolerance at any sample. */
  readonly keptPolled: number;
  /** Oldest last poll seen at any sample, in seconds. */
  readonly maxLagSeconds: number;
  readonly p99LagSeconds: number;
  /** The gateway's CPU time over the window, as a share of one core (the sampling requests included). */
  readonly gatewayCpuShare: number;
  readonly upstreamRequestsPerMinute: number;
  readonly gatewayRssMb: number;
}

/** A poll counts as on time when the last one is at most this much older than the interval. */
export const pollToleranceSeconds = 5;
const sampleEverySeconds = 15;
const sampleConcurrency = 16;

interface StoreHandle {
  readonly token: string;
}

async function connectSyncedStore(
  gateway: GatewayProcess,
  simulator: SimulatorProcess,
): Promise<StoreHandle> {
  const response = await fetch(`${gateway.ready.url}/admin/v1/stores`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.ready.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      platform: 'ecwid',
      name: 'Idle Ecwid store',
      credentials: simulator.ready.credentials,
      baseUrl: simulator.ready.url,
      verifyCredentials: false,
      sync: { enabled: true },
    }),
  });
  if (response.status !== 201) throw new Error(`Connecting a synced store failed: ${await response.text()}`);
  return { token: ((await response.json()) as { accessToken: string }).accessToken };
}

interface SyncState {
  readonly status: string;
  readonly lastPollAt: string | null;
}

async function syncStates(gateway: GatewayProcess, stores: readonly StoreHandle[]): Promise<SyncState[]> {
  const states: SyncState[] = new Array(stores.length);
  let next = 0;
  const worker = async () => {
    while (next < stores.length) {
      const index = next++;
      const response = await fetch(`${gateway.ready.url}/api/v2/sync`, {
        headers: { authorization: `Bearer ${stores[index]!.token}` },
      });
      states[index] = ((await response.json()) as { sync: SyncState }).sync;
    }
  };
  await Promise.all(Array.from({ length: sampleConcurrency }, worker));
  return states;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Connects `stores` Ecwid stores with sync enabled (one simulator without limits: each store stands
 * for another merchant), waits for every first full read, then samples every store's `lastPollAt`
 * through `GET /api/v2/sync` every 15 s for `windowSeconds`.
 */
export async function measureIdleSync(
  options: FleetOptions & {
    readonly stores: number;
    readonly windowSeconds: number;
    readonly intervalSeconds: number;
  },
): Promise<IdleSyncResult> {
  let simulator: SimulatorProcess | undefined;
  let gateway: GatewayProcess | undefined;
  try {
    simulator = await startSimulator({ platform: 'ecwid', count: 10, rateLimited: false });
    gateway = await startGatewayProcess(
      {
        paced: false,
        environment: {
          UNICART_SYNC_INTERVAL_SECONDS: String(options.intervalSeconds),
          UNICART_LOG_LEVEL: 'warn',
        },
      },
      options,
    );
    const started = Date.now();
    const stores: StoreHandle[] = [];
    for (let index = 0; index < options.stores; index++)
      stores.push(await connectSyncedStore(gateway, simulator));
    for (;;) {
      const states = await syncStates(gateway, stores);
      if (states.every((state) => state.status === 'ready')) break;
      if (Date.now() - started > 10 * 60_000)
        throw new Error('The first full reads did not all finish in 10 minutes');
      await sleep(2_000);
    }
    const firstReadsSeconds = (Date.now() - started) / 1000;

    const windowStart = Date.now();
    const usageBefore = await gateway.ask<ProcessUsage>('usage');
    const requestsBefore = await simulator.ask<number>('requests');
    const worstLag = new Array<number>(stores.length).fill(0);
    while (Date.now() - windowStart < options.windowSeconds * 1000) {
      await sleep(sampleEverySeconds * 1000);
      const sampledAt = Date.now();
      const states = await syncStates(gateway, stores);
      states.forEach((state, index) => {
        const lag =
          state.lastPollAt === null
            ? Number.POSITIVE_INFINITY
            : (sampledAt - Date.parse(state.lastPollAt)) / 1000;
        worstLag[index] = Math.max(worstLag[index]!, lag);
      });
    }
    const elapsedSeconds = (Date.now() - windowStart) / 1000;
    const usageAfter = await gateway.ask<ProcessUsage>('usage');
    const requestsAfter = await simulator.ask<number>('requests');
    const sorted = [...worstLag].sort((left, right) => left - right);
    return {
      platform: 'ecwid',
      stores: options.stores,
      intervalSeconds: options.intervalSeconds,
      windowSeconds: Math.round(elapsedSeconds),
      firstReadsSeconds: Number(firstReadsSeconds.toFixed(1)),
      keptPolled: worstLag.filter((lag) => lag <= options.intervalSeconds + pollToleranceSeconds).length,
      maxLagSeconds: Number((sorted.at(-1) ?? 0).toFixed(1)),
      p99LagSeconds: Number((sorted[Math.floor(sorted.length * 0.99)] ?? 0).toFixed(1)),
      gatewayCpuShare: Number(
        ((usageAfter.cpuMicroseconds - usageBefore.cpuMicroseconds) / 1e6 / elapsedSeconds).toFixed(3),
      ),
      upstreamRequestsPerMinute: Math.round(((requestsAfter - requestsBefore) / elapsedSeconds) * 60),
      gatewayRssMb: Math.round(usageAfter.rssBytes / 1024 ** 2),
    };
  } finally {
    await stopAll([gateway, simulator]);
  }
}
