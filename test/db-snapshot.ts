/**
 * A comparable picture of what the API can change in the test database: every overlay and run row
 * as stored, and the row count of every history table. Two equal snapshots mean nothing was written.
 */
import { prisma } from '@/lib/db/prisma';

export interface DbSnapshot {
  overlays: unknown[];
  runs: unknown[];
  counts: Record<string, number>;
}

const COUNTED = [
  'output_versions',
  'decisions',
  'audit_entries',
  'outbox_events',
  'idempotency_records',
  'overlays',
  'workflow_runs',
  'actors',
] as const;

export async function dbSnapshot(): Promise<DbSnapshot> {
  const overlays = await prisma.$queryRawUnsafe<unknown[]>(
    `SELECT row_to_json(o)::text AS row FROM overlays o ORDER BY o.id`,
  );
  const runs = await prisma.$queryRawUnsafe<unknown[]>(
    `SELECT row_to_json(r)::text AS row FROM workflow_runs r ORDER BY r.id`,
  );
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const rows = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0]?.n ?? -1;
  }
  return { overlays, runs, counts };
}

/** Row counts of one overlay's history (by its `_id`, `<run>:<block>`), for race assertions. */
export async function overlayCounts(organizationId: string, blockRunId: string) {
  const [row] = await prisma.$queryRaw<
    { versions: number; decisions: number; audit: number; outbox: number; idempotency: number }[]
  >`
    SELECT (SELECT count(*)::int FROM output_versions WHERE overlay_id = o.id) AS versions,
           (SELECT count(*)::int FROM decisions WHERE overlay_id = o.id) AS decisions,
           (SELECT count(*)::int FROM audit_entries WHERE overlay_id = o.id) AS audit,
           (SELECT count(*)::int FROM outbox_events WHERE overlay_id = o.id) AS outbox,
           (SELECT count(*)::int FROM idempotency_records WHERE overlay_id = o.id) AS idempotency
      FROM overlays o
     WHERE o.organization_id = ${organizationId}::uuid AND o.block_run_id = ${blockRunId}`;
  if (!row) throw new Error(`no overlay ${blockRunId}`);
  return row;
}

/**
 * Every row an administration route can change, as stored, apart from the last-use times that
 * any authenticated request may move: equal pictures mean a refused call wrote nothing.
 */
export async function adminSnapshot(): Promise<Record<string, unknown[]>> {
  const tables = {
    actors: `to_jsonb(t) - 'last_seen_at'`,
    api_keys: `to_jsonb(t) - 'last_used_at'`,
    sessions: 'to_jsonb(t)',
    invites: 'to_jsonb(t)',
    webhook_endpoints: 'to_jsonb(t)',
    webhook_deliveries: 'to_jsonb(t)',
    outbox_events: 'to_jsonb(t)',
  };
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, row] of Object.entries(tables)) {
    snapshot[table] = await prisma.$queryRawUnsafe<unknown[]>(`SELECT ${row} AS row FROM ${table} t ORDER BY t.id`);
  }
  return snapshot;
}
