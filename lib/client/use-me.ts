'use client';

import { useQuery } from '@tanstack/react-query';
import type { Me } from '../auth/schemas';
import { queryKeys } from './query-keys';
import { reviewClient } from './review-client';

/**
 * The signed-in person. The app shell passes what the server already resolved from the session
 * cookie as `initial`, so names render on the first paint without a request.
 */
export function useMe(initial?: Me) {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => reviewClient.me({ signal }),
    initialData: initial,
    staleTime: 5 * 60_000,
  });
}
