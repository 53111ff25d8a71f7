import { prisma } from '../db/prisma';
import type { QueueCounts } from './schemas';

/** Counts for the inbox's status tabs, in one pass over the organization's queue index. */
export async function selectQueueCounts(organizationId: string, callerPk: string, now: Date): Promise<QueueCounts> {
  const rows = await prisma.$queryRaw<QueueCounts[]>`
    SELECT count(*) FILTER (WHERE status = 'awaiting_review')::int AS awaiting_review,
           count(*) FILTER (WHERE status = 'approved')::int AS approved,
           count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
           count(*) FILTER (WHERE status = 'awaiting_review' AND claim_holder_id = ${callerPk}::uuid
                              AND claim_expires_at > ${now}::timestamptz)::int AS mine,
           count(*) FILTER (WHERE status = 'awaiting_review'
                              AND (claim_holder_id IS NULL OR claim_expires_at <= ${now}::timestamptz))::int AS unclaimed
      FROM overlays WHERE organization_id = ${organizationId}::uuid`;
  return rows[0] ?? { awaiting_review: 0, approved: 0, rejected: 0, mine: 0, unclaimed: 0 };
}
