import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);

interface PublishedPackage {
  readonly dir: string;
  readonly name: string;
  readonly dependencies: Record<string, string>;
}

/** Each package's packed tarball, filled in by `beforeAll`. */
const tarballs = new Map<string, string>();

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

const published: PublishedPackage[] = readdirSync(join(root, 'packages'))
  .map((folder) => join(root, 'packages', folder))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest }))
  .filter(({ manifest }) => !manifest.private)
  // A consumer installs peers too (core's testing entry needs vitest).
  .map(({ dir, manifest }) => ({
    dir,
    name: manifest.name,
    dependencies: { ...manifest.dependencies, ...manifest.peerDependencies },
  }));

/**
 * A consumer that imports every public entry point of a package, with types. From CommonJS
 * (`require`), core's `testing` entry is left out: it runs inside vitest, which is ESM only.
 */
function consumerSource(pkg: PublishedPackage, moduleKind: 'esm' | 'cjs' = 'esm'): string {
  if (pkg.name === '@unicart/core' && moduleKind === 'cjs') {
    return [
      "import { parseCustomerListParams, toCountry, type Customer, NotFoundError, UnicartError } from '@unicart/core';",
      "const limit: number = parseCustomerListParams({ limit: '5' }).limit;",
      "const id: Customer['id'] = String(limit);",
      "console.log(JSON.stringify([id, toCountry('DE')?.codeIso3, UnicartError.isInstance(new NotFoundError('x'))]));",
    ].join('\n');
  }
  if (pkg.name === '@unicart/core') {
    return [
      "import { parseCustomerListParams, toCountry, type Customer, NotFoundError } from '@unicart/core';",
      "import { runAdapterConformance, type PlatformSimulator } from '@unicart/core/testing';",
      "const limit: number = parseCustomerListParams({ limit: '5' }).limit;",
      "const id: Customer['id'] = String(limit);",
      'export type Simulator = PlatformSimulator<{ apiKey: string }, { id: number }, never>;',
      "console.log(JSON.stringify([id, toCountry('DE')?.codeIso3, new NotFoundError('x').code, typeof runAdapterConformance]));",
    ].join('\n');
  }
  const id = pkg.name.replace('@unicart/adapter-', '');
  return [
    "import type { AdapterDefinition, CustomerAdapterV1 } from '@unicart/core';",
    `import * as adapter from '${pkg.name}';`,
    `const definition: AdapterDefinition = adapter.${id}Platform;`,
    'const create: (settings: never) => CustomerAdapterV1 = definition.create;',
    'console.log(JSON.stringify([definition.platform, definition.capabilities.operations.list, typeof create]));',
  ].join('\n');
}

describe('published packages', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'unicart-tarballs-'));
    // Each package is installed from its own tarball (pnpm pack rewrites workspace: ranges), so
    // nothing from the workspace can leak in; third-party dependencies are linked as declared.
    for (const pkg of published) {
      const tarball = execFileSync('pnpm', ['pack', '--pack-destination', scratch], {
        cwd: pkg.dir,
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .pop() as string;
      tarballs.set(pkg.name, tarball);
      const installed = join(scratch, 'node_modules', pkg.name);
      mkdirSync(installed, { recursive: true });
      execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
      for (const dependency of Object.keys(pkg.dependencies)) {
        const target = join(scratch, 'node_modules', dependency);
        if (dependency.startsWith('@unicart/') || existsSync(target)) continue;
        mkdirSync(dirname(target), { recursive: true });
        symlinkSync(
          dirname(require.resolve(`${dependency}/package.json`, { paths: [pkg.dir] })),
          target,
          'dir',
        );
      }
    }
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  }, 120_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('include core and every adapter', () => {
    expect(published.map((pkg) => pkg.name)).toEqual(
      expect.arrayContaining([
        '@unicart/core',
        '@unicart/adapter-amazon',
        '@unicart/adapter-bigcommerce',
        '@unicart/adapter-bling',
        '@unicart/adapter-ecwid',
        '@unicart/adapter-jumpseller',
        '@unicart/adapter-shopify',
        '@unicart/adapter-woocommerce',
      ]),
    );
  });

  describe.each(published)('$name', (pkg) => {
    it('passes publint without warnings', async () => {
      const { messages } = await publint({ pkgDir: pkg.dir, strict: true, level: 'warning' });
      expect(messages).toStrictEqual([]);
    });

    it('packs only dist, package.json, README and licence files', () => {
      const listing = JSON.parse(
        execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
          cwd: pkg.dir,
          encoding: 'utf8',
        }),
      ) as [{ files: { path: string }[] }];
      const stray = listing[0].files
        .map((file) => file.path)
        .filter((path) => !/^(dist\/|package\.json$|README\.md$|LICENSE|CHANGELOG\.md$)/.test(path));
      expect(stray).toStrictEqual([]);
    });

    it('has types that resolve for import and require alike (@arethetypeswrong/cli)', () => {
      // The node16 profile: node10 resolution (no `exports`) predates every Node version we support.
      const attwPackage = require.resolve('@arethetypeswrong/cli/package.json');
      const attw = join(dirname(attwPackage), (require(attwPackage) as { bin: { attw: string } }).bin.attw);
      const tarball = tarballs.get(pkg.name) as string;
      const run = () =>
        execFileSync(process.execPath, [attw, tarball, '--profile', 'node16', '--no-color'], {
          encoding: 'utf8',
          stdio: 'pipe',
        });
      expect(run).not.toThrow();
    }, 60_000);

    it('installs from its tarball; imports (ESM) and requires (CommonJS) in a plain TypeScript project, with types', () => {
      const project = join(scratch, pkg.name.replace(/[@/]/g, '_'));
      mkdirSync(project, { recursive: true });
      writeFileSync(join(project, 'consumer.ts'), consumerSource(pkg));
      writeFileSync(join(project, 'consumer.cts'), consumerSource(pkg, 'cjs'));
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            target: 'ES2023',
            strict: true,
            skipLibCheck: false,
            types: [],
            outDir: 'out',
          },
          files: ['consumer.ts', 'consumer.cts'],
        }),
      );
      const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
      execFileSync(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8' });
      expect(readFileSync(join(project, 'out', 'consumer.cjs'), 'utf8')).toContain(`require("${pkg.name}")`);
      for (const compiled of ['consumer.js', 'consumer.cjs']) {
        const output = execFileSync(process.execPath, [join(project, 'out', compiled)], {
          cwd: scratch,
          encoding: 'utf8',
        });
        expect(output.trim().length, compiled).toBeGreaterThan(0);
      }
    }, 180_000);
  });
});
