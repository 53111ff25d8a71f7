/** The organization's settings row; an organization without one has the defaults. */
import { Prisma } from '../db/generated/client';
import { prisma } from '../db/prisma';
import { queryRows } from '../db/sql';
import { DEFAULT_SLA_MINUTES, type SlaMinutes } from './sla';

function slaOf(row: { slaDefaultMinutes: number; slaMinutesByPriority: unknown } | null): SlaMinutes {
  if (!row) return DEFAULT_SLA_MINUTES;
  return { default: row.slaDefaultMinutes, by_priority: row.slaMinutesByPriority as Record<string, number> };
}

export async function selectSlaMinutes(organizationId: string): Promise<SlaMinutes> {
  const rows = await queryRows<{ slaDefaultMinutes: number; slaMinutesByPriority: unknown }>(Prisma.sql`
    SELECT sla_default_minutes AS "slaDefaultMinutes", sla_minutes_by_priority AS "slaMinutesByPriority"
      FROM organization_settings WHERE organization_id = ${organizationId}::uuid`);
  return slaOf(rows[0] ?? null);
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
