import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const exclude = [...configDefaults.exclude, '**/.next/**', '**/.data/**', 'e2e/**'];

export default defineConfig({
  resolve: {
    alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['**/*.test.ts'],
          // The fault suite has a config of its own (vitest.faults.config.ts): it needs a build.
          exclude: [...exclude, '**/*.db.test.ts', '**/*.faults.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          // React hooks need a DOM; the other projects stay on plain Node.
          name: 'hooks',
          environment: 'happy-dom',
          include: ['**/*.test.tsx'],
          exclude,
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          environment: 'node',
          include: ['**/*.db.test.ts'],
          exclude,
          globalSetup: ['./test/db-global-setup.ts'],
          // The sign-in tests stand in for a reverse proxy that sets X-Forwarded-For.
          env: { TRUST_PROXY: 'true' },
          // Every file shares one database, so one fork runs them one after another.
          pool: 'forks',
          fileParallelism: false,
          maxWorkers: 1,
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
