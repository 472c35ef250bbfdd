import type { PlatformSimulator } from '@unicart/core/testing';

/** The platforms the sandbox simulates. */
export type SimulatedPlatform = 'bigcommerce' | 'bling' | 'ecwid' | 'jumpseller' | 'shopify' | 'woocommerce';

/** A simulator of one of the sandbox's platforms: core's `PlatformSimulator`, named by its platform. */
export interface SandboxSimulator<Credentials, Customer, Order>
  extends PlatformSimulator<Credentials, Customer, Order> {
  readonly platform: SimulatedPlatform;
}
