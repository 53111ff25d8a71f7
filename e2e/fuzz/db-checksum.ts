/**
 * A checksum of everything the database holds, to prove that a refused request changed nothing.
 * Left out is only what changes, by design, on requests that are refused or on no request at all:
 * - sign_in_counters: a refused sign-in attempt is counted, that is how the limiter works;
 * - api_keys.last_used_at and actors.last_seen_at: written when a credential is used, before the
 *   route decides anything (to the minute, see lib/auth/credentials.ts);
 * - the delivery state of webhook_deliveries: the dispatcher works on it in the background.
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

/** One statement that checksums every table, built once from the catalog. */
export async function checksumQuery(db: pg.Client): Promise<string> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1))
      ORDER BY table_name`,
    [SKIPPED_TABLES],
  );
  const parts = rows.map(({ name }) => {
    const skipped = (SKIPPED_COLUMNS[name] ?? []).map((column) => `'${column}'`).join(', ');
    const row = skipped ? `(to_jsonb(t) - ARRAY[${skipped}]::text[])::text` : 'to_jsonb(t)::text';
    return `SELECT '${name}' AS name, md5(coalesce(string_agg(${row}, ',' ORDER BY ${row}), '')) AS sum FROM "${name}" t`;
  });
  return parts.join('\nUNION ALL\n');
}

export type Checksums = Record<string, string>;

export async function checksum(db: pg.Client, query: string): Promise<Checksums> {
  const { rows } = await db.query<{ name: string; sum: string }>(query);
  return Object.fromEntries(rows.map((row) => [row.name, row.sum]));
}

/** The tables whose checksum differs. */
export function changedTables(before: Checksums, after: Checksums): string[] {
  return Object.keys(after).filter((name) => before[name] !== after[name]);
}
