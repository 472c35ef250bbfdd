import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlatformRegistry } from '../src/platforms';
import { openStoreRepository } from '../src/stores/open-store-repository';
import { runCli } from '../src/stores-cli';
import { acmeApi, acmeCustomer, acmePlatform } from './support/acme-platform';
import { createTestGateway, publicHosts, testSecretKey } from './support/test-gateway';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'unicart-cli-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    environment: { UNICART_DATA_DIR: dataDir, UNICART_SECRET_KEY: testSecretKey },
    platforms: createPlatformRegistry([acmePlatform]),
    resolver: publicHosts,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

const credentials = JSON.stringify({ apiKey: 'acme-secret-key-1' });

/** `unicart stores add` of an Acme store named Demo. */
const addAcmeStore = (credentialsJson: string, ...extra: string[]) =>
  cli('stores', 'add', '--platform', 'acme', '--name', 'Demo', '--credentials', credentialsJson, ...extra);

describe('pnpm unicart stores', () => {
  it('--help prints the usage on standard output and exits 0, without touching the registry', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['stores', 'add', '--help']]) {
      const answer = await cli(...argv);
      expect(answer.code, argv.join(' ')).toBe(0);
      expect(answer.stderr).toBe('');
      for (const command of [
        'stores add --platform <acme>',
        'stores list',
        'stores remove <id>',
        'stores replace-token <id>',
      ]) {
        expect(answer.stdout).toContain(command);
      }
    }
  });

  it('without a command prints the usage on standard error and exits 2', async () => {
    const answer = await cli();
    expect(answer.code).toBe(2);
    expect(answer.stdout).toBe('');
    expect(answer.stderr).toContain('Usage: pnpm -s unicart <command>');
  });

  it('adds, lists, replaces the token of and removes a store', async () => {
    const check = acmeApi().get('/v1/customers/count').reply(200, { count: 0 });
    const added = await addAcmeStore(credentials);
    expect(added.code).toBe(0);
    expect(check.isDone(), 'the credentials were checked').toBe(true);
    const { store, accessToken } = added.json();
    expect(store).toMatchObject({ platform: 'acme', name: 'Demo' });
    expect(accessToken).toMatch(/^uc_/);
    expect(added.stdout).not.toContain('acme-secret-key-1');

    expect((await cli('stores', 'list')).json()).toStrictEqual({ stores: [store] });
    expect((await cli('stores', 'replace-token', store.id)).json().accessToken).toMatch(/^uc_/);
    expect((await cli('stores', 'remove', store.id)).json()).toStrictEqual({ removed: store.id });
    expect((await cli('stores', 'list')).json()).toStrictEqual({ stores: [] });

    const again = await cli('stores', 'remove', store.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`No store with id ${store.id}`);
  });

  it('connects a store the gateway then serves', async () => {
    const added = await addAcmeStore(credentials, '--no-verify-credentials');
    const repository = await openStoreRepository({ dataDir, databaseUrl: undefined });
    const gateway = await createTestGateway({ repository, platforms: [acmePlatform] });
    acmeApi()
      .get('/v1/customers/1')
      .reply(200, { customer: acmeCustomer('1') });
    const response = await gateway.call(added.json().accessToken, 'GET', '/api/v2/customers/1');
    await gateway.close();
    await repository.close();
    expect(response.statusCode).toBe(200);
  });

  it('refuses credentials the platform rejects, exit code 1, and stores nothing', async () => {
    acmeApi().get('/v1/customers/count').reply(401, { message: 'invalid key' });
    const refused = await addAcmeStore(credentials);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/acme/i);
    expect((await cli('stores', 'list')).json()).toStrictEqual({ stores: [] });
  });

  it('refuses invalid credentials with the reason, exit code 1', async () => {
    const refused = await addAcmeStore('{"apiKey":1}');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('credentials.apiKey');
  });

  it.each([
    [['stores', 'add', '--platform', 'acme', '--name', 'Demo', '--credentials', '{not json']],
    [['stores', 'add', '--platform', 'acme']],
    [['stores', 'remove']],
    [['stores', 'rename', 'x']],
    [['shops', 'list']],
    [['stores', 'list', '--colour', 'red']],
  ])('answers %j with the usage, exit code 2', async (argv) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage:');
  });

  it('generates a development secret key with a warning when UNICART_SECRET_KEY is unset', async () => {
    let stderr = '';
    const code = await runCli(['stores', 'list'], {
      environment: { UNICART_DATA_DIR: dataDir },
      platforms: createPlatformRegistry([acmePlatform]),
      stdout: () => undefined,
      stderr: (text) => {
        stderr += text;
      },
    });
    expect(code).toBe(0);
    expect(stderr).toContain('UNICART_SECRET_KEY is not set');
  });
});
