import { amazonPlatform } from '@unicart/adapter-amazon';
import { bigcommercePlatform } from '@unicart/adapter-bigcommerce';
import { blingPlatform } from '@unicart/adapter-bling';
import { ecwidPlatform } from '@unicart/adapter-ecwid';
import { jumpsellerPlatform } from '@unicart/adapter-jumpseller';
import { shopifyPlatform } from '@unicart/adapter-shopify';
import { woocommercePlatform } from '@unicart/adapter-woocommerce';
import { type AdapterDefinition, supportedSpecificationVersions } from '@unicart/core';

/** The platforms a gateway can connect stores of. */
export interface PlatformRegistry {
  /** Platform ids, in registration order. */
  readonly ids: readonly string[];
  readonly definitions: readonly AdapterDefinition[];
  get(platform: string): AdapterDefinition | undefined;
}

/** Checks each definition once at start-up: a known spec version and one definition per platform. */
export function createPlatformRegistry(definitions: readonly AdapterDefinition[]): PlatformRegistry {
  const byId = new Map<string, AdapterDefinition>();
  for (const definition of definitions) {
    if (!(supportedSpecificationVersions as readonly string[]).includes(definition.specificationVersion)) {
      throw new Error(
        `Platform '${definition.platform}' uses adapter specification ${definition.specificationVersion}, which this gateway does not support`,
      );
    }
    if (byId.has(definition.platform)) {
      throw new Error(`Platform '${definition.platform}' is registered twice`);
    }
    byId.set(definition.platform, definition);
  }
  return { ids: [...byId.keys()], definitions: [...byId.values()], get: (platform) => byId.get(platform) };
}

/** Every platform this gateway serves: one line per adapter package. */
export const registeredPlatforms: PlatformRegistry = createPlatformRegistry([
  ecwidPlatform,
  shopifyPlatform,
  woocommercePlatform,
  bigcommercePlatform,
  jumpsellerPlatform,
  blingPlatform,
  amazonPlatform,
]);
