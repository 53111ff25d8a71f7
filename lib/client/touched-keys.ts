/**
 * Which cached queries each kind of change makes stale, in one place. The changed review itself
 * is never among them: every change brings its overlay (a command's answer, or one read after a
 * live event), which review-caches.ts writes into the review's page and every loaded queue view,
 * so reading it again would cost a request for nothing.
 */
import type { InvalidateQueryFilters, QueryClient } from '@tanstack/react-query';
import { queryKeys } from './query-keys';

const runOf = (runId: string): InvalidateQueryFilters => ({ queryKey: queryKeys.run(runId), exact: true });

export const touchedKeys = {
  /** Save, approve, reject, revert, reopen, release: the counts, and the run a decision resumes or cancels. */
  reviewCommand: (runId: string): InvalidateQueryFilters[] => [{ queryKey: queryKeys.counts }, runOf(runId)],
  /** A claim moves only the `mine` and `unclaimed` counts. */
  claim: (): InvalidateQueryFilters[] => [{ queryKey: queryKeys.counts }],
  /** Other people's changes, reported live: the counts, the insight numbers, and the run of each changed review. */
  liveChanges: (runIds: string[]): InvalidateQueryFilters[] => [
    { queryKey: queryKeys.counts },
    { queryKey: queryKeys.stats },
    ...[...new Set(runIds)].map(runOf),
  ],
  /** After a gap in the live connection anything may have changed, and everything shown is read again. */
  connectionGap: (): InvalidateQueryFilters[] =>
    [queryKeys.queues, queryKeys.counts, queryKeys.reviews, queryKeys.runs, queryKeys.stats].map((queryKey) => ({
      queryKey,
    })),
  /** New SLA minutes move every SLA marker and count: the queue views, their counts and the insight numbers. */
  slaSettings: (): InvalidateQueryFilters[] =>
    [queryKeys.organizationSettings, queryKeys.queues, queryKeys.counts, queryKeys.stats].map((queryKey) => ({
      queryKey,
    })),
  /** Creating or revoking a key changes the list of keys only. */
  apiKeys: (): InvalidateQueryFilters[] => [{ queryKey: queryKeys.apiKeys }],
  /** A person's role and whether they are disabled also show on (and end) their keys. */
  member: (): InvalidateQueryFilters[] => [{ queryKey: queryKeys.members }, { queryKey: queryKeys.apiKeys }],
  /** Adding, editing, disabling or deleting an endpoint. */
  webhookEndpoints: (): InvalidateQueryFilters[] => [{ queryKey: queryKeys.webhookEndpoints }],
  /** A test event or a redelivery adds an attempt to the endpoint's deliveries. */
  deliveries: (endpointId: string): InvalidateQueryFilters[] => [
    { queryKey: queryKeys.deliveries(endpointId), exact: true },
  ],
};

/** Marks the given queries stale; the ones on screen refetch, and the promise settles when they have. */
export async function invalidateTouched(queryClient: QueryClient, touched: InvalidateQueryFilters[]): Promise<void> {
  await Promise.all(touched.map((filters) => queryClient.invalidateQueries(filters)));
}
