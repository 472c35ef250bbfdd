import { parseArgs } from 'node:util';
import { describeSandbox } from './describe-sandbox';
import { startSandbox } from './start-sandbox';

const usage = `Usage: node dist/cli.js [options]

Starts the Amazon, BigCommerce, Bling, Ecwid, Jumpseller, Shopify and WooCommerce simulators and prints their
URLs and credentials.

  --count <n>            customers per platform (default 2500)
  --seed <n>             seed of the generated data (default 7)
  --no-rate-limits       turn off Amazon's searchOrders bucket, Ecwid's per-token limit, Shopify's cost bucket, BigCommerce's quota,
                         Jumpseller's windows and Bling's 3 a second
  --host <address>       address to listen on (default 127.0.0.1)
  --amazon-port <port>   (default: a free port; the same for the ones below)
  --bling-port <port>
  --ecwid-port <port>
  --jumpseller-port <port>
  --shopify-port <port>
  --woocommerce-port <port>
  --bigcommerce-port <port>
  --help`;

function integerOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a non-negative integer`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      seed: { type: 'string' },
      'no-rate-limits': { type: 'boolean', default: false },
      host: { type: 'string' },
      'amazon-port': { type: 'string' },
      'bling-port': { type: 'string' },
      'ecwid-port': { type: 'string' },
      'jumpseller-port': { type: 'string' },
      'shopify-port': { type: 'string' },
      'woocommerce-port': { type: 'string' },
      'bigcommerce-port': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const listen = (port: string | undefined, name: string) => ({
    host: values.host,
    port: integerOption(port, name),
  });
  const sandbox = await startSandbox({
    count: integerOption(values.count, 'count'),
    seed: integerOption(values.seed, 'seed'),
    rateLimits: !values['no-rate-limits'],
    amazon: listen(values['amazon-port'], 'amazon-port'),
    bling: listen(values['bling-port'], 'bling-port'),
    ecwid: listen(values['ecwid-port'], 'ecwid-port'),
    jumpseller: listen(values['jumpseller-port'], 'jumpseller-port'),
    shopify: listen(values['shopify-port'], 'shopify-port'),
    woocommerce: listen(values['woocommerce-port'], 'woocommerce-port'),
    bigcommerce: listen(values['bigcommerce-port'], 'bigcommerce-port'),
  });
  console.log(
    ['Unicart sandbox: simulators running (Ctrl-C to stop)', '', ...describeSandbox(sandbox)].join('\n'),
  );
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(1);
});
