import { Prisma } from '../db/generated/client';
import { queryRows } from '../db/sql';
import { heldByCaller, heldByNobody, type QueueFilterSelection, viewConditions } from './queue-sql';
import { type QueueCounts, type QueueCountsQuery, ZQueueCounts } from './schemas';

/**
 * Counts for the inbox's status tabs, narrowed by the same filters as the queue. The row is the
 * answer itself, so its schema checks it.
 */
export async function selectQueueCounts(selection: QueueFilterSelection): Promise<QueueCounts> {
  const rows = await queryRows(
    servedByRollups(selection.query) ? countFromRollups(selection) : countOverlays(selection),
  );
  return rows[0] === undefined
    ? { awaiting_review: 0, approved: 0, rejected: 0, mine: 0, unclaimed: 0 }
    : ZQueueCounts.parse(rows[0]);
}

/** The filters that are columns of the rollups; any other filter is counted over the overlays. */
const ROLLUP_FILTERS: ReadonlySet<string> = new Set(['workflow_id', 'block_type', 'priority']);

// Listed by what the rollups can serve, not by what they cannot: a filter added later is counted
// correctly (over the overlays) until the rollups learn it.
const servedByRollups = (query: QueueCountsQuery): boolean =>
  Object.entries(query).every(([name, value]) => value === undefined || value === false || ROLLUP_FILTERS.has(name));

/**
 * Filters on claims, deciders or the clock narrow a view to what no rollup keeps: one pass over
 * the view's overlays, which such a filter already makes few (held claims, one reviewer's
 * decisions, or the SLA's age ranges).
 */
function countOverlays(selection: QueueFilterSelection): Prisma.Sql {
  const { callerPk, now } = selection;
  return Prisma.sql`
    SELECT count(*) FILTER (WHERE o.status = 'awaiting_review')::int AS awaiting_review,
           count(*) FILTER (WHERE o.status = 'approved')::int AS approved,
           count(*) FILTER (WHERE o.status = 'rejected')::int AS rejected,
           count(*) FILTER (WHERE o.status = 'awaiting_review' AND ${heldByCaller(callerPk, now)})::int AS mine,
           count(*) FILTER (WHERE o.status = 'awaiting_review' AND ${heldByNobody(now)})::int AS unclaimed
      FROM overlays o WHERE ${Prisma.join(viewConditions(selection), ' AND ')}`;
}

/**
 * Workflow, block type and priority are columns of `overlay_counts` (and the first two of
 * `queue_claims`), so the view's own conditions select their rows under the same alias. The
 * statuses are summed from `overlay_counts`; `mine` reads the caller's claims from the index on
 * the organization and the holder; `unclaimed` is the awaiting items less the claims that hold,
 * because a claim is a holder and an expiry together (a CHECK keeps it so). Claims that hold are
 * the whole hours of `queue_claims` after now's hour plus now's hour from the index;
 * `queue_claims` has no priority, so under a priority filter they are all read from the index.
 */
function countFromRollups(selection: QueueFilterSelection): Prisma.Sql {
  const { callerPk, now, query } = selection;
  const where = Prisma.join(viewConditions(selection), ' AND ');
  const holding = Prisma.sql`o.status = 'awaiting_review' AND o.claim_expires_at > ${now}::timestamptz`;
  const held =
    query.priority === undefined
      ? Prisma.sql`
        (SELECT coalesce(sum(o.claimed), 0) FROM queue_claims o
          WHERE ${where} AND o.hour > queue_hour(${now}::timestamptz))
        + (SELECT count(*) FROM overlays o
            WHERE ${where} AND ${holding}
              AND o.claim_expires_at < queue_hour(${now}::timestamptz) + interval '1 hour')`
      : Prisma.sql`(SELECT count(*) FROM overlays o WHERE ${where} AND ${holding})`;
  return Prisma.sql`
    WITH cells AS (
      SELECT coalesce(sum(o.overlays) FILTER (WHERE o.status = 'awaiting_review'), 0) AS awaiting_review,
             coalesce(sum(o.overlays) FILTER (WHERE o.status = 'approved'), 0) AS approved,
             coalesce(sum(o.overlays) FILTER (WHERE o.status = 'rejected'), 0) AS rejected
        FROM overlay_counts o WHERE ${where}
    )
    SELECT c.awaiting_review::int, c.approved::int, c.rejected::int,
           (SELECT count(*) FROM overlays o WHERE ${where} AND o.status = 'awaiting_review'
               AND ${heldByCaller(callerPk, now)})::int AS mine,
           (c.awaiting_review - (${held}))::int AS unclaimed
      FROM cells c`;
}
