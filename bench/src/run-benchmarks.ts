import { writeFileSync } from 'node:fs';
import { cpus, loadavg, type as osType, release, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { SimulatedPlatform } from '@unicart/sandbox';
import { type ExportCase, type ExportResult, measureExport } from './bulk-export.ts';
import { measureGatewayOverhead, type OverheadResult } from './gateway-overhead.ts';
import { type MappingResult, measureMappingThroughput } from './mapping-throughput.ts';
import { printTable } from './print-table.ts';
import { evaluateTargets, type TargetVerdict } from './targets.ts';

const usage = `Usage: pnpm bench [-- options]

  --quick              a short run (about 5 minutes): shorter measurements, gateway overhead on
                       WooCommerce only, rate-limited exports of 10,000 Ecwid, Jumpseller, WooCommerce
                       and BigCommerce customers and none of Shopify
  --only=LIST          sections to run, comma-separated: mapping, overhead, export (default: all)
  --platforms=LIST     platforms of every section (default: bigcommerce,bling,ecwid,
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
const sections = ['mapping', 'overhead', 'export'] as const;
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
      profile: { type: 'string' },
      'gateway-flags': { type: 'string' },
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
    profileDirectory: values.profile,
    gatewayFlags: (values['gateway-flags'] ?? '').split(' ').filter((flag) => flag !== ''),
    output: values.output,
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
      targets: evaluateTargets({ mapping, overhead, exports }),
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

  save();
  printTargets(evaluateTargets({ mapping, overhead, exports }));
  console.log(`\nResults written to ${options.output}`);
}

await main();
