'use client';

import { useEffect, useState } from 'react';
import { lastQueueView } from '@/lib/client/last-queue-view';
import { useQueue } from '@/lib/client/use-queue';
import type { ReviewOverlay } from '@/lib/reviews/schemas';
import { type AdjacentReviews, adjacentReviews } from './adjacent-reviews';

/**
 * The previous and next review of the queue the reviewer came from (the inbox's last view; on a
 * fresh load, the queue of this review's status). It shares the inbox's cache, so after a
 * decision the queue refreshes and "next" is the review that took this one's place.
 */
export function useAdjacentReviews(overlay: Pick<ReviewOverlay, 'block_run_id' | 'status'>): AdjacentReviews {
  // Fixed for the page's life: deciding changes the status, not the queue being worked through.
  const [filters] = useState(() => lastQueueView() ?? { status: overlay.status });
  const queue = useQueue(filters);
  const [lastSeenIndex, setLastSeenIndex] = useState<number | null>(null);
  const found = adjacentReviews(queue.data ?? [], overlay.block_run_id, lastSeenIndex);
  if (found.index !== null && found.index !== lastSeenIndex) setLastSeenIndex(found.index);

  // At the end of the loaded pages, the next review may be on the page after.
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = queue;
  const wantsNextPage = found.next === null && (found.index !== null || lastSeenIndex !== null) && hasNextPage;
  useEffect(() => {
    if (wantsNextPage && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage();
  }, [wantsNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  return found;
}
