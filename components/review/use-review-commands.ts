'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useToast } from '@/components/ui/toast';
import { ApiClientError, isApiClientError, type MutationResult } from '@/lib/client/api-client';
import { queryKeys } from '@/lib/client/query-keys';
import { useClaimReview } from '@/lib/client/use-claim-review';
import {
  useApproveReview,
  useApproveWithEdits,
  useRejectReview,
  useReleaseReview,
  useReopenReview,
  useRevertReview,
  useSaveVersion,
} from '@/lib/client/use-review-mutations';
import { formatClock } from '@/lib/format/time';
import type { ReviewOverlay } from '@/lib/reviews/schemas';
import { serverSchemaErrors } from '@/lib/workbench/schema-validation';
import { refusalMessage } from './refusal-message';
import { type Draft, draftStamp } from './review-draft';
import { activeClaimOf } from './review-format';
import type { Notice } from './review-notice';
import type { ReviewDraftState } from './use-review-draft';

/**
 * What the reviewer was looking at when they opened a decision: a confirmation applies to that
 * state, so anything that changed while the dialog was open comes back as a conflict.
 */
export type SeenState = { rev: number; headSeq: number };

/**
 * Every command of the review page (claim, take over, release, save, approve, approve with
 * edits, reject, revert, reopen): it sends the stamp the reviewer saw (the mutation hooks add the
 * command id), says how it went in a toast, and explains a refusal in a notice.
 */
export function useReviewCommands({
  overlay,
  runId,
  blockId,
  drafts,
  setNotice,
  closeDialog,
  resetCompare,
}: {
  overlay: ReviewOverlay;
  runId: string;
  blockId: string;
  drafts: ReviewDraftState;
  setNotice(notice: Notice | null): void;
  closeDialog(): void;
  /** Back to the default comparison, so the version a command added shows up in it. */
  resetCompare(): void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();

  const claim = useClaimReview();
  const release = useReleaseReview(runId, blockId);
  const save = useSaveVersion(runId, blockId);
  const approve = useApproveReview(runId, blockId);
  const approveEdits = useApproveWithEdits(runId, blockId);
  const reject = useRejectReview(runId, blockId);
  const revert = useRevertReview(runId, blockId);
  const reopen = useReopenReview(runId, blockId);
  const busy = [claim, release, save, approve, approveEdits, reject, revert, reopen].some((m) => m.isPending);

  const [decidedHere, setDecidedHere] = useState(false);

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

  /** The review as the cache holds it now: a stale answer has already refreshed it. */
  const liveOverlay = () => queryClient.getQueryData<ReviewOverlay>(queryKeys.review(runId, blockId)) ?? overlay;

  const explain = (error: Error, attempted: string) =>
    setNotice(refusalMessage({ error, attempted, overlay: liveOverlay(), now: Date.now() }));

  /** A stale save keeps the draft and offers the merge; a decided review shows the draft for copying. */
  const onDraftRefused = (error: Error, submitted: Draft, attempted: string) => {
    if (!isApiClientError(error, 'version_conflict') && !isApiClientError(error, 'not_awaiting_review')) {
      if (error instanceof ApiClientError && (error.code as string) === 'schema_mismatch') {
        drafts.showServerErrors(submitted.value, serverSchemaErrors(error.details));
      }
      explain(error, attempted);
      return;
    }
    drafts.keepAfterRefusal(error, submitted, liveOverlay());
  };

  /** For a command confirmed in a dialog: the dialog closes whatever the answer, and a refusal is explained. */
  const closeDialogAndReport = (attempted: string, onSuccess: (result: MutationResult) => void) => ({
    onSuccess: (result: MutationResult) => {
      closeDialog();
      onSuccess(result);
    },
    onError: (error: Error) => {
      closeDialog();
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

  return {
    busy,
    pending: {
      claim: claim.isPending,
      release: release.isPending,
      save: save.isPending,
      approve: approve.isPending,
      approveEdits: approveEdits.isPending,
      reject: reject.isPending,
      revert: revert.isPending,
      reopen: reopen.isPending,
    },
    claim: () => {
      setNotice(null);
      claim.mutate(
        { runId, blockId, versionStamp: overlay.rev },
        {
          onSuccess: ({ overlay: next }) => toastClaimed(next, false),
          // useClaimReview already re-reads the review when the server refused the claim.
          onError: (error) => explain(error, 'claim the review'),
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
    saveDraft: () => {
      const submitted = drafts.draft;
      if (!submitted || busy) return;
      save.mutate(
        { versionStamp: draftStamp(submitted, overlay), snapshot: submitted.value, note: submitted.note },
        {
          onSuccess: ({ overlay: next }) => {
            drafts.closeEditor();
            resetCompare();
            toast({ tone: 'success', title: `Saved as v${next.head_seq}. It is now the head.` });
          },
          onError: (error) => onDraftRefused(error, submitted, 'save your version'),
        },
      );
    },
    approveDraft: () => {
      const submitted = drafts.draft;
      if (!submitted) return;
      approveEdits.mutate(
        { versionStamp: draftStamp(submitted, overlay), editedOutput: submitted.value, comment: submitted.note },
        {
          onSuccess: ({ overlay: next }) => {
            closeDialog();
            drafts.closeEditor();
            resetCompare();
            setDecidedHere(true);
            toast({
              tone: 'success',
              title: `Approved with your edits as v${next.effective_seq}. The workflow run continues.`,
            });
          },
          onError: (error) => {
            closeDialog();
            onDraftRefused(error, submitted, 'approve your edits');
          },
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
          resetCompare();
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
}

export type ReviewCommands = ReturnType<typeof useReviewCommands>;
