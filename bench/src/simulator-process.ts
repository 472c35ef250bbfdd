import {
  type EcwidCustomer,
  type EcwidSimulator,
  type PlatformSimulator,
  type SimulatedPlatform,
  startEcwidSimulator,
  startShopifySimulator,
  startWooCommerceSimulator,
} from '@unicart/sandbox';
import { childInput, failToParent, processUsage, serveParent } from './child-process.ts';

/** What the benchmark asks of a simulator process. */
export interface SimulatorInput {
  readonly platform: SimulatedPlatform;
  /** Generated customers. */
  readonly count: number;
  /** The platform's rate limits (WooCommerce: a host limiter, since WooCommerce itself has none). */
  readonly rateLimited: boolean;
}

export interface SimulatorReady {
  readonly url: string;
  /** In the gateway's `credentials` shape for the platform. */
  readonly credentials: Readonly<Record<string, string>>;
  /** How many customers a full export must give. */
  readonly customers: number;
}

/** The host limit the WooCommerce runs use when rate limited: a common shared-hosting figure. */
export const wooCommerceHostLimit = { requests: 10, windowSeconds: 1 };

/**
 * The Ecwid simulator cannot generate 100,000 customers yet: its store copies the generated orders
 * with `push(...orders)`, past the call stack's limit. Until the sandbox fixes that, larger stores are
 * the generated customers of a smaller one, repeated under new ids, without orders (an export reads none).
 */
const largestGeneratedEcwidStore = 20_000;

async function startEcwid(input: SimulatorInput): Promise<EcwidSimulator> {
  const rateLimit = input.rateLimited ? {} : false;
  if (input.count <= largestGeneratedEcwidStore)
    return startEcwidSimulator({ count: input.count, rateLimit });
  const simulator = await startEcwidSimulator({ count: largestGeneratedEcwidStore, rateLimit });
  const generated = simulator.customerIds().map((id) => simulator.stored(id) as EcwidCustomer);
  const customers = Array.from({ length: input.count }, (_, index) => {
    const source = generated[index % generated.length] as EcwidCustomer;
    return { ...structuredClone(source), id: 10_000_000 + index, email: `${index}.${source.email}` };
  });
  simulator.seed({ customers, orders: [] });
  return simulator;
}

/**
 * Shopify "without limits": a bucket too large to empty rather than `throttle: false`, which still
 * reports the default 2,000-point bucket, so the adapter would go on pacing itself to it.
 */
const unlimitedBucket = { maximumAvailable: 1_000_000_000, restoreRate: 1_000_000_000 };

async function start(input: SimulatorInput): Promise<PlatformSimulator<object, unknown, unknown>> {
  switch (input.platform) {
    case 'ecwid':
      return startEcwid(input);
    case 'shopify':
      return startShopifySimulator({
        count: input.count,
        throttle: input.rateLimited ? {} : unlimitedBucket,
      });
    case 'woocommerce':
      return startWooCommerceSimulator({
        count: input.count,
        ...(input.rateLimited ? { hostRateLimit: wooCommerceHostLimit } : {}),
      });
  }
}

try {
  const simulator = await start(childInput<SimulatorInput>());
  const ready: SimulatorReady = {
    url: simulator.url,
    credentials: { ...simulator.credentials } as Record<string, string>,
    customers: simulator.customerIds().length,
  };
  serveParent(ready, { requests: () => simulator.requests.length, usage: processUsage }, () =>
    simulator.close(),
  );
} catch (error) {
  failToParent(error);
}
