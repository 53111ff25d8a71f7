'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiClientError, type MutationResult } from './api-client';
import { newCommandId } from './command-id';
import { queryKeys } from './query-keys';
import { refreshReview, storeReview } from './review-caches';
import { reviewClient } from './review-client';
import { advanceSeenReview } from './seen-reviews';

export interface ClaimReviewInput {
  runId: string;
  blockId: string;
  /** The `rev` the caller last read. */
  versionStamp: number;
  ttlSeconds?: number;
  /** Take over somebody else's claim (leads and admins only). */
  force?: boolean;
}

/**
 * Claim (or renew one's own claim on) a review. A claim only says "I am on it" and protects no
 * content, so when the stamp is stale because something else moved the review on, the claim is
 * retried once at the current `rev` rather than bothering the reviewer.
 *
 * Touches: that review (its cached overlay and its row in every loaded queue view, which may
 * leave or join `mine` and `unclaimed` views) and the counts (`mine`, `unclaimed`).
 */
export function useClaimReview() {
  const queryClient = useQueryClient();
  return useMutation<MutationResult, Error, ClaimReviewInput>({
    mutationFn: async ({ runId, blockId, versionStamp, ttlSeconds, force }) => {
      const body = { ttl_seconds: ttlSeconds, force, command_id: newCommandId() };
      try {
        return await reviewClient.claim(runId, blockId, { ...body, version_stamp: versionStamp });
      } catch (error) {
        const currentRev = isApiClientError(error, 'version_conflict') ? error.details?.current_rev : undefined;
        if (typeof currentRev !== 'number') throw error;
        return reviewClient.claim(runId, blockId, { ...body, command_id: newCommandId(), version_stamp: currentRev });
      }
    },
    onSuccess: ({ overlay }, { versionStamp }) => {
      if (overlay.rev === versionStamp + 1) advanceSeenReview(overlay.block_run_id, versionStamp, overlay.rev);
      storeReview(queryClient, overlay);
    },
    onError: (error, { runId, blockId }) => {
      // Refused because the review moved on: show where it is now.
      if (isApiClientError(error)) void refreshReview(queryClient, runId, blockId);
    },
    // Not awaited: the claim is done when the server says so, not when the counts have refetched.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.counts });
    },
  });
}
