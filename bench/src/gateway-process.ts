import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import { bigcommercePlatform, createBigCommerceAdapter } from '@unicart/adapter-bigcommerce';
import { blingPlatform, createBlingAdapter } from '@unicart/adapter-bling';
import { createEcwidAdapter, ecwidPlatform } from '@unicart/adapter-ecwid';
import { createJumpsellerAdapter, jumpsellerPlatform } from '@unicart/adapter-jumpseller';
import { shopifyPlatform } from '@unicart/adapter-shopify';
import { woocommercePlatform } from '@unicart/adapter-woocommerce';
import { createPlatformRegistry, loadConfig, startGateway } from '@unicart/gateway';
import { childInput, failToParent, processUsage, serveParent } from './child-process.ts';

/** What the benchmark asks of a gateway process. */
export interface GatewayInput {
  /**
   * Whether adapters pace themselves under the platforms' limits (as shipped). Runs against
   * simulators without limits switch Ecwid's and BigCommerce's pacing off too, or they would measure the pacing.
   */
  readonly paced: boolean;
  /** More gateway settings (e.g. `UNICART_SYNC_INTERVAL_SECONDS`). */
  readonly environment?: Readonly<Record<string, string>>;
}

export interface GatewayReady {
  readonly url: string;
  readonly adminToken: string;
}

/** V8 heap still in use after a full collection: what the process really retains (needs `--expose-gc`). */
function liveHeapBytes(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

/** The largest size each V8 heap space reached, in bytes: what the peak RSS is made of. */
export interface HeapSpacePeaks {
  readonly newSpaceBytes: number;
  readonly oldSpaceBytes: number;
}

/** Samples the heap spaces every 50 ms for the process's whole life (one fresh process per export). */
function watchHeapSpaces(): () => HeapSpacePeaks {
  const peaks = { newSpaceBytes: 0, oldSpaceBytes: 0 };
  const sample = () => {
    for (const space of getHeapSpaceStatistics()) {
      if (space.space_name === 'new_space') {
        peaks.newSpaceBytes = Math.max(peaks.newSpaceBytes, space.space_size);
      } else if (space.space_name === 'old_space') {
        peaks.oldSpaceBytes = Math.max(peaks.oldSpaceBytes, space.space_size);
      }
    }
  };
  setInterval(sample, 50).unref();
  return () => {
    sample();
    return { ...peaks };
  };
}

export const benchAdminToken = 'bench-admin-token-0123456789abcdef';

const unpacedEcwid: typeof ecwidPlatform = {
  ...ecwidPlatform,
  create: (settings) => createEcwidAdapter({ ...settings, limiter: false }),
};
const unpacedBigCommerce: typeof bigcommercePlatform = {
  ...bigcommercePlatform,
  create: (settings) => createBigCommerceAdapter({ ...settings, limiter: false }),
};
const unpacedJumpseller: typeof jumpsellerPlatform = {
  ...jumpsellerPlatform,
  create: (settings) => createJumpsellerAdapter({ ...settings, limiter: false }),
};
const unpacedBling: typeof blingPlatform = {
  ...blingPlatform,
  create: (settings) => createBlingAdapter({ ...settings, limiter: { acquire: async () => undefined } }),
};
const unpacedPlatforms = createPlatformRegistry([
  unpacedBling,
  unpacedEcwid,
  unpacedJumpseller,
  shopifyPlatform,
  woocommercePlatform,
  unpacedBigCommerce,
]);

const dataDir = mkdtempSync(join(tmpdir(), 'unicart-bench-gateway-'));
try {
  const heapSpacePeaks = watchHeapSpaces();
  const input = childInput<GatewayInput>();
  // Shipped defaults, except what a benchmark must set: loopback upstreams, a fixed key, a port.
  const config = loadConfig({
    UNICART_PORT: '0',
    UNICART_DATA_DIR: dataDir,
    UNICART_ADMIN_TOKEN: benchAdminToken,
    UNICART_SECRET_KEY: 'bench-secret-key-0123456789abcdef0123456789',
    UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
    UNICART_LOG_LEVEL: process.env.UNICART_LOG_LEVEL ?? 'info',
    ...input.environment,
  });
  const gateway = await startGateway(config, input.paced ? {} : { platforms: unpacedPlatforms });
  serveParent(
    { url: gateway.url, adminToken: benchAdminToken } satisfies GatewayReady,
    { usage: processUsage, liveHeapBytes, heapSpacePeaks },
    async () => {
      await gateway.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  );
} catch (error) {
  rmSync(dataDir, { recursive: true, force: true });
  failToParent(error);
}
