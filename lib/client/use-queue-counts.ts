'use client';

import { useQuery } from '@tanstack/react-query';
import { queryKeys } from './query-keys';
import { reviewClient } from './review-client';

/** Items per status, plus the caller's claims and the unclaimed ones (organization-wide, unfiltered). */
export function useQueueCounts() {
  return useQuery({
    queryKey: queryKeys.counts,
    queryFn: ({ signal }) => reviewClient.countQueue({ signal }),
  });
}
