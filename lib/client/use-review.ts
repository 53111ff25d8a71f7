'use client';

import { queryOptions, replaceEqualDeep, useQuery } from '@tanstack/react-query';
import type { ReviewOverlay } from '../reviews/schemas';
import { newerOf } from './newer-rev';
import { queryKeys } from './query-keys';
import { retryUnlessFinal } from './retry-unless-final';
import { reviewClient } from './review-client';

/**
 * One review overlay. The app shell's live connection brings every change anyone makes to the
 * review into this key, so an open page follows other people's claims, edits and decisions.
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
    // A read that set off before a command's answer arrived must not put back the older state.
    structuralSharing: (cached, fresh) =>
      replaceEqualDeep(cached, newerOf(cached as ReviewOverlay | undefined, fresh as ReviewOverlay)),
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
