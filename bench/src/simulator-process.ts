import {
  type SandboxSimulator,
  type SimulatedPlatform,
  startBigCommerceSimulator,
  startBlingSimulator,
  startEcwidSimulator,
  startJumpsellerSimulator,
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
 * Shopify "without limits": a bucket too large to empty rather than `throttle: false`, which still
 * reports the default 2,000-point bucket, so the adapter would go on pacing itself to it.
 */
const unlimitedBucket = { maximumAvailable: 1_000_000_000, restoreRate: 1_000_000_000 };

async function start(input: SimulatorInput): Promise<SandboxSimulator<object, unknown, unknown>> {
  switch (input.platform) {
    case 'bling':
      return startBlingSimulator({ count: input.count, ...(input.rateLimited ? {} : { rateLimit: false }) });
    case 'ecwid':
      return startEcwidSimulator({ count: input.count, rateLimit: input.rateLimited ? {} : false });
    case 'jumpseller':
      return startJumpsellerSimulator({ count: input.count, rateLimit: input.rateLimited ? {} : false });
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
    case 'bigcommerce':
      // Rate limited: the Standard plan's quota of 150 requests per 30 s.
      return startBigCommerceSimulator({
        count: input.count,
        ...(input.rateLimited ? {} : { rateLimit: false }),
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
