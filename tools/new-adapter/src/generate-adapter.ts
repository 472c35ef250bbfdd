import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const templateDir = fileURLToPath(new URL('../template', import.meta.url));

export interface NewAdapterRequest {
  /** Repository root. */
  readonly root: string;
  /** Platform id: lower case letters and digits (`bigcommerce`). */
  readonly id: string;
  /** Human name (`BigCommerce`); its letters make the identifiers (`createBigCommerceAdapter`). */
  readonly displayName: string;
}

/** What was written, for the command to report. */
export interface NewAdapterResult {
  readonly packageDir: string;
  readonly files: string[];
}

export function validateRequest({ root, id, displayName }: NewAdapterRequest): string[] {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9]*$/.test(id))
    problems.push(`the id '${id}' must be lower case letters and digits, e.g. bigcommerce`);
  if (!/^[A-Za-z][A-Za-z0-9 .-]*$/.test(displayName)) {
    problems.push(
      `the display name '${displayName}' must start with a letter and hold letters, digits, spaces, dots or dashes`,
    );
  }
  if (existsSync(join(root, 'packages', `adapter-${id}`)))
    problems.push(`packages/adapter-${id} exists already`);
  return problems;
}

function readJson<Value>(path: string): Value {
  return JSON.parse(readFileSync(path, 'utf8')) as Value;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([left], [right]) => left.localeCompare(right)));
}

/** Tokens of the template, with the dependency ranges core uses so every package stays in step. */
function tokens(request: NewAdapterRequest): Record<string, string> {
  const core = readJson<{ dependencies: Record<string, string>; devDependencies: Record<string, string> }>(
    join(request.root, 'packages', 'core', 'package.json'),
  );
  const pascal = request.displayName.replace(/[^A-Za-z0-9]/g, '');
  return {
    '{{id}}': request.id,
    '{{Id}}': pascal,
    '{{ID}}': request.id.toUpperCase(),
    '{{displayName}}': request.displayName,
    '{{zodRange}}': core.dependencies.zod ?? '*',
    '{{tsupRange}}': core.devDependencies.tsup ?? '*',
    '{{typescriptRange}}': core.devDependencies.typescript ?? '*',
    '{{vitestRange}}': core.devDependencies.vitest ?? '*',
  };
}

function fill(text: string, values: Record<string, string>): string {
  return Object.entries(values).reduce((result, [token, value]) => result.split(token).join(value), text);
}

function copyTemplate(from: string, to: string, values: Record<string, string>, written: string[]): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name.replace('__id__', values['{{id}}'] ?? '').replace(/\.tmpl$/, ''));
    if (statSync(source).isDirectory()) copyTemplate(source, target, values, written);
    else {
      writeFileSync(target, fill(readFileSync(source, 'utf8'), values));
      written.push(target);
    }
  }
}

/** Adds the adapter to the gateway's registry: one import and one line in the platform list. */
function registerInGateway(root: string, id: string, written: string[]): void {
  const registry = join(root, 'apps', 'gateway', 'src', 'platforms.ts');
  const source = readFileSync(registry, 'utf8');
  const importLine = `import { ${id}Platform } from '@unicart/adapter-${id}';\n`;
  const listStart = source.lastIndexOf('createPlatformRegistry([');
  const listEnd = source.indexOf(']', listStart);
  if (listStart === -1 || listEnd === -1) throw new Error(`Cannot find the platform list in ${registry}`);
  const entries = source
    .slice(listStart + 'createPlatformRegistry(['.length, listEnd)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const list = `createPlatformRegistry([\n${[...entries, `${id}Platform`].map((entry) => `  ${entry},`).join('\n')}\n`;
  const registered = `${source.slice(0, listStart)}${list}${source.slice(listEnd)}`;
  // Biome sorts imports: the new one goes before the first import that sorts after it.
  const importLines = [...registered.matchAll(/^import .* from '([^']+)';$/gm)];
  const next = importLines.find((match) => (match[1] ?? '') > `@unicart/adapter-${id}`);
  const insertAt = next?.index ?? registered.indexOf('\n', importLines.at(-1)?.index ?? 0) + 1;
  writeFileSync(registry, `${registered.slice(0, insertAt)}${importLine}${registered.slice(insertAt)}`);
  written.push(registry);
  for (const manifestPath of [
    join(root, 'apps', 'gateway', 'package.json'),
    join(root, 'tools', 'repo-checks', 'package.json'),
  ]) {
    if (!existsSync(manifestPath)) continue;
    const manifest = readJson<Record<string, Record<string, string>>>(manifestPath);
    const field = manifestPath.includes('gateway') ? 'dependencies' : 'devDependencies';
    manifest[field] = sortedRecord({ ...manifest[field], [`@unicart/adapter-${id}`]: 'workspace:^' });
    writeJson(manifestPath, manifest);
    written.push(manifestPath);
  }
}

/** Formats what was written with the project's formatter, so identifiers of any length stay Biome clean. */
function formatWithBiome(root: string, files: readonly string[]): void {
  const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  const formattable = files.filter((file) => /\.(?:ts|json)$/.test(file));
  const run = spawnSync(
    process.execPath,
    [biome, 'format', '--write', '--vcs-enabled=false', ...formattable],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (run.status !== 0)
    throw new Error(`Biome could not format the new adapter:\n${run.stdout}${run.stderr}`);
}

/**
 * Creates packages/adapter-<id> from the template: renamed files and identifiers, a failing
 * placeholder test that says what to fill in first, a README skeleton, a `minor` changeset, and
 * the registration in the gateway.
 */
export function generateAdapter(request: NewAdapterRequest): NewAdapterResult {
  const problems = validateRequest(request);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const values = tokens(request);
  const packageDir = join(request.root, 'packages', `adapter-${request.id}`);
  const files: string[] = [];
  copyTemplate(templateDir, packageDir, values, files);
  mkdirSync(join(packageDir, 'src', '__fixtures__'), { recursive: true });
  const changeset = join(request.root, '.changeset', `adapter-${request.id}-initial.md`);
  writeFileSync(
    changeset,
    `---\n"@unicart/adapter-${request.id}": minor\n---\n\nNew adapter for ${request.displayName} customers.\n`,
  );
  files.push(changeset);
  registerInGateway(request.root, request.id, files);
  formatWithBiome(request.root, files);
  return { packageDir, files };
}
