'use client';

import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiClientError, type DecideResult, type MutationResult } from './api-client';
import { newCommandId } from './command-id';
import { queryKeys } from './query-keys';
import { refreshReview, storeReview } from './review-caches';
import { reviewClient } from './review-client';
import { advanceSeenReview } from './seen-reviews';

/**
 * One hook per review command. Each sends a `command_id` that stays the same for every retry
 * of one user action (a double click, a network retry, pressing the button again after a
 * failure), so the server applies it once; a different request, or the same one after it
 * succeeded, gets a new id. The `version_stamp` is the caller's: it is the `rev` the person was
 * looking at when they acted, and a stale one must come back as a 409 rather than be refreshed
 * silently.
 */

type Stamped = { versionStamp: number };

export type SaveVersionInput = Stamped & { snapshot: Record<string, unknown>; note?: string | null };
export type ApproveInput = Stamped & { onSeq: number; effectiveSeq: number };
export type ApproveWithEditsInput = Stamped & { editedOutput: Record<string, unknown>; comment?: string | null };
export type RejectInput = Stamped & { onSeq: number; reason: string };
export type RevertInput = Stamped & { toSeq: number; note?: string | null };
export type ReopenInput = Stamped & { reason: string };
export type ReleaseInput = Stamped;

function blankToNull(text: string | null | undefined): string | null {
  return text == null || text.trim() === '' ? null : text;
}

/** Network failures and a database that is briefly down are worth one more try with the same command id. */
function isTransient(error: unknown): boolean {
  if (error instanceof ApiClientError) return error.status === 503 || error.status === 429;
  return error instanceof TypeError;
}

/** The answers after which the overlay on screen is known to be out of date. */
function meansStale(error: unknown): boolean {
  return error instanceof ApiClientError && (error.status === 409 || error.status === 404);
}

/** Keeps one command id per distinct request until that request succeeds. */
function useCommandIds() {
  const current = useRef<{ fingerprint: string; id: string } | null>(null);
  return {
    idFor(fingerprint: string): string {
      if (current.current?.fingerprint !== fingerprint) {
        current.current = { fingerprint, id: newCommandId() };
      }
      return current.current.id;
    },
    clear(fingerprint: string) {
      if (current.current?.fingerprint === fingerprint) current.current = null;
    },
  };
}

/** The review's row in the queue views is patched by storeReview; these are read again. */
async function invalidateTouched(queryClient: QueryClient, runId: string, blockId: string) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.review(runId, blockId), exact: true }),
    queryClient.invalidateQueries({ queryKey: queryKeys.counts }),
    queryClient.invalidateQueries({ queryKey: queryKeys.run(runId), exact: true }),
  ]);
}

/** The two fields every command body carries: the caller's stamp and this action's command id. */
type CommandFields = { version_stamp: number; command_id: string };

function useReviewCommand<TInput extends Stamped, TResult extends MutationResult>(
  runId: string,
  blockId: string,
  name: string,
  send: (input: TInput, command: CommandFields) => Promise<TResult>,
) {
  const queryClient = useQueryClient();
  const commandIds = useCommandIds();
  const fingerprintOf = (input: TInput) => {
    // The stamp is left out: a retry after a lost answer carries a fresher stamp but is the same action.
    const { versionStamp: _stamp, ...request } = input;
    return JSON.stringify([name, request]);
  };
  return useMutation<TResult, Error, TInput>({
    mutationKey: ['review-command', runId, blockId, name],
    mutationFn: (input) =>
      send(input, { version_stamp: input.versionStamp, command_id: commandIds.idFor(fingerprintOf(input)) }),
    retry: (failureCount, error) => isTransient(error) && failureCount < 2,
    retryDelay: (attempt) => 500 * 2 ** attempt,
    onSuccess: async (result, input) => {
      commandIds.clear(fingerprintOf(input));
      // The reviewer's own change is not news to them in the inbox.
      advanceSeenReview(result.overlay.block_run_id, input.versionStamp, result.overlay.rev);
      storeReview(queryClient, result.overlay);
      await invalidateTouched(queryClient, runId, blockId);
    },
    onError: async (error) => {
      // Awaited, so that the caller's onError already sees the overlay as it is now.
      if (meansStale(error)) await refreshReview(queryClient, runId, blockId);
    },
  });
}

export function useSaveVersion(runId: string, blockId: string) {
  return useReviewCommand<SaveVersionInput, MutationResult>(runId, blockId, 'versions', (input, command) =>
    reviewClient.appendVersion(runId, blockId, {
      snapshot: input.snapshot,
      origin: 'human_edit',
      note: blankToNull(input.note),
      ...command,
    }),
  );
}

export function useApproveReview(runId: string, blockId: string) {
  return useReviewCommand<ApproveInput, DecideResult>(runId, blockId, 'approve', (input, command) =>
    reviewClient.decide(runId, blockId, {
      verdict: 'approved',
      on_seq: input.onSeq,
      effective_seq: input.effectiveSeq,
      ...command,
    }),
  );
}

/** Appends the edited output and approves it in one atomic call; the comment becomes the decision's reason. */
export function useApproveWithEdits(runId: string, blockId: string) {
  return useReviewCommand<ApproveWithEditsInput, DecideResult>(runId, blockId, 'approve-edits', (input, command) =>
    reviewClient.decide(runId, blockId, {
      verdict: 'approved',
      edited_output: input.editedOutput,
      reason: blankToNull(input.comment),
      ...command,
    }),
  );
}

export function useRejectReview(runId: string, blockId: string) {
  return useReviewCommand<RejectInput, DecideResult>(runId, blockId, 'reject', (input, command) =>
    reviewClient.decide(runId, blockId, { verdict: 'rejected', on_seq: input.onSeq, reason: input.reason, ...command }),
  );
}

export function useRevertReview(runId: string, blockId: string) {
  return useReviewCommand<RevertInput, MutationResult>(runId, blockId, 'revert', (input, command) =>
    reviewClient.revert(runId, blockId, { to_seq: input.toSeq, note: blankToNull(input.note), ...command }),
  );
}

export function useReopenReview(runId: string, blockId: string) {
  return useReviewCommand<ReopenInput, MutationResult>(runId, blockId, 'reopen', (input, command) =>
    reviewClient.reopen(runId, blockId, { reason: input.reason, ...command }),
  );
}

export function useReleaseReview(runId: string, blockId: string) {
  return useReviewCommand<ReleaseInput, MutationResult>(runId, blockId, 'release', (_input, command) =>
    reviewClient.release(runId, blockId, command),
  );
}
