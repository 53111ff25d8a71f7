import type { QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BLOCK_ID,
  createClientHarness,
  json,
  OVERLAY_PATH,
  overlayAt,
  queuePage,
  RUN_ID,
  stubFetch,
} from '@/test/client-hooks';
import type { ReviewOverlay } from '../reviews/schemas';
import { queryKeys } from './query-keys';
import { type QueuePages, queueItemOf } from './queue-pages';
import { followReviewChange, storeReview } from './review-caches';
import { useClaimReview } from './use-claim-review';
import { useQueue } from './use-queue';
import { useReview } from './use-review';
import { useSaveVersion } from './use-review-mutations';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A response the test hands out when it chooses, to put answers out of order. */
function heldResponse() {
  let release: (response: Response) => void = () => {};
  const response = new Promise<Response>((resolve) => {
    release = resolve;
  });
  return { response, release };
}

const QUEUE_PATH = '/v1/workflows/reviews?limit=50';

/** The revs of the rows the inbox's default view holds, read from the cache rather than a render that may lag. */
const queuedRevs = (queryClient: QueryClient) =>
  queryClient.getQueryData<QueuePages>(queryKeys.queue({}))?.pages.flatMap((page) => page.data.map((row) => row.rev));

describe('a stale overlay never overwrites a newer one', () => {
  it('when a read of the review set off before a save answered', async () => {
    let late: ReturnType<typeof heldResponse> | null = null;
    stubFetch(({ method }) => {
      if (method === 'POST') return json(overlayAt(4));
      return late ? late.response : json(overlayAt(3));
    });
    const { queryClient, wrapper } = createClientHarness();
    const { result } = renderHook(
      () => ({ review: useReview(RUN_ID, BLOCK_ID), save: useSaveVersion(RUN_ID, BLOCK_ID) }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.review.data?.rev).toBe(3));

    late = heldResponse();
    const reading = queryClient.refetchQueries({ queryKey: queryKeys.review(RUN_ID, BLOCK_ID) });
    await act(() => result.current.save.mutateAsync({ versionStamp: 3, snapshot: { total: 9 } }));
    late.release(json(overlayAt(3)));
    await act(() => reading);

    expect(queryClient.getQueryData<ReviewOverlay>(queryKeys.review(RUN_ID, BLOCK_ID))?.rev).toBe(4);
  });

  it('when a command answers after a live change brought a newer rev, on the page and in the queue', async () => {
    stubFetch(({ method }) => (method === 'POST' ? json(overlayAt(4)) : json(queuePage(queueItemOf(overlayAt(3))))));
    const { queryClient, wrapper } = createClientHarness();
    const { result } = renderHook(() => ({ queue: useQueue({}), save: useSaveVersion(RUN_ID, BLOCK_ID) }), {
      wrapper,
    });
    await waitFor(() => expect(result.current.queue.data?.[0]?.rev).toBe(3));

    storeReview(queryClient, overlayAt(5));
    await act(() => result.current.save.mutateAsync({ versionStamp: 3, snapshot: { total: 9 } }));

    expect(queryClient.getQueryData<ReviewOverlay>(queryKeys.review(RUN_ID, BLOCK_ID))?.rev).toBe(5);
    expect(queuedRevs(queryClient)).toEqual([5]);
  });

  it('when a read of a queue view set off before a claim answered', async () => {
    let late: ReturnType<typeof heldResponse> | null = null;
    const sent = stubFetch(({ method }) => {
      if (method === 'POST') return json(overlayAt(4));
      return late ? late.response : json(queuePage(queueItemOf(overlayAt(3))));
    });
    const { queryClient, wrapper } = createClientHarness();
    const { result } = renderHook(() => ({ queue: useQueue({}), claim: useClaimReview() }), { wrapper });
    await waitFor(() => expect(result.current.queue.data?.[0]?.rev).toBe(3));

    late = heldResponse();
    const reading = queryClient.refetchQueries({ queryKey: queryKeys.queues });
    await act(() => result.current.claim.mutateAsync({ runId: RUN_ID, blockId: BLOCK_ID, versionStamp: 3 }));
    late.release(json(queuePage(queueItemOf(overlayAt(3)))));
    await act(() => reading);

    expect(sent.filter((request) => request.path === QUEUE_PATH)).toHaveLength(2);
    expect(queuedRevs(queryClient)).toEqual([4]);
  });
});

describe('a live change', () => {
  it('costs no read when the cache already holds its rev, and one read when it is newer', async () => {
    const sent = stubFetch(({ path }) =>
      json(path === OVERLAY_PATH ? overlayAt(6) : queuePage(queueItemOf(overlayAt(5)))),
    );
    const { queryClient, wrapper } = createClientHarness();
    const { result } = renderHook(() => useQueue({}), { wrapper });
    await waitFor(() => expect(result.current.data?.[0]?.rev).toBe(5));
    storeReview(queryClient, overlayAt(5));

    await followReviewChange(queryClient, { runId: RUN_ID, blockId: BLOCK_ID, rev: 5 });
    expect(sent.filter((request) => request.path === OVERLAY_PATH)).toHaveLength(0);

    await followReviewChange(queryClient, { runId: RUN_ID, blockId: BLOCK_ID, rev: 6 });
    expect(sent.filter((request) => request.path === OVERLAY_PATH)).toHaveLength(1);
    expect(queryClient.getQueryData<ReviewOverlay>(queryKeys.review(RUN_ID, BLOCK_ID))?.rev).toBe(6);
    expect(queuedRevs(queryClient)).toEqual([6]);
  });
});
