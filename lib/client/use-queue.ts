'use client';

import { type InfiniteData, replaceEqualDeep, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import type { QueueItem, QueuePage } from '../reviews/schemas';
import { type QueueFilters, queryKeys } from './query-keys';
import { keepNewerRows, type QueuePages } from './queue-pages';
import { viewContextOf } from './review-caches';
import { reviewClient } from './review-client';

export const QUEUE_PAGE_SIZE = 50;

// Module-level so react-query memoizes it: an inline function would re-flatten on every render.
const flattenPages = (data: InfiniteData<QueuePage, string | undefined>): QueueItem[] =>
  data.pages.flatMap((page) => page.data);

/**
 * One queue view, page by page with the server's keyset cursor: each page costs the same however
 * deep the reviewer scrolls, and nothing is ever fetched by offset.
 */
export function useQueue(filters: QueueFilters) {
  const queryClient = useQueryClient();
  return useInfiniteQuery({
    queryKey: queryKeys.queue(filters),
    queryFn: ({ pageParam, signal }) =>
      reviewClient.listQueue({ ...filters, limit: QUEUE_PAGE_SIZE, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.has_more && last.next_cursor ? last.next_cursor : undefined),
    select: flattenPages,
    structuralSharing: (cached, fresh) =>
      // React-query runs this on what `select` returns too: rows flattened from pages already kept.
      Array.isArray(fresh)
        ? replaceEqualDeep(cached, fresh)
        : replaceEqualDeep(
            cached,
            keepNewerRows(cached as QueuePages | undefined, fresh as QueuePages, filters, viewContextOf(queryClient)),
          ),
  });
}
