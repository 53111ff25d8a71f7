/** The organization's settings row; an organization without one has the defaults. */
import { prisma } from '../db/prisma';
import { DEFAULT_SLA_MINUTES, type SlaMinutes } from './sla';

function slaOf(row: { slaDefaultMinutes: number; slaMinutesByPriority: unknown } | null): SlaMinutes {
  if (!row) return DEFAULT_SLA_MINUTES;
  return { default: row.slaDefaultMinutes, by_priority: row.slaMinutesByPriority as Record<string, number> };
}

export async function selectSlaMinutes(organizationId: string): Promise<SlaMinutes> {
  return slaOf(await prisma.organizationSettings.findUnique({ where: { organizationId } }));
}

/**
 * Sets what the patch names in one upsert: `default` kept when absent, `by_priority` replaced
 * whole when present. Concurrent patches each apply whole; the last one to commit wins.
 */
export async function upsertSlaMinutes(
  organizationId: string,
  patch: { default?: number | null; by_priority?: Record<string, number> | null },
  now: Date,
): Promise<SlaMinutes> {
  const row = await prisma.organizationSettings.upsert({
    where: { organizationId },
    create: {
      organizationId,
      slaDefaultMinutes: patch.default ?? DEFAULT_SLA_MINUTES.default,
      slaMinutesByPriority: patch.by_priority ?? DEFAULT_SLA_MINUTES.by_priority,
      updatedAt: now,
    },
    update: {
      ...(patch.default == null ? {} : { slaDefaultMinutes: patch.default }),
      ...(patch.by_priority == null ? {} : { slaMinutesByPriority: patch.by_priority }),
      updatedAt: now,
    },
  });
  return slaOf(row);
}
