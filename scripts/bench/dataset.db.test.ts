/**
 * The benchmark's dataset is loaded with triggers off (replica mode), so it must write what they
 * would have: otherwise the benchmark measures reads of rows the app could never have written.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { env } from '../../lib/env';
import { resetDatabase } from '../../test/db';
import { generateDataset, HOT_EVERY } from './dataset';

const OVERLAYS = 2 * HOT_EVERY;
let pool: pg.Pool;

beforeAll(async () => {
  await resetDatabase();
  pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 1 });
  await generateDataset(pool, OVERLAYS);
}, 120_000);

afterAll(async () => {
  await pool.end();
  await resetDatabase();
});

const one = async (sql: string) => (await pool.query(sql)).rows[0] as Record<string, unknown>;

it('holds the overlays asked for, hot ones with long histories among them', async () => {
  expect(await one(`SELECT count(*)::int AS n, max(head_seq) AS longest FROM overlays`)).toEqual({
    n: OVERLAYS,
    longest: 49,
  });
});

it('gives every version the preview the insert trigger writes', async () => {
  const { versions, wrong } = await one(`
    SELECT count(*)::int AS versions,
           count(*) FILTER (WHERE preview::text IS DISTINCT FROM snapshot_preview(snapshot)::text)::int AS wrong
      FROM output_versions`);
  expect(versions).toBeGreaterThan(OVERLAYS);
  expect(wrong).toBe(0);
});

it('counts each history size as the version triggers would', async () => {
  const { wrong } = await one(`
    SELECT count(*)::int AS wrong FROM overlays o
     WHERE o.snapshot_bytes <> (SELECT sum(octet_length(v.snapshot::text)) FROM output_versions v WHERE v.overlay_id = o.id)`);
  expect(wrong).toBe(0);
});

it('keeps the tab counts the overlay triggers keep', async () => {
  const grouped = (from: string, count: string) =>
    pool
      .query(`SELECT organization_id, workflow_id, block_type, priority, status, ${count}::int AS n
                FROM ${from} GROUP BY 1, 2, 3, 4, 5 HAVING ${count} > 0 ORDER BY 1, 2, 3, 4, 5`)
      .then((result) => result.rows);
  const kept = await grouped('overlay_counts', 'sum(overlays)');
  expect(kept.length).toBeGreaterThan(10);
  expect(kept).toEqual(await grouped('overlays', 'count(*)'));
});
