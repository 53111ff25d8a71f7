import { PrismaPg } from '@prisma/adapter-pg';
import { env } from '../env';
import { connectionOptions } from './connection-options';
import { PrismaClient } from './generated/client';
import { statementName } from './statement-names';

// Next.js dev re-evaluates modules on every edit: without this, each reload would open a new pool.
const cache = globalThis as typeof globalThis & { reviewInboxPrisma?: PrismaClient };

function createPrismaClient(): PrismaClient {
  const connectionString = env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      'DATABASE_URL is not set. Start the app through its launcher, which starts the embedded ' +
        'database and sets DATABASE_URL, or set DATABASE_URL to a PostgreSQL database yourself.',
    );
  }
  return new PrismaClient({
    adapter: new PrismaPg(
      { ...connectionOptions(connectionString), max: env.DATABASE_POOL_SIZE },
      // Unnamed, PostgreSQL parses and plans every statement again: 41% of its CPU in issue #9.
      env.DATABASE_PREPARED_STATEMENTS ? { statementNameGenerator: (query) => statementName(query.sql) } : {},
    ),
  });
}

/**
 * The one Prisma client. It is created on first use rather than at import, because `next build`
 * imports route modules where no database is configured.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, key) {
    cache.reviewInboxPrisma ??= createPrismaClient();
    const client = cache.reviewInboxPrisma;
    const value: unknown = Reflect.get(client, key, client);
    return typeof value === 'function' ? value.bind(client) : value;
  },
});
