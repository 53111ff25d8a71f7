import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { dropDatabase, recreateDatabase } from '../../test/db';
import { migrate } from './migrator';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
// A database of its own on the test server, so that these runs never disturb the shared one.
const SCRATCH_DATABASE = 'review_inbox_migrator_scratch';
const serverUrl = inject('databaseUrl');

let scratchUrl: string;
let migrationsCopy: string;
let migrationNames: string[];

beforeEach(async () => {
  scratchUrl = await recreateDatabase(serverUrl, SCRATCH_DATABASE);
  migrationsCopy = await fs.mkdtemp(path.join(tmpdir(), 'review-inbox-migrations-'));
  await fs.cp(MIGRATIONS_DIR, migrationsCopy, { recursive: true });
  const entries = await fs.readdir(MIGRATIONS_DIR, { withFileTypes: true });
  migrationNames = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
});

afterEach(async () => {
  await fs.rm(migrationsCopy, { recursive: true, force: true });
});

afterAll(async () => {
  await dropDatabase(serverUrl, SCRATCH_DATABASE);
});

async function query<Row extends pg.QueryResultRow>(sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: scratchUrl });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migrate()', () => {
  it('applies every migration in name order and records each as Prisma does', async () => {
    expect(await migrate(scratchUrl)).toEqual(migrationNames);

    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>('SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name');
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const sql = await fs.readFile(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("creates _prisma_migrations with Prisma's exact columns", async () => {
    await migrate(scratchUrl);
    const columns = await query(`
      SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
        FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'
       ORDER BY ordinal_position`);
    const column = (name: string, type: string, length: number | null, nullable: boolean, fallback: string | null) => ({
      column_name: name,
      data_type: type,
      character_maximum_length: length,
      is_nullable: nullable ? 'YES' : 'NO',
      column_default: fallback,
    });
    expect(columns).toEqual([
      column('id', 'character varying', 36, false, null),
      column('checksum', 'character varying', 64, false, null),
      column('finished_at', 'timestamp with time zone', null, true, null),
      column('migration_name', 'character varying', 255, false, null),
      column('logs', 'text', null, true, null),
      column('rolled_back_at', 'timestamp with time zone', null, true, null),
      column('started_at', 'timestamp with time zone', null, false, 'now()'),
      column('applied_steps_count', 'integer', null, false, '0'),
    ]);
    const [primaryKey] = await query<{ columns: string[] }>(`
      SELECT ARRAY(SELECT a.attname::text FROM unnest(c.conkey) AS k(attnum)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns
        FROM pg_constraint c WHERE c.conrelid = '"_prisma_migrations"'::regclass AND c.contype = 'p'`);
    expect(primaryKey?.columns).toEqual(['id']);
  });

  it('applies nothing on a second run', async () => {
    await migrate(scratchUrl);
    expect(await migrate(scratchUrl)).toEqual([]);
    const [row] = await query<{ count: string }>('SELECT count(*) FROM "_prisma_migrations"');
    expect(Number(row?.count)).toBe(migrationNames.length);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const [first = ''] = migrationNames;
    await migrate(scratchUrl, { migrationsDir: migrationsCopy });
    await fs.appendFile(path.join(migrationsCopy, first, 'migration.sql'), '\n-- edited afterwards\n');

    await expect(migrate(scratchUrl, { migrationsDir: migrationsCopy })).rejects.toThrow(
      `Migration ${first} was modified after it was applied`,
    );
  });

  it('refuses to run when an applied migration folder is gone', async () => {
    const last = migrationNames.at(-1) ?? '';
    await migrate(scratchUrl, { migrationsDir: migrationsCopy });
    await fs.rm(path.join(migrationsCopy, last), { recursive: true });

    await expect(migrate(scratchUrl, { migrationsDir: migrationsCopy })).rejects.toThrow(
      `Migration ${last} is applied to the database but its folder is missing`,
    );
  });

  it('rolls a failing migration back whole and records nothing for it', async () => {
    const broken = '29991231000000_broken';
    await fs.mkdir(path.join(migrationsCopy, broken));
    await fs.writeFile(
      path.join(migrationsCopy, broken, 'migration.sql'),
      'CREATE TABLE "half_done" ("id" integer);\nSELECT 1 / 0;\n',
    );

    await expect(migrate(scratchUrl, { migrationsDir: migrationsCopy })).rejects.toThrow(
      `Migration ${broken} failed and was rolled back: division by zero`,
    );
    const recorded = await query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"');
    expect(recorded.map((row) => row.migration_name).sort()).toEqual(migrationNames);
    expect(await query(`SELECT to_regclass('half_done') AS half_done`)).toEqual([{ half_done: null }]);
  });

  it('lets concurrent runs apply each migration exactly once', async () => {
    const runs = await Promise.all([migrate(scratchUrl), migrate(scratchUrl), migrate(scratchUrl)]);

    expect(runs.flat().sort()).toEqual(migrationNames);
    expect(runs.filter((applied) => applied.length > 0)).toHaveLength(1);
    const rows = await query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"');
    expect(rows.map((row) => row.migration_name).sort()).toEqual(migrationNames);
  });
});
