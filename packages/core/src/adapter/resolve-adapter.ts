import type { CustomerAdapterV1 } from './v1/customer-adapter-v1';

/** Specification versions this release of core understands. */
export const supportedSpecificationVersions = ['v1'] as const;

/**
 * Accepts an adapter object of any known specification version and returns the current interface.
 * Only `v1` exists; a later `v2` upgrades `v1` adapters here so older adapter releases keep working.
 */
export function resolveAdapter(adapter: { readonly specificationVersion: string }): CustomerAdapterV1 {
  if (adapter.specificationVersion === 'v1') return adapter as CustomerAdapterV1;
  throw new Error(
    `Unsupported adapter specification version '${adapter.specificationVersion}'; this @unicart/core supports ${supportedSpecificationVersions.join(', ')}`,
  );
}
