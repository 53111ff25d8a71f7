import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { migrate } from '../lib/db/migrator';
import { env } from '../lib/env';
import { recreateDatabase, TEST_DATABASE } from './db';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * Gives the db tests a freshly migrated `review_inbox_test`, on the server of DATABASE_URL when
 * one is set (its own database is left untouched) or else on a dedicated embedded cluster.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configuredUrl = env.DATABASE_URL;
  const server = configuredUrl
    ? { url: configuredUrl, stop: async () => {} }
    : await startEmbeddedPostgres({ name: 'test-postgres', port: env.TEST_PG_PORT });

  try {
    const url = await recreateDatabase(server.url, TEST_DATABASE);
    await migrate(url);
    // Workers are forked after global setup and inherit this, so lib/db/prisma.ts (which reads
    // DATABASE_URL through lib/env.ts) connects to the test database, never the configured one.
    process.env.DATABASE_URL = url;
    project.provide('databaseUrl', url);
  } catch (error) {
    await server.stop();
    throw error;
  }

  return async () => {
    if (configuredUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = configuredUrl;
    await server.stop();
  };
}
