'use client';

import { useQuery } from '@tanstack/react-query';
import { type CountFilters, queryKeys } from './query-keys';
import { reviewClient } from './review-client';

/** Items per status, plus the caller's claims and the unclaimed ones, under the given filters (none asked for null). */
export function useQueueCounts(filters: CountFilters | null) {
  return useQuery({
    queryKey: queryKeys.countsOf(filters ?? {}),
    queryFn: ({ signal }) => reviewClient.countQueue(filters ?? {}, { signal }),
    enabled: filters !== null,
  });
}

/** Who holds claims on awaiting reviews, for the claim-holder filter. */
export function useClaimHolders() {
  return useQuery({
    queryKey: queryKeys.claimHolders,
    queryFn: ({ signal }) => reviewClient.listClaimHolders({ signal }),
  });
}
