import type pg from 'pg';

/**
 * How long the app waits on PostgreSQL before giving up, so that a database that is down, frozen
 * or cut off by a partition costs a request a few seconds and a 503, never a hang.
 */
export const CONNECT_TIMEOUT_MS = 3_000;
export const STATEMENT_TIMEOUT_MS = 4_000;

/** The options of every app connection, pooled (lib/db/prisma.ts) or single (the LISTEN connection). */
export function connectionOptions(connectionString: string): pg.ClientConfig & pg.PoolConfig {
  return {
    connectionString,
    // Also bounds the wait for a free connection of a pool that is full of stuck ones.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Server side: a statement that runs too long is cancelled (57014) and frees its connection.
    statement_timeout: STATEMENT_TIMEOUT_MS,
    // Client side, for a server that cannot even cancel: frozen, or unreachable mid-query.
    query_timeout: STATEMENT_TIMEOUT_MS + 1_000,
    keepAlive: true,
  };
}
