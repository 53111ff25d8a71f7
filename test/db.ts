import pg from 'pg';
import { env } from '../lib/env';

/** The database every `*.db.test.ts` runs against; test/db-global-setup.ts creates it afresh. */
export const TEST_DATABASE = 'review_inbox_test';

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/**
 * Drops `database` if it exists and creates it empty on the server of `serverUrl`, connecting
 * through the database that URL names, which is never the one dropped. Returns its URL.
 */
export async function recreateDatabase(serverUrl: string, database: string): Promise<string> {
  await withServer(serverUrl, database, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  return databaseUrlFor(serverUrl, database);
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withServer(serverUrl, database, (client, name) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function withServer(
  serverUrl: string,
  database: string,
  work: (client: pg.Client, quotedName: string) => Promise<unknown>,
): Promise<void> {
  if (databaseNameOf(serverUrl) === database) {
    throw new Error(`Refusing to drop ${database}: it is the database named in ${serverUrl}.`);
  }
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client, client.escapeIdentifier(database));
  } finally {
    await client.end();
  }
}

/**
 * Empties every application table in one statement. The list comes from pg_tables, so a new
 * table is never forgotten; TRUNCATE also bypasses the row triggers that refuse DELETE on history.
 */
export async function resetDatabase(): Promise<void> {
  const url = env.DATABASE_URL;
  // A guard worth its line: this statement empties whatever database it reaches.
  if (!url || databaseNameOf(url) !== TEST_DATABASE) {
    throw new Error(`resetDatabase() only runs against ${TEST_DATABASE}, not ${url ?? 'an unset DATABASE_URL'}.`);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      DO $$
      DECLARE
        tables text;
      BEGIN
        SELECT string_agg(format('%I.%I', schemaname, tablename), ', ')
          INTO tables
          FROM pg_tables
         WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations';
        IF tables IS NOT NULL THEN
          EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE';
        END IF;
      END
      $$`);
  } finally {
    await client.end();
  }
}
