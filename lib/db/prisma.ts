import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { env } from '../env';
import { connectionOptions } from './connection-options';
import { PrismaClient } from './generated/client';
import { statementName } from './statement-names';

/**
 * The process's connections to PostgreSQL: one `pg` pool, which the Prisma client and the
 * hand-written SQL of lib/db/sql.ts share.
 */
interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
}

// Next.js dev re-evaluates modules on every edit: without this, each reload would open a new pool.
const cache = globalThis as typeof globalThis & { reviewInboxDatabase?: Database };

function createDatabase(): Database {
  const connectionString = env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      'DATABASE_URL is not set. Start the app through its launcher, which starts the embedded ' +
        'database and sets DATABASE_URL, or set DATABASE_URL to a PostgreSQL database yourself.',
    );
  }
  const pool = new pg.Pool({ ...connectionOptions(connectionString), max: env.DATABASE_POOL_SIZE });
  // A connection that dies while idle (a database restart) leaves the pool, and the next query
  // connects afresh; unhandled, the pool's 'error' event would end the process.
  pool.on('error', () => {});
  const adapter = new PrismaPg(pool, {
    // `$disconnect()` ends the pool too.
    disposeExternalPool: true,
    // Unnamed, PostgreSQL parses and plans every statement again: 41% of its CPU in issue #9.
    ...(env.DATABASE_PREPARED_STATEMENTS ? { statementNameGenerator: (query) => statementName(query.sql) } : {}),
  });
  return { prisma: new PrismaClient({ adapter }), pool };
}

/** Created on first use rather than at import, because `next build` imports route modules where no database is configured. */
function database(): Database {
  cache.reviewInboxDatabase ??= createDatabase();
  return cache.reviewInboxDatabase;
}

/** The one Prisma client. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, key) {
    const client = database().prisma;
    const value: unknown = Reflect.get(client, key, client);
    return typeof value === 'function' ? value.bind(client) : value;
  },
});

/** The one pool, for SQL sent without Prisma (lib/db/sql.ts). */
export function databasePool(): pg.Pool {
  return database().pool;
}
