import type { GeneratedSeed } from '@unicart/core/testing';
import {
  type AmazonSimulator,
  type AmazonSimulatorOptions,
  startAmazonSimulator,
} from './amazon/amazon-simulator';
import {
  type BigCommerceSimulator,
  type BigCommerceSimulatorOptions,
  startBigCommerceSimulator,
} from './bigcommerce/bigcommerce-simulator';
import {
  type BlingSimulator,
  type BlingSimulatorOptions,
  startBlingSimulator,
} from './bling/bling-simulator';

import {
  type EcwidSimulator,
  type EcwidSimulatorOptions,
  startEcwidSimulator,
} from './ecwid/ecwid-simulator';
import {
  type JumpsellerSimulator,
  type JumpsellerSimulatorOptions,
  startJumpsellerSimulator,
} from './jumpseller/jumpseller-simulator';
import {
  type ShopifySimulator,
  type ShopifySimulatorOptions,
  startShopifySimulator,
} from './shopify/shopify-simulator';
import {
  startWooCommerceSimulator,
  type WooCommerceSimulator,
  type WooCommerceSimulatorOptions,
} from './woocommerce/woocommerce-simulator';

/** Options of every simulator; `count` and `seed` apply to each unless its own options say otherwise. */
export interface SandboxOptions extends GeneratedSeed {
  /** `false` turns off every simulated rate limit (Amazon's searchOrders bucket, Ecwid's per-token limit, Shopify's cost bucket, BigCommerce's store quota, Jumpseller's windows, Bling's 3 a second). */
  readonly rateLimits?: boolean;
  readonly amazon?: AmazonSimulatorOptions;
  readonly bling?: BlingSimulatorOptions;
  readonly ecwid?: EcwidSimulatorOptions;
  readonly jumpseller?: JumpsellerSimulatorOptions;
  readonly shopify?: ShopifySimulatorOptions;
  readonly woocommerce?: WooCommerceSimulatorOptions;
  readonly bigcommerce?: BigCommerceSimulatorOptions;
}

/** The running simulators. */
export interface Sandbox {
  readonly amazon: AmazonSimulator;
  readonly bling: BlingSimulator;
  readonly ecwid: EcwidSimulator;
  readonly jumpseller: JumpsellerSimulator;
  readonly shopify: ShopifySimulator;
  readonly woocommerce: WooCommerceSimulator;
  readonly bigcommerce: BigCommerceSimulator;
  /** Closes them all. */
  close(): Promise<void>;
}

/** Starts every simulator, each on a free loopback port unless told otherwise. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = { count: options.count, seed: options.seed };
  const [amazon, bling, ecwid, jumpseller, shopify, woocommerce, bigcommerce] = await Promise.all([
    startAmazonSimulator({
      ...seed,
      ...(options.rateLimits === false ? { rateLimit: false } : {}),
      ...options.amazon,
    }),
    startBlingSimulator({
      ...seed,
      ...(options.rateLimits === false ? { rateLimit: false } : {}),
      ...options.bling,
    }),
    startEcwidSimulator({
      ...seed,
      ...(options.rateLimits === false ? { rateLimit: false } : {}),
      ...options.ecwid,
    }),
    startJumpsellerSimulator({
      ...seed,
      ...(options.rateLimits === false ? { rateLimit: false } : {}),
      ...options.jumpseller,
    }),
    startShopifySimulator({
      ...seed,
      ...(options.rateLimits === false ? { throttle: false } : {}),
      ...options.shopify,
    }),
    startWooCommerceSimulator({ ...seed, ...options.woocommerce }),
    startBigCommerceSimulator({
      ...seed,
      ...(options.rateLimits === false ? { rateLimit: false } : {}),
      ...options.bigcommerce,
    }),
  ]);
  return {
    amazon,
    bling,
    ecwid,
    jumpseller,
    shopify,
    woocommerce,
    bigcommerce,
    close: async () => {
      await Promise.all([
        amazon.close(),
        bling.close(),
        ecwid.close(),
        jumpseller.close(),
        shopify.close(),
        woocommerce.close(),
        bigcommerce.close(),
      ]);
    },
  };
}
