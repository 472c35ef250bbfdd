import type { GeneratedSeed } from '@unicart/core/testing';
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

/** Options of all three simulators; `count` and `seed` apply to each unless its own options say otherwise. */
export interface SandboxOptions extends GeneratedSeed {
  /** `false` turns off every simulated rate limit (Ecwid's per-token limit and Shopify's cost bucket). */
  readonly rateLimits?: boolean;
  readonly ecwid?: EcwidSimulatorOptions;
  readonly shopify?: ShopifySimulatorOptions;
  readonly woocommerce?: WooCommerceSimulatorOptions;
}

/** The three running simulators. */
export interface Sandbox {
  readonly ecwid: EcwidSimulator;
  readonly shopify: ShopifySimulator;
  readonly woocommerce: WooCommerceSimulator;
  /** Closes all three. */
  close(): Promise<void>;
}

/** Starts the Ecwid, Shopify and WooCommerce simulators, each on a free loopback port unless told otherwise. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = { count: options.count, seed: options.seed };
  const [ecwid, shopify, woocommerce] = await Promise.all([
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
    ecwid,
    shopify,
    woocommerce,
    close: async () => {
      await Promise.all([ecwid.close(), shopify.close(), woocommerce.close()]);
    },
  };
}
