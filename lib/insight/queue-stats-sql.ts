/**
 * The queue's numbers. Counts come from `queue_counts`, `queue_ages` (awaiting items per hour
 * of `awaiting_since`) and `queue_claims` (their claims per hour of expiry), kept by triggers in
 * every statement that opens, claims, releases, decides or reopens an item; what depends on the
 * clock adds up whole hours from them and reads only the hour the boundary falls in from an index:
 * exact, without reading the queue.
 */
import { z } from 'zod';
import { Prisma } from '../db/generated/client';
import { prisma } from '../db/prisma';
import type { BlockType } from '../domain/enums';
import { ZBlockType } from '../reviews/schemas';

export interface QueueScope {
  organizationId: string;
  workflowId?: string | undefined;
  blockType?: BlockType | undefined;
}

/** The `queue_ages` rows `a` of the scope. */
function hoursIn(scope: QueueScope): Prisma.Sql {
  return Prisma.sql`a.organization_id = ${scope.organizationId}::uuid
    ${scope.workflowId === undefined ? Prisma.empty : Prisma.sql`AND a.workflow_id = ${scope.workflowId}`}
    ${scope.blockType === undefined ? Prisma.empty : Prisma.sql`AND a.block_type = ${scope.blockType}::block_type`}`;
}

/** The awaiting overlays `o` of the scope. */
function awaitingIn(scope: QueueScope): Prisma.Sql {
  return Prisma.sql`o.organization_id = ${scope.organizationId}::uuid AND o.status = 'awaiting_review'
    ${scope.workflowId === undefined ? Prisma.empty : Prisma.sql`AND o.workflow_id = ${scope.workflowId}`}
    ${scope.blockType === undefined ? Prisma.empty : Prisma.sql`AND o.block_type = ${scope.blockType}::block_type`}`;
}

const ZCountRow = z.object({
  workflow_id: z.string(),
  block_type: ZBlockType,
  priority: z.number().int(),
  awaiting: z.number().int(),
});
export type QueueCountRow = z.infer<typeof ZCountRow>;

export async function selectQueueCounts(scope: QueueScope): Promise<QueueCountRow[]> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT workflow_id, block_type::text AS block_type, priority, awaiting
      FROM queue_counts q
     WHERE q.organization_id = ${scope.organizationId}::uuid AND q.awaiting > 0
       ${scope.workflowId === undefined ? Prisma.empty : Prisma.sql`AND q.workflow_id = ${scope.workflowId}`}
       ${scope.blockType === undefined ? Prisma.empty : Prisma.sql`AND q.block_type = ${scope.blockType}::block_type`}`;
  return z.array(ZCountRow).parse(rows);
}

/** The oldest `awaiting_since` of each workflow: one index probe per workflow. */
export async function selectOldestByWorkflow(scope: QueueScope, workflowIds: string[]): Promise<Map<string, Date>> {
  if (workflowIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ workflow_id: string; oldest: Date }[]>`
    SELECT w.workflow_id, oldest.awaiting_since AS oldest
      FROM unnest(${workflowIds}::text[]) AS w(workflow_id)
      CROSS JOIN LATERAL (
        SELECT o.awaiting_since FROM overlays o
         WHERE ${awaitingIn({ ...scope, workflowId: undefined })} AND o.workflow_id = w.workflow_id
         ORDER BY o.awaiting_since LIMIT 1
      ) oldest`;
  return new Map(rows.map((row) => [row.workflow_id, row.oldest]));
}

/**
 * The `awaiting_since` of the items `offsets` places after the oldest, in one statement (a
 * percentile of the waits is the age of one item): the hours before it counted from `queue_ages`,
 * then the index read within its hour up to the offset that is left.
 */
export async function selectAwaitingSinceAt(scope: QueueScope, offsets: number[]): Promise<(Date | null)[]> {
  if (offsets.length === 0) return [];
  const rows = await prisma.$queryRaw<{ ordinal: bigint; awaiting_since: Date | null }[]>`
    WITH hours AS (
      SELECT a.hour, sum(a.awaiting)::int AS n FROM queue_ages a WHERE ${hoursIn(scope)} GROUP BY a.hour
    ), placed AS (
      SELECT h.hour, h.n, (sum(h.n) OVER (ORDER BY h.hour) - h.n)::int AS before FROM hours h
    )
    SELECT k.ordinal, (
      SELECT o.awaiting_since FROM overlays o
       WHERE ${awaitingIn(scope)} AND o.awaiting_since >= p.hour AND o.awaiting_since < p.hour + interval '1 hour'
       ORDER BY o.awaiting_since OFFSET k.skip - p.before LIMIT 1
    ) AS awaiting_since
      FROM unnest(${offsets}::int[]) WITH ORDINALITY AS k(skip, ordinal)
      LEFT JOIN placed p ON k.skip >= p.before AND k.skip < p.before + p.n
     ORDER BY k.ordinal`;
  return rows.map((row) => row.awaiting_since);
}

/**
 * Active and expired claims: the whole hours of `queue_claims` either side of now's hour, plus
 * the claims of now's hour read from the index and split at now.
 */
export async function selectClaimCounts(scope: QueueScope, now: Date): Promise<{ active: number; expired: number }> {
  const rows = await prisma.$queryRaw<{ active: number; expired: number }[]>`
    WITH whole AS (
      SELECT coalesce(sum(a.claimed) FILTER (WHERE a.hour > queue_hour(${now}::timestamptz)), 0) AS active,
             coalesce(sum(a.claimed) FILTER (WHERE a.hour < queue_hour(${now}::timestamptz)), 0) AS expired
        FROM queue_claims a WHERE ${hoursIn(scope)}
    ), edge AS (
      SELECT count(*) FILTER (WHERE o.claim_expires_at > ${now}::timestamptz) AS active,
             count(*) FILTER (WHERE o.claim_expires_at <= ${now}::timestamptz) AS expired
        FROM overlays o
       WHERE ${awaitingIn(scope)} AND o.claim_expires_at >= queue_hour(${now}::timestamptz)
         AND o.claim_expires_at < queue_hour(${now}::timestamptz) + interval '1 hour'
    )
    SELECT (w.active + e.active)::int AS active, (w.expired + e.expired)::int AS expired FROM whole w CROSS JOIN edge e`;
  return rows[0] ?? { active: 0, expired: 0 };
}

export interface PriorityBounds {
  priority: number;
  breachedBefore: Date;
  atRiskSince: Date;
}

/**
 * Breached and at-risk items. Per priority, with B its breach bound and R its at-risk bound
 * (B ≤ R): breached, those since before B, are the whole hours before B's hour plus the items of
 * B's hour before B; at risk, those since B to R, are the whole hours from B's hour to R's hour,
 * plus the items of R's hour up to R, minus those of B's hour before B. `queue_ages` is read once
 * for every priority, and only the two boundary hours of each from the index.
 */
export async function selectSlaCounts(
  scope: QueueScope,
  bounds: PriorityBounds[],
): Promise<{ breached: number; at_risk: number }> {
  if (bounds.length === 0) return { breached: 0, at_risk: 0 };
  const items = (where: Prisma.Sql) =>
    Prisma.sql`(SELECT count(*) FROM overlays o WHERE ${awaitingIn(scope)} AND o.priority = b.priority AND ${where})`;
  const rows = await prisma.$queryRaw<{ breached: number; at_risk: number }[]>`
    WITH b AS (
      SELECT b.priority, b."breachedBefore" AS breached_before, b."atRiskSince" AS at_risk_since,
             queue_hour(b."breachedBefore") AS b_hour, queue_hour(b."atRiskSince") AS r_hour
        FROM jsonb_to_recordset(${JSON.stringify(bounds)}::jsonb)
             AS b(priority int, "breachedBefore" timestamptz, "atRiskSince" timestamptz)
    ), whole AS (
      SELECT coalesce(sum(a.awaiting) FILTER (WHERE a.hour < b.b_hour), 0) AS breached,
             coalesce(sum(a.awaiting) FILTER (WHERE a.hour >= b.b_hour), 0) AS at_risk
        FROM queue_ages a JOIN b ON b.priority = a.priority
       WHERE ${hoursIn(scope)} AND a.hour < b.r_hour
    ), edges AS (
      SELECT coalesce(sum(${items(Prisma.sql`o.awaiting_since >= b.b_hour AND o.awaiting_since < b.breached_before`)}), 0) AS before_breach,
             coalesce(sum(${items(Prisma.sql`o.awaiting_since >= b.r_hour AND o.awaiting_since <= b.at_risk_since`)}), 0) AS up_to_risk
        FROM b
    )
    SELECT (w.breached + e.before_breach)::int AS breached, (w.at_risk + e.up_to_risk - e.before_breach)::int AS at_risk
      FROM whole w CROSS JOIN edges e`;
  return rows[0] ?? { breached: 0, at_risk: 0 };
}
