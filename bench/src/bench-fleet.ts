import type { SimulatedPlatform } from '@unicart/sandbox';
import { type ChildHandle, forkChild } from './child-process.ts';
import type { GatewayInput, GatewayReady } from './gateway-process.ts';
import type { ProxyInput, ProxyReady } from './proxy-process.ts';
import type { SimulatorInput, SimulatorReady } from './simulator-process.ts';

/** Helper processes: each in its own process, so each has its own event loop and its own memory figures. */
export type SimulatorProcess = ChildHandle<SimulatorReady>;
export type GatewayProcess = ChildHandle<GatewayReady>;
export type ProxyProcess = ChildHandle<ProxyReady>;

export interface FleetOptions {
  /** `--cpu-prof` the gateway process into this directory. */
  readonly profileDirectory?: string | undefined;
  /** Further Node/V8 flags of the gateway process (e.g. `--max-semi-space-size=8`). */
  readonly gatewayFlags?: readonly string[];
}

export function startSimulator(input: SimulatorInput): Promise<SimulatorProcess> {
  return forkChild<SimulatorReady>(new URL('./simulator-process.ts', import.meta.url), input);
}

export function startGatewayProcess(
  input: GatewayInput,
  options: FleetOptions = {},
): Promise<GatewayProcess> {
  const execArgv = [
    // Only for the live-heap figure taken after each export; collections otherwise run as usual.
    '--expose-gc',
    ...(options.gatewayFlags ?? []),
    ...(options.profileDirectory === undefined
      ? []
      : ['--cpu-prof', `--cpu-prof-dir=${options.profileDirectory}`]),
  ];
  return forkChild<GatewayReady>(new URL('./gateway-process.ts', import.meta.url), input, { execArgv });
}

export function startProxy(input: ProxyInput): Promise<ProxyProcess> {
  return forkChild<ProxyReady>(new URL('./proxy-process.ts', import.meta.url), input);
}

/** Connects a store of `platform` to the gateway through its admin API; answers its access token. */
export async function connectStore(
  gateway: GatewayProcess,
  platform: SimulatedPlatform,
  credentials: Readonly<Record<string, string>>,
  baseUrl: string,
): Promise<string> {
  const response = await fetch(`${gateway.ready.url}/admin/v1/stores`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.ready.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ platform, name: `Bench ${platform}`, credentials, baseUrl }),
  });
  if (response.status !== 201)
    throw new Error(`Connecting the ${platform} store failed: ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Stops every helper, whichever failed. */
export async function stopAll(children: readonly (ChildHandle<unknown> | undefined)[]): Promise<void> {
  await Promise.allSettled(children.map((child) => child?.stop()));
}
