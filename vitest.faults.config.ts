import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The fault suite (`npm run test:faults`): production servers on the build in .next (made by
 * `next build`, or by the browser tests before it in `npm test`) over a cluster of its own.
 */
export default defineConfig({
  resolve: {
    alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }],
  },
  test: {
    name: 'faults',
    environment: 'node',
    include: ['test/faults/**/*.faults.test.ts'],
    exclude: [...configDefaults.exclude, '**/.next/**', '**/.data/**'],
    globalSetup: ['./test/faults/build-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
