'use client';

import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '@/lib/client/query-keys';

/**
 * A source file's bytes, fetched with the reviewer's session. Kept in the query cache so paging
 * between reviews of the same document does not download it again.
 */
export function useSourceBytes(url: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.sourceFile(url),
    queryFn: async ({ signal }) => {
      const response = await fetch(url, { credentials: 'same-origin', signal });
      if (!response.ok) throw new Error(`The document could not be loaded (HTTP ${response.status}).`);
      return response.arrayBuffer();
    },
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 10 * 60_000,
    retry: 1,
  });
}
