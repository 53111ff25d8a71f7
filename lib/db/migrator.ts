import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

// The key `prisma migrate deploy` locks too, so our runs and Prisma's never overlap.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

// Prisma's own definition, column for column, so that `prisma migrate deploy` and
// `prisma migrate status` read our history as theirs.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

type MigrationFile = { name: string; sql: string; checksum: string };
type MigrationRow = { migration_name: string; checksum: string; finished_at: Date | null };

/**
 * Applies the migrations under prisma/migrations that the database lacks, in name order, each in
 * its own transaction, and returns their names. Refuses to run when history was rewritten.
 */
export async function migrate(
  databaseUrl: string,
  { migrationsDir = MIGRATIONS_DIR }: { migrationsDir?: string } = {},
): Promise<string[]> {
  const files = await readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // A session lock: it outlives each migration's transaction and is released with the connection.
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    // Rolled-back rows are, for Prisma, migrations to apply again.
    const { rows } = await client.query<MigrationRow>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const applied = checkHistory(rows, files, migrationsDir);

    const pending = files.filter((file) => !applied.has(file.name));
    for (const file of pending) await applyMigration(client, file);
    return pending.map((file) => file.name);
  } finally {
    await client.end();
  }
}

async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(path.join(migrationsDir, name, 'migration.sql'));
      return { name, sql: sql.toString('utf8'), checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

function checkHistory(rows: MigrationRow[], files: MigrationFile[], migrationsDir: string): Set<string> {
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const row of rows) {
    const name = row.migration_name;
    if (row.finished_at === null) {
      throw new Error(
        `Migration ${name} started but never finished (a failed \`prisma migrate deploy\`?). ` +
          'Repair the database by hand, then mark it with `prisma migrate resolve`.',
      );
    }
    const file = byName.get(name);
    if (!file) {
      throw new Error(
        `Migration ${name} is applied to the database but its folder is missing from ${migrationsDir}. ` +
          'Restore the folder: applied migrations must never be deleted.',
      );
    }
    if (file.checksum !== row.checksum) {
      throw new Error(
        `Migration ${name} was modified after it was applied (checksum ${row.checksum} in the database, ` +
          `${file.checksum} on disk). Revert the change and put it in a new migration instead.`,
      );
    }
  }
  return new Set(rows.map((row) => row.migration_name));
}

async function applyMigration(client: pg.Client, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)', [
      id,
      file.checksum,
      file.name,
    ]);
    // No parameters: the simple query protocol, which accepts a whole script.
    await client.query(file.sql);
    await client.query(
      'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    // If the connection itself broke, the original error is the one worth reporting.
    await client.query('ROLLBACK').catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${file.name} failed and was rolled back: ${reason}`, { cause: error });
  }
}
