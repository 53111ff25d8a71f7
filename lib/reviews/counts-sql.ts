import { Prisma } from '../db/generated/client';
import { queryRows } from '../db/sql';
import { heldByCaller, heldByNobody, type QueueFilterSelection, viewConditions } from './queue-sql';
import { type QueueCounts, ZQueueCounts } from './schemas';

/**
 * Counts for the inbox's status tabs, narrowed by the same filters as the queue, in one pass
 * over the organization's queue index. The row is the answer itself, so its schema checks it.
 */
export async function selectQueueCounts(selection: QueueFilterSelection): Promise<QueueCounts> {
  const { callerPk, now } = selection;
  const rows = await queryRows(Prisma.sql`
    SELECT count(*) FILTER (WHERE o.status = 'awaiting_review')::int AS awaiting_review,
           count(*) FILTER (WHERE o.status = 'approved')::int AS approved,
           count(*) FILTER (WHERE o.status = 'rejected')::int AS rejected,
           count(*) FILTER (WHERE o.status = 'awaiting_review' AND ${heldByCaller(callerPk, now)})::int AS mine,
           count(*) FILTER (WHERE o.status = 'awaiting_review' AND ${heldByNobody(now)})::int AS unclaimed
      FROM overlays o WHERE ${Prisma.join(viewConditions(selection), ' AND ')}`);
  return rows[0] === undefined
    ? { awaiting_review: 0, approved: 0, rejected: 0, mine: 0, unclaimed: 0 }
    : ZQueueCounts.parse(rows[0]);
}
