/**
 * One function per insight route. Counts come from tables the writing statements keep exact;
 * this module assembles them and asks the indexes for what depends on the clock.
 */
import type { Caller } from '../auth/authorization';
import { selectApprovalCount, selectCorrectedFields } from './correction-stats-sql';
import { type DecisionScope, selectDecisionSeries, selectDecisionsByReviewer } from './decision-stats-sql';
import { resolvePeriod } from './period';
import {
  type QueueCountRow,
  selectAwaitingSinceAt,
  selectClaimCounts,
  selectOldestByWorkflow,
  selectQueueCounts,
  selectSlaCounts,
} from './queue-stats-sql';
import type {
  CorrectionStats,
  CorrectionStatsQuery,
  DecisionStats,
  DecisionStatsQuery,
  OrganizationSettings,
  OrganizationSettingsPatch,
  QueueStats,
  QueueStatsQuery,
} from './schemas';
import { selectSlaMinutes, upsertSlaMinutes } from './settings-sql';
import { slaBounds } from './sla';

type Clock = () => Date;
const systemClock: Clock = () => new Date();

const WAIT_PERCENTILES = [0.5, 0.9, 0.99] as const;

/** Sums `awaiting` per value of `key`, largest first (ties in the key's order). */
function totalsBy<K extends 'workflow_id' | 'block_type' | 'priority'>(rows: QueueCountRow[], key: K) {
  const totals = new Map<QueueCountRow[K], number>();
  for (const row of rows) totals.set(row[key], (totals.get(row[key]) ?? 0) + row.awaiting);
  return [...totals]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, awaiting]) => ({ value, awaiting }));
}

/**
 * Offsets from the oldest item of the waits at each percentile, nearest rank: the p-th percentile
 * of n waits sorted shortest first is the ⌈p·n⌉-th, i.e. the (n − ⌈p·n⌉)-th oldest from 0.
 */
function percentileOffsets(n: number): number[] {
  return WAIT_PERCENTILES.map((p) => n - Math.ceil(p * n));
}

export async function getQueueStats(
  caller: Caller,
  query: QueueStatsQuery,
  clock: Clock = systemClock,
): Promise<QueueStats> {
  const now = clock();
  const scope = { organizationId: caller.organizationId, workflowId: query.workflow_id, blockType: query.block_type };
  const [counts, sla] = await Promise.all([selectQueueCounts(scope), selectSlaMinutes(caller.organizationId)]);
  const awaiting = counts.reduce((sum, row) => sum + row.awaiting, 0);
  const byWorkflow = totalsBy(counts, 'workflow_id');
  const priorities = totalsBy(counts, 'priority');
  const [oldest, ages, claims, breaches] = await Promise.all([
    selectOldestByWorkflow(
      scope,
      byWorkflow.map((row) => row.value),
    ),
    selectAwaitingSinceAt(scope, awaiting === 0 ? [] : percentileOffsets(awaiting)),
    selectClaimCounts(scope, now),
    selectSlaCounts(
      scope,
      priorities.map(({ value }) => ({ priority: value, ...slaBounds(sla, value, now) })),
    ),
  ]);
  const oldestOverall = [...oldest.values()].reduce<Date | null>((min, at) => (min && min <= at ? min : at), null);
  const waitAt = (index: number) => {
    const since = ages[index];
    return since ? (now.getTime() - since.getTime()) / 1000 : null;
  };
  return {
    awaiting,
    oldest_awaiting_since: oldestOverall?.toISOString() ?? null,
    wait_seconds: { p50: waitAt(0), p90: waitAt(1), p99: waitAt(2) },
    by_workflow: byWorkflow.flatMap(({ value, awaiting }) => {
      const since = oldest.get(value);
      // A count whose items were all decided since it was read has no oldest item left.
      return since ? [{ workflow_id: value, awaiting, oldest_awaiting_since: since.toISOString() }] : [];
    }),
    by_block_type: totalsBy(counts, 'block_type').map(({ value, awaiting }) => ({ block_type: value, awaiting })),
    by_priority: priorities
      .map(({ value, awaiting }) => ({ priority: value, awaiting }))
      .sort((a, b) => b.priority - a.priority),
    claims,
    sla: breaches,
  };
}

export async function getDecisionStats(
  caller: Caller,
  query: DecisionStatsQuery,
  clock: Clock = systemClock,
): Promise<DecisionStats> {
  const scope: DecisionScope = {
    organizationId: caller.organizationId,
    ...resolvePeriod(query, clock()),
    workflowId: query.workflow_id,
  };
  const [series, byReviewer] = await Promise.all([
    selectDecisionSeries(scope, query.bucket),
    selectDecisionsByReviewer(scope),
  ]);
  return { series, by_reviewer: byReviewer };
}

export async function getCorrectionStats(
  caller: Caller,
  query: CorrectionStatsQuery,
  clock: Clock = systemClock,
): Promise<CorrectionStats> {
  const scope = {
    organizationId: caller.organizationId,
    ...resolvePeriod(query, clock()),
    workflowId: query.workflow_id,
  };
  const [approved, fields] = await Promise.all([selectApprovalCount(scope), selectCorrectedFields(scope)]);
  return { workflow_id: query.workflow_id, approved, fields };
}

export async function getOrganizationSettings(caller: Caller): Promise<OrganizationSettings> {
  return { sla_minutes: await selectSlaMinutes(caller.organizationId) };
}

export async function updateOrganizationSettings(
  caller: Caller,
  body: OrganizationSettingsPatch,
  clock: Clock = systemClock,
): Promise<OrganizationSettings> {
  return { sla_minutes: await upsertSlaMinutes(caller.organizationId, body.sla_minutes, clock()) };
}
