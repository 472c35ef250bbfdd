import { createBlingAdapter } from '@unicart/adapter-bling';
import { type AdapterDefinition, createTokenBucket } from '@unicart/core';
import { registeredPlatforms } from '../../src/platforms';

// Bling paces itself at 2.5 requests a second; the tests lift that, through the same limiter path.
const unpacedBling: AdapterDefinition = {
  ...(registeredPlatforms.get('bling') as AdapterDefinition),
  create: (settings) =>
    createBlingAdapter({
      ...(settings as Parameters<typeof createBlingAdapter>[0]),
      limiter: createTokenBucket({ capacity: 1000, refillPerSecond: 1000 }),
    }),
};

/** Every registered platform, Bling without its pacing: sync tests read whole simulated stores. */
export const unpacedPlatforms: readonly AdapterDefinition[] = registeredPlatforms.definitions.map(
  (definition) => (definition.platform === 'bling' ? unpacedBling : definition),
);
