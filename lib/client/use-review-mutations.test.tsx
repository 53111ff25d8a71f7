import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BLOCK_ID,
  createClientHarness,
  json,
  networkFailure,
  OVERLAY_PATH,
  overlayAt,
  RUN_ID,
  stubFetch,
} from '@/test/client-hooks';
import type { ReviewOverlay } from '../reviews/schemas';
import { queryKeys } from './query-keys';
import { useClaimReview } from './use-claim-review';
import { useReview, useRun } from './use-review';
import { useApproveReview, useReleaseReview, useSaveVersion } from './use-review-mutations';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const commandIdsOf = (sent: ReturnType<typeof stubFetch>) =>
  sent.filter((request) => request.method === 'POST').map((request) => request.body?.command_id);

/** Runs `mutate` to its end with retry delays skipped; resolves to what it threw, if anything. */
async function settle(mutate: () => Promise<unknown>): Promise<unknown> {
  vi.useFakeTimers();
  let outcome: unknown;
  await act(async () => {
    const done = mutate().then(
      () => undefined,
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(10_000);
    outcome = await done;
  });
  vi.useRealTimers();
  return outcome;
}

describe('the command id of a review command', () => {
  it('survives a retry after a network failure, and is new for the next action after success', async () => {
    let posts = 0;
    const sent = stubFetch(() => (++posts === 1 ? networkFailure() : json(overlayAt(3 + posts))));
    const { wrapper } = createClientHarness();
    const { result } = renderHook(() => useSaveVersion(RUN_ID, BLOCK_ID), { wrapper });

    expect(await settle(() => result.current.mutateAsync({ versionStamp: 3, snapshot: { total: 1 } }))).toBeUndefined();
    const [first, retried] = commandIdsOf(sent);
    expect(first).toEqual(expect.any(String));
    expect(retried).toBe(first);

    await settle(() => result.current.mutateAsync({ versionStamp: 5, snapshot: { total: 1 } }));
    expect(commandIdsOf(sent)[2]).not.toBe(first);
  });

  it('survives the person trying again after every retry failed, even with a fresher stamp', async () => {
    let answered = false;
    const sent = stubFetch(() => (answered ? json(overlayAt(5)) : networkFailure()));
    const { wrapper } = createClientHarness();
    const { result } = renderHook(() => useApproveReview(RUN_ID, BLOCK_ID), { wrapper });

    const failure = await settle(() => result.current.mutateAsync({ versionStamp: 3, onSeq: 3, effectiveSeq: 3 }));
    expect(failure).toBeInstanceOf(TypeError);
    answered = true;
    await settle(() => result.current.mutateAsync({ versionStamp: 4, onSeq: 3, effectiveSeq: 3 }));

    const ids = commandIdsOf(sent);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(1);
  });

  it('is new for a different request', async () => {
    const sent = stubFetch(() => networkFailure());
    const { wrapper } = createClientHarness();
    const { result } = renderHook(() => useSaveVersion(RUN_ID, BLOCK_ID), { wrapper });

    await settle(() => result.current.mutateAsync({ versionStamp: 3, snapshot: { total: 1 } }));
    await settle(() => result.current.mutateAsync({ versionStamp: 3, snapshot: { total: 2 } }));
    const ids = commandIdsOf(sent);
    expect(ids[0]).not.toBe(ids.at(-1));
  });
});

describe('the keys a mutation touches', () => {
  /**
   * The review page's queries, loaded, with every later request and invalidated key recorded.
   * `useAction` is a mutation hook with its input bound: what the person does on the page.
   */
  async function openReviewPage(useAction: () => () => Promise<unknown>) {
    const sent = stubFetch(({ method, path }) => {
      if (method === 'POST')
        return json(
          path.endsWith('/decision') ? { submission_status: 'accepted', overlay: overlayAt(4) } : overlayAt(4),
        );
      if (path === OVERLAY_PATH) return json(overlayAt(3));
      return json({
        id: RUN_ID,
        workflow_id: 'invoices',
        status: 'awaiting_review',
        gates: [],
        updated_at: '2026-05-13T09:00:00.000Z',
      });
    });
    const { queryClient, wrapper } = createClientHarness();
    const { result } = renderHook(
      () => ({ review: useReview(RUN_ID, BLOCK_ID), run: useRun(RUN_ID), act: useAction() }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.review.data?.rev).toBe(3));
    await waitFor(() => expect(result.current.run.isSuccess).toBe(true));
    sent.length = 0;
    const invalidated: unknown[] = [];
    const invalidate = queryClient.invalidateQueries.bind(queryClient);
    vi.spyOn(queryClient, 'invalidateQueries').mockImplementation((filters, options) => {
      invalidated.push(filters?.queryKey);
      return invalidate(filters, options);
    });
    const cachedRev = () => queryClient.getQueryData<ReviewOverlay>(queryKeys.review(RUN_ID, BLOCK_ID))?.rev;
    return { sent, invalidated, result, cachedRev };
  }

  const requestsOf = (sent: ReturnType<typeof stubFetch>) => sent.map(({ method, path }) => `${method} ${path}`);

  const save = () => {
    const { mutateAsync } = useSaveVersion(RUN_ID, BLOCK_ID);
    return () => mutateAsync({ versionStamp: 3, snapshot: { total: 9 } });
  };
  const approve = () => {
    const { mutateAsync } = useApproveReview(RUN_ID, BLOCK_ID);
    return () => mutateAsync({ versionStamp: 3, onSeq: 3, effectiveSeq: 3 });
  };
  const release = () => {
    const { mutateAsync } = useReleaseReview(RUN_ID, BLOCK_ID);
    return () => mutateAsync({ versionStamp: 3 });
  };

  it.each([
    ['save', save, 'versions'],
    ['approve', approve, 'decision'],
    ['release', release, 'release'],
  ] as const)(
    '%s stores the answer, reads the run and the counts again, and never the overlay',
    async (_name, useAction, action) => {
      const page = await openReviewPage(useAction);
      await act(() => page.result.current.act());

      expect(page.invalidated).toEqual([['counts'], ['run', RUN_ID]]);
      expect(page.cachedRev()).toBe(4);
      expect(requestsOf(page.sent)).toEqual([`POST ${OVERLAY_PATH}/${action}`, `GET /v1/workflows/runs/${RUN_ID}`]);
    },
  );

  it('a claim stores the answer and reads only the counts again', async () => {
    const page = await openReviewPage(() => {
      const { mutateAsync } = useClaimReview();
      return () => mutateAsync({ runId: RUN_ID, blockId: BLOCK_ID, versionStamp: 3 });
    });
    await act(() => page.result.current.act());

    expect(page.invalidated).toEqual([['counts']]);
    expect(page.cachedRev()).toBe(4);
    expect(requestsOf(page.sent)).toEqual([`POST ${OVERLAY_PATH}/claim`]);
  });
});
