import { writeFileSync } from 'node:fs';
import { cpus, loadavg, type as osType, release, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { SimulatedPlatform } from '@unicart/sandbox';
import { type AmazonReadyMirrorResult, measureAmazonReadyMirror } from './amazon-ready-mirror.ts';
import { type ExportCase, type ExportResult, measureExport } from './bulk-export.ts';
import { measureGatewayOverhead, type OverheadResult } from './gateway-overhead.ts';
import { type IdleSyncResult, measureIdleSync, pollToleranceSeconds } from './idle-sync.ts';
import { type MappingResult, measureMappingThroughput } from './mapping-throughput.ts';
import { type MirrorResult, measureMirror } from './mirror-reads.ts';
import { printTable } from './print-table.ts';
import { evaluateTargets, type TargetVerdict } from './targets.ts';

const usage = `Usage: pnpm bench [-- options]

  --quick              a short run (about 5 minutes): shorter measurements, gateway overhead on
                       WooCommerce only, rate-limited exports of 10,000 Ecwid, Jumpseller, WooCommerce
                       and BigCommerce customers and none of Shopify
  --only=LIST          sections to run, comma-separated: mapping, overhead, export, mirror, sync,
                       amazon (default: all)
  --amazon-scale=N     the Amazon section's searchOrders rate, as a multiple of Amazon's 0.0056 a
                       second (default 1,000): the time to a ready mirror of 100,000 orders (10,000
                       with --quick) is computed at the real rate and measured at the scaled one
  --sync-stores=N      idle stores with sync one gateway process keeps polled every minute (default
                       1,000), watched for 3 minutes (90 s with --quick) after their first full reads
  --platforms=LIST     platforms of the mapping, overhead and export sections (default: bigcommerce,bling,ecwid,
                       jumpseller,shopify,woocommerce; Bling has no overhead run: a list of n
                       customers is 1 + n requests)
  --limits=LIST        exports to run: off (simulators without limits), on (rate-limited), or both
                       (default: off,on)
  --rate-limited=N     customers of every rate-limited export (0: none). Default 100,000 for Ecwid,
                       Jumpseller, WooCommerce and BigCommerce (about 80 s at 150 requests per 30 s),
                       10,000 for Shopify, whose 100 cost points a second take about 13 minutes for
                       10,000 customers (over 2 hours for 100,000), and 500 for Bling, whose 3
                       requests a second take one request per customer (about 3 minutes for 500;
                       120,000 a day is its daily ceiling)
  --profile=DIR        run every gateway process with --cpu-prof into DIR (relative to bench/)
  --gateway-flags=LIST further Node flags of the gateway processes, space-separated
                       (e.g. "--max-semi-space-size=8")
  --mirror-customers=N customers of the mirror section's store (default 100,000)
  --mirror-postgres=URL an empty PostgreSQL database: the mirror section measures it too
  --output=FILE        where the results go (default: bench/results.json)
  --help`;

const allPlatforms: readonly SimulatedPlatform[] = [
  'bigcommerce',
  'bling',
  'ecwid',
  'jumpseller',
  'shopify',
  'woocommerce',
];
/** Customers of the unlimited exports; Bling reads each customer with a request of its own. */
const unlimitedExportSizes: Readonly<Record<SimulatedPlatform, readonly number[]>> = {
  bigcommerce: [10_000, 100_000],
  bling: [10_000],
  ecwid: [10_000, 100_000],
  jumpseller: [10_000, 100_000],
  shopify: [10_000, 100_000],
  woocommerce: [10_000, 100_000],
};
const sections = ['mapping', 'overhead', 'export', 'mirror', 'sync', 'amazon'] as const;
const exportLimits = ['off', 'on'] as const;
type Section = (typeof sections)[number];

function parseOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      platforms: { type: 'string' },
      limits: { type: 'string' },
      'rate-limited': { type: 'string' },
      'sync-stores': { type: 'string', default: '1000' },
      'amazon-scale': { type: 'string', default: '1000' },
      profile: { type: 'string' },
      'gateway-flags': { type: 'string' },
      'mirror-customers': { type: 'string', default: '100000' },
      'mirror-postgres': { type: 'string' },
      output: { type: 'string', default: new URL('../results.json', import.meta.url).pathname },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const list = <Item extends string>(
    value: string | undefined,
    known: readonly Item[],
    name: string,
  ): Item[] => {
    if (value === undefined) return [...known];
    const items = value.split(',').map((item) => item.trim());
    const unknown = items.filter((item) => !(known as readonly string[]).includes(item));
    if (unknown.length > 0) throw new Error(`Unknown ${name}: ${unknown.join(', ')}\n\n${usage}`);
    return items as Item[];
  };
  const quick = values.quick;
  const given = values['rate-limited'] === undefined ? undefined : Number(values['rate-limited']);
  if (given !== undefined && !(Number.isInteger(given) && given >= 0)) {
    throw new Error(`--rate-limited must be a whole number\n\n${usage}`);
  }
  const rateLimitedCustomers: Record<SimulatedPlatform, number> = {
    bling: given ?? (quick ? 100 : 500),
    ecwid: given ?? (quick ? 10_000 : 100_000),
    jumpseller: given ?? (quick ? 10_000 : 100_000),
    woocommerce: given ?? (quick ? 10_000 : 100_000),
    bigcommerce: given ?? (quick ? 10_000 : 100_000),
    shopify: given ?? (quick ? 0 : 10_000),
  };
  const syncStores = Number(values['sync-stores']);
  if (!(Number.isInteger(syncStores) && syncStores >= 1)) {
    throw new Error(`--sync-stores must be a positive whole number\n\n${usage}`);
  }
  const amazonScale = Number(values['amazon-scale']);
  if (!(amazonScale > 0)) throw new Error(`--amazon-scale must be a positive number\n\n${usage}`);
  const platforms = list(values.platforms, allPlatforms, 'platform');
  return {
    quick,
    sections: list(values.only, sections, 'section'),
    exportLimits: list(values.limits, exportLimits, 'export limits'),
    platforms,
    overheadPlatforms:
      values.platforms === undefined && quick
        ? (['woocommerce'] as SimulatedPlatform[])
        : platforms.filter((platform) => platform !== 'bling'),
    rateLimitedCustomers,
    syncStores,
    amazonScale,
    profileDirectory: values.profile,
    gatewayFlags: (values['gateway-flags'] ?? '').split(' ').filter((flag) => flag !== ''),
    output: values.output,
    mirrorCustomers: Number(values['mirror-customers']),
    mirrorPostgres: values['mirror-postgres'],
  };
}

function machine() {
  const processors = cpus();
  return {
    cpu: processors[0]?.model ?? 'unknown',
    cores: processors.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: `${osType()} ${release()}`,
    node: process.version,
    loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
  };
}

function exportCases(
  platforms: readonly SimulatedPlatform[],
  limits: readonly (typeof exportLimits)[number][],
  rateLimitedCustomers: Readonly<Record<SimulatedPlatform, number>>,
): ExportCase[] {
  const cases: ExportCase[] = [];
  for (const platform of limits.includes('off') ? platforms : []) {
    for (const customers of unlimitedExportSizes[platform])
      cases.push({ platform, customers, rateLimited: false });
  }
  for (const platform of limits.includes('on') ? platforms : []) {
    const customers = rateLimitedCustomers[platform];
    if (customers > 0) cases.push({ platform, customers, rateLimited: true });
  }
  return cases;
}

const thousands = (value: number) => value.toLocaleString('en-US');

function printMapping(results: readonly MappingResult[]) {
  printTable(
    'Mapping throughput: native page of 100 → canonical customers (JSON parse, wire validation, mapping)',
    [
      'platform',
      'customers/s',
      'µs/customer',
      'customers/CPU-s',
      'CPU µs/customer',
      'of which decode + JSON.parse',
      'fixtures',
    ],
    results.map((result) => [
      result.platform,
      thousands(result.customersPerSecond),
      result.microsecondsPerCustomer.toFixed(1),
      thousands(result.customersPerCpuSecond),
      result.cpuMicrosecondsPerCustomer.toFixed(1),
      `${result.parseCpuMicrosecondsPerCustomer.toFixed(1)} (${Math.round((100 * result.parseCpuMicrosecondsPerCustomer) / result.cpuMicrosecondsPerCustomer)} %)`,
      String(result.fixtures),
    ]),
  );
}

function printOverhead(results: readonly OverheadResult[]) {
  const rows = results.flatMap((result) =>
    (['direct', 'proxy', 'gateway'] as const).map((target) => {
      const saturated = result.saturation[target];
      const half = result.halfSaturation[target];
      return [
        result.platform,
        target,
        thousands(saturated.requestsPerSecond),
        `${saturated.p50Ms} / ${saturated.p99Ms}`,
        `${half.p50Ms} / ${half.p99Ms}`,
        String(saturated.failures + half.failures),
      ];
    }),
  );
  printTable(
    'Gateway overhead: GET /api/v2/customers?limit=50 (medians of interleaved rounds)',
    [
      'platform',
      'target',
      'req/s flat out',
      'p50 / p99 ms',
      'p50 / p99 ms at ½ gateway rate, 4 connections',
      'failures',
    ],
    rows,
  );
  printTable(
    'Gateway overhead ratios',
    [
      'platform',
      'gateway ÷ proxy',
      'gateway ÷ direct',
      'added p99 vs direct',
      'added p99 vs proxy',
      'gateway CPU/request',
    ],
    results.map((result) => [
      result.platform,
      result.throughputVsProxy.toFixed(2),
      result.throughputVsDirect.toFixed(2),
      `${result.addedP99VsDirectMs} ms`,
      `${result.addedP99VsProxyMs} ms`,
      `${result.gatewayCpuMicrosecondsPerRequest} µs`,
    ]),
  );
}

function printExports(results: readonly ExportResult[]) {
  printTable(
    'Bulk export: GET /api/v2/customers/export of every customer (fresh gateway process per run)',
    [
      'platform',
      'customers',
      'limits',
      'seconds',
      'customers/s',
      'gateway peak RSS',
      'peak new / old space',
      'live heap after',
      'upstream requests',
      'upstream 429s',
      'share of allowed rate',
      'client errors',
    ],
    results.map((result) => [
      result.platform,
      thousands(result.exported),
      result.rateLimited ? 'on' : 'off',
      result.seconds.toFixed(1),
      thousands(result.customersPerSecond),
      `${result.gatewayPeakRssMb} MB`,
      `${result.gatewayPeakNewSpaceMb} / ${result.gatewayPeakOldSpaceMb} MB`,
      `${result.gatewayLiveHeapMb} MB`,
      thousands(result.upstreamRequests),
      String(result.upstreamThrottled),
      result.allowance === undefined
        ? '–'
        : `${(result.allowance.fraction * 100).toFixed(1)}% of ${result.allowance.allowedPerSecond} ${result.allowance.unit}/s`,
      result.clientError === null ? '0' : `1 (${result.clientStatus})`,
    ]),
  );
}

function printMirror(results: readonly MirrorResult[]) {
  printTable(
    'Mirror reads: GET /api/v2/customers?consistency=mirror&… through the gateway (inject, sequential)',
    ['engine', 'customers', 'query', 'matching', 'p50 ms', 'p99 ms', 'max ms'],
    results.flatMap((result) =>
      result.queries.map((query) => [
        result.engine,
        thousands(result.customers),
        query.query,
        thousands(query.matching),
        String(query.p50Ms),
        String(query.p99Ms),
        String(query.maxMs),
      ]),
    ),
  );
  printTable(
    'Feed lag: a change handed to the mirror → a client reading GET /api/v2/customers/changes in a loop holds it',
    ['engine', 'seed seconds', 'changes', 'p50 ms', 'p99 ms', 'max ms'],
    results.map((result) => [
      result.engine,
      String(result.seedSeconds),
      String(result.feedLag.changes),
      String(result.feedLag.p50Ms),
      String(result.feedLag.p99Ms),
      String(result.feedLag.maxMs),
    ]),
  );
}

function printIdleSync(result: IdleSyncResult) {
  printTable(
    `Idle stores kept polled: ${thousands(result.stores)} synced Ecwid stores on one gateway process, polled every ${result.intervalSeconds} s`,
    [
      'stores',
      'first full reads',
      `polled on time (≤ ${result.intervalSeconds + pollToleranceSeconds} s)`,
      'oldest / p99 last poll',
      'gateway CPU',
      'upstream req/min',
      'gateway RSS',
    ],
    [
      [
        thousands(result.stores),
        `${result.firstReadsSeconds} s`,
        `${thousands(result.keptPolled)} over ${result.windowSeconds} s`,
        `${result.maxLagSeconds} / ${result.p99LagSeconds} s`,
        `${(result.gatewayCpuShare * 100).toFixed(1)}% of a core`,
        thousands(result.upstreamRequestsPerMinute),
        `${result.gatewayRssMb} MB`,
      ],
    ],
  );
}

function printAmazonReadyMirror(result: AmazonReadyMirrorResult) {
  printTable(
    `Time to a ready Amazon mirror: ${thousands(result.orders)} orders, searchOrders at 0.0056/s after a burst of 20 (Amazon's plan)`,
    [
      'orders',
      'buyers',
      'calls',
      'computed at the real rate',
      `scaled ×${thousands(result.scale)}: computed`,
      'measured',
      'searchOrders requests',
    ],
    [
      [
        thousands(result.orders),
        thousands(result.buyers),
        thousands(result.calls),
        `${result.computedRealHours} h`,
        `${result.computedScaledSeconds} s`,
        `${result.measuredScaledSeconds} s`,
        thousands(result.searchRequests),
      ],
    ],
  );
}

function printTargets(verdicts: readonly TargetVerdict[]) {
  printTable(
    'Targets',
    ['target', 'measured', 'met'],
    verdicts.map((verdict) => [verdict.target, verdict.measured, verdict.met ? 'yes' : 'NO']),
  );
}

async function main() {
  const options = parseOptions();
  const wants = (section: Section) => options.sections.includes(section);
  const startedAt = new Date().toISOString();
  const machineAtStart = machine();
  const fleet = { profileDirectory: options.profileDirectory, gatewayFlags: options.gatewayFlags };
  console.log(`Unicart benchmarks${options.quick ? ' (quick)' : ''}: ${JSON.stringify(machineAtStart)}`);

  const mapping: MappingResult[] = [];
  const overhead: OverheadResult[] = [];
  const exports: ExportResult[] = [];
  const mirror: MirrorResult[] = [];
  let idleSync: IdleSyncResult | undefined;
  let amazonReadyMirror: AmazonReadyMirrorResult | undefined;
  // Written after every section, so a long run that fails late keeps what it measured.
  const save = () => {
    const results = {
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: machineAtStart,
      options,
      mapping,
      overhead,
      exports,
      mirror,
      idleSync,
      amazonReadyMirror,
      targets: evaluateTargets({ mapping, overhead, exports, mirror, idleSync }),
    };
    writeFileSync(options.output, `${JSON.stringify(results, null, 2)}\n`);
  };

  if (wants('mapping')) {
    mapping.push(
      ...(await measureMappingThroughput({
        seconds: options.quick ? 2 : 5,
        platforms: options.platforms,
      })),
    );
  }
  if (mapping.length > 0) {
    printMapping(mapping);
    save();
  }

  if (wants('overhead')) {
    overhead.push(
      ...(await measureGatewayOverhead({
        ...fleet,
        platforms: options.overheadPlatforms,
        seconds: options.quick ? 3 : 5,
        rounds: options.quick ? 1 : 3,
        connections: 16,
        latencyConnections: 4,
      })),
    );
    printOverhead(overhead);
    save();
  }

  if (wants('export')) {
    for (const exportCase of exportCases(
      options.platforms,
      options.exportLimits,
      options.rateLimitedCustomers,
    )) {
      const result = await measureExport(exportCase, { ...fleet, timeoutSeconds: 3 * 60 * 60 });
      console.log(
        `  export ${result.platform} ${thousands(result.exported)} limits ${result.rateLimited ? 'on' : 'off'}: ${result.seconds} s`,
      );
      exports.push(result);
      save();
    }
    printExports(exports);
  }

  if (wants('mirror')) {
    const requests = options.quick ? 100 : 500;
    mirror.push(await measureMirror({ customers: options.mirrorCustomers, requests }));
    if (options.mirrorPostgres !== undefined) {
      mirror.push(
        await measureMirror({
          customers: options.mirrorCustomers,
          requests,
          databaseUrl: options.mirrorPostgres,
        }),
      );
    }
    printMirror(mirror);
  }

  if (wants('sync')) {
    idleSync = await measureIdleSync({
      ...fleet,
      stores: options.syncStores,
      intervalSeconds: 60,
      windowSeconds: options.quick ? 90 : 180,
    });
    printIdleSync(idleSync);
  }

  if (wants('amazon')) {
    amazonReadyMirror = await measureAmazonReadyMirror({
      ...fleet,
      orders: options.quick ? 10_000 : 100_000,
      scale: options.amazonScale,
    });
    printAmazonReadyMirror(amazonReadyMirror);
  }

  save();
  printTargets(evaluateTargets({ mapping, overhead, exports, mirror, idleSync }));
  console.log(`\nResults written to ${options.output}`);
}

await main();
