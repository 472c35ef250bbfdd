import { parseArgs } from 'node:util';
import { NotFoundError } from '@unicart/core';
import { loadConfig } from './config';
import { loadSecretKeys } from './crypto/load-secret-keys';
import { createLogger } from './logger';
import { type PlatformRegistry, registeredPlatforms } from './platforms';
import { createUpstreamGuard, type HostResolver } from './ssrf';
import { openStoreRepository } from './stores/open-store-repository';
import { createStoreRegistry, type StoreRegistry } from './stores/store-registry';

export interface CliOptions {
  readonly environment?: Readonly<Record<string, string | undefined>>;
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  readonly platforms?: PlatformRegistry;
  readonly resolver?: HostResolver;
}

class UsageError extends Error {}

const usage = (platforms: PlatformRegistry) => `Usage: pnpm -s unicart <command>   (from the repository root)

  stores add --platform <${platforms.ids.join('|')}> --name <name> --credentials '<json>'
             [--base-url <origin>] [--no-verify-credentials]
                                 connect a store, after one read that checks its credentials;
                                 prints it with its access token (shown once)
  stores list                    every connected store
  stores remove <id>             remove a store; its access tokens stop working
  stores replace-token <id>      a new access token; the old ones stop working
  --help                         this text

Uses the same stores registry as the gateway (UNICART_DATA_DIR or DATABASE_URL, UNICART_SECRET_KEY).
Answers are JSON on standard output and nothing else is written there (pnpm's -s keeps its own
script banner off it), so \`pnpm -s unicart stores list | jq\` works; messages go to standard error.
Exit codes: 0 done, 1 refused or failed, 2 usage error.`;

const isHelp = (argv: readonly string[]) =>
  argv.some((argument) => argument === '--help' || argument === '-h') || argv[0] === 'help';

function parseCredentials(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw new UsageError('--credentials must be a JSON object');
  }
}

/** Runs one stores command; each resolves to the JSON it prints. */
async function runCommand(registry: StoreRegistry, argv: readonly string[]): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      platform: { type: 'string' },
      name: { type: 'string' },
      credentials: { type: 'string' },
      'base-url': { type: 'string' },
      'no-verify-credentials': { type: 'boolean', default: false },
    },
  });
  const [group, command, id, ...extra] = positionals;
  if (group !== 'stores' || extra.length > 0) throw new UsageError('Unknown command');
  const requireId = () => {
    if (id === undefined) throw new UsageError(`stores ${command} needs a store id`);
    return id;
  };
  switch (command) {
    case 'add': {
      const { platform, name, credentials } = values;
      if (!platform || !name || !credentials) {
        throw new UsageError('stores add needs --platform, --name and --credentials');
      }
      return registry.connect({
        platform,
        name,
        credentials: parseCredentials(credentials),
        baseUrl: values['base-url'],
        verifyCredentials: !values['no-verify-credentials'],
      });
    }
    case 'list':
      return { stores: await registry.list() };
    case 'remove':
      if (!(await registry.remove(requireId()))) throw new NotFoundError(`No store with id ${id}`);
      return { removed: id };
    case 'replace-token': {
      const accessToken = await registry.replaceToken(requireId());
      if (accessToken === undefined) throw new NotFoundError(`No store with id ${id}`);
      return { accessToken };
    }
    default:
      throw new UsageError('Unknown command');
  }
}

/** `pnpm unicart stores add|list|remove|replace-token`; resolves to the exit code. */
export async function runCli(argv: readonly string[], options: CliOptions = {}): Promise<number> {
  const stdout = options.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => process.stderr.write(text));
  const platforms = options.platforms ?? registeredPlatforms;
  if (isHelp(argv)) {
    stdout(`${usage(platforms)}\n`);
    return 0;
  }
  if (argv.length === 0) {
    stderr(`${usage(platforms)}\n`);
    return 2;
  }
  try {
    const config = loadConfig(options.environment ?? process.env);
    const loaded = loadSecretKeys(config);
    if (loaded.warning !== undefined) stderr(`Warning: ${loaded.warning}\n`);
    // Logs go to standard error, so standard output stays the command's JSON.
    const logger = createLogger({ level: 'warn', secrets: loaded.secrets, destination: { write: stderr } });
    const repository = await openStoreRepository(config);
    try {
      const registry = createStoreRegistry({
        repository,
        platforms,
        keys: loaded.keys,
        guard: createUpstreamGuard({
          allowPrivate: config.allowPrivateUpstreams,
          resolver: options.resolver,
        }),
        logger,
        watchOtherProcesses: false,
      });
      stdout(`${JSON.stringify(await runCommand(registry, argv), null, 2)}\n`);
      return 0;
    } finally {
      await repository.close();
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      stderr(`${(error as Error).message}\n\n${usage(platforms)}\n`);
      return 2;
    }
    stderr(`${(error as Error).message}\n`);
    return 1;
  }
}
