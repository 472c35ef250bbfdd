import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdapterDefinition } from '@unicart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkConformance,
  checkExports,
  checkFiles,
  checkImports,
  checkManifest,
  checkReadme,
  checkThinDriver,
} from '../../repo-checks/src/adapter-structure.ts';
import { generateAdapter, validateRequest } from './generate-adapter.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** Core depends on everything a new adapter needs, so its links stand in for `pnpm install`. */
const coreModules = join(root, 'packages', 'core', 'node_modules');

/** A scratch copy of the parts of the workspace a new adapter touches or builds against. */
function scratchWorkspace(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'unicart-new-adapter-'));
  for (const file of [
    'biome.json',
    'tsconfig.base.json',
    'tsup.shared.ts',
    'types.d.ts',
    'vitest.shared.ts',
    'test',
    '.changeset',
  ]) {
    cpSync(join(root, file), join(scratch, file), { recursive: true });
  }
  for (const file of [
    'apps/gateway/src/platforms.ts',
    'apps/gateway/package.json',
    'tools/repo-checks/package.json',
  ]) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    cpSync(join(root, file), join(scratch, file));
  }
  mkdirSync(join(scratch, 'packages'));
  symlinkSync(join(root, 'packages', 'core'), join(scratch, 'packages', 'core'), 'dir');
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  return scratch;
}

/** What `pnpm install` would link into the new package. */
function linkDependencies(packageDir: string): void {
  const modules = join(packageDir, 'node_modules');
  mkdirSync(join(modules, '@unicart'), { recursive: true });
  symlinkSync(join(root, 'packages', 'core'), join(modules, '@unicart', 'core'), 'dir');
  for (const name of ['zod', 'tsup', 'vitest', 'typescript']) {
    symlinkSync(realpathSync(join(coreModules, name)), join(modules, name), 'dir');
  }
}

function runTool(packageDir: string, tool: string, script: string, args: string[]) {
  const entry = join(coreModules, tool, script);
  return spawnSync(process.execPath, [entry, ...args], {
    cwd: packageDir,
    encoding: 'utf8',
    env: { ...process.env, CI: '' },
  });
}

describe('pnpm new-adapter', () => {
  let scratch: string;
  let packageDir: string;

  beforeAll(() => {
    scratch = scratchWorkspace();
    packageDir = generateAdapter({ root: scratch, id: 'acmeshop', displayName: 'Acme Shop' }).packageDir;
    linkDependencies(packageDir);
  });

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('refuses a bad id, a bad display name and an existing package', () => {
    expect(validateRequest({ root: scratch, id: 'Acme-Shop', displayName: '1 Acme' })).toStrictEqual([
      "the id 'Acme-Shop' must be lower case letters and digits, e.g. bigcommerce",
      "the display name '1 Acme' must start with a letter and hold letters, digits, spaces, dots or dashes",
    ]);
    expect(validateRequest({ root: scratch, id: 'acmeshop', displayName: 'Acme Shop' })).toStrictEqual([
      'packages/adapter-acmeshop exists already',
    ]);
  });

  it('renames files and identifiers after the platform', () => {
    for (const file of [
      'src/acmeshop-adapter.ts',
      'src/map-acmeshop-customer.ts',
      'src/translate-acmeshop-query.ts',
    ]) {
      expect(existsSync(join(packageDir, file)), file).toBe(true);
    }
    const adapter = readFileSync(join(packageDir, 'src', 'acmeshop-adapter.ts'), 'utf8');
    expect(adapter).toContain('export function createAcmeShopAdapter(');
    expect(adapter).toContain('export const acmeshopPlatform');
    expect(adapter).not.toMatch(/\{\{|__id__/);
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.name).toBe('@unicart/adapter-acmeshop');
    expect(manifest.version).toBe('0.0.0');
  });

  it('adds a minor changeset and registers the adapter in the gateway', () => {
    expect(readFileSync(join(scratch, '.changeset', 'adapter-acmeshop-initial.md'), 'utf8')).toContain(
      '"@unicart/adapter-acmeshop": minor',
    );
    const registry = readFileSync(join(scratch, 'apps', 'gateway', 'src', 'platforms.ts'), 'utf8');
    expect(registry).toContain("import { acmeshopPlatform } from '@unicart/adapter-acmeshop';");
    expect(registry).toMatch(/createPlatformRegistry\(\[[^\]]*\bacmeshopPlatform,\n\]\)/);
    const gateway = JSON.parse(readFileSync(join(scratch, 'apps', 'gateway', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(gateway.dependencies['@unicart/adapter-acmeshop']).toBe('workspace:^');
  });

  it('passes lint as generated, the registry and manifests it touched included', () => {
    const biome = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'),
        'check',
        '--vcs-enabled=false',
        'packages/adapter-acmeshop',
        'apps/gateway/src/platforms.ts',
        'apps/gateway/package.json',
        'tools/repo-checks/package.json',
      ],
      { cwd: scratch, encoding: 'utf8' },
    );
    expect(biome.status, biome.stdout + biome.stderr).toBe(0);
  }, 180_000);

  it('passes the structure checks as generated', async () => {
    const adapter = { dir: packageDir, id: 'acmeshop' };
    const moduleExports = (await import(join(packageDir, 'src', 'index.ts'))) as Record<string, unknown>;
    const definition = moduleExports.acmeshopPlatform as AdapterDefinition;
    expect([
      ...checkFiles(adapter),
      ...checkManifest(adapter),
      ...checkImports(adapter),
      ...checkExports(adapter, moduleExports, definition.displayName),
      ...checkConformance(adapter),
      ...checkThinDriver(adapter),
      ...checkReadme(adapter, definition),
    ]).toStrictEqual([]);
  });

  // tsc and a tsup build with types: minutes when CI runs every package's tests at once.
  it('builds and typechecks as generated', () => {
    const typecheck = runTool(packageDir, 'typescript', 'bin/tsc', ['--noEmit', '-p', '.']);
    expect(typecheck.stdout + typecheck.stderr).toBe('');
    expect(typecheck.status).toBe(0);
    const build = runTool(packageDir, 'tsup', 'dist/cli-default.js', []);
    expect(build.status, build.stderr).toBe(0);
    expect(existsSync(join(packageDir, 'dist', 'index.d.ts'))).toBe(true);
  }, 180_000);

  it('fails only on its placeholder test, which says what to fill in first', () => {
    const report = join(scratch, 'generated-results.json');
    const run = runTool(packageDir, 'vitest', 'vitest.mjs', [
      'run',
      '--reporter=json',
      `--outputFile=${report}`,
    ]);
    expect(run.status).toBe(1);
    const results = JSON.parse(readFileSync(report, 'utf8')) as {
      numTotalTests: number;
      numFailedTests: number;
      testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
    };
    expect(results.numFailedTests).toBe(1);
    const [placeholder] = results.testResults
      .flatMap((file) => file.assertionResults)
      .filter((result) => result.status === 'failed');
    expect(placeholder?.title).toBe('is built from the Acme Shop platform sheet (start here)');
    expect(placeholder?.failureMessages.join('\n')).toContain('src/acmeshop-api.ts');
  }, 180_000);
});

it('is wired to the pnpm new-adapter script, which explains its usage', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(manifest.scripts['new-adapter']).toBe('node tools/new-adapter/src/new-adapter.ts');
  const run = spawnSync(process.execPath, [join(root, 'tools/new-adapter/src/new-adapter.ts')], {
    encoding: 'utf8',
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('Usage: pnpm new-adapter <id> "<Display Name>"');
});
