/**
 * The queue's `sla` filter as SQL. The rule itself (minutes per priority, the last 20% at risk)
 * is lib/insight/sla.ts's: this module only turns its instants into comparisons, one branch per
 * configured priority and one for every other priority, so the counts, the filter and the row
 * markers can never disagree.
 */

import { Prisma } from '../db/generated/client';
import type { SlaState } from '../domain/enums';
import { type SlaBounds, type SlaMinutes, slaBoundsOfMinutes } from '../insight/sla';

function within(state: SlaState, bounds: SlaBounds): Prisma.Sql {
  return state === 'breached'
    ? Prisma.sql`o.awaiting_since < ${bounds.breachedBefore}::timestamptz`
    : Prisma.sql`o.awaiting_since >= ${bounds.breachedBefore}::timestamptz AND o.awaiting_since <= ${bounds.atRiskSince}::timestamptz`;
}

/** Awaiting items of `overlays o` in `state` at `now`. */
export function inSlaState(sla: SlaMinutes, state: SlaState, now: Date): Prisma.Sql {
  const configured = Object.entries(sla.by_priority).map(([priority, minutes]) => ({
    priority: Number(priority),
    bounds: slaBoundsOfMinutes(minutes, now),
  }));
  const others = within(state, slaBoundsOfMinutes(sla.default, now));
  const branches = configured.map(
    ({ priority, bounds }) => Prisma.sql`(o.priority = ${priority}::int AND ${within(state, bounds)})`,
  );
  branches.push(
    configured.length === 0
      ? Prisma.sql`(${others})`
      : Prisma.sql`(o.priority <> ALL(${configured.map((c) => c.priority)}::int[]) AND ${others})`,
  );
  return Prisma.sql`(o.status = 'awaiting_review' AND (${Prisma.join(branches, ' OR ')}))`;
}
