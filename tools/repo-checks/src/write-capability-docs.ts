// Regenerates the capability tables of every adapter README and the matrix of the root README from
// the adapters' declared capabilities. Run with `pnpm docs:generate` (it builds the adapters first).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listAdapterPackages } from './adapter-structure.ts';
import {
  type DocumentedPlatform,
  renderAdapterCapabilities,
  renderCapabilityMatrix,
  withGeneratedBlock,
} from './capability-docs.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const definitions: DocumentedPlatform[] = [];
for (const adapter of listAdapterPackages(join(root, 'packages'))) {
  const built = pathToFileURL(join(adapter.dir, 'dist', 'index.js')).href;
  const definition = ((await import(built)) as Record<string, DocumentedPlatform>)[`${adapter.id}Platform`];
  if (!definition) throw new Error(`${adapter.dir} does not export ${adapter.id}Platform`);
  definitions.push(definition);
  const readme = join(adapter.dir, 'README.md');
  writeFileSync(
    readme,
    withGeneratedBlock(readFileSync(readme, 'utf8'), renderAdapterCapabilities(definition)),
  );
}
const rootReadme = join(root, 'README.md');
writeFileSync(
  rootReadme,
  withGeneratedBlock(readFileSync(rootReadme, 'utf8'), renderCapabilityMatrix(definitions)),
);
console.log(
  `Capability tables written for ${definitions.map((definition) => definition.platform).join(', ')}`,
);
