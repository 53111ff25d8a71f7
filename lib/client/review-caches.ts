/**
 * One changed review, carried into every cached view of it: its own page and each loaded queue
 * view, patched in place. A change costs at most one read of that review, however many queue
 * pages the inbox has loaded; refetching the views instead would re-read every loaded page.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Me } from '../auth/schemas';
import type { ReviewOverlay } from '../reviews/schemas';
import { isNotOlder } from './newer-rev';
import { type QueueFilters, queryKeys } from './query-keys';
import { belongsInView, placeInPages, type QueuePages, queueItemOf, rowFactsOf, type ViewContext } from './queue-pages';
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

/** What the queue filters need to know about the viewer, now. */
export function viewContextOf(queryClient: QueryClient): ViewContext {
  return { me: queryClient.getQueryData<Me>(queryKeys.me)?.actor ?? null, now: Date.now() };
}

/** Shows `overlay` on its review page and in every loaded queue view, unless something newer is shown. */
export function storeReview(queryClient: QueryClient, overlay: ReviewOverlay): void {
  const reviewKey = queryKeys.review(overlay.workflow_run_id, overlay.block_id);
  const shown = queryClient.getQueryData<ReviewOverlay>(reviewKey);
  if (isNotOlder(overlay.rev, shown?.rev)) queryClient.setQueryData(reviewKey, overlay);

  const revs = placedRevsOf(queryClient);
  if (!isNotOlder(overlay.rev, revs.get(overlay._id))) return;
  revs.set(overlay._id, overlay.rev);
  const item = queueItemOf(overlay);
  const facts = rowFactsOf(overlay);
  const context = viewContextOf(queryClient);
  for (const [key, data] of queryClient.getQueriesData<QueuePages>({ queryKey: queryKeys.queues })) {
    if (!data) continue;
    const filters = (key[1] ?? {}) as QueueFilters;
    queryClient.setQueryData(key, placeInPages(data, item, belongsInView(item, filters, context, facts), filters.sort));
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

/** Follows a change someone made into the review's views, reading it again only when the cache is older. */
export async function followReviewChange(queryClient: QueryClient, change: ChangedReview): Promise<void> {
  const cached = queryClient.getQueryData<ReviewOverlay>(queryKeys.review(change.runId, change.blockId));
  if (cached && isNotOlder(cached.rev, change.rev)) storeReview(queryClient, cached);
  else await refreshReview(queryClient, change.runId, change.blockId);
}
