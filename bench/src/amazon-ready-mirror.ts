import { startAmazonSimulator } from '@unicart/sandbox';
import type { FleetOptions, GatewayProcess } from './bench-fleet.ts';
import { startGatewayProcess, stopAll } from './bench-fleet.ts';

/** Amazon's searchOrders usage plan (sheet §8) and page size. */
export const searchOrdersPlan = { perSecond: 0.0056, burst: 20, ordersPerCall: 100 } as const;

/** Time to a ready mirror of an Amazon store: computed at the real rate, measured on a scaled one. */
export interface AmazonReadyMirrorResult {
  readonly orders: number;
  readonly buyers: number;
  /** searchOrders calls a complete read takes: ⌈orders / 100⌉. */
  readonly calls: number;
  /** At Amazon's rate: the burst at once, then one call every 1 / 0.0056 s. */
  readonly computedRealHours: number;
  /** The rate the simulator was run at, as a multiple of Amazon's. */
  readonly scale: number;
  readonly computedScaledSeconds: number;
  /** From the store's registration to `GET /api/v2/sync` saying `ready`. */
  readonly measuredScaledSeconds: number;
  /** searchOrders requests the simulator received (throttled ones included). */
  readonly searchRequests: number;
}

/** Seconds a complete read of `orders` takes at `perSecond` after a burst of `burst` calls. */
export function completeReadSeconds(orders: number, perSecond: number, burst: number): number {
  const calls = Math.ceil(orders / searchOrdersPlan.ordersPerCall);
  return Math.max(0, calls - burst) / perSecond;
}

/** Generated people per order of the sandbox's seed (2,500 people place about 3,300 orders). */
const ordersPerPerson = 1.32;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Registers an Amazon store whose simulator holds about `orders` orders and answers searchOrders at
 * `scale` times Amazon's rate (burst 20 as Amazon's), and times it until the store's mirror is ready
 * (its first complete read of the history window ended), through the gateway's sync engine.
 */
export async function measureAmazonReadyMirror(
  options: FleetOptions & { readonly orders: number; readonly scale: number },
): Promise<AmazonReadyMirrorResult> {
  const perSecond = searchOrdersPlan.perSecond * options.scale;
  const simulator = await startAmazonSimulator({
    count: Math.ceil(options.orders / ordersPerPerson),
    rateLimit: { perSecond, burst: searchOrdersPlan.burst },
  });
  let gateway: GatewayProcess | undefined;
  try {
    const orders = simulator.orders().length;
    gateway = await startGatewayProcess(
      { paced: true, environment: { UNICART_SYNC_INTERVAL_SECONDS: '1', UNICART_LOG_LEVEL: 'warn' } },
      options,
    );
    const started = Date.now();
    const response = await fetch(`${gateway.ready.url}/admin/v1/stores`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.ready.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        platform: 'amazon',
        name: 'Bench Amazon seller',
        credentials: simulator.credentials,
        baseUrl: simulator.url,
      }),
    });
    if (response.status !== 201)
      throw new Error(`Connecting the Amazon store failed: ${await response.text()}`);
    const { accessToken } = (await response.json()) as { accessToken: string };
    const computedScaledSeconds = completeReadSeconds(orders, perSecond, searchOrdersPlan.burst);
    for (;;) {
      const state = (await (
        await fetch(`${gateway.ready.url}/api/v2/sync`, {
          headers: { authorization: `Bearer ${accessToken}` },
        })
      ).json()) as { sync: { status: string; lastError: unknown } };
      if (state.sync.status === 'ready') break;
      if (Date.now() - started > Math.max(1_800_000, computedScaledSeconds * 5_000)) {
        throw new Error(`The Amazon mirror was not ready in time (${JSON.stringify(state.sync)})`);
      }
      await sleep(500);
    }
    const measuredScaledSeconds = (Date.now() - started) / 1000;
    return {
      orders,
      buyers: simulator.customerIds().length,
      calls: Math.ceil(orders / searchOrdersPlan.ordersPerCall),
      computedRealHours: Number(
        (completeReadSeconds(orders, searchOrdersPlan.perSecond, searchOrdersPlan.burst) / 3600).toFixed(1),
      ),
      scale: options.scale,
      computedScaledSeconds: Number(computedScaledSeconds.toFixed(1)),
      measuredScaledSeconds: Number(measuredScaledSeconds.toFixed(1)),
      searchRequests: simulator.requests.filter((request) => request.path === '/orders/2026-01-01/orders')
        .length,
    };
  } finally {
    await stopAll([gateway]);
    await simulator.close();
  }
}
