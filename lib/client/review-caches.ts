/**
 * One changed review, carried into every cached view of it: its own page and each loaded queue
 * view, patched in place. A change costs at most one read of that review, however many queue
 * pages the inbox has loaded; refetching the views instead would re-read every loaded page.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Me } from '../auth/schemas';
import type { ReviewOverlay } from '../reviews/schemas';
import { type QueueFilters, queryKeys } from './query-keys';
import { belongsInView, placeInPages, type QueuePages, queueItemOf } from './queue-pages';
import { reviewQuery } from './use-review';

// The newest rev placed in the views, per review: answers may arrive out of order, and an older
// one must not put back a review a newer one took out of a view.
const placedRevs = new WeakMap<QueryClient, Map<string, number>>();

function placedRevsOf(queryClient: QueryClient): Map<string, number> {
  let revs = placedRevs.get(queryClient);
  if (!revs) {
    revs = new Map();
    placedRevs.set(queryClient, revs);
  }
  return revs;
}

function hasQueueViews(queryClient: QueryClient): boolean {
  return queryClient.getQueryCache().findAll({ queryKey: queryKeys.queues }).length > 0;
}

/** Shows `overlay` on its review page and in every loaded queue view, unless something newer is shown. */
export function storeReview(queryClient: QueryClient, overlay: ReviewOverlay): void {
  const reviewKey = queryKeys.review(overlay.workflow_run_id, overlay.block_id);
  const shown = queryClient.getQueryData<ReviewOverlay>(reviewKey);
  if (!shown || shown.rev <= overlay.rev) queryClient.setQueryData(reviewKey, overlay);

  const revs = placedRevsOf(queryClient);
  if ((revs.get(overlay._id) ?? -1) > overlay.rev) return;
  revs.set(overlay._id, overlay.rev);
  const item = queueItemOf(overlay);
  const context = { myId: queryClient.getQueryData<Me>(queryKeys.me)?.actor.id ?? '', now: Date.now() };
  for (const [key, data] of queryClient.getQueriesData<QueuePages>({ queryKey: queryKeys.queues })) {
    if (!data) continue;
    const filters = (key[1] ?? {}) as QueueFilters;
    queryClient.setQueryData(key, placeInPages(data, item, belongsInView(item, filters, context)));
  }
}

/**
 * Reads the review again and shows it everywhere. With no queue view loaded only its page can
 * show it, so the page's own query refetches (if open) or is marked stale (if not).
 */
export async function refreshReview(queryClient: QueryClient, runId: string, blockId: string): Promise<void> {
  if (!hasQueueViews(queryClient)) {
    await queryClient.invalidateQueries({ queryKey: queryKeys.review(runId, blockId), exact: true });
    return;
  }
  try {
    storeReview(queryClient, await queryClient.fetchQuery({ ...reviewQuery(runId, blockId), staleTime: 0 }));
  } catch {
    // Gone or unreachable: the next change, or the re-read after a lost connection, brings it.
  }
}

export interface ChangedReview {
  runId: string;
  blockId: string;
  /** The rev the change produced. */
  rev: number;
}

/**
 * Follows a change someone made: the review's views (read again only when the cache is older
 * than the change) and its workflow run, whose status a decision can move.
 */
export async function followReviewChange(queryClient: QueryClient, change: ChangedReview): Promise<void> {
  void queryClient.invalidateQueries({ queryKey: queryKeys.run(change.runId), exact: true });
  const cached = queryClient.getQueryData<ReviewOverlay>(queryKeys.review(change.runId, change.blockId));
  if (cached && cached.rev >= change.rev) storeReview(queryClient, cached);
  else await refreshReview(queryClient, change.runId, change.blockId);
}
