import { readFileSync } from 'node:fs';

/**
 * The build every published package shares: ESM and CommonJS, each with its own declarations
 * (.d.ts / .d.cts) so `import` and `require` both work, source maps, and the package's version as
 * `__PACKAGE_VERSION__` (the User-Agent). Run from the package folder, as tsup is.
 */
export function packageBuild(entry: string[] | Record<string, string> = ['src/index.ts']) {
  const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };
  return {
    entry,
    format: ['esm' as const, 'cjs' as const],
    target: 'node22',
    dts: true,
    sourcemap: true,
    clean: true,
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  };
}
