/**
 * The fuzzer's cheap "nothing changed" check (e2e/fuzz/db-checksum.ts) must see every write a
 * full checksum would, and its periodic full checksum must catch a write that fired no trigger.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TableWatch, watchTables } from '../e2e/fuzz/db-checksum';
import { env } from '../lib/env';
import { resetDatabase } from './db';
import { createTeam, type TestTeam } from './fixtures';

let db: pg.Client;
let writer: pg.Client;
let watch: TableWatch;
let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('watch');
  db = new pg.Client({ connectionString: env.DATABASE_URL });
  writer = new pg.Client({ connectionString: env.DATABASE_URL });
  await Promise.all([db.connect(), writer.connect()]);
  watch = await watchTables(db);
});

afterEach(async () => {
  await watch.stop();
  await Promise.all([db.end(), writer.end()]);
});

describe('the fuzzer’s table watch', () => {
  it('names the tables a write changed, and only until they are checked', async () => {
    await writer.query(`UPDATE organizations SET name = 'renamed' WHERE id = $1`, [team.organizationId]);
    await writer.query('DELETE FROM api_keys WHERE actor_id = (SELECT id FROM actors WHERE public_id = $1)', [
      team.lead.id,
    ]);
    expect((await watch.check()).changed.sort()).toEqual(['api_keys', 'organizations']);
    expect((await watch.check()).changed).toEqual([]);
  });

  it('ignores statements that change nothing and the columns written by design', async () => {
    await writer.query(`UPDATE organizations SET name = name WHERE id = $1`, [team.organizationId]);
    await writer.query('UPDATE api_keys SET last_used_at = now()');
    expect(await watch.check()).toEqual({ changed: [], unnoticed: [] });
  });

  it('does not see a rolled-back write', async () => {
    await writer.query('BEGIN');
    await writer.query(`UPDATE organizations SET name = 'never' WHERE id = $1`, [team.organizationId]);
    await writer.query('ROLLBACK');
    expect((await watch.check()).changed).toEqual([]);
  });

  it('catches, on a full check, a write that fired no trigger', async () => {
    // The one way past a trigger: a session that turns them off, which the app never does.
    await writer.query(`SET session_replication_role = replica`);
    await writer.query(`UPDATE organizations SET name = 'sneaky' WHERE id = $1`, [team.organizationId]);
    expect((await watch.check()).changed).toEqual([]);
    expect(await watch.check({ full: true })).toEqual({ changed: ['organizations'], unnoticed: ['organizations'] });
  });
});
