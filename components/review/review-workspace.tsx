'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { reviewHref } from '@/components/inbox/inbox-filters';
import { type ShortcutHelpGroup, useShortcutHelp } from '@/components/shell/shortcut-help';
import { describeError } from '@/components/ui/error-state';
import { useToast } from '@/components/ui/toast';
import { ApiClientError, isApiClientError, type MutationResult } from '@/lib/client/api-client';
import { queryKeys } from '@/lib/client/query-keys';
import { markReviewSeen } from '@/lib/client/seen-reviews';
import { useClaimReview } from '@/lib/client/use-claim-review';
import { useKeyboardShortcuts } from '@/lib/client/use-keyboard-shortcuts';
import { useMe } from '@/lib/client/use-me';
import { useRun } from '@/lib/client/use-review';
import {
  useApproveReview,
  useApproveWithEdits,
  useRejectReview,
  useReleaseReview,
  useReopenReview,
  useRevertReview,
  useSaveVersion,
} from '@/lib/client/use-review-mutations';
import { diffJson } from '@/lib/review/json-diff';
import { formatPath, getIn } from '@/lib/review/json-path';
import { type JsonObject, jsonEqual } from '@/lib/review/json-value';
import { mergeDrafts } from '@/lib/review/three-way-merge';
import type { ReviewOverlay } from '@/lib/reviews/schemas';
import { ActivityTimeline } from './activity-timeline';
import { CompareCard } from './compare-card';
import type { ServerChange } from './conflict-panel';
import { DecisionCallout } from './decision-callout';
import {
  ApproveDialog,
  ApproveEditsDialog,
  DiscardDialog,
  RejectDialog,
  ReopenDialog,
  RevertDialog,
  TakeOverDialog,
} from './review-dialogs';
import { type Draft, type DraftConflict, draftStamp } from './review-draft';
import { ReviewEditor } from './review-editor';
import { activeClaimOf, headVersionOf, versionBySeq } from './review-format';
import { ReviewHeader } from './review-header';
import { type Notice, ReviewNotice } from './review-notice';
import { describeEvent } from './server-change-text';
import { useNow } from '@/lib/client/use-now';
import { useAdjacentReviews } from './use-adjacent-reviews';
import { VersionTimeline } from './version-timeline';
import { formatClock, formatDuration, formatTimeAgo } from '@/lib/format/time';

/**
 * What the reviewer was looking at when they opened a decision: a confirmation applies to that
 * state, so anything that changed while the dialog was open comes back as a conflict.
 */
type SeenState = { rev: number; headSeq: number };

type DialogState =
  | ({ kind: 'approve'; seq: number } & SeenState)
  | { kind: 'approve-edits' }
  | ({ kind: 'reject' } & SeenState)
  | ({ kind: 'revert'; seq: number } & SeenState)
  | ({ kind: 'reopen' } & SeenState)
  | ({ kind: 'take-over' } & SeenState)
  | { kind: 'discard' };

const REVIEW_SHORTCUTS: ShortcutHelpGroup = {
  title: 'Review',
  shortcuts: [
    { keys: ['e'], description: 'Edit the head version' },
    { keys: ['a'], description: 'Approve (with your edits, while editing)' },
    { keys: ['r'], description: 'Reject' },
    { keys: ['Enter'], description: 'Confirm, in a dialog' },
    { keys: ['j'], description: 'Next review in the queue' },
    { keys: ['k'], description: 'Previous review in the queue' },
    { keys: ['Ctrl ↵', '⌘ ↵'], description: 'Save the draft as a new version' },
    { keys: ['Esc'], description: 'Cancel editing' },
  ],
};

/** `right: null` follows the head, so a new version shows up in the default comparison. */
type CompareState = { left: number; right: number | null };

const DEFAULT_COMPARE: CompareState = { left: 0, right: null };

/** A constant, not a literal key: a capitalised key reads to the linter like a component. */
const ESCAPE_KEY = 'Escape';

function serverChangeOf(error: unknown, overlay: ReviewOverlay): ServerChange {
  const last = error instanceof ApiClientError ? error.details?.last_change : undefined;
  if (typeof last === 'object' && last !== null) {
    const change = last as { event?: unknown; at?: unknown; actor?: { display_name?: unknown } };
    if (typeof change.event === 'string' && typeof change.at === 'string') {
      const name = change.actor?.display_name;
      return { event: change.event, at: change.at, actorName: typeof name === 'string' ? name : 'Someone' };
    }
  }
  const entry = overlay.audit.at(-1);
  return entry
    ? { event: entry.event, at: entry.at, actorName: entry.actor.display_name }
    : { event: 'changed', at: new Date().toISOString(), actorName: 'Someone' };
}

export function ReviewWorkspace({
  overlay,
  runId,
  blockId,
}: {
  overlay: ReviewOverlay;
  runId: string;
  blockId: string;
}) {
  const queryClient = useQueryClient();
  const now = useNow(15_000);
  const viewer = useMe().data;
  const run = useRun(runId).data;
  const toast = useToast();
  const router = useRouter();
  const adjacent = useAdjacentReviews(overlay);
  useShortcutHelp(REVIEW_SHORTCUTS);

  const claim = useClaimReview();
  const release = useReleaseReview(runId, blockId);
  const save = useSaveVersion(runId, blockId);
  const approve = useApproveReview(runId, blockId);
  const approveEdits = useApproveWithEdits(runId, blockId);
  const reject = useRejectReview(runId, blockId);
  const revert = useRevertReview(runId, blockId);
  const reopen = useReopenReview(runId, blockId);
  const busy = [claim, release, save, approve, approveEdits, reject, revert, reopen].some((m) => m.isPending);

  const [compareState, setCompareState] = useState<CompareState>(DEFAULT_COMPARE);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [conflict, setConflict] = useState<DraftConflict | null>(null);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [decidedHere, setDecidedHere] = useState(false);

  const awaiting = overlay.status === 'awaiting_review';
  const editing = draft !== null;
  const seenNow: SeenState = { rev: overlay.rev, headSeq: overlay.head_seq };
  const compare = {
    left: versionBySeq(overlay, compareState.left) ? compareState.left : 0,
    right:
      compareState.right !== null && versionBySeq(overlay, compareState.right) ? compareState.right : overlay.head_seq,
  };
  const draftChanges = draft ? diffJson(versionBySeq(overlay, draft.headSeq)?.snapshot ?? draft.base, draft.value) : [];
  const dirty = draft !== null && (!jsonEqual(draft.value, draft.base) || draft.note.trim() !== '');

  // Opening the review, and every change seen here live, is "seen" for the inbox's change marks.
  useEffect(() => markReviewSeen(overlay.block_run_id, overlay.rev), [overlay.block_run_id, overlay.rev]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Entering the editor puts the keyboard in its first field.
  useEffect(() => {
    if (!editing) return;
    document
      .querySelector<HTMLElement>('[data-testid="edit-form"] input[type="text"], [data-testid="edit-form"] textarea')
      ?.focus();
  }, [editing]);

  // After a decision the buttons that had focus are gone: the keyboard moves on to the next review
  // (Enter opens it), or to the way back to the inbox when the queue is done.
  useEffect(() => {
    if (!decidedHere) return;
    setDecidedHere(false);
    (
      document.querySelector<HTMLElement>('[data-queue-link="next"]') ??
      document.querySelector<HTMLElement>('[data-back-to-inbox]')
    )?.focus();
  }, [decidedHere]);

  const liveOverlay = useCallback(
    () => queryClient.getQueryData<ReviewOverlay>(queryKeys.review(runId, blockId)) ?? overlay,
    [queryClient, runId, blockId, overlay],
  );

  /** A refusal of any command, told in words a reviewer can act on. */
  const explain = (error: Error, attempted: string) => {
    const fresh = liveOverlay();
    if (isApiClientError(error, 'version_conflict')) {
      const change = serverChangeOf(error, fresh);
      setNotice({
        tone: 'warning',
        title: `The review changed before you could ${attempted}`,
        body: `${change.actorName} ${describeEvent(change.event)} ${formatTimeAgo(change.at, Date.now())}. Nothing was done — the page now shows the latest state; check it and try again.`,
      });
    } else if (isApiClientError(error, 'not_awaiting_review')) {
      const decision = fresh.decisions.at(-1);
      setNotice({
        tone: 'warning',
        title: `Already decided — could not ${attempted}`,
        body: decision
          ? `${decision.decided_by.display_name} ${decision.verdict} this review ${formatTimeAgo(decision.decided_at, Date.now())}.`
          : `The review is ${fresh.status.replaceAll('_', ' ')}.`,
      });
    } else if (isApiClientError(error, 'claim_held')) {
      const holder = (error.details?.holder as { display_name?: string } | undefined)?.display_name ?? 'Someone';
      const expires = typeof error.details?.expires_at === 'string' ? error.details.expires_at : null;
      setNotice({
        tone: 'warning',
        title: `${holder} holds the claim`,
        body: expires
          ? `Their claim runs until ${formatClock(expires, Date.now())} (${formatDuration(Date.parse(expires) - Date.now())} from now). You can still edit or decide: the claim only tells others who is on it.`
          : 'You can still edit or decide: the claim only tells others who is on it.',
      });
    } else if (isApiClientError(error, 'forbidden')) {
      setNotice({ tone: 'danger', title: `You may not ${attempted}`, body: error.message });
    } else if (isApiClientError(error, 'validation_error')) {
      setNotice({ tone: 'danger', title: `Could not ${attempted}`, body: error.message });
    } else {
      const requestId = error instanceof ApiClientError && error.requestId ? ` (request ${error.requestId})` : '';
      setNotice({
        tone: 'danger',
        title: `Could not ${attempted}`,
        body:
          error instanceof ApiClientError
            ? `${error.message}${requestId}. Nothing was lost; try again in a moment.`
            : `${describeError(error)} Nothing was lost.`,
      });
    }
  };

  const closeEditor = () => {
    setDraft(null);
    setConflict(null);
  };

  const startEditing = (fromSeq: number = overlay.head_seq) => {
    const from = versionBySeq(overlay, fromSeq);
    if (!from || !awaiting) return;
    setNotice(null);
    setConflict(null);
    setDraft({
      fromSeq,
      base: from.snapshot,
      headSeq: overlay.head_seq,
      rev: overlay.rev,
      value: from.snapshot,
      note: '',
      highlights: [],
      mergedOnto: null,
    });
  };

  const cancelEditing = () => {
    if (dirty && overlay.status === 'awaiting_review') setDialog({ kind: 'discard' });
    else closeEditor();
  };

  /** A stale save keeps the draft and offers the merge; a decided review shows the draft for copying. */
  const onDraftRefused = (error: Error, submitted: Draft, attempted: string) => {
    if (!isApiClientError(error, 'version_conflict') && !isApiClientError(error, 'not_awaiting_review')) {
      explain(error, attempted);
      return;
    }
    const fresh = liveOverlay();
    if (fresh.status !== 'awaiting_review') return; // the editor shows who decided it, with the draft
    const head = headVersionOf(fresh);
    if (!head) return;
    if (jsonEqual(head.snapshot, submitted.base)) {
      // Only claims (or a version with the same content) moved the review on: nothing to merge.
      setDraft({ ...submitted, headSeq: head.seq, rev: fresh.rev, mergedOnto: head.seq });
      return;
    }
    setConflict({
      base: submitted.base,
      mine: submitted.value,
      theirs: head.snapshot,
      theirsSeq: head.seq,
      theirsRev: fresh.rev,
      serverChange: serverChangeOf(error, fresh),
    });
  };

  const saveDraft = () => {
    if (!draft || busy) return;
    const submitted = draft;
    save.mutate(
      { versionStamp: draftStamp(submitted, overlay), snapshot: submitted.value, note: submitted.note },
      {
        onSuccess: ({ overlay: next }) => {
          closeEditor();
          setCompareState(DEFAULT_COMPARE);
          toast({ tone: 'success', title: `Saved as v${next.head_seq}. It is now the head.` });
        },
        onError: (error) => onDraftRefused(error, submitted, 'save your version'),
      },
    );
  };

  const approveDraft = () => {
    if (!draft) return;
    const submitted = draft;
    approveEdits.mutate(
      { versionStamp: draftStamp(submitted, overlay), editedOutput: submitted.value, comment: submitted.note },
      {
        onSuccess: ({ overlay: next }) => {
          setDialog(null);
          closeEditor();
          setCompareState(DEFAULT_COMPARE);
          setDecidedHere(true);
          toast({
            tone: 'success',
            title: `Approved with your edits as v${next.effective_seq}. The workflow run continues.`,
          });
        },
        onError: (error) => {
          setDialog(null);
          onDraftRefused(error, submitted, 'approve your edits');
        },
      },
    );
  };

  const applyMerged = (merged: JsonObject) => {
    if (!draft || !conflict) return;
    const { conflicts } = mergeDrafts({ base: conflict.base, mine: conflict.mine, theirs: conflict.theirs });
    setDraft({
      ...draft,
      fromSeq: conflict.theirsSeq,
      base: conflict.theirs,
      headSeq: conflict.theirsSeq,
      rev: conflict.theirsRev,
      value: merged,
      highlights: conflicts.map((c) => ({ key: formatPath(c.path), path: c.path, value: getIn(merged, c.path) })),
      mergedOnto: conflict.theirsSeq,
    });
    setConflict(null);
  };

  const discardDraft = () => {
    setDialog(null);
    closeEditor();
    toast({ tone: 'info', title: 'Draft discarded.' });
  };

  /** For a command confirmed in a dialog: the dialog closes whatever the answer, and a refusal is explained. */
  const closeDialogAndReport = (attempted: string, onSuccess: (result: MutationResult) => void) => ({
    onSuccess: (result: MutationResult) => {
      setDialog(null);
      onSuccess(result);
    },
    onError: (error: Error) => {
      setDialog(null);
      explain(error, attempted);
    },
  });

  const toastClaimed = (next: ReviewOverlay, tookOver: boolean) => {
    const held = activeClaimOf(next, Date.now());
    toast({
      tone: 'success',
      title: held
        ? `${tookOver ? 'You took over the claim' : 'You hold the claim'} until ${formatClock(held.expires_at, Date.now())}.`
        : 'Claimed.',
    });
  };

  const runCommand = {
    claim: () => {
      setNotice(null);
      claim.mutate(
        { runId, blockId, versionStamp: overlay.rev },
        {
          onSuccess: ({ overlay: next }) => toastClaimed(next, false),
          onError: (error) => {
            void queryClient.invalidateQueries({ queryKey: queryKeys.review(runId, blockId), exact: true });
            explain(error, 'claim the review');
          },
        },
      );
    },
    takeOver: (seen: SeenState) => {
      claim.mutate(
        { runId, blockId, versionStamp: seen.rev, force: true },
        closeDialogAndReport('take over the claim', ({ overlay: next }) => toastClaimed(next, true)),
      );
    },
    release: () => {
      setNotice(null);
      release.mutate(
        { versionStamp: overlay.rev },
        {
          onSuccess: () => toast({ tone: 'success', title: 'Claim released. Others see the review as unclaimed.' }),
          onError: (error) => explain(error, 'release the claim'),
        },
      );
    },
    approve: (seen: SeenState, effectiveSeq: number) => {
      approve.mutate(
        { versionStamp: seen.rev, onSeq: seen.headSeq, effectiveSeq },
        closeDialogAndReport('approve', () => {
          setDecidedHere(true);
          toast({ tone: 'success', title: `Approved v${effectiveSeq}. The workflow run continues.` });
        }),
      );
    },
    reject: (seen: SeenState, reason: string) => {
      reject.mutate(
        { versionStamp: seen.rev, onSeq: seen.headSeq, reason },
        closeDialogAndReport('reject', () => {
          setDecidedHere(true);
          toast({ tone: 'success', title: 'Rejected. The workflow run is cancelled.' });
        }),
      );
    },
    revert: (seen: SeenState, toSeq: number, note: string) => {
      revert.mutate(
        { versionStamp: seen.rev, toSeq, note },
        closeDialogAndReport(`revert to v${toSeq}`, ({ overlay: next }) => {
          setCompareState(DEFAULT_COMPARE);
          toast({ tone: 'success', title: `Reverted to v${toSeq}: saved as v${next.head_seq}.` });
        }),
      );
    },
    reopen: (seen: SeenState, reason: string) => {
      reopen.mutate(
        { versionStamp: seen.rev, reason },
        closeDialogAndReport('reopen', () =>
          toast({ tone: 'success', title: 'Reopened. The review is back in the queue.' }),
        ),
      );
    },
  };

  const openApprove = (seq: number = overlay.head_seq) => {
    setNotice(null);
    setDialog({ kind: 'approve', seq, ...seenNow });
  };

  useKeyboardShortcuts(
    {
      e: () => {
        if (awaiting && !editing && !busy) startEditing();
      },
      a: () => {
        if (!awaiting || busy) return;
        if (!editing) openApprove();
        // Through the editor's own button, so its input checks run first.
        else document.querySelector<HTMLButtonElement>('[data-action="approve-edits"]:not(:disabled)')?.click();
      },
      r: () => {
        if (awaiting && !editing && !busy) setDialog({ kind: 'reject', ...seenNow });
      },
      // Moving on drops nothing: while a draft is open, j and k wait until it is saved or cancelled.
      j: () => {
        if (!editing && adjacent.next) router.push(reviewHref(adjacent.next));
      },
      k: () => {
        if (!editing && adjacent.previous) router.push(reviewHref(adjacent.previous));
      },
      [ESCAPE_KEY]: () => {
        if (editing && !busy) cancelEditing();
      },
    },
    { enabled: dialog === null },
  );

  return (
    <div className="relative min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-[96rem] space-y-5 px-4 py-5 sm:px-6">
        <ReviewHeader
          overlay={overlay}
          run={run}
          viewer={viewer}
          now={now}
          editing={editing}
          busy={busy}
          pending={{
            claim: claim.isPending,
            release: release.isPending,
            approve: approve.isPending,
            reject: reject.isPending,
            reopen: reopen.isPending,
          }}
          adjacent={adjacent}
          actions={{
            onClaim: runCommand.claim,
            onTakeOver: () => {
              setNotice(null);
              setDialog({ kind: 'take-over', ...seenNow });
            },
            onRelease: runCommand.release,
            onEdit: () => startEditing(),
            onApprove: () => openApprove(),
            onReject: () => {
              setNotice(null);
              setDialog({ kind: 'reject', ...seenNow });
            },
            onReopen: () => {
              setNotice(null);
              setDialog({ kind: 'reopen', ...seenNow });
            },
          }}
        />

        {notice && (
          <ReviewNotice key={`${notice.title}|${notice.body}`} notice={notice} onDismiss={() => setNotice(null)} />
        )}
        <DecisionCallout overlay={overlay} now={now} />

        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_22rem]">
          <div className="min-w-0 space-y-6">
            {draft ? (
              <ReviewEditor
                overlay={overlay}
                draft={draft}
                conflict={conflict}
                now={now}
                saving={save.isPending}
                approving={approveEdits.isPending}
                onChange={setDraft}
                onSave={saveDraft}
                onApproveWithEdits={() => setDialog({ kind: 'approve-edits' })}
                onCancel={cancelEditing}
                onApplyMerged={applyMerged}
                onDiscard={discardDraft}
                onClose={closeEditor}
              />
            ) : (
              <CompareCard
                overlay={overlay}
                compare={compare}
                onCompareChange={(next) =>
                  setCompareState(
                    next
                      ? { left: next.left, right: next.right === overlay.head_seq ? null : next.right }
                      : DEFAULT_COMPARE,
                  )
                }
              />
            )}
            <ActivityTimeline overlay={overlay} now={now} />
          </div>
          <aside aria-label="Version history" className="space-y-4 lg:sticky lg:top-4">
            <VersionTimeline
              overlay={overlay}
              now={now}
              compare={compare}
              onCompareChange={(next) =>
                setCompareState({ left: next.left, right: next.right === overlay.head_seq ? null : next.right })
              }
              actionsEnabled={!editing && !busy}
              onEditFrom={startEditing}
              onRevertTo={(seq) => {
                setNotice(null);
                setDialog({ kind: 'revert', seq, ...seenNow });
              }}
              onApproveVersion={openApprove}
            />
          </aside>
        </div>

        {dialog?.kind === 'approve' && (
          <ApproveDialog
            overlay={overlay}
            initialSeq={dialog.seq}
            now={now}
            pending={approve.isPending}
            onConfirm={(seq) => runCommand.approve(dialog, seq)}
            onClose={() => setDialog(null)}
          />
        )}
        {dialog?.kind === 'approve-edits' && draft && (
          <ApproveEditsDialog
            nextSeq={overlay.head_seq + 1}
            changedFields={draftChanges.length}
            comment={draft.note}
            pending={approveEdits.isPending}
            onConfirm={approveDraft}
            onClose={() => setDialog(null)}
          />
        )}
        {dialog?.kind === 'reject' && (
          <RejectDialog
            overlay={overlay}
            pending={reject.isPending}
            onConfirm={(reason) => runCommand.reject(dialog, reason)}
            onClose={() => setDialog(null)}
          />
        )}
        {dialog?.kind === 'revert' && (
          <RevertDialog
            overlay={overlay}
            toSeq={dialog.seq}
            now={now}
            pending={revert.isPending}
            onConfirm={(note) => runCommand.revert(dialog, dialog.seq, note)}
            onClose={() => setDialog(null)}
          />
        )}
        {dialog?.kind === 'reopen' && (
          <ReopenDialog
            overlay={overlay}
            pending={reopen.isPending}
            onConfirm={(reason) => runCommand.reopen(dialog, reason)}
            onClose={() => setDialog(null)}
          />
        )}
        {dialog?.kind === 'take-over' && overlay.claim && (
          <TakeOverDialog
            claim={overlay.claim}
            now={now}
            pending={claim.isPending}
            onConfirm={() => runCommand.takeOver(dialog)}
            onClose={() => setDialog(null)}
          />
        )}
        {dialog?.kind === 'discard' && (
          <DiscardDialog changedFields={draftChanges.length} onDiscard={discardDraft} onClose={() => setDialog(null)} />
        )}
      </div>
    </div>
  );
}
