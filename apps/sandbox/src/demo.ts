import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeSandbox, shellQuote } from './describe-sandbox';
import {
  type ConnectedStore,
  connectStore,
  type GatewayProcess,
  sandboxStoreBodies,
  startGatewayProcess,
} from './gateway-process';
import { type Sandbox, startSandbox } from './start-sandbox';

const usage = `Usage: pnpm demo [-- options]

Starts the platform simulators and the gateway on a temporary data directory, connects one
store per platform with sync enabled (the simulators send their webhooks to the gateway), waits
for the mirrors, prints each store's access token and curl commands, and runs until Ctrl-C.

  --port <port>        gateway port (default: a free port)
  --count <n>          customers per platform (default 2500)
  --no-rate-limits     turn off the simulated rate limits
  --help`;

function curlLines(gatewayUrl: string, store: ConnectedStore, sampleId: string | undefined): string[] {
  const auth = `-H ${shellQuote(`Authorization: Bearer ${store.accessToken}`)}`;
  // -g: a filter's brackets (`createdAt[from]`) stay literal, not a curl URL pattern.
  const get = (path: string) => `curl -sg ${auth} ${shellQuote(`${gatewayUrl}${path}`)}`;
  const body = JSON.stringify({
    customer: { firstName: 'Ana', lastName: 'Reyes', email: `ana.reyes+${store.platform}@example.com` },
  });
  return [
    get('/api/v2/customers?limit=2'),
    get('/api/v2/customers/count'),
    // A filter every platform honours (Bling and Jumpseller have no date filters, BigCommerce no search).
    get('/api/v2/customers?limit=5&name=ana'),
    ...(sampleId === undefined
      ? []
      : [get(`/api/v2/customers/${sampleId}`), get(`/api/v2/customers/${sampleId}/orders`)]),
    get('/api/v2/capabilities'),
    // Every store syncs: its state, its change feed, and a read from its mirror (any sort works there).
    get('/api/v2/sync'),
    get('/api/v2/customers/changes?limit=3'),
    get('/api/v2/customers?consistency=mirror&limit=2&sort=-updatedAt'),
    // Amazon's buyers exist only in the mirror built from its orders: no writes.
    ...(store.platform === 'amazon'
      ? []
      : [
          `curl -s ${auth} -H 'Content-Type: application/json' -d ${shellQuote(body)} ${shellQuote(`${gatewayUrl}/api/v2/customers`)}`,
        ]),
  ];
}

type DemoPlatform = 'amazon' | 'bigcommerce' | 'bling' | 'ecwid' | 'jumpseller' | 'shopify' | 'woocommerce';

/**
 * The secret each platform signs its webhooks with (the platform sheets' §8), given to the store's
 * sync; Amazon sends none. WooCommerce signs with the secret the gateway registers its webhooks with.
 */
function webhookSecretOf(sandbox: Sandbox, platform: DemoPlatform): string | undefined {
  switch (platform) {
    case 'amazon':
      return undefined;
    case 'bigcommerce':
    case 'ecwid':
      return sandbox[platform].clientSecret;
    case 'bling':
      return sandbox.bling.credentials.clientSecret;
    case 'jumpseller':
      return sandbox.jumpseller.hooksToken;
    case 'shopify':
      return sandbox.shopify.clientCredentials.clientSecret;
    case 'woocommerce':
      return `whsec_${randomBytes(16).toString('hex')}`;
  }
}

/** A customer with orders, so the printed `/orders` command shows some. */
function sampleCustomerId(sandbox: Sandbox, platform: DemoPlatform): string | undefined {
  switch (platform) {
    case 'amazon':
      return sandbox.amazon.customerIds()[0];
    case 'bling':
      return sandbox.bling.customerIds().find((id) => sandbox.bling.ordersOf(id).length > 0);
    case 'ecwid':
      return sandbox.ecwid
        .customerIds()
        .find((id) => (sandbox.ecwid.stored(id)?.stats?.numberOfOrders ?? 0) > 0);
    case 'jumpseller':
      return sandbox.jumpseller
        .customerIds()
        .find((id) => (sandbox.jumpseller.stored(id)?.billing_addresses.length ?? 0) > 0);
    case 'shopify':
      return sandbox.shopify.customerIds().find((id) => sandbox.shopify.stored(id)?.email !== null);
    case 'woocommerce':
      return sandbox.woocommerce
        .customerIds()
        .find((id) => sandbox.woocommerce.stored(id)?.role === 'customer');
    case 'bigcommerce': {
      const withOrders = new Set(
        sandbox.bigcommerce.storedOrders().map((order) => String(order.customer_id)),
      );
      return sandbox.bigcommerce.customerIds().find((id) => withOrders.has(id));
    }
  }
}

/**
 * Waits (at most two minutes) until a store's mirror is `ready`, so that the printed feed and
 * mirror reads show its customers; answers the last status seen.
 */
async function mirrorReady(gatewayUrl: string, store: ConnectedStore): Promise<string> {
  const until = Date.now() + 120_000;
  for (;;) {
    const response = await fetch(`${gatewayUrl}/api/v2/sync`, {
      headers: { authorization: `Bearer ${store.accessToken}` },
    });
    const status = ((await response.json()) as { sync?: { status?: string } }).sync?.status ?? 'unknown';
    if (status === 'ready' || Date.now() >= until) return status;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      count: { type: 'string' },
      'no-rate-limits': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const number = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a non-negative integer`);
    return Number(value);
  };
  const port = number(values.port, 'port');
  const count = number(values.count, 'count');

  const sandbox = await startSandbox({
    count,
    rateLimits: !values['no-rate-limits'],
    // Amazon's searchOrders allows one call per ~3 minutes after a burst of 20: scaled ×180 here
    // (one a second) so that the demo's Amazon mirror is ready in a minute, and the 2-minute rule
    // shortened to 5 s so that changes show at once.
    amazon: {
      settleMs: 5_000,
      ...(values['no-rate-limits'] ? {} : { rateLimit: { perSecond: 1, burst: 20 } }),
    },
  });
  let gateway: GatewayProcess | undefined;
  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    await gateway?.stop();
    await sandbox.close();
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    const logFile = join(tmpdir(), 'unicart-demo-gateway.log');
    gateway = await startGatewayProcess({
      ...(port === undefined ? {} : { port }),
      output: createWriteStream(logFile),
      // The gateway registers its webhooks on the simulators, which reach it on loopback.
      ownUrlIsPublic: true,
    });
    const running = gateway;
    running.child.once('exit', (code) => {
      if (!stopping) {
        console.error(`The gateway stopped unexpectedly (code ${code}):\n${running.recentOutput()}`);
        void stop(1);
      }
    });
    const bodies = sandboxStoreBodies(sandbox);
    const lines = [
      'Unicart demo: simulated stores behind a real gateway (Ctrl-C to stop)',
      '',
      `Gateway      ${running.url}   (admin token ${running.adminToken}, log ${logFile})`,
      `             curl -s -H ${shellQuote(`Authorization: Bearer ${running.adminToken}`)} ${running.url}/admin/v1/stores`,
      '',
    ];
    const platforms: readonly DemoPlatform[] = [
      'amazon',
      'bigcommerce',
      'bling',
      'ecwid',
      'jumpseller',
      'shopify',
      'woocommerce',
    ];
    const stores = new Map<DemoPlatform, ConnectedStore>();
    for (const platform of platforms) {
      const webhookSecret = webhookSecretOf(sandbox, platform);
      const store = await connectStore(running, {
        ...bodies[platform],
        sync: { enabled: true, ...(webhookSecret === undefined ? {} : { webhookSecret }) },
      });
      // Ecwid and Bling take their webhook URL in the app's settings, not through their API.
      if (platform === 'ecwid' || platform === 'bling')
        sandbox[platform].webhooks.configure(`${running.url}/webhooks/v1/${store.id}`);
      stores.set(platform, store);
    }
    const statuses = await Promise.all(
      platforms.map((platform) => mirrorReady(running.url, stores.get(platform) as ConnectedStore)),
    );
    platforms.forEach((platform, index) => {
      const store = stores.get(platform) as ConnectedStore;
      lines.push(
        `${platform} store ${store.id}   (mirror ${statuses[index]})`,
        ...(statuses[index] === 'ready'
          ? []
          : [
              '  the mirror is still being read: its feed and mirror reads fill in once /api/v2/sync says ready',
            ]),
        `  access token  ${store.accessToken}`,
        ...curlLines(running.url, store, sampleCustomerId(sandbox, platform)).map((line) => `  ${line}`),
        '',
      );
    });
    lines.push('Simulators (the platforms behind the gateway)', ...describeSandbox(sandbox));
    console.log(lines.join('\n'));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(1);
});
