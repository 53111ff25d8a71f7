/**
 * Decisions over a period. Counts come from `decision_counts` (a row per workflow, UTC day and
 * reviewer, kept by triggers); a median is the middle of `decision_facts` read in an index that
 * is ordered by time to decision within each day, week or reviewer. Both hold each overlay's
 * standing decision only: a reopen takes its decision back.
 */
import { z } from 'zod';
import { Prisma } from '../db/generated/client';
import { prisma } from '../db/prisma';
import { actorJson, ZJsonActor } from '../reviews/overlay-sql';

export interface DecisionScope {
  organizationId: string;
  /** UTC days, both included. */
  from: string;
  to: string;
  workflowId?: string | undefined;
}

function inScope(alias: string, scope: DecisionScope): Prisma.Sql {
  const table = Prisma.raw(alias);
  return Prisma.sql`${table}.organization_id = ${scope.organizationId}::uuid
    AND ${table}.day BETWEEN ${scope.from}::date AND ${scope.to}::date
    ${scope.workflowId === undefined ? Prisma.empty : Prisma.sql`AND ${table}.workflow_id = ${scope.workflowId}`}`;
}

/**
 * The median `seconds_to_decision` of the facts `f` of the scope that match `facts`, the middle
 * one or the mean of the middle two. For one workflow, read at an offset in the index that leads
 * with it (`n`, an SQL expression, says how many there are): a few thousand entries at most. For
 * the whole organization that offset would be half of a day's, week's or reviewer's facts, so the
 * histogram `decision_times` (the rows `t` matching `times`) tells which bucket the middle falls
 * in and how many facts come before it, and only that bucket is read.
 */
function medianOf(scope: DecisionScope, match: { facts: Prisma.Sql; times: Prisma.Sql; n: Prisma.Sql }): Prisma.Sql {
  const facts = Prisma.sql`${inScope('f', scope)} AND ${match.facts}`;
  if (scope.workflowId !== undefined) {
    return Prisma.sql`(SELECT avg(m.s) FROM (
        SELECT f.seconds_to_decision AS s FROM decision_facts f WHERE ${facts}
         ORDER BY f.seconds_to_decision OFFSET (${match.n} - 1) / 2 LIMIT 2 - ${match.n} % 2) m)`;
  }
  return Prisma.sql`(SELECT avg(m.s) FROM (
      SELECT h.bucket, h.n, (h.up_to - h.n)::bigint AS before, h.total::bigint AS total FROM (
        SELECT t.bucket, sum(t.decided) AS n, sum(sum(t.decided)) OVER (ORDER BY t.bucket) AS up_to,
               sum(sum(t.decided)) OVER () AS total
          FROM decision_times t WHERE ${inScope('t', scope)} AND ${match.times}
         GROUP BY t.bucket) h
    ) mid CROSS JOIN LATERAL (
      SELECT f.seconds_to_decision AS s FROM decision_facts f
       WHERE ${facts} AND f.seconds_to_decision >= decision_time_floor(mid.bucket)
       ORDER BY f.seconds_to_decision OFFSET (mid.total - 1) / 2 - mid.before LIMIT 2 - mid.total % 2
    ) m
     WHERE mid.before <= (mid.total - 1) / 2 AND (mid.total - 1) / 2 < mid.before + mid.n)`;
}

const int = z.number().int();
const ZCounts = { approved: int, approved_with_edits: int, rejected: int };
const ZSeriesRow = z.object({
  bucket_start: z.string(),
  ...ZCounts,
  median_seconds_to_decision: z.number().nullable(),
});
const ZReviewerRow = z.object({
  actor: ZJsonActor,
  decided: int,
  ...ZCounts,
  median_seconds_to_decision: z.number().nullable(),
});

const sums = Prisma.sql`coalesce(sum(c.approved), 0)::int AS approved,
  coalesce(sum(c.approved_with_edits), 0)::int AS approved_with_edits,
  coalesce(sum(c.rejected), 0)::int AS rejected`;

/** One row per day or week of the period, empty ones included; a week starts on Monday. */
export async function selectDecisionSeries(scope: DecisionScope, bucket: 'day' | 'week') {
  const rows = await prisma.$queryRaw<unknown[]>`
    WITH counted AS (
      SELECT date_trunc(${bucket}, c.day::timestamp)::date AS bucket_start, ${sums}
        FROM decision_counts c WHERE ${inScope('c', scope)}
       GROUP BY 1
    ), buckets AS (
      SELECT b::date AS bucket_start, coalesce(k.approved, 0) AS approved,
             coalesce(k.approved_with_edits, 0) AS approved_with_edits, coalesce(k.rejected, 0) AS rejected
        FROM generate_series(date_trunc(${bucket}, ${scope.from}::timestamp), ${scope.to}::timestamp,
                             ${`1 ${bucket}`}::interval) b
        LEFT JOIN counted k ON k.bucket_start = b::date
    )
    SELECT to_char(k.bucket_start, 'YYYY-MM-DD') AS bucket_start, k.approved, k.approved_with_edits, k.rejected,
           ${medianOf(scope, {
             facts: Prisma.sql`f.${Prisma.raw(bucket)} = k.bucket_start`,
             times: Prisma.sql`t.day >= k.bucket_start AND t.day < k.bucket_start + ${Prisma.raw(bucket === 'day' ? '1' : '7')}`,
             n: Prisma.sql`(k.approved + k.approved_with_edits + k.rejected)`,
           })}::float8 AS median_seconds_to_decision
      FROM buckets k ORDER BY k.bucket_start`;
  return z.array(ZSeriesRow).parse(rows);
}

/** One row per reviewer who decided in the period, most decisions first. */
export async function selectDecisionsByReviewer(scope: DecisionScope) {
  const rows = await prisma.$queryRaw<unknown[]>`
    WITH counted AS (
      SELECT c.decided_by_id, ${sums}
        FROM decision_counts c WHERE ${inScope('c', scope)}
       GROUP BY c.decided_by_id
    )
    SELECT ${actorJson('a')} AS actor, (k.approved + k.approved_with_edits + k.rejected) AS decided,
           k.approved, k.approved_with_edits, k.rejected,
           ${medianOf(scope, {
             facts: Prisma.sql`f.decided_by_id = k.decided_by_id`,
             times: Prisma.sql`t.decided_by_id = k.decided_by_id`,
             n: Prisma.sql`(k.approved + k.approved_with_edits + k.rejected)`,
           })}::float8 AS median_seconds_to_decision
      FROM counted k JOIN actors a ON a.id = k.decided_by_id
     WHERE k.approved + k.approved_with_edits + k.rejected > 0
     ORDER BY decided DESC, a.display_name, a.public_id`;
  return z.array(ZReviewerRow).parse(rows);
}
