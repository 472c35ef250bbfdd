import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The one vitest configuration every package extends: loopback-only network, JSON results for CI. */
export function defineUnicartTestConfig() {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      setupFiles: [fileURLToPath(new URL('./test/block-network.ts', import.meta.url))],
      reporters: process.env.CI ? ['default', 'json'] : ['default'],
      outputFile: { json: 'test-results.json' },
      testTimeout: 20_000,
      restoreMocks: true,
    },
  });
}
