'use client';

import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiClientError } from './api-client';
import { queryKeys } from './query-keys';
import { reviewClient } from './review-client';

/** Answers that asking again will not change: not signed in, not allowed, not there. */
function retryUnlessFinal(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiClientError && [401, 403, 404, 422].includes(error.status)) return false;
  return failureCount < 2;
}

/**
 * One review overlay. The app shell's live connection invalidates this key whenever anyone
 * changes the review, so an open page follows other people's claims, edits and decisions.
 */
export function useReview(runId: string, blockId: string) {
  return useQuery(reviewQuery(runId, blockId));
}

/** How one overlay is read, for the hook and for anything that fetches it outside a component. */
export function reviewQuery(runId: string, blockId: string) {
  return queryOptions({
    queryKey: queryKeys.review(runId, blockId),
    queryFn: ({ signal }) => reviewClient.getOverlay(runId, blockId, { signal }),
    retry: retryUnlessFinal,
  });
}

/** The workflow run the review gates: whether it is still waiting, resumed or cancelled. */
export function useRun(runId: string) {
  return useQuery({
    queryKey: queryKeys.run(runId),
    queryFn: ({ signal }) => reviewClient.getRun(runId, { signal }),
    retry: retryUnlessFinal,
  });
}
