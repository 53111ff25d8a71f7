/**
 * Decisions over a period. Counts come from `decision_counts` (a row per workflow, UTC day and
 * reviewer, kept by triggers); a median is the middle of `decision_facts` read in an index that
 * is ordered by time to decision within each day, week or reviewer, at the offset the counts give.
 * Both hold each overlay's standing decision only: a reopen takes its decision back.
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
 * The median `seconds_to_decision` of the facts `f` matching `where`, given how many there are
 * (`n`, an SQL expression): the middle one, or the mean of the middle two, read at an offset.
 */
function medianOf(where: Prisma.Sql, n: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT avg(m.s) FROM (
      SELECT f.seconds_to_decision AS s FROM decision_facts f WHERE ${where}
       ORDER BY f.seconds_to_decision OFFSET (${n} - 1) / 2 LIMIT 2 - ${n} % 2) m)`;
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
           ${medianOf(
             Prisma.sql`${inScope('f', scope)} AND f.${Prisma.raw(bucket)} = k.bucket_start`,
             Prisma.sql`(k.approved + k.approved_with_edits + k.rejected)`,
           )}::float8 AS median_seconds_to_decision
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
           ${medianOf(
             Prisma.sql`${inScope('f', scope)} AND f.decided_by_id = k.decided_by_id`,
             Prisma.sql`(k.approved + k.approved_with_edits + k.rejected)`,
           )}::float8 AS median_seconds_to_decision
      FROM counted k JOIN actors a ON a.id = k.decided_by_id
     WHERE k.approved + k.approved_with_edits + k.rejected > 0
     ORDER BY decided DESC, a.display_name, a.public_id`;
  return z.array(ZReviewerRow).parse(rows);
}
