import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, expect, inject, it } from 'vitest';
import { dropDatabase, recreateDatabase } from '../../test/db';
import { migrate } from './migrator';

// An upgrade, not a fresh install: overlays that already have history when the migration that
// adds `snapshot_bytes` runs must be counted, or they could grow past the limit it enforces.
const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const HISTORY_SIZE_MIGRATION = '20261129400200_history_size';
const SCRATCH_DATABASE = 'review_inbox_backfill_scratch';
const serverUrl = inject('databaseUrl');

let scratchUrl: string;
let before: string;
let client: pg.Client;

beforeEach(async () => {
  scratchUrl = await recreateDatabase(serverUrl, SCRATCH_DATABASE);
  before = await fs.mkdtemp(path.join(tmpdir(), 'review-inbox-migrations-before-'));
  for (const entry of await fs.readdir(MIGRATIONS_DIR, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name < HISTORY_SIZE_MIGRATION) {
      await fs.cp(path.join(MIGRATIONS_DIR, entry.name), path.join(before, entry.name), { recursive: true });
    }
  }
  client = new pg.Client({ connectionString: scratchUrl });
  await client.connect();
});

afterEach(async () => {
  await client.end();
  await fs.rm(before, { recursive: true, force: true });
});

afterAll(async () => {
  await dropDatabase(serverUrl, SCRATCH_DATABASE);
});

it('counts the snapshots of overlays that existed before it, in UTF-8 bytes', async () => {
  await migrate(scratchUrl, { migrationsDir: before });
  const snapshots = ['{"vendor":"Acme GmbH","total":1200.5}', '{"vendor":"Müller AG"}', '{}'];
  await client.query(
    `
    WITH org AS (INSERT INTO organizations (slug, name) VALUES ('acme', 'Acme') RETURNING id),
    model AS (INSERT INTO actors (organization_id, public_id, kind, display_name)
              SELECT id, 'gpt-4.1', 'model', 'GPT-4.1' FROM org RETURNING id, organization_id),
    run AS (INSERT INTO workflow_runs (organization_id, run_id, workflow_id)
            SELECT id, 'run-1', 'wf' FROM org RETURNING id, organization_id),
    ov AS (INSERT INTO overlays (organization_id, run_pk, workflow_id, workflow_version_id, workflow_run_id, block_id,
                                 block_run_id, block_type, triggered_by, awaiting_since, head_seq, gate_fingerprint)
           SELECT organization_id, id, 'wf', 'v1', 'run-1', b, 'run-1:' || b, 'extract', '{"kind":"always"}', now(),
                  CASE b WHEN 'edited' THEN 2 ELSE 0 END, 'fp'
             FROM run, (VALUES ('edited'), ('untouched')) AS blocks(b)
           RETURNING id, block_id)
    INSERT INTO output_versions (overlay_id, seq, parent_seq, origin, author_id, snapshot, content_sha256)
    SELECT ov.id, s.seq, nullif(s.seq - 1, -1), CASE s.seq WHEN 0 THEN 'model_output' ELSE 'human_edit' END::version_origin,
           model.id, s.snapshot::json, 'sha'
      FROM ov, model, (VALUES (0, $1), (1, $2), (2, $3)) AS s(seq, snapshot)
     WHERE ov.block_id = 'edited' OR s.seq = 0`,
    snapshots,
  );

  expect(await migrate(scratchUrl)).toContain(HISTORY_SIZE_MIGRATION);

  const sizes = await client.query<{ block_id: string; snapshot_bytes: number }>(
    'SELECT block_id, snapshot_bytes FROM overlays ORDER BY block_id',
  );
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
  expect(sizes.rows).toEqual([
    { block_id: 'edited', snapshot_bytes: snapshots.reduce((sum, text) => sum + bytes(text), 0) },
    { block_id: 'untouched', snapshot_bytes: bytes(snapshots[0]!) },
  ]);
});
