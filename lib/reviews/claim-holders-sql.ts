import { z } from 'zod';
import { prisma } from '../db/prisma';
import { type ClaimHolders, ZActorKind } from './schemas';

const ZHolderRow = z.object({ kind: ZActorKind, id: z.string(), display_name: z.string(), claims: z.number().int() });

/**
 * Who holds unexpired claims on awaiting items, and on how many: the inbox's claim-holder filter.
 * Read from the claim-expiry index, never from the whole queue.
 */
export async function selectClaimHolders(organizationId: string, now: Date): Promise<ClaimHolders> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT a.kind::text AS kind, a.public_id AS id, a.display_name, count(*)::int AS claims
      FROM overlays o JOIN actors a ON a.id = o.claim_holder_id
     WHERE o.organization_id = ${organizationId}::uuid AND o.status = 'awaiting_review'
       AND o.claim_expires_at > ${now}::timestamptz
     GROUP BY a.id ORDER BY a.display_name, a.public_id`;
  return {
    data: z
      .array(ZHolderRow)
      .parse(rows)
      .map(({ claims, ...holder }) => ({ holder, claims })),
  };
}
