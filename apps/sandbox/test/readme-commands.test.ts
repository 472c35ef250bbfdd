import { randomUUID } from 'node:crypto';
/**
 * Every `curl` command in the repository's documentation runs as printed: extracted from the `sh`
 * blocks of every README and of docs/, run by `sh` against the built gateway in front of the
 * simulators, once per platform, with the shell variables the gateway README defines (`UNICART`,
 * `ADMIN_TOKEN`, `STORE_ID`, `TOKEN`, `CUSTOMER_ID`, `NEXT`) set as a user sets them, and the
 * credential placeholders of the connect example replaced by the simulator's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectStore,
  type GatewayProcess,
  sandboxStoreBodies,
  startGatewayProcess,
} from '../src/gateway-process';
import { type Sandbox, startSandbox } from '../src/start-sandbox';
import { repositoryRoot, runCurl } from './support/root-script';

interface DocumentedCommand {
  /** `apps/gateway/README.md:97`. */
  readonly where: string;
  readonly command: string;
}

function documentationFiles(): string[] {
  const inFolder = (folder: string, name: (entry: string) => string) =>
    readdirSync(join(repositoryRoot, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(repositoryRoot, folder, name(entry.name)));
  return [
    join(repositoryRoot, 'README.md'),
    join(repositoryRoot, 'CONTRIBUTING.md'),
    join(repositoryRoot, 'bench', 'README.md'),
    ...['apps', 'packages', 'tools'].flatMap((folder) => inFolder(folder, (name) => join(name, 'README.md'))),
    ...readdirSync(join(repositoryRoot, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => join(repositoryRoot, 'docs', name)),
  ].filter((file) => {
    try {
      readFileSync(file);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The `curl …` commands of every `sh` block of a markdown file, with their continuation lines (after
 * a trailing `\`, or inside a single-quoted string that spans lines).
 */
function curlCommands(file: string): DocumentedCommand[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const commands: DocumentedCommand[] = [];
  let inShell = false;
  for (let index = 0; index < lines.length; index += 1) {
    const line = (lines[index] as string).trim();
    if (line.startsWith('```')) {
      inShell = !inShell && line === '```sh';
      continue;
    }
    if (!inShell || !line.startsWith('curl ')) continue;
    const start = index;
    const parts = [line];
    const unfinished = () =>
      (parts.at(-1) as string).endsWith('\\') || (parts.join('\n').match(/'/g)?.length ?? 0) % 2 === 1;
    while (unfinished()) {
      index += 1;
      parts.push((lines[index] as string).trim());
    }
    commands.push({ where: `${relative(repositoryRoot, file)}:${start + 1}`, command: parts.join('\n') });
  }
  return commands;
}

const documented = documentationFiles().flatMap(curlCommands);
const platforms = ['ecwid', 'shopify', 'woocommerce'] as const;

let sandbox: Sandbox;
let gateway: GatewayProcess;
let workDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ count: 120, rateLimits: false });
  gateway = await startGatewayProcess({ environment: { UNICART_LOG_LEVEL: 'warn' } });
  workDir = await mkdtemp(join(tmpdir(), 'unicart-readme-'));
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await sandbox?.close();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

/** What a user replaces in the connect example: the placeholder credentials, by their own. */
function withOwnCredentials(command: string): string {
  const { url, consumerKey, consumerSecret } = sandbox.woocommerce.credentials;
  return command
    .replaceAll('https://shop.example.com', url)
    .replaceAll('ck_…', consumerKey)
    .replaceAll('cs_…', consumerSecret);
}

it('finds the documented commands (the gateway README has one per route)', () => {
  expect(documented.length).toBeGreaterThanOrEqual(14);
  expect(documented.map((entry) => entry.where.split(':')[0])).toContain('apps/gateway/README.md');
});

describe.each(platforms)('against a %s store', (platform) => {
  const unusedCustomers: string[] = [];

  /** The variables the gateway README defines, for a newly connected store and an untouched customer. */
  async function shellVariables(): Promise<Record<string, string>> {
    if (unusedCustomers.length === 0) unusedCustomers.push(...sandbox[platform].customerIds().slice(-40));
    const store = await connectStore(gateway, sandboxStoreBodies(sandbox)[platform]);
    const firstPage = await fetch(`${gateway.url}/api/v2/customers?limit=2&createdAt%5Bfrom%5D=2024-01-01`, {
      headers: { authorization: `Bearer ${store.accessToken}` },
    });
    const { pagination } = (await firstPage.json()) as { pagination: { next: string | null } };
    expect(pagination.next, 'more than two customers since 2024').not.toBeNull();
    return {
      UNICART: gateway.url,
      ADMIN_TOKEN: gateway.adminToken,
      STORE_ID: store.id,
      TOKEN: store.accessToken,
      CUSTOMER_ID: unusedCustomers.pop() as string,
      NEXT: pagination.next as string,
      KEY: randomUUID(),
    };
  }

  it.each(documented)('$where runs as printed', { timeout: 60_000 }, async ({ command }) => {
    const result = await runCurl(withOwnCredentials(command), await shellVariables(), workDir);
    expect(result.exitCode, `${command}\n${result.stderr}`).toBe(0);
    expect(result.status, `${command}\n${result.stdout}`).toBeGreaterThanOrEqual(200);
    expect(result.status, `${command}\n${result.stdout}`).toBeLessThan(300);
  });
});
