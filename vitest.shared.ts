import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The one vitest configuration every package extends: loopback-only network, JSON results,
 * and workspace packages resolved to their source so tests never run against a stale build.
 */
export function defineUnicartTestConfig() {
  return defineConfig({
    define: { __PACKAGE_VERSION__: JSON.stringify('0.0.0-test') },
    resolve: {
      alias: [
        { find: /^@unicart\/core\/testing$/, replacement: fromRoot('./packages/core/src/testing/index.ts') },
        { find: /^@unicart\/core$/, replacement: fromRoot('./packages/core/src/index.ts') },
        { find: /^@unicart\/sandbox$/, replacement: fromRoot('./apps/sandbox/src/index.ts') },
        {
          find: /^@unicart\/adapter-([a-z0-9]+)$/,
          replacement: fromRoot('./packages/adapter-$1/src/index.ts'),
        },
      ],
    },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      setupFiles: [fromRoot('./test/block-network.ts')],
      // Always written (git-ignored): CI sums them, and turbo caches them as the task's output.
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results.json' },
      testTimeout: 20_000,
      // Starting a simulator (Shopify's builds a 98 000-line schema) is a file's setup; a loaded machine needs time.
      hookTimeout: 60_000,
      restoreMocks: true,
    },
  });
}
