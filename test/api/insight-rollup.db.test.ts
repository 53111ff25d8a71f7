/**
 * The insight rollups after many random writes: every table the triggers keep must equal what
 * `insight_rebuild()` recomputes from the overlays and decisions, and the queue's clock-dependent
 * numbers (read from hour buckets plus the boundary hours) must equal a count over the awaiting
 * items themselves, for bounds inside an hour and on its first millisecond.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { getDecisionStats, getQueueStats, updateOrganizationSettings } from '@/lib/insight/service';
import { slaBounds } from '@/lib/insight/sla';
import { claim, decide, openGate, reopen } from '@/lib/reviews/service';
import type { OverlayJson } from '@/lib/reviews/wire';
import { resetDatabase } from '../db';
import { callerOf, createTeam, type TestTeam } from '../fixtures';

const BASE = Date.parse('2026-11-29T12:00:00.000Z');
const HOUR = 3_600_000;
const WORKFLOWS = ['invoices', 'contracts'] as const;
const BLOCK_TYPES = ['extract', 'classifier'] as const;

let team: TestTeam;

/** A seeded generator (mulberry32): the same writes on every run. */
function randomSource(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

interface Gate {
  key: { runId: string; blockId: string };
  rev: number;
  /** The instant of its latest command: later ones come after it. */
  at: number;
  status: 'awaiting_review' | 'approved' | 'rejected';
}

let runs = 0;
async function open(random: ReturnType<typeof randomSource>, at: number): Promise<Gate> {
  runs += 1;
  const key = { runId: `rollup-${runs}`, blockId: 'extract' };
  const opened = await openGate(
    callerOf(team.integration),
    {
      workflow_id: random.pick(WORKFLOWS),
      workflow_version_id: 'v1',
      workflow_run_id: key.runId,
      block_id: key.blockId,
      block_type: random.pick(BLOCK_TYPES),
      model_output: { total: runs },
      model: { id: 'gpt-4.1', display_name: 'GPT-4.1' },
      priority: random.pick([0, 1, 2]),
    },
    () => new Date(at),
  );
  return { key, rev: opened.overlay.rev, at, status: 'awaiting_review' };
}

/** One random command on `gate` a little after its latest: decide, reopen or claim. */
async function act(random: ReturnType<typeof randomSource>, gate: Gate) {
  const at = gate.at + 1 + Math.floor(random.next() * 3 * HOUR);
  const clock = () => new Date(at);
  const reviewer = callerOf(random.pick([team.reviewer, team.reviewer2]));
  let overlay: OverlayJson;
  if (gate.status !== 'awaiting_review') {
    ({ overlay } = await reopen(callerOf(team.lead), gate.key, { version_stamp: gate.rev, reason: 'again' }, clock));
  } else if (random.next() < 0.3) {
    ({ overlay } = await claim(reviewer, gate.key, { version_stamp: gate.rev, ttl_seconds: 600 }, clock));
  } else if (random.next() < 0.5) {
    ({ overlay } = await decide(
      reviewer,
      gate.key,
      { verdict: 'rejected', version_stamp: gate.rev, reason: 'no' },
      clock,
    ));
  } else {
    const edited = random.next() < 0.5 ? { edited_output: { total: -1, note: 'fixed' } } : {};
    ({ overlay } = await decide(
      reviewer,
      gate.key,
      { verdict: 'approved', version_stamp: gate.rev, ...edited },
      clock,
    ));
  }
  Object.assign(gate, { rev: overlay.rev, at, status: overlay.parse().status });
}

/** Every insight table's rows, zero rows left out (a rebuild writes none). */
async function insightTables() {
  const read = (sql: string) => prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql);
  return {
    queue_counts: await read(
      `SELECT workflow_id, block_type::text, priority, awaiting FROM queue_counts WHERE awaiting <> 0 ORDER BY 1, 2, 3`,
    ),
    queue_ages: await read(
      `SELECT workflow_id, block_type::text, priority, hour, awaiting FROM queue_ages ORDER BY 1, 2, 3, 4`,
    ),
    decision_facts: await read(
      `SELECT overlay_id, decision_id, day, week, outcome, seconds_to_decision FROM decision_facts ORDER BY 1`,
    ),
    decision_counts: await read(
      `SELECT workflow_id, decided_by_id, day, approved, approved_with_edits, rejected FROM decision_counts
        WHERE approved <> 0 OR approved_with_edits <> 0 OR rejected <> 0 ORDER BY 1, 2, 3`,
    ),
    correction_counts: await read(
      `SELECT workflow_id, day, path, approved, corrected FROM correction_counts
        WHERE approved <> 0 OR corrected <> 0 ORDER BY 1, 2, 3`,
    ),
    queue_claims: await read(`SELECT workflow_id, block_type::text, hour, claimed FROM queue_claims ORDER BY 1, 2, 3`),
    decision_times: await read(
      `SELECT day, decided_by_id, bucket, decided FROM decision_times WHERE decided <> 0 ORDER BY 1, 2, 3`,
    ),
  };
}

beforeAll(async () => {
  await resetDatabase();
  team = await createTeam('rollup');
  const random = randomSource(20261130);
  const gates: Gate[] = [];
  // Opened over six hours before BASE, at any millisecond; then random commands, one at a time.
  for (let n = 0; n < 60; n++) gates.push(await open(random, BASE - 6 * HOUR + Math.floor(random.next() * 6 * HOUR)));
  for (let n = 0; n < 80; n++) await act(random, random.pick(gates));
  // Racing writers in one hour: opens and decisions that all move the same rollup rows.
  const hour = BASE - 2 * HOUR;
  const racers = await Promise.all(Array.from({ length: 12 }, (_, n) => open(randomSource(n), hour + n)));
  await Promise.all([
    ...racers.slice(0, 8).map((gate) => act(randomSource(100), gate)),
    ...Array.from({ length: 6 }, (_, n) => open(randomSource(200 + n), hour + 100 + n)),
  ]);
}, 120_000);

describe('the insight rollups', () => {
  it('equal a recomputation from the overlays and decisions after random and racing writes', async () => {
    const kept = await insightTables();
    expect(kept.queue_ages.length).toBeGreaterThan(10);
    await prisma.$executeRawUnsafe('SELECT insight_rebuild()');
    expect(await insightTables()).toEqual(kept);
  });

  it('move a fact between time buckets when its time to decision changes', async () => {
    const [fact] = await prisma.$queryRaw<{ overlay_id: string }[]>`SELECT overlay_id FROM decision_facts LIMIT 1`;
    await prisma.$executeRaw`UPDATE decision_facts SET seconds_to_decision = seconds_to_decision * 10 + 5
                              WHERE overlay_id = ${fact!.overlay_id}::uuid`;
    const kept = await insightTables();
    await prisma.$executeRawUnsafe('SELECT decision_times_rebuild()');
    expect((await insightTables()).decision_times).toEqual(kept.decision_times);
  });

  it('hold only hours that have awaiting items', async () => {
    const rows = await prisma.$queryRaw<{ hour: Date; awaiting: number }[]>`SELECT hour, awaiting FROM queue_ages`;
    expect(rows.every((row) => row.awaiting > 0 && row.hour.getTime() % HOUR === 0)).toBe(true);
  });
});

describe('the queue numbers read from hours', () => {
  type Item = { since: number; expires: number | null; priority: number; workflow_id: string; block_type: string };
  let items: Item[];

  beforeAll(async () => {
    const rows = await prisma.$queryRaw<
      { since: Date; expires: Date | null; priority: number; workflow_id: string; block_type: string }[]
    >`
      SELECT awaiting_since AS since, claim_expires_at AS expires, priority, workflow_id, block_type::text
        FROM overlays WHERE status = 'awaiting_review'`;
    items = rows.map((row) => ({ ...row, since: row.since.getTime(), expires: row.expires?.getTime() ?? null }));
    expect(items.length).toBeGreaterThan(20);
    expect(items.filter((item) => item.expires !== null).length).toBeGreaterThan(3);
  });

  const sla = { default: 90, by_priority: { '1': 45, '2': 240 } };
  // Now on an hour's first millisecond (so the breach bound of a 90- or 240-minute SLA is one too),
  // a millisecond either side of it, and inside hours.
  const nows = [BASE, BASE - 1, BASE + 1, BASE + 17 * 60_000 + 123, BASE + 2 * HOUR + 59 * 60_000 + 59_999];
  const scopes = [{}, { workflow_id: 'invoices' }, { block_type: 'classifier' as const }];

  it.each(nows.flatMap((now) => scopes.map((scope) => ({ now, at: new Date(now).toISOString(), scope }))))(
    'equal a count of the awaiting items at $at for $scope',
    async ({ now, scope }) => {
      await updateOrganizationSettings(callerOf(team.admin), { sla_minutes: sla });
      const inScope = items.filter(
        (item) =>
          (!('workflow_id' in scope) || item.workflow_id === scope.workflow_id) &&
          (!('block_type' in scope) || item.block_type === scope.block_type),
      );
      const waits = inScope.map((item) => (now - item.since) / 1000).sort((a, b) => a - b);
      const nearestRank = (p: number) => waits[Math.ceil(p * waits.length) - 1] ?? null;
      const expectedSla = { breached: 0, at_risk: 0 };
      for (const item of inScope) {
        const bounds = slaBounds(sla, item.priority, new Date(now));
        if (item.since < bounds.breachedBefore.getTime()) expectedSla.breached += 1;
        else if (item.since <= bounds.atRiskSince.getTime()) expectedSla.at_risk += 1;
      }

      const stats = await getQueueStats(callerOf(team.lead), scope, () => new Date(now));
      expect(stats.awaiting).toBe(inScope.length);
      expect(stats.wait_seconds).toEqual({ p50: nearestRank(0.5), p90: nearestRank(0.9), p99: nearestRank(0.99) });
      expect(stats.sla).toEqual(expectedSla);
      const claimed = inScope.flatMap((item) => (item.expires === null ? [] : [item.expires]));
      expect(stats.claims).toEqual({
        active: claimed.filter((expires) => expires > now).length,
        expired: claimed.filter((expires) => expires <= now).length,
      });
    },
  );
});

describe('the medians of the whole organization read from time buckets', () => {
  type Fact = { day: string; week: string; reviewer: string; seconds: number };
  let facts: Fact[];

  beforeAll(async () => {
    // More decisions over the three days after the others, a few of them reopened and decided again.
    const random = randomSource(20261201);
    const later = await Promise.all(
      Array.from({ length: 30 }, (_, n) => open(random, BASE + 24 * HOUR + Math.floor((n / 30) * 72 * HOUR))),
    );
    for (let n = 0; n < 90; n++) await act(random, random.pick(later));
    facts = await prisma.$queryRaw<Fact[]>`
      SELECT to_char(f.day, 'YYYY-MM-DD') AS day, to_char(f.week, 'YYYY-MM-DD') AS week, a.public_id AS reviewer,
             f.seconds_to_decision AS seconds
        FROM decision_facts f JOIN actors a ON a.id = f.decided_by_id`;
    // Spread over buckets (seconds to hours apart) and days.
    expect(new Set(facts.map((fact) => fact.day)).size).toBeGreaterThan(2);
    expect(new Set(facts.map((fact) => Math.floor(Math.log2(fact.seconds)))).size).toBeGreaterThan(3);
  });

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = (sorted.length - 1) / 2;
    return sorted.length === 0 ? null : (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
  };
  const mediansBy = (key: (fact: Fact) => string) => {
    const groups = new Map<string, number[]>();
    for (const fact of facts) groups.set(key(fact), [...(groups.get(key(fact)) ?? []), fact.seconds]);
    return new Map([...groups].map(([group, seconds]) => [group, median(seconds)]));
  };
  const period = { from: '2026-11-20', to: '2026-12-05' };
  const close = (values: Map<string, number | null>) =>
    new Map([...values].map(([key, value]) => [key, value === null ? null : Math.round(value * 1000) / 1000]));

  it.each(['day', 'week'] as const)('equal the middle of the facts of each %s', async (bucket) => {
    const stats = await getDecisionStats(callerOf(team.lead), { ...period, bucket });
    const read = new Map(
      stats.series
        .filter((row) => row.approved + row.approved_with_edits + row.rejected > 0)
        .map((row) => [row.bucket_start, row.median_seconds_to_decision]),
    );
    expect(close(read)).toEqual(close(mediansBy((fact) => fact[bucket])));
  });

  it('equal the middle of the facts of each reviewer', async () => {
    const stats = await getDecisionStats(callerOf(team.lead), { ...period, bucket: 'day' });
    const read = new Map(stats.by_reviewer.map((row) => [row.actor.id, row.median_seconds_to_decision]));
    expect(read.size).toBe(2);
    expect(close(read)).toEqual(close(mediansBy((fact) => fact.reviewer)));
  });
});
