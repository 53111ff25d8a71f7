'use client';

import { useQuery } from '@tanstack/react-query';
import { type CountFilters, queryKeys } from './query-keys';
import { reviewClient } from './review-client';

/** Items per status, plus the caller's claims and the unclaimed ones, under the given filters. */
export function useQueueCounts(filters: CountFilters) {
  return useQuery({
    queryKey: queryKeys.countsOf(filters),
    queryFn: ({ signal }) => reviewClient.countQueue(filters, { signal }),
  });
}
