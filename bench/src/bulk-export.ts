import type { SimulatedPlatform } from '@unicart/sandbox';
import {
  connectStore,
  type FleetOptions,
  type ProxyProcess,
  startGatewayProcess,
  startProxy,
  startSimulator,
  stopAll,
} from './bench-fleet.ts';
import type { ProcessUsage } from './child-process.ts';
import type { HeapSpacePeaks } from './gateway-process.ts';
import type { ProxyCounts } from './proxy-process.ts';
import { wooCommerceHostLimit } from './simulator-process.ts';

export interface ExportCase {
  readonly platform: SimulatedPlatform;
  readonly customers: number;
  /** The simulator enforces the platform's limits and the adapters pace themselves, as shipped. */
  readonly rateLimited: boolean;
}

export interface ExportResult extends ExportCase {
  readonly exported: number;
  readonly seconds: number;
  readonly customersPerSecond: number;
  /** Peak resident set size of the gateway process over its whole life (one fresh process per run). */
  readonly gatewayPeakRssMb: number;
  /** V8 heap the gateway still retains after the export and a full collection. */
  readonly gatewayLiveHeapMb: number;
  /**
   * The largest the gateway's young generation (new space) and old space grew: V8 sizes them by
   * how much survives its collections, and their growth is most of the peak RSS's.
   */
  readonly gatewayPeakNewSpaceMb: number;
  readonly gatewayPeakOldSpaceMb: number;
  /** Requests the gateway sent to the platform. */
  readonly upstreamRequests: number;
  /** 429 answers (and Shopify THROTTLED answers) the platform gave the gateway, absorbed by its retries. */
  readonly upstreamThrottled: number;
  /** Rate-limited runs: what the platform allows and what the export used of it. */
  readonly allowance?: {
    readonly unit: string;
    readonly allowedPerSecond: number;
    readonly usedPerSecond: number;
    readonly fraction: number;
  };
  /** The status, and the `error` line a failed stream ends with (none expected). */
  readonly clientStatus: number;
  readonly clientError: string | null;
}

/**
 * Ecwid: 600 requests a minute per token; Jumpseller: 800 a minute per store; Shopify: 100 cost
 * points a second (Standard plan); BigCommerce: 150 requests per 30 s per store (Standard plan);
 * Bling: 3 requests a second.
 */
const sustainedAllowance: Readonly<Record<SimulatedPlatform, { unit: string; perSecond: number }>> = {
  // 3 requests a second per account (sheet §8); one of them per customer exported.
  bling: { unit: 'requests', perSecond: 3 },
  ecwid: { unit: 'requests', perSecond: 600 / 60 },
  jumpseller: { unit: 'requests', perSecond: Number((800 / 60).toFixed(2)) },
  shopify: { unit: 'cost points', perSecond: 100 },
  woocommerce: {
    unit: 'requests',
    perSecond: wooCommerceHostLimit.requests / wooCommerceHostLimit.windowSeconds,
  },
  bigcommerce: { unit: 'requests', perSecond: 150 / 30 },
};

const newline = 0x0a;
/** Enough of the stream's end to hold its last line (a customer or an error line). */
const tailBytes = 64 * 1024;

/** Reads the NDJSON export to the end, counting lines and keeping only the last one. */
async function readExport(response: Response): Promise<{ lines: number; lastLine: string }> {
  let lines = 0;
  let tail = Buffer.alloc(0);
  for await (const chunk of response.body ?? []) {
    const bytes = Buffer.from(chunk);
    for (let index = bytes.indexOf(newline); index !== -1; index = bytes.indexOf(newline, index + 1))
      lines += 1;
    const joined = Buffer.concat([tail, bytes]);
    tail = joined.subarray(Math.max(0, joined.length - tailBytes));
  }
  const text = tail.toString('utf8').trimEnd();
  return { lines, lastLine: text.slice(text.lastIndexOf('\n') + 1) };
}

function allowanceOf(platform: SimulatedPlatform, counts: ProxyCounts, seconds: number) {
  const { unit, perSecond } = sustainedAllowance[platform];
  const used = platform === 'shopify' ? counts.actualQueryCost : (counts.byStatus['200'] ?? 0);
  const usedPerSecond = used / seconds;
  return {
    unit,
    allowedPerSecond: perSecond,
    usedPerSecond: Number(usedPerSecond.toFixed(2)),
    fraction: Number((usedPerSecond / perSecond).toFixed(3)),
  };
}

/**
 * Exports every customer of a fresh simulator through `GET /api/v2/customers/export` of a fresh
 * gateway process, and reads its peak RSS afterwards. Rate-limited runs put the counting proxy
 * between gateway and platform, to see every 429 the platform answered.
 */
export async function measureExport(
  exportCase: ExportCase,
  options: FleetOptions & { timeoutSeconds: number },
) {
  const { platform, customers, rateLimited } = exportCase;
  const simulator = await startSimulator({ platform, count: customers, rateLimited });
  let proxy: ProxyProcess | undefined;
  const gateway = await startGatewayProcess({ paced: rateLimited }, options);
  try {
    proxy = await startProxy({ target: simulator.ready.url, inspectBodies: true });
    const token = await connectStore(gateway, platform, simulator.ready.credentials, proxy.ready.url);
    const started = performance.now();
    const response = await fetch(`${gateway.ready.url}/api/v2/customers/export`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(options.timeoutSeconds * 1000),
    });
    const { lines, lastLine } = await readExport(response);
    const seconds = (performance.now() - started) / 1000;
    const clientError = response.status !== 200 || lastLine.startsWith('{"error"') ? lastLine : null;
    const counts = await proxy.ask<ProxyCounts>('counts');
    const usage = await gateway.ask<ProcessUsage>('usage');
    const heapSpacePeaks = await gateway.ask<HeapSpacePeaks>('heapSpacePeaks');
    const liveHeapBytes = await gateway.ask<number>('liveHeapBytes');
    const exported = clientError === null ? lines : lines - 1;
    if (clientError === null && exported !== simulator.ready.customers) {
      throw new Error(`${platform}: exported ${exported} customers of ${simulator.ready.customers}`);
    }
    const result: ExportResult = {
      ...exportCase,
      exported,
      seconds: Number(seconds.toFixed(1)),
      customersPerSecond: Math.round(exported / seconds),
      gatewayPeakRssMb: Math.round(usage.maxRssBytes / 1024 / 1024),
      gatewayLiveHeapMb: Math.round(liveHeapBytes / 1024 / 1024),
      gatewayPeakNewSpaceMb: Math.round(heapSpacePeaks.newSpaceBytes / 1024 / 1024),
      gatewayPeakOldSpaceMb: Math.round(heapSpacePeaks.oldSpaceBytes / 1024 / 1024),
      upstreamRequests: counts.requests,
      upstreamThrottled: (counts.byStatus['429'] ?? 0) + counts.throttledInBody,
      ...(rateLimited ? { allowance: allowanceOf(platform, counts, seconds) } : {}),
      clientStatus: response.status,
      clientError,
    };
    return result;
  } finally {
    await stopAll([gateway, proxy, simulator]);
  }
}
