/**
 * A checksum of everything the database holds, to prove that a refused request changed nothing.
 * Left out is only what changes, by design, on requests that are refused or on no request at all:
 * - sign_in_counters: a refused sign-in attempt is counted, that is how the limiter works;
 * - api_keys.last_used_at and actors.last_seen_at: written when a credential is used, before the
 *   route decides anything (to the minute, see lib/auth/credentials.ts);
 * - the delivery state of webhook_deliveries: the dispatcher works on it in the background.
 *
 * Checksumming every table after every request costs far more than the request (the seeded
 * database holds thousands of rows), so the watch below only checksums the tables something
 * wrote to: a statement trigger on every table notes its name in a change log, and no trigger
 * can be skipped by the app (it never turns them off), so a table with no note is unchanged.
 * A full checksum now and then cross-checks that claim.
 */
import type pg from 'pg';

const SKIPPED_TABLES = ['sign_in_counters'];

const SKIPPED_COLUMNS: Record<string, string[]> = {
  api_keys: ['last_used_at'],
  actors: ['last_seen_at'],
  webhook_deliveries: [
    'status',
    'attempts',
    'consecutive_failures',
    'next_attempt_at',
    'last_attempt_at',
    'last_status_code',
    'last_error',
    'delivered_at',
  ],
};

// Outside the public schema, so that neither the checksum nor the app ever sees it.
const WATCH_SCHEMA = 'fuzz_watch';

export type Checksums = Record<string, string>;

export interface TableWatch {
  /**
   * The tables whose content differs from the previous check. With `full`, every table is
   * checksummed, and `unnoticed` names those that changed though no trigger fired.
   */
  check(options?: { full?: boolean }): Promise<{ changed: string[]; unnoticed: string[] }>;
  /** Drops the triggers and the change log. */
  stop(): Promise<void>;
}

function checksumOf(name: string): string {
  const skipped = (SKIPPED_COLUMNS[name] ?? []).map((column) => `'${column}'`).join(', ');
  const row = skipped ? `(to_jsonb(t) - ARRAY[${skipped}]::text[])::text` : 'to_jsonb(t)::text';
  return `SELECT '${name}' AS name, md5(coalesce(string_agg(${row}, ',' ORDER BY ${row}), '')) AS sum FROM "${name}" t`;
}

async function checksum(db: pg.Client, tables: string[]): Promise<Checksums> {
  if (tables.length === 0) return {};
  const { rows } = await db.query<{ name: string; sum: string }>(tables.map(checksumOf).join('\nUNION ALL\n'));
  return Object.fromEntries(rows.map((row) => [row.name, row.sum]));
}

/** Installs the change log and its triggers in the database `db` is connected to (never a migration). */
export async function watchTables(db: pg.Client): Promise<TableWatch> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1))
      ORDER BY table_name`,
    [SKIPPED_TABLES],
  );
  const tables = rows.map((row) => row.name);
  // A plain insert per statement: concurrent writers never wait on each other for it (a counter
  // row would serialize them), and a rolled-back write leaves no note.
  await db.query(`
    DROP SCHEMA IF EXISTS ${WATCH_SCHEMA} CASCADE;
    CREATE SCHEMA ${WATCH_SCHEMA};
    CREATE TABLE ${WATCH_SCHEMA}.changes (table_name text NOT NULL);
    CREATE FUNCTION ${WATCH_SCHEMA}.note_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ${WATCH_SCHEMA}.changes VALUES (TG_TABLE_NAME);
      RETURN NULL;
    END $$;
    ${tables
      .map(
        (name) =>
          `CREATE TRIGGER fuzz_watch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${name}"
             FOR EACH STATEMENT EXECUTE FUNCTION ${WATCH_SCHEMA}.note_change();`,
      )
      .join('\n')}`);
  let last = await checksum(db, tables);

  return {
    async check({ full = false } = {}) {
      // One snapshot for the notes taken and the tables read: a write that commits in between is
      // in neither, and its note stays for the next check.
      await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      let now: Checksums;
      let noted: Set<string>;
      try {
        const taken = await db.query<{ name: string }>(
          `DELETE FROM ${WATCH_SCHEMA}.changes RETURNING table_name AS name`,
        );
        noted = new Set(taken.rows.map((row) => row.name));
        now = await checksum(db, full ? tables : tables.filter((name) => noted.has(name)));
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK');
        throw error;
      }
      const changed = Object.keys(now).filter((name) => last[name] !== now[name]);
      last = { ...last, ...now };
      return { changed, unnoticed: changed.filter((name) => !noted.has(name)) };
    },
    async stop() {
      await db.query(`DROP SCHEMA IF EXISTS ${WATCH_SCHEMA} CASCADE`);
    },
  };
}
