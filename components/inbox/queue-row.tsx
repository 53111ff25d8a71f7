'use client';

import Link from 'next/link';
import { memo } from 'react';
import { slaStateNow } from '@/lib/client/queue-pages';
import { type ActorIdentity, isSameActor } from '@/lib/domain/actors';
import { isClaimActive } from '@/lib/domain/claims';
import { formatClock, formatElapsed, formatElapsedLong } from '@/lib/format/time';
import type { QueueItem } from '@/lib/reviews/schemas';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { cx } from '../ui/class-names';
import { ClaimBadge } from './claim-badge';
import { reviewHref } from './inbox-filters';

export const ROW_HEIGHT = 40;
export const HEADER_HEIGHT = 32;

/**
 * Column widths shared by the header and every row, so they line up without a `<table>`. Narrow
 * screens keep what a reviewer picks by (name, priority, age, claim) and drop the rest, widest
 * first, so the name always has room; decided reviews have no claim column at all.
 */
const GRID = 'grid items-center gap-x-2 px-3 md:gap-x-3 md:px-4';
const AWAITING_COLUMNS = `${GRID} grid-cols-[0.5rem_minmax(0,1fr)_2.25rem_2.75rem_5rem] md:grid-cols-[0.75rem_minmax(0,1fr)_5.5rem_2.75rem_3.5rem_10rem] lg:grid-cols-[0.75rem_minmax(0,1fr)_5.5rem_2.75rem_3.5rem_10rem_12rem] xl:grid-cols-[0.75rem_minmax(0,1fr)_5.5rem_8.5rem_2.75rem_3.5rem_12.5rem_17.5rem]`;
const DECIDED_COLUMNS = `${GRID} grid-cols-[0.5rem_minmax(0,1fr)_2.25rem_2.75rem] md:grid-cols-[0.75rem_minmax(0,1fr)_5.5rem_2.75rem_3.5rem] lg:grid-cols-[0.75rem_minmax(0,1fr)_5.5rem_2.75rem_3.5rem_12rem] xl:grid-cols-[0.75rem_minmax(0,1fr)_5.5rem_8.5rem_2.75rem_3.5rem_12.5rem]`;

export function gridColumns(decided: boolean): string {
  return decided ? DECIDED_COLUMNS : AWAITING_COLUMNS;
}

/** The optional columns, in the grid's order: type from `md`, head version from `lg`, run from `xl`. */
export const TYPE_CELL = 'hidden md:block';
export const RUN_CELL = 'hidden xl:block';
export const HEAD_CELL = 'hidden lg:block';

export interface QueueRowProps {
  item: QueueItem;
  index: number;
  /** The list shows decided reviews: no claim column. */
  decided: boolean;
  selected: boolean;
  /** The one row link reachable with Tab (roving focus). */
  tabbable: boolean;
  changed: boolean;
  /** The signed-in actor, or null before we know who that is. */
  me: ActorIdentity | null;
  now: number;
  claiming: boolean;
  onFocusRow: (item: QueueItem, index: number) => void;
  onClaim: (item: QueueItem) => void;
}

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** `vendor: Acme · total: 1,240.5 · …` from the row's preview fields. */
function previewLine(preview: QueueItem['preview']): string {
  if (!preview || preview.length === 0) return '';
  return preview
    .map(({ key, value }) => `${key}: ${typeof value === 'number' ? NUMBER.format(value) : String(value)}`)
    .join(' · ');
}

function SlaBadge({ state, dueAt, now }: { state: 'breached' | 'at_risk'; dueAt: string | undefined; now: number }) {
  const due = dueAt ? ` (due ${formatClock(dueAt, now)})` : '';
  return state === 'breached' ? (
    <Badge tone="danger" title={`Past its SLA${due}`} className="mr-1.5">
      SLA breached
    </Badge>
  ) : (
    <Badge tone="warning" title={`In the last 20% of its SLA${due}`} className="mr-1.5">
      At risk
    </Badge>
  );
}

function originLabel(origin: QueueItem['head_version']['origin']): string {
  if (origin === 'model_output') return 'model output';
  if (origin === 'revert') return 'revert';
  return origin === 'agent_edit' ? 'agent edit' : 'edit';
}

export const QueueRow = memo(function QueueRow({
  item,
  index,
  decided,
  selected,
  tabbable,
  changed,
  me,
  now,
  claiming,
  onFocusRow,
  onClaim,
}: QueueRowProps) {
  const awaiting = item.status === 'awaiting_review';
  const since = awaiting ? item.awaiting_since : (item.decided_at ?? item.awaiting_since);
  const claimActive = item.claim !== null && isClaimActive(item.claim.expires_at, now);
  const claimable = awaiting && (!claimActive || (item.claim !== null && isSameActor(item.claim.holder, me)));
  const head = item.head_version;
  const sla = slaStateNow(item, now);
  const preview = previewLine(item.preview);

  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-row-id={item.block_run_id}
      onFocus={() => onFocusRow(item, index)}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
      className={cx(
        gridColumns(decided),
        'group absolute inset-x-0 top-0 border-b border-line text-sm',
        selected ? 'bg-selected shadow-[inset_2px_0_0_var(--ri-accent)]' : 'hover:bg-hover',
        'has-[a:focus-visible]:outline-2 has-[a:focus-visible]:-outline-offset-2 has-[a:focus-visible]:outline-focus',
      )}
    >
      <td className="flex justify-center">
        {changed && (
          <span aria-hidden="true" title="Changed since you last opened it" className="size-2 rounded-full bg-accent" />
        )}
      </td>
      <td className="min-w-0">
        {/* No prefetch: the review's data is fetched in the browser, so prefetching every row in
            view would only cost the server a render per row. */}
        <Link
          href={reviewHref(item)}
          prefetch={false}
          tabIndex={tabbable ? 0 : -1}
          className="block truncate after:absolute after:inset-0 focus-visible:outline-none"
        >
          {sla && <SlaBadge state={sla} dueAt={item.sla?.due_at} now={now} />}
          <span className={cx('font-medium text-fg', changed && 'font-semibold')}>{item.workflow_id}</span>
          <span className="text-fg-muted"> › {item.block_id}</span>
          {preview && (
            <span data-preview="" className="text-xs text-fg-muted">
              <span aria-hidden="true"> — </span>
              <span className="sr-only">, </span>
              {preview}
            </span>
          )}
          {changed && <span className="sr-only">, changed since you last opened it</span>}
        </Link>
      </td>
      <td className={cx(TYPE_CELL, 'min-w-0')}>
        <Badge>{item.block_type}</Badge>
      </td>
      <td className={cx(RUN_CELL, 'min-w-0 truncate font-mono text-xs text-fg-muted')} title={item.workflow_run_id}>
        {item.workflow_run_id}
      </td>
      <td>
        {item.priority > 0 && (
          <Badge tone="warning" srLabel={`priority ${item.priority}`} title={`Priority ${item.priority}`}>
            P{item.priority}
          </Badge>
        )}
      </td>
      <td className="text-xs text-fg-muted tabular-nums">
        <time dateTime={since} title={formatClock(since, now)}>
          <span aria-hidden="true">{formatElapsed(since, now)}</span>
          <span className="sr-only">{formatElapsedLong(since, now)}</span>
        </time>
      </td>
      <td
        className={cx(HEAD_CELL, 'min-w-0 truncate text-xs text-fg-muted')}
        title={`Version ${head.seq}, ${originLabel(head.origin)} by ${head.author.display_name}`}
      >
        <span className="font-medium text-fg tabular-nums">v{head.seq}</span> · {head.author.display_name}
      </td>
      {!decided && (
        <td className="flex min-w-0 items-center justify-between gap-2 overflow-hidden">
          <ClaimBadge claim={item.claim} me={me} now={now} />
          {claimable && (
            <Button
              size="sm"
              tabIndex={tabbable ? 0 : -1}
              busy={claiming}
              onClick={() => onClaim(item)}
              aria-label={`${claimActive ? 'Renew claim on' : 'Claim'} ${item.workflow_id} › ${item.block_id}`}
              className={cx(
                'relative z-10 ml-auto',
                !selected && !claiming && 'opacity-0 group-hover:opacity-100 focus-visible:opacity-100',
              )}
            >
              {claimActive ? 'Renew' : 'Claim'}
            </Button>
          )}
        </td>
      )}
    </tr>
  );
});
