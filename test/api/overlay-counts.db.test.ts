/**
 * The tab counts read from `overlay_counts` and the claims: after writers race (gate openings,
 * claims, decisions, reopens, all at once), the rollup must equal a count of the overlays, and
 * every count the route gives must equal the one statement that counted the overlays before it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import type { QueueCountsQuery } from '@/lib/reviews/schemas';
import { appendVersion, claim, countQueue, decide, openGate, reopen } from '@/lib/reviews/service';
import { resetDatabase } from '../db';
import { callerOf, createTeam, type TestActor, type TestTeam } from '../fixtures';

const BASE = Date.parse('2026-11-29T12:00:00.000Z');
const MINUTE = 60_000;
const WORKFLOWS = ['invoices', 'contracts'] as const;
const BLOCK_TYPES = ['extract', 'classifier'] as const;

let team: TestTeam;
let other: TestTeam;

interface Gate {
  key: { runId: string; blockId: string };
  rev: number;
  status: 'awaiting_review' | 'approved' | 'rejected';
  /** Who claims and decides it: a claim holds off everyone else. */
  reviewer: TestActor;
}

let runs = 0;
async function open(owner: TestTeam, n: number): Promise<Gate> {
  runs += 1;
  const key = { runId: `cells-${runs}`, blockId: 'extract' };
  const opened = await openGate(
    callerOf(owner.integration),
    {
      workflow_id: WORKFLOWS[n % 2]!,
      workflow_version_id: 'v1',
      workflow_run_id: key.runId,
      block_id: key.blockId,
      block_type: BLOCK_TYPES[Math.floor(n / 2) % 2]!,
      model_output: { total: runs },
      model: { id: 'gpt-4.1', display_name: 'GPT-4.1' },
      priority: n % 3,
    },
    () => new Date(BASE + n),
  );
  const reviewer = runs % 2 === 0 ? team.reviewer : team.reviewer2;
  return { key, rev: opened.overlay.rev, status: 'awaiting_review', reviewer };
}

/** Command `n` on `gate`: reopen a decided item; claim, reject or approve an awaiting one. */
async function act(gate: Gate, n: number, ttlMinutes = 10): Promise<void> {
  const clock = () => new Date(BASE + MINUTE + n);
  const reviewer = callerOf(gate.reviewer);
  const { overlay } =
    gate.status !== 'awaiting_review'
      ? await reopen(callerOf(team.lead), gate.key, { version_stamp: gate.rev, reason: 'again' }, clock)
      : n % 3 === 0
        ? await claim(reviewer, gate.key, { version_stamp: gate.rev, ttl_seconds: ttlMinutes * 60 }, clock)
        : await decide(
            reviewer,
            gate.key,
            n % 3 === 1
              ? { verdict: 'rejected', version_stamp: gate.rev, reason: 'no' }
              : { verdict: 'approved', version_stamp: gate.rev },
            clock,
          );
  Object.assign(gate, { rev: overlay.rev, status: overlay.parse().status });
}

const cells = (table: 'overlay_counts' | 'overlays') =>
  prisma.$queryRawUnsafe<Record<string, unknown>[]>(
    table === 'overlays'
      ? `SELECT organization_id, workflow_id, block_type::text, priority, status::text, count(*)::int AS overlays
           FROM overlays GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`
      : `SELECT organization_id, workflow_id, block_type::text, priority, status::text, overlays
           FROM overlay_counts WHERE overlays <> 0 ORDER BY 1, 2, 3, 4, 5`,
  );

/** Each count as the route computed it before the rollup: one pass over the view's overlays. */
async function countDirectly(actor: TestActor, query: QueueCountsQuery, now: Date) {
  const [row] = await prisma.$queryRaw<Record<string, number>[]>`
    SELECT count(*) FILTER (WHERE status = 'awaiting_review')::int AS awaiting_review,
           count(*) FILTER (WHERE status = 'approved')::int AS approved,
           count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
           count(*) FILTER (WHERE status = 'awaiting_review' AND claim_holder_id = ${actor.pk}::uuid
                              AND claim_expires_at > ${now}::timestamptz)::int AS mine,
           count(*) FILTER (WHERE status = 'awaiting_review'
                              AND (claim_holder_id IS NULL OR claim_expires_at <= ${now}::timestamptz))::int AS unclaimed
      FROM overlays
     WHERE organization_id = ${actor.organizationId}::uuid
       AND (${query.workflow_id ?? null}::text IS NULL OR workflow_id = ${query.workflow_id ?? null}::text)
       AND (${query.block_type ?? null}::text IS NULL OR block_type::text = ${query.block_type ?? null}::text)
       AND (${query.priority ?? null}::int IS NULL OR priority = ${query.priority ?? null}::int)`;
  return row;
}

beforeAll(async () => {
  await resetDatabase();
  team = await createTeam('cells');
  other = await createTeam('cells-other');
  const gates = await Promise.all(Array.from({ length: 24 }, (_, n) => open(team, n)));
  // Three rounds of racing writers: every gate gets a command while new gates open in both
  // organizations, so the same few cells move in many transactions at once.
  for (let round = 0; round < 3; round++) {
    await Promise.all([
      ...gates.map((gate, n) => act(gate, round * 100 + n)),
      ...Array.from({ length: 6 }, (_, n) => open(n % 2 === 0 ? team : other, round * 10 + n)),
    ]);
  }
  // Claims that expire in now's hour, after it and before it, so every claim source is read.
  const awaiting = gates.filter((gate) => gate.status === 'awaiting_review');
  await Promise.all(awaiting.slice(0, 6).map((gate, n) => act(gate, 3 * n, [5, 90, 30][n % 3])));
}, 120_000);

// First, while the rollup holds only what the triggers wrote (a test below rebuilds it).
describe('the counts route after racing writers', () => {
  const filters: QueueCountsQuery[] = [
    {},
    { workflow_id: 'invoices' },
    { block_type: 'classifier' },
    { priority: 1 },
    { workflow_id: 'contracts', block_type: 'extract', priority: 2 },
    { workflow_id: 'nobody-runs-this' },
  ];
  // Now within the claims' hour, before their expiries, between them and after them all.
  const nows = [BASE + MINUTE, BASE + 20 * MINUTE, BASE + 59 * MINUTE, BASE + 60 * MINUTE, BASE + 4 * 60 * MINUTE];

  it.each(nows.flatMap((now) => filters.map((query) => ({ at: new Date(now).toISOString(), now, query }))))(
    'equal a count of the overlays at $at for $query',
    async ({ now, query }) => {
      for (const actor of [team.reviewer, team.reviewer2]) {
        const counts = await countQueue(callerOf(actor), query, () => new Date(now));
        expect(counts).toEqual(await countDirectly(actor, query, new Date(now)));
      }
    },
  );

  it('are exercised with claims held and claims expired', async () => {
    const at = new Date(BASE + 20 * MINUTE);
    const counts = await countDirectly(team.reviewer, {}, at);
    expect(counts!.mine).toBeGreaterThan(0);
    expect(counts!.unclaimed).toBeLessThan(counts!.awaiting_review!);
  });
});

describe('overlay_counts', () => {
  it('equals a count of the overlays after racing writers', async () => {
    const kept = await cells('overlay_counts');
    expect(kept.length).toBeGreaterThan(8);
    expect(kept).toEqual(await cells('overlays'));
  });

  it('equals what insight_rebuild() recomputes', async () => {
    const kept = await cells('overlay_counts');
    await prisma.$executeRawUnsafe('SELECT insight_rebuild()');
    expect(await cells('overlay_counts')).toEqual(kept);
  });

  it('is not written by a version append', async () => {
    const [gate] = await prisma.$queryRaw<{ run_id: string; block_id: string; rev: number }[]>`
      SELECT workflow_run_id AS run_id, block_id, rev FROM overlays
       WHERE organization_id = ${team.organizationId}::uuid AND status = 'awaiting_review' LIMIT 1`;
    const stamps = () => prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text FROM overlay_counts ORDER BY 1`;
    const before = await stamps();
    await appendVersion(
      callerOf(team.reviewer),
      { runId: gate!.run_id, blockId: gate!.block_id },
      { snapshot: { total: -1 }, version_stamp: gate!.rev },
      () => new Date(BASE + 2 * MINUTE),
    );
    expect(await stamps()).toEqual(before);
  });
});
