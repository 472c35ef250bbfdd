import type { SimulatedPlatform } from '@unicart/sandbox';
import autocannon from 'autocannon';
import {
  connectStore,
  type FleetOptions,
  type GatewayProcess,
  startGatewayProcess,
  startProxy,
  startSimulator,
  stopAll,
} from './bench-fleet.ts';
import type { ProcessUsage } from './child-process.ts';
import type { CapturedRequest } from './proxy-process.ts';

export interface OverheadOptions extends FleetOptions {
  readonly platforms: readonly SimulatedPlatform[];
  /** Seconds of each measured run. */
  readonly seconds: number;
  /** Interleaved rounds (direct, proxy, gateway, direct, ...); medians are reported. */
  readonly rounds: number;
  /** Open connections of the flat-out runs, the same for every target. */
  readonly connections: number;
  /**
   * Open connections of the fixed-rate latency runs, the same for every target. autocannon sends
   * each second's quota as fast as its connections allow, then waits for the next second: few
   * connections keep those bursts from measuring a queue instead of the request.
   */
  readonly latencyConnections: number;
}

export type OverheadTarget = 'direct' | 'proxy' | 'gateway';

/** One target's medians over the rounds. */
export interface TargetFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers that were not 2xx, plus errors and timeouts, over every round. */
  readonly failures: number;
}

export interface OverheadResult {
  readonly platform: SimulatedPlatform;
  /** The native request, as the gateway sends it and as the direct and proxy runs send it. */
  readonly nativeRequest: string;
  readonly saturation: Readonly<Record<OverheadTarget, TargetFigures>>;
  /** Fixed rate of the latency runs: half the gateway's saturated throughput. */
  readonly halfSaturationRate: number;
  readonly halfSaturation: Readonly<Record<OverheadTarget, TargetFigures>>;
  /** Gateway throughput ÷ pass-through proxy throughput, at saturation (target ≥ 0.85). */
  readonly throughputVsProxy: number;
  readonly throughputVsDirect: number;
  /** Gateway p99 − direct p99 at half saturation (target ≤ 2 ms). */
  readonly addedP99VsDirectMs: number;
  readonly addedP99VsProxyMs: number;
  /** Gateway CPU time per request, over every saturated gateway run. */
  readonly gatewayCpuMicrosecondsPerRequest: number;
}

interface LoadRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
}

interface RunFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
  readonly requests: number;
}

const targets: readonly OverheadTarget[] = ['direct', 'proxy', 'gateway'];
const gatewayPath = '/api/v2/customers?limit=50';

/** One bounded autocannon run: at most `seconds`, and never more than a hard request cap. */
async function load(
  request: LoadRequest,
  connections: number,
  seconds: number,
  rate?: number,
): Promise<RunFigures> {
  const result = await autocannon({
    url: request.url,
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    connections,
    duration: seconds,
    ...(rate === undefined ? {} : { overallRate: rate }),
    timeout: 10,
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    requests: result.requests.total,
  };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

function summarise(runs: readonly RunFigures[]): TargetFigures {
  return {
    requestsPerSecond: Math.round(median(runs.map((run) => run.requestsPerSecond))),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  };
}

/** The same native request the gateway sends, aimed at another origin (the simulator or the proxy). */
function nativeRequestTo(origin: string, captured: CapturedRequest): LoadRequest {
  const { 'content-length': _length, ...headers } = captured.headers;
  return {
    url: `${origin}${captured.path}`,
    method: captured.method === 'POST' ? 'POST' : 'GET',
    headers,
    ...(captured.body === '' ? {} : { body: captured.body }),
  };
}

/** Runs every target once per round, in the same order each round, at the given rate (or flat out). */
async function interleave(
  requests: Readonly<Record<OverheadTarget, LoadRequest>>,
  options: OverheadOptions,
  gateway: GatewayProcess,
  connections: number,
  rate?: number,
) {
  const runs: Record<OverheadTarget, RunFigures[]> = { direct: [], proxy: [], gateway: [] };
  let gatewayCpu = 0;
  let gatewayRequests = 0;
  for (let round = 0; round < options.rounds; round += 1) {
    for (const target of targets) {
      const before = target === 'gateway' ? await gateway.ask<ProcessUsage>('usage') : undefined;
      const run = await load(requests[target], connections, options.seconds, rate);
      runs[target].push(run);
      if (before !== undefined) {
        gatewayCpu += (await gateway.ask<ProcessUsage>('usage')).cpuMicroseconds - before.cpuMicroseconds;
        gatewayRequests += run.requests;
      }
    }
  }
  return {
    figures: {
      direct: summarise(runs.direct),
      proxy: summarise(runs.proxy),
      gateway: summarise(runs.gateway),
    },
    gatewayCpuMicrosecondsPerRequest: Math.round(gatewayCpu / Math.max(1, gatewayRequests)),
  };
}

async function measurePlatform(
  platform: SimulatedPlatform,
  options: OverheadOptions,
): Promise<OverheadResult> {
  const simulator = await startSimulator({ platform, count: 2_500, rateLimited: false });
  const proxy = await startProxy({ target: simulator.ready.url, inspectBodies: false });
  const gateway = await startGatewayProcess({ paced: false }, options);
  try {
    const { url, credentials } = simulator.ready;
    const token = await connectStore(gateway, platform, credentials, url);
    // A second store reaches the simulator through the proxy, which records the native request.
    const capturingToken = await connectStore(gateway, platform, credentials, proxy.ready.url);
    for (let call = 0; call < 2; call += 1) {
      const response = await fetch(`${gateway.ready.url}${gatewayPath}`, {
        headers: { authorization: `Bearer ${capturingToken}` },
      });
      if (response.status !== 200) throw new Error(`${platform}: the gateway answered ${response.status}`);
      await response.arrayBuffer();
    }
    // The second call's last request is the customer list itself (the store currency is cached by then).
    const captured = await proxy.ask<CapturedRequest>('captured');
    const requests: Record<OverheadTarget, LoadRequest> = {
      direct: nativeRequestTo(url, captured),
      proxy: nativeRequestTo(proxy.ready.url, captured),
      gateway: {
        url: `${gateway.ready.url}${gatewayPath}`,
        method: 'GET',
        headers: { authorization: `Bearer ${token}` },
      },
    };
    // Warm-up: JIT, connection pools and the store cache, for every target.
    for (const target of targets)
      await load(requests[target], options.connections, Math.min(2, options.seconds));

    const saturated = await interleave(requests, options, gateway, options.connections);
    const halfSaturationRate = Math.max(1, Math.round(saturated.figures.gateway.requestsPerSecond / 2));
    const half = await interleave(requests, options, gateway, options.latencyConnections, halfSaturationRate);
    const { direct, proxy: proxied, gateway: gatewayFigures } = saturated.figures;
    return {
      platform,
      nativeRequest: `${captured.method} ${captured.path}`,
      saturation: saturated.figures,
      halfSaturationRate,
      halfSaturation: half.figures,
      throughputVsProxy: Number((gatewayFigures.requestsPerSecond / proxied.requestsPerSecond).toFixed(3)),
      throughputVsDirect: Number((gatewayFigures.requestsPerSecond / direct.requestsPerSecond).toFixed(3)),
      addedP99VsDirectMs: Number((half.figures.gateway.p99Ms - half.figures.direct.p99Ms).toFixed(2)),
      addedP99VsProxyMs: Number((half.figures.gateway.p99Ms - half.figures.proxy.p99Ms).toFixed(2)),
      gatewayCpuMicrosecondsPerRequest: saturated.gatewayCpuMicrosecondsPerRequest,
    };
  } finally {
    await stopAll([gateway, proxy, simulator]);
  }
}

/**
 * `GET /api/v2/customers?limit=50` through the gateway, against the same native request sent
 * straight to the simulator and through a pass-through proxy: one autocannon, the same
 * connections, runs interleaved; first flat out, then at half the gateway's saturated rate.
 */
export async function measureGatewayOverhead(options: OverheadOptions): Promise<OverheadResult[]> {
  const results: OverheadResult[] = [];
  for (const platform of options.platforms) results.push(await measurePlatform(platform, options));
  return results;
}
