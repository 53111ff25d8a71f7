'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CorrectionStatsInput, DecisionStatsInput, QueueStatsInput } from './api-client';
import { queryKeys } from './query-keys';
import { retryUnlessFinal } from './retry-unless-final';
import { reviewClient } from './review-client';

// Live events mark these stale on every change (touched-keys.ts); waits also grow with no event at all.
const WAITS_REFRESH_MS = 60_000;

/** How the queue stands now: awaiting items, waits, claims, SLA (leads, admins). */
export function useQueueStats(query: QueueStatsInput = {}) {
  return useQuery({
    queryKey: queryKeys.queueStats(query),
    queryFn: ({ signal }) => reviewClient.getQueueStats(query, { signal }),
    retry: retryUnlessFinal,
    refetchInterval: WAITS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** Decisions per bucket of a period, and per reviewer. */
export function useDecisionStats(query: DecisionStatsInput) {
  return useQuery({
    queryKey: queryKeys.decisionStats(query),
    queryFn: ({ signal }) => reviewClient.getDecisionStats(query, { signal }),
    retry: retryUnlessFinal,
    placeholderData: keepPreviousData,
  });
}

/** The fields of one workflow that reviewers correct most; nothing is asked without a workflow. */
export function useCorrectionStats(query: CorrectionStatsInput | null) {
  return useQuery({
    queryKey: queryKeys.correctionStats(query ?? { workflow_id: '' }),
    queryFn: ({ signal }) => reviewClient.getCorrectionStats(query as CorrectionStatsInput, { signal }),
    enabled: query !== null,
    retry: retryUnlessFinal,
    placeholderData: keepPreviousData,
  });
}
