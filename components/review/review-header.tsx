'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { isLead, mayCall } from '@/lib/auth/authorization';
import type { Me } from '@/lib/auth/schemas';
import { isSameActor } from '@/lib/domain/actors';
import { formatClock, formatDuration, formatFullTime } from '@/lib/format/time';
import type { ReviewOverlay, RunStatus } from '@/lib/reviews/schemas';
import type { AdjacentReviews } from './adjacent-reviews';
import { QueueNav } from './queue-nav';
import { ReviewButton } from './review-button';
import { activeClaimOf, describeTrigger, RUN_STATUS_LABELS, STATUS_LABELS } from './review-format';

export type HeaderActions = {
  onClaim(): void;
  /** A lead taking someone else's claim: asks first. */
  onTakeOver(): void;
  onRelease(): void;
  onEdit(): void;
  onApprove(): void;
  onReject(): void;
  onReopen(): void;
};

export type HeaderPending = { claim: boolean; release: boolean; approve: boolean; reject: boolean; reopen: boolean };

type ReviewHeaderProps = {
  overlay: ReviewOverlay;
  run: RunStatus | undefined;
  viewer: Me | undefined;
  now: number;
  editing: boolean;
  /** Any command of this page is running: the other buttons wait for it. */
  busy: boolean;
  pending: HeaderPending;
  actions: HeaderActions;
  adjacent: AdjacentReviews;
};

export function ReviewHeader({
  overlay,
  run,
  viewer,
  now,
  editing,
  busy,
  pending,
  actions,
  adjacent,
}: ReviewHeaderProps) {
  const status = STATUS_LABELS[overlay.status];
  const awaiting = overlay.status === 'awaiting_review';
  const viewerIsLead = viewer !== undefined && isLead(viewer.role);
  const waitedUntil = overlay.decided_at ? Date.parse(overlay.decided_at) : now;
  const waited = formatDuration(waitedUntil - Date.parse(overlay.awaiting_since));

  return (
    <header className="space-y-3 border-b border-line pb-4">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <nav aria-label="Breadcrumb" className="min-w-0 text-sm text-fg-muted">
          <ol className="flex flex-wrap items-center gap-1.5">
            <li>
              <Link href="/" data-back-to-inbox className="rounded hover:text-fg hover:underline">
                Inbox
              </Link>
            </li>
            <li aria-hidden="true">/</li>
            <li>
              <span className="sr-only">Workflow </span>
              <span className="font-mono text-xs break-all">{overlay.workflow_id}</span>
            </li>
            <li aria-hidden="true">/</li>
            <li>
              <span className="sr-only">Run </span>
              <span className="font-mono text-xs break-all" aria-current="page">
                {overlay.workflow_run_id}
              </span>
            </li>
          </ol>
        </nav>
        <QueueNav previous={adjacent.previous} next={adjacent.next} />
      </div>

      {/* The actions wrap under the title when both do not fit side by side, never squeezing it. */}
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
        <div className="min-w-0 flex-[1_1_20rem] space-y-2">
          <h1 className="flex flex-wrap items-baseline gap-x-2 text-xl font-semibold">
            <span className="font-mono wrap-anywhere">{overlay.block_id}</span>
            <span className="text-base font-normal text-fg-muted">
              <span className="sr-only">, block type </span>
              {overlay.block_type.replaceAll('_', ' ')} block
            </span>
          </h1>
          <dl className="flex flex-wrap items-center gap-x-4 gap-y-1.5 text-sm text-fg-muted">
            <div className="flex items-center gap-1.5">
              <dt className="sr-only">Status</dt>
              <dd>
                <Badge tone={status.tone} className="h-6 px-2 text-[13px]">
                  {status.label}
                </Badge>
              </dd>
            </div>
            <div className="flex items-center gap-1.5">
              <dt className="sr-only">Priority</dt>
              <dd>
                <Badge tone={overlay.priority > 0 ? 'accent' : 'neutral'} srLabel={`Priority ${overlay.priority}`}>
                  P{overlay.priority}
                </Badge>
              </dd>
            </div>
            <div className="flex items-center gap-1">
              <dt>{awaiting ? 'Waiting' : 'Waited'}</dt>
              <dd className="font-medium text-fg" title={`Since ${formatFullTime(overlay.awaiting_since)}`}>
                {waited}
              </dd>
            </div>
            <div className="flex items-center gap-1">
              <dt>Workflow version</dt>
              <dd className="font-mono text-xs text-fg">{overlay.workflow_version_id}</dd>
            </div>
            {run && (
              <div className="flex items-center gap-1">
                <dt>Run</dt>
                <dd className="text-fg">{RUN_STATUS_LABELS[run.status]}</dd>
              </div>
            )}
            <div className="flex min-w-0 items-center gap-1">
              <dt>Trigger</dt>
              <dd className="truncate text-fg" title={JSON.stringify(overlay.triggered_by)}>
                {describeTrigger(overlay.triggered_by)}
              </dd>
            </div>
          </dl>
          <ClaimLine overlay={overlay} viewer={viewer} now={now} />
        </div>

        <div className="flex flex-wrap items-center gap-2">
          <ClaimButtons
            overlay={overlay}
            viewer={viewer}
            now={now}
            busy={busy}
            pending={pending}
            viewerIsLead={viewerIsLead}
            actions={actions}
          />
          {awaiting && !editing && (
            <>
              <ReviewButton shortcut="e" onClick={actions.onEdit} disabled={busy}>
                Edit
              </ReviewButton>
              <ReviewButton shortcut="r" onClick={actions.onReject} disabled={busy} pending={pending.reject}>
                Reject
              </ReviewButton>
              <ReviewButton
                variant="approve"
                shortcut="a"
                onClick={actions.onApprove}
                disabled={busy}
                pending={pending.approve}
              >
                Approve
              </ReviewButton>
            </>
          )}
          {!awaiting && viewerIsLead && (
            <ReviewButton onClick={actions.onReopen} disabled={busy} pending={pending.reopen}>
              Reopen…
            </ReviewButton>
          )}
        </div>
      </div>
    </header>
  );
}

function ClaimLine({ overlay, viewer, now }: { overlay: ReviewOverlay; viewer: Me | undefined; now: number }) {
  if (overlay.status !== 'awaiting_review') return null;
  const claim = activeClaimOf(overlay, now);
  if (!claim) {
    return <p className="text-sm text-fg-muted">Nobody has claimed this review.</p>;
  }
  const mine = isSameActor(claim.holder, viewer?.actor);
  const heldFor = formatDuration(now - Date.parse(claim.claimed_at));
  const left = formatDuration(Date.parse(claim.expires_at) - now);
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-fg-muted" data-testid="claim-line">
      <Badge tone={mine ? 'mine' : 'accent'}>
        {mine ? 'Claimed by you' : `Claimed by ${claim.holder.display_name}`}
      </Badge>
      <span>
        for {heldFor} ·{' '}
        <span title={formatFullTime(claim.expires_at)}>
          until {formatClock(claim.expires_at, now)} ({left} left)
        </span>
      </span>
    </p>
  );
}

function ClaimButtons({
  overlay,
  viewer,
  now,
  busy,
  pending,
  viewerIsLead,
  actions,
}: {
  overlay: ReviewOverlay;
  viewer: Me | undefined;
  now: number;
  busy: boolean;
  pending: HeaderPending;
  viewerIsLead: boolean;
  actions: HeaderActions;
}) {
  if (overlay.status !== 'awaiting_review' || !viewer || !mayCall(viewer.role, 'claim')) return null;
  const claim = activeClaimOf(overlay, now);
  const mine = claim !== null && isSameActor(claim.holder, viewer.actor);
  if (!claim) {
    return (
      <ReviewButton onClick={actions.onClaim} disabled={busy} pending={pending.claim}>
        Claim
      </ReviewButton>
    );
  }
  if (mine) {
    return (
      <>
        <ReviewButton variant="ghost" onClick={actions.onClaim} disabled={busy} pending={pending.claim}>
          Renew claim
        </ReviewButton>
        <ReviewButton onClick={actions.onRelease} disabled={busy} pending={pending.release}>
          Release
        </ReviewButton>
      </>
    );
  }
  if (!viewerIsLead) return null;
  return (
    <>
      <ReviewButton variant="ghost" onClick={actions.onRelease} disabled={busy} pending={pending.release}>
        Release {claim.holder.display_name}’s claim
      </ReviewButton>
      <ReviewButton onClick={actions.onTakeOver} disabled={busy} pending={pending.claim}>
        Take over…
      </ReviewButton>
    </>
  );
}
