// `pnpm new-adapter <id> "<Display Name>"`: creates packages/adapter-<id> from the template.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAdapter } from './generate-adapter.ts';

const [id, displayName] = process.argv.slice(2);
if (!id || !displayName) {
  console.error(
    'Usage: pnpm new-adapter <id> "<Display Name>"   e.g. pnpm new-adapter bigcommerce "BigCommerce"',
  );
  process.exit(2);
}
const root = fileURLToPath(new URL('../../..', import.meta.url));
try {
  const { files } = generateAdapter({ root, id, displayName });
  console.log(
    `Created @unicart/adapter-${id}:\n${files.map((file) => `  ${relative(root, file)}`).join('\n')}`,
  );
  console.log(
    [
      '',
      'Next:',
      '  pnpm install',
      `  pnpm --filter @unicart/adapter-${id} test   # fails on the placeholder test: it lists what to fill in first`,
      '  then follow CONTRIBUTING.md, "Add a platform".',
    ].join('\n'),
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
