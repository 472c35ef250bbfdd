import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdapterDefinition } from '@unicart/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AdapterPackage,
  checkConformance,
  checkExports,
  checkFiles,
  checkImports,
  checkManifest,
  checkReadme,
  checkThinDriver,
  listAdapterPackages,
  placeholderTestMarker,
} from './adapter-structure.ts';
import { generatedBlock, renderCapabilityMatrix } from './capability-docs.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const adapters = listAdapterPackages(join(root, 'packages'));

async function definitionOf(adapter: AdapterPackage) {
  const moduleExports = (await import(join(adapter.dir, 'src', 'index.ts'))) as Record<string, unknown>;
  return { moduleExports, definition: moduleExports[`${adapter.id}Platform`] as AdapterDefinition };
}

describe('every adapter package', () => {
  it('exists for each platform', () => {
    expect(adapters.map((adapter) => adapter.id)).toEqual(
      expect.arrayContaining(['bigcommerce', 'bling', 'ecwid', 'shopify', 'woocommerce']),
    );
  });

  describe.each(adapters)('adapter-$id', (adapter) => {
    it('has the required files', () => {
      expect(checkFiles(adapter)).toStrictEqual([]);
    });

    it('has a publishable manifest depending only on core and allowed libraries', () => {
      expect(checkManifest(adapter)).toStrictEqual([]);
    });

    it('imports nothing outside itself, no other adapter, and only declared dependencies', () => {
      expect(checkImports(adapter)).toStrictEqual([]);
    });

    it('exports its factory, definition and capabilities, and a sound definition', async () => {
      const { moduleExports, definition } = await definitionOf(adapter);
      expect(checkExports(adapter, moduleExports, definition?.displayName ?? '')).toStrictEqual([]);
    });

    it('runs the core conformance kit once', () => {
      expect(checkConformance(adapter)).toStrictEqual([]);
    });

    it('is a driver for core, leaving transport, waits and errors to it', () => {
      expect(checkThinDriver(adapter)).toStrictEqual([]);
    });

    it('documents the capabilities it declares', async () => {
      const { definition } = await definitionOf(adapter);
      expect(checkReadme(adapter, definition)).toStrictEqual([]);
    });
  });

  it('are summed up in the root README capability matrix', async () => {
    const definitions = await Promise.all(
      adapters.map(async (adapter) => (await definitionOf(adapter)).definition),
    );
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(generatedBlock(readme)).toBe(renderCapabilityMatrix(definitions));
  });
});

describe('the structure checks on a deliberately broken adapter', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'unicart-broken-adapter-'));
  const broken: AdapterPackage = { dir: join(scratch, 'adapter-acme'), id: 'acme' };
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(broken.dir, file)), { recursive: true });
    writeFileSync(join(broken.dir, file), text);
  };
  write(
    'package.json',
    JSON.stringify({
      name: '@unicart/acme',
      type: 'module',
      files: ['dist', 'src'],
      dependencies: {
        '@unicart/core': 'workspace:^',
        axios: '^1.0.0',
        '@unicart/adapter-shopify': 'workspace:^',
      },
      devDependencies: { vitest: '^5.1.1' },
    }),
  );
  write('README.md', '# Acme\n');
  write(
    'src/index.ts',
    "import { mapShopifyCustomer } from '@unicart/adapter-shopify';\nimport { x } from '../../core/src/index';\nimport lodash from 'lodash';\nexport { mapShopifyCustomer, x, lodash };\n",
  );
  write('src/acme-adapter.test.ts', "import { it } from 'vitest';\nit('works', () => {});\n");
  write(
    'src/acme-adapter.ts',
    "export class AcmeError extends Error {}\nexport const list = async () => { await new Promise((done) => setTimeout(done, 10)); return fetch('https://acme.example'); };\n",
  );

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reports each missing file', () => {
    const problems = checkFiles(broken);
    expect(problems).toContain('missing required file src/acme-api.ts');
    expect(problems).toContain('missing required file src/translate-acme-query.ts');
    expect(problems).toContain('missing fixtures: src/__fixtures__/*.json built from the platform sheet');
  });

  it('reports a wrong name, unpublishable settings and forbidden dependencies', () => {
    expect(checkManifest(broken)).toStrictEqual([
      'package name must be @unicart/adapter-acme',
      'package.json must set "sideEffects": false',
      'package.json "files" must be ["dist"]',
      'package.json exports "." must be { import: { types, default } → dist/index.d.ts, dist/index.js; require: { types, default } → dist/index.d.cts, dist/index.cjs }',
      'publishConfig.access must be "public"',
      "dependency 'axios' is not allowed (allowed: @unicart/core, i18n-iso-countries, standardwebhooks, zod)",
      "dependency '@unicart/adapter-shopify' is not allowed (allowed: @unicart/core, i18n-iso-countries, standardwebhooks, zod)",
      'must not depend on another adapter (@unicart/adapter-shopify)',
    ]);
  });

  it('reports imports of another adapter, of files outside the package and of undeclared packages', () => {
    expect(checkImports(broken)).toStrictEqual([
      'src/index.ts imports another adapter (@unicart/adapter-shopify)',
      "src/index.ts imports '../../core/src/index' from outside the package's src",
      "src/index.ts imports 'lodash', which is not a declared runtime dependency",
    ]);
  });

  it('reports a suite that does not run the conformance kit', () => {
    expect(checkConformance(broken)).toStrictEqual([
      'acme-adapter.test.ts must import the kit from @unicart/core/testing',
      'acme-adapter.test.ts must call runAdapterConformance exactly once (found 0)',
    ]);
  });

  it('reports an adapter that is not a driver for core and does its own transport', () => {
    expect(checkThinDriver(broken)).toStrictEqual([
      "acme-adapter.ts must build its adapter with core's defineCustomerAdapter(driver)",
      "src/acme-adapter.ts calls fetch (use core's createHttpClient)",
      "src/acme-adapter.ts waits or sleeps itself (core's HTTP client retries and paces)",
      "src/acme-adapter.ts declares an error class (throw core's errors)",
    ]);
  });

  it('accepts the placeholder test pnpm new-adapter writes, which fails on its own', () => {
    write(
      'src/acme-adapter.test.ts',
      `${placeholderTestMarker}\nit('start here', () => { expect.fail('fill in'); });\n`,
    );
    expect(checkConformance(broken)).toStrictEqual([]);
  });

  it('reports missing exports and an unsound definition', () => {
    const problems = checkExports(
      broken,
      {
        acmePlatform: {
          specificationVersion: 'v2',
          platform: 'acme',
          capabilities: { operations: { list: true }, filters: { colour: 'native', email: 'maybe' } },
        },
        acmeCustomerSchema: {},
      },
      'Acme',
    );
    expect(problems).toStrictEqual([
      'index must export the factory createAcmeAdapter',
      "acmePlatform.specificationVersion must be 'v1'",
      'acmePlatform.create must be a function',
      'acmePlatform.upstreamUrls must be a function',
      'acmePlatform must declare its credentialsSchema',
      'index must export acmeCapabilities, the same object as acmePlatform.capabilities',
      'capabilities.operations must declare each of the seven operations as true or false',
      "unknown filter 'colour'",
      "filter 'email' must be native or emulated",
      'index must not export wire schemas (acmeCustomerSchema)',
    ]);
  });

  it('reports a README without the generated capability tables', () => {
    const definition = {
      platform: 'acme',
      displayName: 'Acme',
      capabilities: {
        operations: {
          list: true,
          count: false,
          get: true,
          create: false,
          update: false,
          delete: false,
          orders: false,
        },
        filters: { email: 'native' },
      },
    } as const;
    expect(checkReadme(broken, definition)).toStrictEqual([
      'README.md lacks the generated capabilities block (run pnpm docs:generate)',
    ]);
  });
});
