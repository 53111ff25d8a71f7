import type { QueueFilters } from './query-keys';

// The queue view the reviewer last had open in the inbox, for this tab's lifetime: moving on from
// a review (j/k, "Next review") follows that queue, filters and all.
let lastFilters: QueueFilters | null = null;

export function rememberQueueView(filters: QueueFilters): void {
  lastFilters = filters;
}

export function lastQueueView(): QueueFilters | null {
  return lastFilters;
}
