import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { customerFilterNames, customerOperations } from '@unicart/core';
import { generatedBlock, renderAdapterCapabilities } from './capability-docs.ts';

/** Libraries an adapter may depend on at run time besides `@unicart/core`: platform-neutral ones. */
// Platform-neutral libraries only; i18n-iso-countries reads country names in a platform's language (Bling's Portuguese).
export const allowedRuntimeDependencies = ['@unicart/core', 'i18n-iso-countries', 'standardwebhooks', 'zod'];

/** An `adapter-*` package folder and the platform id it is named after. */
export interface AdapterPackage {
  readonly dir: string;
  readonly id: string;
}

export function listAdapterPackages(packagesDir: string): AdapterPackage[] {
  return readdirSync(packagesDir)
    .filter((name) => name.startsWith('adapter-') && statSync(join(packagesDir, name)).isDirectory())
    .map((name) => ({ dir: join(packagesDir, name), id: name.slice('adapter-'.length) }));
}

/** Files every adapter has (docs/conventions.md §4), so contributors find the same thing in the same place. */
export function requiredFiles(id: string): string[] {
  return [
    'package.json',
    'README.md',
    'tsconfig.json',
    'tsup.config.ts',
    'vitest.config.ts',
    'src/index.ts',
    `src/${id}-adapter.ts`,
    `src/${id}-adapter.test.ts`,
    `src/${id}-api.ts`,
    `src/${id}-error.ts`,
    `src/map-${id}-customer.ts`,
    `src/map-${id}-customer.test.ts`,
    `src/translate-${id}-query.ts`,
    `src/translate-${id}-query.test.ts`,
  ];
}

export function checkFiles({ dir, id }: AdapterPackage): string[] {
  const problems = requiredFiles(id)
    .filter((file) => !existsSync(join(dir, file)))
    .map((file) => `missing required file ${file}`);
  const fixtures = join(dir, 'src', '__fixtures__');
  if (!existsSync(fixtures) || !readdirSync(fixtures).some((name) => name.endsWith('.json'))) {
    problems.push('missing fixtures: src/__fixtures__/*.json built from the platform sheet');
  }
  if (!/^[a-z][a-z0-9]*$/.test(id))
    problems.push(`platform id '${id}' must be lower case without separators`);
  return problems;
}

interface Manifest {
  name?: string;
  type?: string;
  private?: boolean;
  sideEffects?: boolean;
  files?: string[];
  exports?: Record<string, unknown>;
  publishConfig?: { access?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

export function checkManifest({ dir, id }: AdapterPackage): string[] {
  if (!existsSync(join(dir, 'package.json'))) return [];
  const manifest = readManifest(dir);
  const problems: string[] = [];
  if (manifest.name !== `@unicart/adapter-${id}`)
    problems.push(`package name must be @unicart/adapter-${id}`);
  if (manifest.type !== 'module') problems.push('package.json must set "type": "module"');
  if (manifest.private) problems.push('adapter packages are published: remove "private"');
  if (manifest.sideEffects !== false) problems.push('package.json must set "sideEffects": false');
  if (JSON.stringify(manifest.files) !== '["dist"]') problems.push('package.json "files" must be ["dist"]');
  // ESM and CommonJS, each with its own declarations (docs/conventions.md §8).
  const expectedEntry = {
    import: { types: './dist/index.d.ts', default: './dist/index.js' },
    require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
  };
  if (JSON.stringify(manifest.exports?.['.']) !== JSON.stringify(expectedEntry)) {
    problems.push(
      'package.json exports "." must be { import: { types, default } → dist/index.d.ts, dist/index.js; require: { types, default } → dist/index.d.cts, dist/index.cjs }',
    );
  }
  if (manifest.publishConfig?.access !== 'public') problems.push('publishConfig.access must be "public"');
  if (!manifest.dependencies?.['@unicart/core']) problems.push('must depend on @unicart/core');
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
    if (!allowedRuntimeDependencies.includes(name)) {
      problems.push(
        `dependency '${name}' is not allowed (allowed: ${allowedRuntimeDependencies.join(', ')})`,
      );
    }
  }
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
    if (name.startsWith('@unicart/adapter-')) problems.push(`must not depend on another adapter (${name})`);
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

const importPattern =
  /(?:^|\s)(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Imports stay inside the package; no other adapter; production code imports only its dependencies. */
export function checkImports({ dir }: AdapterPackage): string[] {
  if (!existsSync(join(dir, 'package.json'))) return [];
  const manifest = readManifest(dir);
  const runtime = new Set(Object.keys(manifest.dependencies ?? {}));
  const anything = new Set([...runtime, ...Object.keys(manifest.devDependencies ?? {})]);
  const problems: string[] = [];
  for (const file of sourceFiles(join(dir, 'src'))) {
    const name = relative(dir, file);
    const isTestCode = /\.test\.ts$|\.fixture\.ts$/.test(file);
    for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.')) {
        if (!resolve(file, '..', specifier).startsWith(resolve(dir, 'src'))) {
          problems.push(`${name} imports '${specifier}' from outside the package's src`);
        }
        continue;
      }
      if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
      const dependency = packageName(specifier);
      if (dependency.startsWith('@unicart/adapter-')) {
        problems.push(`${name} imports another adapter (${specifier})`);
      } else if (!(isTestCode ? anything : runtime).has(dependency)) {
        problems.push(
          `${name} imports '${dependency}', which is not a declared ${isTestCode ? '' : 'runtime '}dependency`,
        );
      }
    }
  }
  return problems;
}

const pascalCase = (displayName: string) => displayName.replace(/[^A-Za-z0-9]/g, '');

/** The index re-exports the factory, the definition and the capabilities, and the definition is sound. */
export function checkExports(
  { id }: AdapterPackage,
  moduleExports: Record<string, unknown>,
  displayName: string,
) {
  const problems: string[] = [];
  const factory = `create${pascalCase(displayName)}Adapter`;
  if (typeof moduleExports[factory] !== 'function') problems.push(`index must export the factory ${factory}`);
  const definition = moduleExports[`${id}Platform`] as Record<string, unknown> | undefined;
  if (!definition) return [...problems, `index must export the definition ${id}Platform`];
  if (definition.specificationVersion !== 'v1')
    problems.push(`${id}Platform.specificationVersion must be 'v1'`);
  if (definition.platform !== id) problems.push(`${id}Platform.platform must be '${id}'`);
  if (typeof definition.create !== 'function') problems.push(`${id}Platform.create must be a function`);
  if (typeof definition.upstreamUrls !== 'function')
    problems.push(`${id}Platform.upstreamUrls must be a function`);
  if (!definition.credentialsSchema) problems.push(`${id}Platform must declare its credentialsSchema`);
  if (moduleExports[`${id}Capabilities`] !== definition.capabilities) {
    problems.push(`index must export ${id}Capabilities, the same object as ${id}Platform.capabilities`);
  }
  const capabilities = definition.capabilities as
    | { operations?: Record<string, unknown>; filters?: Record<string, unknown> }
    | undefined;
  const declaredOperations = Object.keys(capabilities?.operations ?? {}).sort();
  if (JSON.stringify(declaredOperations) !== JSON.stringify([...customerOperations].sort())) {
    problems.push('capabilities.operations must declare each of the seven operations as true or false');
  }
  for (const [filter, support] of Object.entries(capabilities?.filters ?? {})) {
    if (!(customerFilterNames as readonly string[]).includes(filter))
      problems.push(`unknown filter '${filter}'`);
    if (support !== 'native' && support !== 'emulated')
      problems.push(`filter '${filter}' must be native or emulated`);
  }
  for (const name of Object.keys(moduleExports)) {
    if (/Schema$/.test(name)) problems.push(`index must not export wire schemas (${name})`);
  }
  return problems;
}

/** Marks the failing test `pnpm new-adapter` writes; the conformance kit replaces it. */
export const placeholderTestMarker = '// new-adapter placeholder';

/** The adapter's suite runs core's conformance kit exactly once (a generated placeholder fails on its own). */
export function checkConformance({ dir, id }: AdapterPackage): string[] {
  const file = join(dir, 'src', `${id}-adapter.test.ts`);
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  if (text.includes(placeholderTestMarker) && text.includes('expect.fail(')) return [];
  const runs = text.match(/runAdapterConformance\(/g)?.length ?? 0;
  const problems: string[] = [];
  if (!text.includes("from '@unicart/core/testing'"))
    problems.push(`${id}-adapter.test.ts must import the kit from @unicart/core/testing`);
  if (runs !== 1)
    problems.push(`${id}-adapter.test.ts must call runAdapterConformance exactly once (found ${runs})`);
  return problems;
}

/** The README's capability tables are the ones generated from the declared capabilities. */
export function checkReadme(
  { dir }: AdapterPackage,
  definition: Parameters<typeof renderAdapterCapabilities>[0],
): string[] {
  const readme = join(dir, 'README.md');
  if (!existsSync(readme)) return [];
  const block = generatedBlock(readFileSync(readme, 'utf8'));
  if (block === null) return ['README.md lacks the generated capabilities block (run pnpm docs:generate)'];
  return block === renderAdapterCapabilities(definition)
    ? []
    : ['README.md capabilities block is out of date with the declared capabilities (run pnpm docs:generate)'];
}

/** What a thin driver leaves to core (docs/conventions.md §3, §10): calls, retries, sleeps, timeouts and error classes. */
const leftToCore: readonly [RegExp, string][] = [
  [/\bfetch\(/, "calls fetch (use core's createHttpClient)"],
  [
    /\bset(?:Timeout|Interval)\(|\bnew Promise\(/,
    "waits or sleeps itself (core's HTTP client retries and paces)",
  ],
  [/\bclass\s+\w+\s+extends\s+\w*Error\b/, "declares an error class (throw core's errors)"],
];

/** The adapter is a driver for core's pipeline and leaves transport and errors to core. */
export function checkThinDriver({ dir, id }: AdapterPackage): string[] {
  const problems: string[] = [];
  const adapterFile = join(dir, 'src', `${id}-adapter.ts`);
  // With or without explicit type arguments (`defineCustomerAdapter<Native, ...>(driver)`).
  const callsCore = (text: string) => /\bdefineCustomerAdapter\s*(?:<[\s\S]*?>)?\s*\(/.test(text);
  if (existsSync(adapterFile) && !callsCore(readFileSync(adapterFile, 'utf8'))) {
    problems.push(`${id}-adapter.ts must build its adapter with core's defineCustomerAdapter(driver)`);
  }
  for (const file of sourceFiles(join(dir, 'src'))) {
    if (/\.test\.ts$|\.fixture\.ts$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const [pattern, what] of leftToCore) {
      if (pattern.test(text)) problems.push(`${relative(dir, file)} ${what}`);
    }
  }
  return problems;
}
