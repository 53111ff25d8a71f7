'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { useNow } from '@/lib/client/use-now';
import { useCorrectionStats, useDecisionStats, useQueueStats } from '@/lib/client/use-stats';
import { BLOCK_TYPES, type BlockType } from '@/lib/domain/enums';
import { formatDuration } from '@/lib/format/time';
import type { DecisionStats } from '@/lib/insight/schemas';
import { inboxHref } from '../inbox/inbox-filters';
import { SettingsSection } from '../settings/settings-section';
import { Timestamp } from '../settings/timestamp';
import { buttonClasses } from '../ui/button';
import { CELL, DataTable } from '../ui/data-table';
import { QueryBody } from '../ui/query-body';
import {
  BUCKETS,
  csvHref,
  type DashboardView,
  dashboardSearch,
  PERIODS,
  parseDashboardView,
  periodOf,
} from './dashboard-filters';
import { DecisionsChart } from './decisions-chart';

const seconds = (value: number | null) => (value === null ? '—' : formatDuration(value * 1000));
const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);

/** The lead dashboard: the queue now, decisions over a period, reviewers, and the fields corrected most. */
export function DashboardScreen() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const view = parseDashboardView(new URLSearchParams(searchParams.toString()));
  const setView = (next: DashboardView) => router.push(`/dashboard${dashboardSearch(next)}`, { scroll: false });
  // The period's days move at midnight UTC; an hourly tick is enough to notice.
  const now = useNow(3_600_000);
  const clock = useNow(30_000);
  const { from, to } = periodOf(view.period, now);
  const workflowId = view.workflowId ?? undefined;
  const blockType = view.blockType ?? undefined;
  // Every queue number links to the inbox narrowed as the number is.
  const inbox = (narrowing: Parameters<typeof inboxHref>[0] = {}) =>
    inboxHref({ workflowId: view.workflowId, blockType: view.blockType, ...narrowing });

  const allWorkflows = useQueueStats({});
  const queue = useQueueStats({
    ...(workflowId ? { workflow_id: workflowId } : {}),
    ...(blockType ? { block_type: blockType } : {}),
  });
  const decisions = useDecisionStats({
    from,
    to,
    bucket: view.bucket,
    ...(workflowId ? { workflow_id: workflowId } : {}),
  });
  const bucketWord = view.bucket === 'week' ? 'week' : 'day';
  const workflowIds = [
    ...new Set([
      ...(allWorkflows.data?.by_workflow.map((row) => row.workflow_id) ?? []),
      ...(workflowId ? [workflowId] : []),
    ]),
  ].sort();
  const correctionsWorkflow = workflowId ?? workflowIds[0] ?? null;
  const corrections = useCorrectionStats(correctionsWorkflow ? { workflow_id: correctionsWorkflow, from, to } : null);
  const period = { from, to, workflow_id: workflowId };

  return (
    <div className="mx-auto w-full max-w-6xl space-y-8 px-4 py-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-xl font-semibold">Dashboard</h1>
        <div className="flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1">
            <span className="text-xs font-medium text-fg-muted">Period</span>
            <select
              value={view.period}
              onChange={(event) => setView({ ...view, period: Number(event.target.value) as DashboardView['period'] })}
              className="h-9 rounded-md border border-line bg-canvas px-2"
            >
              {PERIODS.map((days) => (
                <option key={days} value={days}>
                  Last {days} days
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-xs font-medium text-fg-muted">Workflow</span>
            <select
              value={view.workflowId ?? ''}
              onChange={(event) => setView({ ...view, workflowId: event.target.value || null })}
              className="h-9 rounded-md border border-line bg-canvas px-2"
            >
              <option value="">All workflows</option>
              {workflowIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-xs font-medium text-fg-muted">Block type (queue)</span>
            <select
              value={view.blockType ?? ''}
              onChange={(event) => setView({ ...view, blockType: (event.target.value || null) as BlockType | null })}
              className="h-9 rounded-md border border-line bg-canvas px-2"
            >
              <option value="">All block types</option>
              {BLOCK_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>

      <SettingsSection
        id="queue"
        title="The queue now"
        description="Items awaiting review and how long they have waited, as of this moment."
        action={
          <CsvLink
            href={csvHref('/v1/stats/queue', 'summary', { workflow_id: workflowId, block_type: blockType })}
            what="queue summary"
          />
        }
      >
        <QueryBody query={queue} what="queue numbers">
          {(stats) => (
            <ul aria-label="Queue numbers" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
              <Card label="Awaiting" value={stats.awaiting} href={inbox()} />
              <Card
                label="Oldest waiting"
                value={
                  stats.oldest_awaiting_since ? formatDuration(clock - Date.parse(stats.oldest_awaiting_since)) : '—'
                }
                detail={
                  stats.oldest_awaiting_since ? <Timestamp at={stats.oldest_awaiting_since} now={clock} /> : undefined
                }
                href={inbox({ sort: 'oldest' })}
              />
              <Card label="Wait p50" value={seconds(stats.wait_seconds.p50)} href={inbox({ sort: 'oldest' })} />
              <Card label="Wait p90" value={seconds(stats.wait_seconds.p90)} href={inbox({ sort: 'oldest' })} />
              <Card label="Wait p99" value={seconds(stats.wait_seconds.p99)} href={inbox({ sort: 'oldest' })} />
              <Card label="Active claims" value={stats.claims.active} href={inbox({ claim: 'active' })} />
              <Card
                label="Expired claims"
                value={stats.claims.expired}
                tone={stats.claims.expired > 0 ? 'warn' : undefined}
                href={inbox({ claim: 'expired' })}
              />
              <Card
                label="SLA breached"
                value={stats.sla.breached}
                tone={stats.sla.breached > 0 ? 'bad' : undefined}
                href={inbox({ sla: 'breached', sort: 'oldest' })}
              />
              <Card
                label="SLA at risk"
                value={stats.sla.at_risk}
                tone={stats.sla.at_risk > 0 ? 'warn' : undefined}
                href={inbox({ sla: 'at_risk', sort: 'oldest' })}
              />
            </ul>
          )}
        </QueryBody>
      </SettingsSection>

      <SettingsSection
        id="depth"
        title="Queue depth"
        description="Awaiting items by workflow (open one to see its items in the inbox), block type and priority."
        action={
          <CsvLink
            href={csvHref('/v1/stats/queue', 'by_workflow', { workflow_id: workflowId, block_type: blockType })}
            what="queue by workflow"
          />
        }
      >
        <QueryBody
          query={queue}
          what="queue depth"
          isEmpty={(stats) => stats.awaiting === 0}
          empty={{ title: 'Nothing is awaiting review', body: 'The queue is empty: every item has been decided.' }}
        >
          {(stats) => (
            <div className="grid gap-4 lg:grid-cols-[2fr_1fr_1fr]">
              <DataTable label="Awaiting by workflow" head={['Workflow', 'Awaiting', 'Oldest waiting']}>
                {stats.by_workflow.map((row) => (
                  <tr key={row.workflow_id}>
                    <td className={CELL}>
                      <Link
                        href={inbox({ workflowId: row.workflow_id })}
                        className="font-medium text-accent hover:underline"
                      >
                        {row.workflow_id}
                      </Link>
                    </td>
                    <td className={`${CELL} tabular-nums`}>{row.awaiting}</td>
                    <td className={CELL}>
                      <Timestamp at={row.oldest_awaiting_since} now={now} />
                    </td>
                  </tr>
                ))}
              </DataTable>
              <DataTable label="Awaiting by block type" head={['Block type', 'Awaiting']}>
                {stats.by_block_type.map((row) => (
                  <tr key={row.block_type}>
                    <td className={CELL}>
                      <Link
                        href={inbox({ blockType: row.block_type })}
                        className="font-medium text-accent hover:underline"
                      >
                        {row.block_type}
                      </Link>
                    </td>
                    <td className={`${CELL} tabular-nums`}>{row.awaiting}</td>
                  </tr>
                ))}
              </DataTable>
              <DataTable label="Awaiting by priority" head={['Priority', 'Awaiting']}>
                {stats.by_priority.map((row) => (
                  <tr key={row.priority}>
                    <td className={CELL}>
                      <Link
                        href={inbox({ priority: row.priority })}
                        className="font-medium text-accent hover:underline"
                      >
                        {row.priority}
                      </Link>
                    </td>
                    <td className={`${CELL} tabular-nums`}>{row.awaiting}</td>
                  </tr>
                ))}
              </DataTable>
            </div>
          )}
        </QueryBody>
      </SettingsSection>

      <SettingsSection
        id="decisions"
        title={`Decisions per ${bucketWord}`}
        description={`Each decided item counts once, on the UTC day of its standing decision, from ${from} to ${to}${view.bucket === 'week' ? ', grouped by ISO week (from Monday)' : ''}.`}
        action={
          <div className="flex items-center gap-2">
            <label className="sr-only" htmlFor="decisions-bucket">
              Group decisions by
            </label>
            <select
              id="decisions-bucket"
              value={view.bucket}
              onChange={(event) => setView({ ...view, bucket: event.target.value as DashboardView['bucket'] })}
              className="h-8 rounded-md border border-line bg-canvas px-2 text-sm"
            >
              {BUCKETS.map((bucket) => (
                <option key={bucket} value={bucket}>
                  Per {bucket}
                </option>
              ))}
            </select>
            <CsvLink
              href={csvHref('/v1/stats/decisions', 'series', { ...period, bucket: view.bucket })}
              what={`decisions per ${bucketWord}`}
            />
          </div>
        }
      >
        <QueryBody
          query={decisions}
          what="decisions"
          isEmpty={(stats) => stats.series.every((day) => day.approved + day.approved_with_edits + day.rejected === 0)}
          empty={{ title: 'No decisions in this period', body: 'Choose a longer period, or another workflow.' }}
        >
          {(stats) => <DecisionSeries series={stats.series} bucket={bucketWord} />}
        </QueryBody>
      </SettingsSection>

      <SettingsSection
        id="reviewers"
        title="Reviewers"
        description="Who decided what in the period, and how long items waited for their decision (median). A name opens the decisions that reviewer stands behind, in the inbox."
        action={<CsvLink href={csvHref('/v1/stats/decisions', 'by_reviewer', period)} what="reviewers" />}
      >
        <QueryBody
          query={decisions}
          what="reviewers"
          isEmpty={(stats) => stats.by_reviewer.length === 0}
          empty={{ title: 'Nobody decided anything in this period' }}
        >
          {(stats) => (
            <DataTable
              label="Decisions by reviewer"
              head={['Reviewer', 'Decided', 'Approval rate', 'Edit rate', 'Reject rate', 'Median time to decision']}
            >
              {stats.by_reviewer.map((row) => (
                <tr key={`${row.actor.kind}:${row.actor.id}`}>
                  <td className={CELL}>
                    {row.actor.kind === 'model' ? (
                      row.actor.display_name
                    ) : (
                      <Link
                        href={inboxHref({ status: 'approved', decidedBy: row.actor.id, workflowId: view.workflowId })}
                        className="font-medium text-accent hover:underline"
                        aria-label={`${row.actor.display_name}: open the items they decided in the inbox`}
                      >
                        {row.actor.display_name}
                      </Link>
                    )}
                  </td>
                  <td className={`${CELL} tabular-nums`}>{row.decided}</td>
                  <td className={`${CELL} tabular-nums`}>{percent(row.approved, row.decided)}</td>
                  <td className={`${CELL} tabular-nums`}>{percent(row.approved_with_edits, row.decided)}</td>
                  <td className={`${CELL} tabular-nums`}>{percent(row.rejected, row.decided)}</td>
                  <td className={`${CELL} tabular-nums`}>{seconds(row.median_seconds_to_decision)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryBody>
      </SettingsSection>

      <SettingsSection
        id="corrections"
        title="Fields reviewers correct most"
        description={
          correctionsWorkflow
            ? `In approvals of ${correctionsWorkflow} in the period${workflowId ? '' : ' (choose another workflow above)'}.`
            : 'Choose a workflow above.'
        }
        action={
          correctionsWorkflow && (
            <CsvLink
              href={csvHref('/v1/stats/corrections', 'fields', { from, to, workflow_id: correctionsWorkflow })}
              what="corrected fields"
            />
          )
        }
      >
        {correctionsWorkflow ? (
          <QueryBody
            query={corrections}
            what="corrected fields"
            isEmpty={(stats) => stats.fields.length === 0}
            empty={{ title: 'No approvals of this workflow in the period' }}
          >
            {(stats) => (
              <DataTable label="Corrected fields" head={['Field', 'Corrected', 'Approved', 'Rate']}>
                {stats.fields.map((row) => (
                  <tr key={row.path}>
                    <td className={`${CELL} font-mono text-xs`}>
                      <Link
                        href={inboxHref({ status: 'approved', workflowId: correctionsWorkflow })}
                        className="text-accent hover:underline"
                        aria-label={`${row.path}: open the approved items of ${correctionsWorkflow} in the inbox`}
                      >
                        {row.path}
                      </Link>
                    </td>
                    <td className={`${CELL} tabular-nums`}>{row.corrected}</td>
                    <td className={`${CELL} tabular-nums`}>{row.approved}</td>
                    <td className={`${CELL} tabular-nums`}>{`${Math.round(row.rate * 100)}%`}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </QueryBody>
        ) : null}
      </SettingsSection>
    </div>
  );
}

function DecisionSeries({ series, bucket }: { series: DecisionStats['series']; bucket: 'day' | 'week' }) {
  const heading = bucket === 'week' ? 'Week from' : 'Day';
  return (
    <div className="space-y-3">
      <DecisionsChart series={series} />
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-accent">
          The numbers, {bucket} by {bucket}
        </summary>
        <div className="mt-2">
          <DataTable
            label={`Decisions per ${bucket}`}
            head={[heading, 'Approved', 'Approved with edits', 'Rejected', 'Median time to decision']}
          >
            {series.map((day) => (
              <tr key={day.bucket_start} data-day={day.bucket_start}>
                <td className={CELL}>{day.bucket_start}</td>
                <td className={`${CELL} tabular-nums`}>{day.approved}</td>
                <td className={`${CELL} tabular-nums`}>{day.approved_with_edits}</td>
                <td className={`${CELL} tabular-nums`}>{day.rejected}</td>
                <td className={`${CELL} tabular-nums`}>{seconds(day.median_seconds_to_decision)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      </details>
    </div>
  );
}

function Card({
  label,
  value,
  detail,
  tone,
  href,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: 'warn' | 'bad';
  /** The inbox narrowed to what the card counts. */
  href?: string;
}) {
  const toneClass =
    tone === 'bad' ? 'text-red-700 dark:text-red-400' : tone === 'warn' ? 'text-amber-700 dark:text-amber-400' : '';
  return (
    <li aria-label={label} className="rounded-md border border-line bg-surface px-3 py-2">
      <p className="text-xs font-medium text-fg-muted">{label}</p>
      <p data-testid="card-value" className={`text-2xl font-semibold tabular-nums ${toneClass}`}>
        {href ? (
          <Link href={href} className="hover:underline" aria-label={`${label}: ${value}, open in the inbox`}>
            {value}
          </Link>
        ) : (
          value
        )}
      </p>
      {detail && <p className="text-xs text-fg-muted">since {detail}</p>}
    </li>
  );
}

function CsvLink({ href, what }: { href: string; what: string }) {
  return (
    <a href={href} download aria-label={`Download CSV of the ${what}`} className={buttonClasses({ size: 'sm' })}>
      Download CSV
    </a>
  );
}
