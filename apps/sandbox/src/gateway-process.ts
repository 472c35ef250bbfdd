import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from './start-sandbox';

/**
 * The built gateway's server entry, by path: the sandbox cannot depend on the gateway package
 * (adapters → sandbox → gateway → adapters would be a cycle); turbo builds the gateway first.
 */
export const gatewayEntry = fileURLToPath(new URL('../../gateway/dist/server.js', import.meta.url));

/** A gateway running as a child process on a temporary data directory. */
export interface GatewayProcess {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** `UNICART_ADMIN_TOKEN` of this gateway. */
  readonly adminToken: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** The last lines the gateway wrote, for diagnostics. */
  recentOutput(): string;
  /** Stops the gateway (SIGTERM, then SIGKILL after 10 s) and deletes its data directory. */
  stop(): Promise<void>;
}

export interface GatewayProcessOptions {
  /** Default: a free port. */
  readonly port?: number;
  /** More environment variables (e.g. `UNICART_UPSTREAM_TIMEOUT_MS`). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Also copy the gateway's output to this stream (the demo's log file). */
  readonly output?: NodeJS.WritableStream;
  /**
   * Sets `UNICART_PUBLIC_URL` to the gateway's own loopback URL, so that it registers webhooks on
   * the simulators, which can reach it there.
   */
  readonly ownUrlIsPublic?: boolean;
}

const keptOutputLines = 200;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No free port found');
  return address.port;
}

/**
 * Starts `node apps/gateway/dist/server.js` with a temporary `UNICART_DATA_DIR`, a random admin
 * token and secret key, and `UNICART_ALLOW_PRIVATE_UPSTREAMS=1` (the simulators are on loopback);
 * resolves once `/health` answers.
 */
export async function startGatewayProcess(options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  if (!existsSync(gatewayEntry)) {
    throw new Error(`The gateway is not built (${gatewayEntry} is missing): run \`pnpm build\` first`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'unicart-sandbox-'));
  const port = options.port ?? (await freePort());
  const adminToken = `admin_${randomBytes(16).toString('hex')}`;
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [gatewayEntry], {
    env: {
      ...process.env,
      UNICART_PORT: String(port),
      UNICART_HOST: '127.0.0.1',
      UNICART_DATA_DIR: dataDir,
      UNICART_ADMIN_TOKEN: adminToken,
      UNICART_SECRET_KEY: randomBytes(32).toString('base64'),
      UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
      ...(options.ownUrlIsPublic === true ? { UNICART_PUBLIC_URL: url } : {}),
      ...options.environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    options.output?.write(chunk);
    lines.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line !== ''),
    );
    lines.splice(0, Math.max(0, lines.length - keptOutputLines));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The gateway exited with code ${child.exitCode}:\n${lines.join('\n')}`);
    }
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The gateway did not answer /health within 30 s:\n${lines.join('\n')}`);
    }
    await sleep(100);
  }
  return { url, adminToken, dataDir, child, recentOutput: () => lines.join('\n'), stop };
}

/** A store connected through the admin API. */
export interface ConnectedStore {
  readonly id: string;
  readonly platform: string;
  /** The store access token (`uc_…`), shown once by the gateway. */
  readonly accessToken: string;
}

/** `POST /admin/v1/stores` (CONTRACT §2); throws with the gateway's answer when it is not 201. */
export async function connectStore(
  gateway: GatewayProcess,
  body: Readonly<Record<string, unknown>>,
): Promise<ConnectedStore> {
  const response = await fetch(`${gateway.url}/admin/v1/stores`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201)
    throw new Error(`Connecting a ${String(body.platform)} store failed (${response.status}): ${text}`);
  const answer = JSON.parse(text) as { store: { id: string; platform: string }; accessToken: string };
  return { id: answer.store.id, platform: answer.store.platform, accessToken: answer.accessToken };
}

/** The admin API bodies that connect one store per simulator (`baseUrl` points at the simulator). */
export function sandboxStoreBodies(
  sandbox: Sandbox,
): Record<
  'amazon' | 'bigcommerce' | 'bling' | 'ecwid' | 'jumpseller' | 'shopify' | 'woocommerce',
  Record<string, unknown>
> {
  return {
    amazon: {
      platform: 'amazon',
      name: 'Sandbox Amazon seller',
      credentials: sandbox.amazon.credentials,
      baseUrl: sandbox.amazon.url,
    },
    bling: {
      platform: 'bling',
      name: 'Sandbox Bling account',
      credentials: sandbox.bling.credentials,
      baseUrl: sandbox.bling.url,
    },
    ecwid: {
      platform: 'ecwid',
      name: 'Sandbox Ecwid store',
      credentials: sandbox.ecwid.credentials,
      baseUrl: sandbox.ecwid.url,
    },
    jumpseller: {
      platform: 'jumpseller',
      name: 'Sandbox Jumpseller store',
      credentials: sandbox.jumpseller.credentials,
      baseUrl: sandbox.jumpseller.url,
    },
    shopify: {
      platform: 'shopify',
      name: 'Sandbox Shopify shop',
      credentials: sandbox.shopify.credentials,
      baseUrl: sandbox.shopify.url,
    },
    woocommerce: {
      platform: 'woocommerce',
      name: 'Sandbox WooCommerce site',
      credentials: sandbox.woocommerce.credentials,
    },
    bigcommerce: {
      platform: 'bigcommerce',
      name: 'Sandbox BigCommerce store',
      credentials: sandbox.bigcommerce.credentials,
      baseUrl: sandbox.bigcommerce.url,
    },
  };
}
