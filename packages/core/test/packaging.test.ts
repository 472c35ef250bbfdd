import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const dependencies = ['zod', 'i18n-iso-countries'];

describe('the published tarball', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'unicart-core-pack-'));
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], {
      cwd: packageDir,
      encoding: 'utf8',
    }).trim();
    const installed = join(scratch, 'node_modules', '@unicart', 'core');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(scratch, tarball), '-C', installed, '--strip-components=1']);
    // Only the declared dependencies are made visible: nothing else from the workspace can leak in.
    for (const dependency of dependencies) {
      const root = dirname(require.resolve(`${dependency}/package.json`, { paths: [packageDir] }));
      symlinkSync(root, join(scratch, 'node_modules', dependency), 'dir');
    }
  }, 60_000);

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('passes publint without warnings', async () => {
    const { messages } = await publint({ pkgDir: packageDir, strict: true, level: 'warning' });
    expect(messages).toStrictEqual([]);
  });

  it('is imported by a plain ESM TypeScript consumer, with types, from both entry points', () => {
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    writeFileSync(
      join(scratch, 'consumer.ts'),
      [
        "import { parseCustomerListParams, toCountry, type Customer, NotFoundError } from '@unicart/core';",
        "import { runAdapterConformance, type UpstreamDouble } from '@unicart/core/testing';",
        "const params = parseCustomerListParams({ limit: '5' });",
        'const limit: number = params.limit;',
        'const kit: typeof runAdapterConformance = runAdapterConformance;',
        'type Double = UpstreamDouble<{ id: number }>;',
        "const missing: Customer['id'] = 'x';",
        "console.log(JSON.stringify({ limit, country: toCountry('DE')?.codeIso3, error: new NotFoundError('x').code, kit: typeof kit, missing }));",
        'export type { Double };',
      ].join('\n'),
    );
    writeFileSync(
      join(scratch, 'tsconfig.json'),
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
        files: ['consumer.ts'],
      }),
    );
    const typescript = require.resolve('typescript/bin/tsc', { paths: [packageDir] });
    execFileSync(process.execPath, [typescript, '-p', scratch], { cwd: scratch, encoding: 'utf8' });
    const output = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import('@unicart/core').then((core) => console.log(typeof core.createHttpClient))",
      ],
      { cwd: scratch, encoding: 'utf8' },
    );
    expect(output.trim()).toBe('function');
  }, 60_000);
});
