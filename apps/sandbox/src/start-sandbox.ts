import type { GeneratedSeed } from '@unicart/core/testing';
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
  type ShopifySimulator,
  type ShopifySimulatorOptions,
  startShopifySimulator,
} from './shopify/shopify-simulator';
import {
  startWooCommerceSimulator,
  type WooCommerceSimulator,
  type WooCommerceSimulatorOptions,
} from './woocommerce/woocommerce-simulator';

/** Options of all the simulators; `count` and `seed` apply to each unless its own options say otherwise. */
export interface SandboxOptions extends GeneratedSeed {
  /** `false` turns off every simulated rate limit (Ecwid's per-token limit, Shopify's cost bucket, Bling's 3 a second). */
  readonly rateLimits?: boolean;
  readonly bling?: BlingSimulatorOptions;
  readonly ecwid?: EcwidSimulatorOptions;
  readonly shopify?: ShopifySimulatorOptions;
  readonly woocommerce?: WooCommerceSimulatorOptions;
}

/** The running simulators. */
export interface Sandbox {
  readonly bling: BlingSimulator;
  readonly ecwid: EcwidSimulator;
  readonly shopify: ShopifySimulator;
  readonly woocommerce: WooCommerceSimulator;
  /** Closes them all. */
  close(): Promise<void>;
}

/** Starts the Bling, Ecwid, Shopify and WooCommerce simulators, each on a free loopback port unless told otherwise. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = { count: options.count, seed: options.seed };
  const [bling, ecwid, shopify, woocommerce] = await Promise.all([
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
    startShopifySimulator({
      ...seed,
      ...(options.rateLimits === false ? { throttle: false } : {}),
      ...options.shopify,
    }),
    startWooCommerceSimulator({ ...seed, ...options.woocommerce }),
  ]);
  return {
    bling,
    ecwid,
    shopify,
    woocommerce,
    close: async () => {
      await Promise.all([bling.close(), ecwid.close(), shopify.close(), woocommerce.close()]);
    },
  };
}
