import type { ExportResult } from './bulk-export.ts';
import type { OverheadResult } from './gateway-overhead.ts';
import type { IdleSyncResult } from './idle-sync.ts';
import type { MappingResult } from './mapping-throughput.ts';
import type { MirrorResult } from './mirror-reads.ts';

/** One target of issue #8 and whether this run met it. */
export interface TargetVerdict {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

const mappingTarget = 250_000;
const throughputTarget = 0.85;
const addedP99TargetMs = 2;
const rssGrowthTargetMb = 50;
const allowedRateTarget = 0.9;
const mirrorPageP99TargetMs = 20;
const idleStoresTarget = 1_000;

/** The issues' targets, judged on every platform measured (a platform not run is not judged). */
export function evaluateTargets(results: {
  readonly mapping: readonly MappingResult[];
  readonly overhead: readonly OverheadResult[];
  readonly exports: readonly ExportResult[];
  readonly mirror?: readonly MirrorResult[];
  readonly idleSync?: IdleSyncResult | undefined;
}): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  for (const result of results.mapping) {
    verdicts.push({
      target: `${result.platform}: mapping ≥ ${mappingTarget.toLocaleString('en-US')} customers per CPU-second`,
      measured: `${result.customersPerCpuSecond.toLocaleString('en-US')} (decode + JSON.parse alone: ${Math.round(1e6 / result.parseCpuMicrosecondsPerCustomer).toLocaleString('en-US')})`,
      met: result.customersPerCpuSecond >= mappingTarget,
    });
  }
  for (const result of results.overhead) {
    verdicts.push({
      target: `${result.platform}: gateway throughput ≥ ${throughputTarget}× the pass-through proxy`,
      measured: `${result.throughputVsProxy.toFixed(2)}×`,
      met: result.throughputVsProxy >= throughputTarget,
    });
    verdicts.push({
      target: `${result.platform}: added p99 ≤ ${addedP99TargetMs} ms at half of saturation`,
      measured: `${result.addedP99VsDirectMs} ms vs direct, ${result.addedP99VsProxyMs} ms vs proxy`,
      met: result.addedP99VsDirectMs <= addedP99TargetMs,
    });
  }
  const unlimited = results.exports.filter((result) => !result.rateLimited);
  for (const platform of new Set(unlimited.map((result) => result.platform))) {
    const small = unlimited.find((result) => result.platform === platform && result.customers === 10_000);
    const large = unlimited.find((result) => result.platform === platform && result.customers === 100_000);
    if (small === undefined || large === undefined) continue;
    const growth = large.gatewayPeakRssMb - small.gatewayPeakRssMb;
    verdicts.push({
      target: `${platform}: export peak RSS grows < ${rssGrowthTargetMb} MB from 10,000 to 100,000 customers`,
      measured: `${small.gatewayPeakRssMb} → ${large.gatewayPeakRssMb} MB (${growth >= 0 ? '+' : ''}${growth} MB); live heap after ${small.gatewayLiveHeapMb} → ${large.gatewayLiveHeapMb} MB`,
      met: growth < rssGrowthTargetMb,
    });
  }
  for (const result of results.exports) {
    if (result.allowance === undefined) continue;
    const clientErrors = result.clientError === null ? 0 : 1;
    verdicts.push({
      target: `${result.platform}: rate-limited export ≥ ${allowedRateTarget * 100}% of the allowed rate, no 429 to the client`,
      measured: `${(result.allowance.fraction * 100).toFixed(1)}% of ${result.allowance.allowedPerSecond} ${result.allowance.unit}/s, ${clientErrors} client error(s), ${result.upstreamThrottled} upstream 429(s) absorbed`,
      met: result.allowance.fraction >= allowedRateTarget && clientErrors === 0,
    });
  }
  for (const result of results.mirror ?? []) {
    const slowest = [...result.queries].sort((left, right) => right.p99Ms - left.p99Ms)[0];
    if (slowest === undefined) continue;
    verdicts.push({
      target: `${result.engine}: a filtered mirror page on ${result.customers.toLocaleString('en-US')} customers, p99 ≤ ${mirrorPageP99TargetMs} ms`,
      measured: `slowest p99 ${slowest.p99Ms} ms (${slowest.query}); ${result.queries.filter((query) => query.p99Ms > mirrorPageP99TargetMs).length} of ${result.queries.length} reads over`,
      met: slowest.p99Ms <= mirrorPageP99TargetMs,
    });
  }
  const { idleSync } = results;
  if (idleSync !== undefined) {
    verdicts.push({
      target: `one gateway process keeps ≥ ${idleStoresTarget.toLocaleString('en-US')} idle synced stores polled every minute`,
      measured: `${idleSync.keptPolled.toLocaleString('en-US')} of ${idleSync.stores.toLocaleString('en-US')} on time, oldest last poll ${idleSync.maxLagSeconds} s`,
      met: idleSync.keptPolled >= idleStoresTarget,
    });
  }
  return verdicts;
}
