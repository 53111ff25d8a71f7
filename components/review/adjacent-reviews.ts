import type { QueueItem } from '@/lib/reviews/schemas';

export type AdjacentReviews = {
  /** Where the review stands in the loaded queue, or null when it is not (or no longer) in it. */
  index: number | null;
  previous: QueueItem | null;
  next: QueueItem | null;
};

/**
 * The reviews before and after one review, in the queue's own order. A review that left the queue
 * (decided, claimed away under a filter) counts as still standing where it was last seen, so
 * "next" is the one that took its place; one never seen in it starts from the top.
 */
export function adjacentReviews(
  items: readonly QueueItem[],
  currentId: string,
  lastSeenIndex: number | null,
): AdjacentReviews {
  const index = items.findIndex((item) => item.block_run_id === currentId);
  if (index >= 0) return { index, previous: items[index - 1] ?? null, next: items[index + 1] ?? null };
  if (lastSeenIndex === null) return { index: null, previous: null, next: items[0] ?? null };
  return { index: null, previous: items[lastSeenIndex - 1] ?? null, next: items[lastSeenIndex] ?? null };
}
