'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { type RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isApiClientError } from '@/lib/client/api-client';
import { rememberQueueView } from '@/lib/client/last-queue-view';
import { hasChangedSinceSeen, useSeenReviewsVersion } from '@/lib/client/seen-reviews';
import { useClaimReview } from '@/lib/client/use-claim-review';
import { useKeyboardShortcuts } from '@/lib/client/use-keyboard-shortcuts';
import { subscribeToReviewChanges } from '@/lib/client/use-live-review-changes';
import { useMe } from '@/lib/client/use-me';
import { useNow } from '@/lib/client/use-now';
import { useQueue } from '@/lib/client/use-queue';
import { useQueueCounts } from '@/lib/client/use-queue-counts';
import { isSameActor } from '@/lib/domain/actors';
import { formatClock, formatTimeLeft } from '@/lib/format/time';
import type { QueueCounts, QueueItem } from '@/lib/reviews/schemas';
import { type ShortcutHelpGroup, useShortcutHelp } from '../shell/shortcut-help';
import { Button } from '../ui/button';
import { EmptyState } from '../ui/empty-state';
import { describeError, ErrorState } from '../ui/error-state';
import { Spinner } from '../ui/spinner';
import { useAnnounce, useToast } from '../ui/toast';
import { FilterBar } from './filter-bar';
import {
  countFiltersOf,
  hasNarrowingFilters,
  type InboxView,
  inboxSearch,
  narrowedCountFiltersOf,
  parseInboxView,
  queueFiltersOf,
  reviewHref,
  STATUSES,
  totalOfView,
  withoutFilters,
} from './inbox-filters';
import { QueueList, type QueueListHandle } from './queue-list';
import { gridColumns, HEAD_CELL, RUN_CELL, TYPE_CELL } from './queue-row';
import { StatusTabs } from './status-tabs';

const INBOX_SHORTCUTS: ShortcutHelpGroup = {
  title: 'Inbox',
  shortcuts: [
    { keys: ['j', '↓'], description: 'Select the next review' },
    { keys: ['k', '↑'], description: 'Select the previous review' },
    { keys: ['Enter'], description: 'Open the selected review' },
    { keys: ['c'], description: 'Claim the selected review' },
    { keys: ['/'], description: 'Filter by workflow' },
  ],
};

const ANNOUNCE_INTERVAL_MS = 5000;
const NO_ITEMS: QueueItem[] = [];

/** Where each view was left (selection, scroll), so coming back from a review puts the reviewer back. */
interface ViewMemory {
  selectedId: string | null;
  selectedIndex: number;
  scrollTop: number;
}
const viewMemory = new Map<string, ViewMemory>();
// Workflow ids seen in any loaded page this session: the suggestions of the workflow filter.
const seenWorkflowIds = new Set<string>();

export function Inbox() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const view = useMemo(() => parseInboxView(new URLSearchParams(searchParams.toString())), [searchParams]);
  const viewKey = inboxSearch(view);
  const counts = useQueueCounts(useMemo(() => countFiltersOf(view), [view]));
  // Narrowed by claim holder, claim state, SLA or decider, the view needs counts of its own.
  const narrowed = useQueueCounts(useMemo(() => narrowedCountFiltersOf(view), [view]));
  const viewCounts = narrowedCountFiltersOf(view) === null ? counts.data : narrowed.data;
  const workflowInputRef = useRef<HTMLInputElement>(null);
  const [knownWorkflows, setKnownWorkflows] = useState<string[]>(() => [...seenWorkflowIds].sort());

  useShortcutHelp(INBOX_SHORTCUTS);

  const changeView = useCallback(
    (next: InboxView) => router.push(`/${inboxSearch(next)}`, { scroll: false }),
    [router],
  );
  const onWorkflowsSeen = useCallback((ids: string[]) => {
    let added = false;
    for (const id of ids) {
      if (seenWorkflowIds.has(id)) continue;
      seenWorkflowIds.add(id);
      added = true;
    }
    if (added) setKnownWorkflows([...seenWorkflowIds].sort());
  }, []);

  const statusLabel = STATUSES.find((status) => status.value === view.status)?.label ?? 'Reviews';
  const listLabel = view.status === 'awaiting_review' ? 'Reviews awaiting review' : `${statusLabel} reviews`;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-line px-4 py-2">
        <div className="flex items-center gap-4">
          {/* On a phone the tabs need the room; the header's "Inbox" already says where this is. */}
          <h1 className="sr-only text-sm font-semibold sm:not-sr-only">Inbox</h1>
          <StatusTabs view={view} counts={counts.data} viewCounts={viewCounts} />
        </div>
        <div className="ml-auto">
          <FilterBar
            view={view}
            counts={viewCounts}
            knownWorkflows={knownWorkflows}
            onChange={changeView}
            workflowInputRef={workflowInputRef}
          />
        </div>
      </div>
      <QueuePanel
        key={viewKey}
        view={view}
        viewKey={viewKey}
        label={listLabel}
        counts={viewCounts}
        workflowInputRef={workflowInputRef}
        onWorkflowsSeen={onWorkflowsSeen}
        onClearFilters={() => changeView(withoutFilters(view))}
      />
    </div>
  );
}

function QueuePanel({
  view,
  viewKey,
  label,
  counts,
  workflowInputRef,
  onWorkflowsSeen,
  onClearFilters,
}: {
  view: InboxView;
  viewKey: string;
  label: string;
  counts: QueueCounts | undefined;
  workflowInputRef: RefObject<HTMLInputElement | null>;
  onWorkflowsSeen: (ids: string[]) => void;
  onClearFilters: () => void;
}) {
  const router = useRouter();
  const filters = useMemo(() => queueFiltersOf(view), [view]);
  const queue = useQueue(filters);
  useEffect(() => rememberQueueView(filters), [filters]);
  const items = queue.data ?? NO_ITEMS;
  const { data: me } = useMe();
  const myActor = me?.actor ?? null;
  // Never older than the data: a claim made a moment ago must not read "16 min left" of 15.
  const clock = useNow();
  const now = Math.max(clock, queue.dataUpdatedAt);
  const toast = useToast();
  const announce = useAnnounce();
  const { mutate: mutateClaim, isPending: claimPending, variables: claimVariables } = useClaimReview();
  const listHandle = useRef<QueueListHandle | null>(null);
  const seenVersion = useSeenReviewsVersion();

  const remembered = viewMemory.get(viewKey);
  const [selection, setSelection] = useState({
    id: remembered?.selectedId ?? null,
    index: remembered?.selectedIndex ?? -1,
  });
  const scrollTop = useRef(remembered?.scrollTop ?? 0);

  // Follow the selected review wherever a refresh moved it; if it left the view (decided,
  // claimed away under a filter), select whatever took its place.
  let selectedIndex = selection.id === null ? -1 : items.findIndex((item) => item.block_run_id === selection.id);
  if (selectedIndex === -1 && selection.id !== null && items.length > 0) {
    selectedIndex = Math.min(selection.index, items.length - 1);
  }
  const selectedItem = items[selectedIndex];

  const remember = useCallback(
    (patch: Partial<ViewMemory>) => {
      const current = viewMemory.get(viewKey) ?? { selectedId: null, selectedIndex: -1, scrollTop: 0 };
      viewMemory.set(viewKey, { ...current, ...patch });
    },
    [viewKey],
  );

  const select = useCallback(
    (index: number, focus: boolean) => {
      const item = items[index];
      if (!item) return;
      setSelection({ id: item.block_run_id, index });
      remember({ selectedId: item.block_run_id, selectedIndex: index });
      listHandle.current?.reveal(index, focus);
    },
    [items, remember],
  );

  const onFocusRow = useCallback(
    (item: QueueItem, index: number) => {
      setSelection((current) => (current.id === item.block_run_id ? current : { id: item.block_run_id, index }));
      remember({ selectedId: item.block_run_id, selectedIndex: index });
    },
    [remember],
  );

  const onScrollTopChange = useCallback(
    (top: number) => {
      scrollTop.current = top;
      remember({ scrollTop: top });
    },
    [remember],
  );

  const claimItem = useCallback(
    (item: QueueItem) => {
      if (item.status !== 'awaiting_review') {
        toast({ tone: 'info', title: 'Only reviews awaiting a decision can be claimed' });
        return;
      }
      if (claimPending) return;
      const name = `${item.workflow_id} › ${item.block_id}`;
      const renewing = item.claim !== null && isSameActor(item.claim.holder, myActor);
      mutateClaim(
        { runId: item.workflow_run_id, blockId: item.block_id, versionStamp: item.version_stamp },
        {
          onSuccess: ({ overlay }) => {
            const until = overlay.claim?.expires_at;
            toast({
              tone: 'success',
              title: renewing ? `Claim renewed: ${name}` : `Claimed ${name}`,
              description: until
                ? `Yours until ${formatClock(until, Date.now())} (${formatTimeLeft(until, Date.now())})`
                : undefined,
            });
          },
          onError: (error) => {
            if (isApiClientError(error, 'claim_held')) {
              const holder = error.details?.holder as { display_name?: unknown } | undefined;
              const expiresAt = typeof error.details?.expires_at === 'string' ? error.details.expires_at : null;
              const who = typeof holder?.display_name === 'string' ? holder.display_name : 'Someone else';
              toast({
                tone: 'error',
                title: `${who} is reviewing ${name}`,
                description: expiresAt
                  ? `Their claim ends at ${formatClock(expiresAt, Date.now())} (${formatTimeLeft(expiresAt, Date.now())}).`
                  : undefined,
              });
            } else if (isApiClientError(error, 'not_awaiting_review')) {
              toast({
                tone: 'error',
                title: `${name} was decided meanwhile`,
                description: 'It can no longer be claimed.',
              });
            } else {
              toast({
                tone: 'error',
                title: `Could not claim ${name}`,
                description: describeError(error),
                action: { label: 'Retry', onClick: () => claimItemRef.current(item) },
              });
            }
          },
        },
      );
    },
    [mutateClaim, claimPending, myActor, toast],
  );
  // The retry of a failed claim runs whatever claimItem is by then (not pending any more).
  const claimItemRef = useRef(claimItem);
  useEffect(() => {
    claimItemRef.current = claimItem;
  }, [claimItem]);

  const selectNext = () => select(selectedIndex < 0 ? 0 : Math.min(selectedIndex + 1, items.length - 1), true);
  const selectPrevious = () => select(Math.max(selectedIndex - 1, 0), true);
  const openSelected = () => {
    if (selectedItem) router.push(reviewHref(selectedItem));
  };
  const claimSelected = () => {
    if (selectedItem) claimItem(selectedItem);
    else toast({ tone: 'info', title: 'Select a review first', description: 'Press j or k to move the selection.' });
  };
  const focusFilter = () => {
    workflowInputRef.current?.focus();
    workflowInputRef.current?.select();
  };
  useKeyboardShortcuts({
    j: selectNext,
    ArrowDown: selectNext,
    k: selectPrevious,
    ArrowUp: selectPrevious,
    Enter: openSelected,
    c: claimSelected,
    '/': focusFilter,
  });

  // Screen-reader users hear that the list changed under them, at most every few seconds.
  const liveChangePending = useRef(false);
  const lastAnnounced = useRef(0);
  useEffect(
    () =>
      subscribeToReviewChanges(() => {
        liveChangePending.current = true;
      }),
    [],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a live change lands as new data (patched in place or refetched)
  useEffect(() => {
    if (queue.isFetching || !liveChangePending.current) return;
    if (Date.now() - lastAnnounced.current < ANNOUNCE_INTERVAL_MS) return;
    liveChangePending.current = false;
    lastAnnounced.current = Date.now();
    announce('Queue updated');
  }, [queue.dataUpdatedAt, queue.isFetching, announce]);

  useEffect(() => {
    if (items.length > 0) onWorkflowsSeen([...new Set(items.map((item) => item.workflow_id))]);
  }, [items, onWorkflowsSeen]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the marks live outside React; their version is the dependency
  const isChanged = useCallback((item: QueueItem) => hasChangedSinceSeen(item), [seenVersion]);

  if (queue.isPending) return <LoadingRows />;
  if (queue.isError && items.length === 0) {
    return (
      <ErrorState
        title="Could not load the queue"
        error={queue.error}
        onRetry={() => void queue.refetch()}
        retrying={queue.isRefetching}
      />
    );
  }
  if (items.length === 0) {
    const filtered = hasNarrowingFilters(view);
    return (
      <EmptyState
        title={
          filtered
            ? 'No reviews match these filters'
            : view.status === 'awaiting_review'
              ? 'Inbox zero'
              : 'Nothing here yet'
        }
        action={filtered ? <Button onClick={onClearFilters}>Clear filters</Button> : undefined}
      >
        {filtered
          ? 'Try another workflow or block type, or clear the filters.'
          : view.status === 'awaiting_review'
            ? 'Nothing is awaiting review. New reviews appear here as soon as a workflow opens them.'
            : `No review has been ${view.status} yet.`}
      </EmptyState>
    );
  }

  return (
    <QueueList
      label={label}
      items={items}
      total={queue.hasNextPage ? (counts ? totalOfView(view, counts) : null) : items.length}
      decided={view.status !== 'awaiting_review'}
      selectedIndex={selectedIndex}
      me={myActor}
      now={now}
      isChanged={isChanged}
      claimingId={claimPending && claimVariables ? `${claimVariables.runId}:${claimVariables.blockId}` : null}
      onFocusRow={onFocusRow}
      onClaim={claimItem}
      hasNextPage={queue.hasNextPage}
      isFetchingNextPage={queue.isFetchingNextPage}
      nextPageError={queue.isFetchNextPageError ? queue.error : null}
      fetchNextPage={() => void queue.fetchNextPage()}
      handleRef={listHandle}
      initialScrollTop={scrollTop.current}
      onScrollTopChange={onScrollTopChange}
    />
  );
}

function LoadingRows() {
  return (
    <div className="min-h-0 flex-1 overflow-hidden" aria-busy="true">
      <div
        role="status"
        className="flex h-8 items-center gap-2 border-b border-line bg-surface px-4 text-xs text-fg-muted"
      >
        <Spinner />
        Loading reviews…
      </div>
      {Array.from({ length: 12 }, (_, index) => (
        <div key={index} aria-hidden="true" className={`${gridColumns(false)} h-10 border-b border-line`}>
          <span />
          <span className="h-3 w-2/3 animate-pulse rounded bg-hover" />
          <span className={`${TYPE_CELL} h-3 w-16 animate-pulse rounded bg-hover`} />
          <span className={`${RUN_CELL} h-3 w-24 animate-pulse rounded bg-hover`} />
          <span />
          <span className="h-3 w-8 animate-pulse rounded bg-hover" />
          <span className={`${HEAD_CELL} h-3 w-28 animate-pulse rounded bg-hover`} />
          <span />
        </div>
      ))}
    </div>
  );
}
