'use client';

import { type RefObject, useId, useRef, useState } from 'react';
import { useClaimHolders } from '@/lib/client/use-queue-counts';
import { BLOCK_TYPES, type BlockType, type QueueSort, type SlaState } from '@/lib/domain/enums';
import type { QueueCounts } from '@/lib/reviews/schemas';
import { Button } from '../ui/button';
import { cx } from '../ui/class-names';
import { Kbd } from '../ui/kbd';
import { type ClaimFilter, hasNarrowingFilters, type InboxView, withoutFilters } from './inbox-filters';

const CONTROL =
  'h-8 rounded-md border border-line-strong bg-canvas text-sm text-fg focus-visible:border-focus focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-focus/30';

export interface FilterBarProps {
  view: InboxView;
  counts: QueueCounts | undefined;
  knownWorkflows: string[];
  onChange: (view: InboxView) => void;
  workflowInputRef: RefObject<HTMLInputElement | null>;
}

/** Workflow, block type and claim filters; every change becomes a URL, so views can be shared. */
export function FilterBar({ view, counts, knownWorkflows, onChange, workflowInputRef }: FilterBarProps) {
  const listId = useId();
  const hintId = useId();
  // The field is a draft until applied, so typing a workflow id does not refetch on every key.
  const [draft, setDraft] = useState(view.workflowId ?? '');
  const [appliedFrom, setAppliedFrom] = useState(view.workflowId);
  const discardOnBlur = useRef(false);
  if (appliedFrom !== view.workflowId) {
    // The URL changed under the field (back/forward, a tab link): show what is applied now.
    setAppliedFrom(view.workflowId);
    setDraft(view.workflowId ?? '');
  }

  const applyWorkflow = (value: string) => {
    const workflowId = value.trim() || null;
    if (workflowId !== view.workflowId) onChange({ ...view, workflowId });
  };

  return (
    <search className="flex flex-wrap items-center gap-2" aria-label="Filter reviews">
      <form
        className="relative"
        onSubmit={(event) => {
          event.preventDefault();
          applyWorkflow(draft);
        }}
      >
        <label htmlFor={`${listId}-input`} className="sr-only">
          Workflow
        </label>
        <input
          ref={workflowInputRef}
          id={`${listId}-input`}
          type="text"
          list={listId}
          value={draft}
          placeholder="Workflow…"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={hintId}
          onChange={(event) => {
            setDraft(event.target.value);
            // Picking a suggestion (or clearing the field) applies at once; typing waits for Enter.
            if (event.target.value === '' || knownWorkflows.includes(event.target.value)) {
              applyWorkflow(event.target.value);
            }
          }}
          onBlur={() => {
            if (!discardOnBlur.current) applyWorkflow(draft);
            discardOnBlur.current = false;
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            // Escape gives the keyboard back to the list, dropping an unapplied draft.
            event.preventDefault();
            setDraft(view.workflowId ?? '');
            discardOnBlur.current = true;
            event.currentTarget.blur();
          }}
          className={cx(CONTROL, 'w-56 pr-8 pl-2.5 placeholder:text-fg-muted')}
        />
        <span id={hintId} className="sr-only">
          Press Enter to apply. Shortcut: slash.
        </span>
        <Kbd className="pointer-events-none absolute top-1.5 right-2">/</Kbd>
        <datalist id={listId}>
          {knownWorkflows.map((workflow) => (
            <option key={workflow} value={workflow} />
          ))}
        </datalist>
      </form>

      <label htmlFor={`${listId}-block`} className="sr-only">
        Block type
      </label>
      <select
        id={`${listId}-block`}
        value={view.blockType ?? ''}
        onChange={(event) => onChange({ ...view, blockType: (event.target.value || null) as BlockType | null })}
        className={cx(CONTROL, 'pr-7 pl-2')}
      >
        <option value="">All block types</option>
        {BLOCK_TYPES.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>

      {view.priority !== null && (
        // Priorities are any integers, so the filter is set by a link (the dashboard's) and only cleared here.
        <>
          <label htmlFor={`${listId}-priority`} className="sr-only">
            Priority
          </label>
          <select
            id={`${listId}-priority`}
            value={String(view.priority)}
            onChange={(event) =>
              onChange({ ...view, priority: event.target.value ? Number(event.target.value) : null })
            }
            className={cx(CONTROL, 'pr-7 pl-2')}
          >
            <option value="">Any priority</option>
            <option value={String(view.priority)}>Priority {view.priority}</option>
          </select>
        </>
      )}

      {view.status === 'awaiting_review' && (
        <>
          <label htmlFor={`${listId}-sla`} className="sr-only">
            SLA
          </label>
          <select
            id={`${listId}-sla`}
            value={view.sla ?? ''}
            onChange={(event) => onChange({ ...view, sla: (event.target.value || null) as SlaState | null })}
            className={cx(CONTROL, 'pr-7 pl-2')}
          >
            <option value="">Any SLA</option>
            <option value="breached">SLA breached</option>
            <option value="at_risk">SLA at risk</option>
          </select>
          <ClaimHolderSelect
            id={`${listId}-holder`}
            value={view.claimedBy}
            onChange={(claimedBy) => onChange({ ...view, claimedBy, claim: 'all' })}
          />
          <ClaimToggle
            value={view.claim}
            counts={counts}
            onChange={(claim) => onChange({ ...view, claim, claimedBy: null })}
          />
          {(view.claim === 'active' || view.claim === 'expired') && (
            <FilterChip
              label={view.claim === 'active' ? 'Claim active' : 'Claim expired'}
              onRemove={() => onChange({ ...view, claim: 'all' })}
            />
          )}
        </>
      )}

      {view.status !== 'awaiting_review' && view.decidedBy && (
        <FilterChip label={`Decided by ${view.decidedBy}`} onRemove={() => onChange({ ...view, decidedBy: null })} />
      )}

      <label htmlFor={`${listId}-sort`} className="sr-only">
        Sort
      </label>
      <select
        id={`${listId}-sort`}
        value={view.sort}
        onChange={(event) => onChange({ ...view, sort: event.target.value as QueueSort })}
        className={cx(CONTROL, 'pr-7 pl-2')}
      >
        <option value="queue">{view.status === 'awaiting_review' ? 'Priority first' : 'Newest first'}</option>
        <option value="oldest">Oldest first</option>
      </select>

      {hasNarrowingFilters(view) && (
        <Button size="sm" variant="ghost" onClick={() => onChange(withoutFilters(view))}>
          Clear filters
        </Button>
      )}
    </search>
  );
}

/** People and agents holding claims now; one named in the URL who holds none still shows, chosen. */
function ClaimHolderSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const holders = useClaimHolders().data?.data ?? [];
  const listed = value === null || holders.some((row) => row.holder.id === value);
  return (
    <>
      <label htmlFor={id} className="sr-only">
        Claimed by
      </label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || null)}
        className={cx(CONTROL, 'max-w-44 pr-7 pl-2')}
      >
        <option value="">Any claim holder</option>
        {holders.map(({ holder, claims }) => (
          <option key={`${holder.kind}:${holder.id}`} value={holder.id}>
            {holder.display_name} ({claims})
          </option>
        ))}
        {!listed && <option value={value}>{value}</option>}
      </select>
    </>
  );
}

/**
 * A filter that a link sets (the dashboard's claim cards and reviewer rows) and the bar has no
 * control for: shown while it applies, and removed with one click.
 */
function FilterChip({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <span className="flex h-8 items-center gap-1 rounded-md border border-line-strong bg-hover pr-1 pl-2.5 text-xs font-medium text-fg">
      {label}
      <button
        type="button"
        aria-label={`Remove filter: ${label}`}
        onClick={onRemove}
        className="flex size-6 items-center justify-center rounded text-fg-muted hover:bg-canvas hover:text-fg"
      >
        <span aria-hidden="true">×</span>
      </button>
    </span>
  );
}

type ClaimToggleValue = 'all' | 'mine' | 'unclaimed';

const CLAIM_OPTIONS: { value: ClaimToggleValue; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'mine', label: 'Mine' },
  { value: 'unclaimed', label: 'Unclaimed' },
];

function ClaimToggle({
  value,
  counts,
  onChange,
}: {
  value: ClaimFilter;
  counts: QueueCounts | undefined;
  onChange: (value: ClaimToggleValue) => void;
}) {
  return (
    <fieldset className="flex h-8 items-center rounded-md border border-line-strong bg-canvas p-0.5">
      <legend className="sr-only">Claim</legend>
      {CLAIM_OPTIONS.map((option) => {
        const count = option.value === 'all' ? undefined : counts?.[option.value];
        return (
          <button
            key={option.value}
            type="button"
            aria-pressed={value === option.value}
            onClick={() => onChange(option.value)}
            className={cx(
              'flex h-full items-center gap-1.5 rounded px-2 text-xs font-medium',
              value === option.value ? 'bg-hover text-fg shadow-sm' : 'text-fg-muted hover:text-fg',
            )}
          >
            {option.label}
            {count !== undefined && <span className="tabular-nums text-fg-muted">{count.toLocaleString('en-US')}</span>}
          </button>
        );
      })}
    </fieldset>
  );
}
