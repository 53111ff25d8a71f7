'use client';

import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { QueueItem } from '@/lib/reviews/schemas';
import { Button } from '../ui/button';
import { cx } from '../ui/class-names';
import { describeError } from '../ui/error-state';
import { gridColumns, HEAD_CELL, HEADER_HEIGHT, QueueRow, ROW_HEIGHT, RUN_CELL, TYPE_CELL } from './queue-row';

// Rows rendered beyond the visible ones, so fast scrolling rarely shows blank space.
const OVERSCAN = 12;
// Start loading the next page this many rows before the end comes into view.
const PREFETCH_ROWS = 30;

export interface QueueListHandle {
  /** Scrolls row `index` into view and, when asked, moves keyboard focus to it. */
  reveal: (index: number, focus: boolean) => void;
}

export interface QueueListProps {
  label: string;
  items: QueueItem[];
  /** Known total for `aria-rowcount`, or null while more pages may follow. */
  total: number | null;
  decided: boolean;
  selectedIndex: number;
  myId: string;
  now: number;
  isChanged: (item: QueueItem) => boolean;
  claimingId: string | null;
  onFocusRow: (item: QueueItem, index: number) => void;
  onClaim: (item: QueueItem) => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  nextPageError: unknown;
  fetchNextPage: () => void;
  handleRef: RefObject<QueueListHandle | null>;
  /** Where to put the list back after coming back to this view. */
  initialScrollTop: number;
  onScrollTopChange: (scrollTop: number) => void;
}

/**
 * The queue as a table with grid keyboard behaviour (`role="grid"`, so rows can be
 * `aria-selected`), whose rows are windowed: however many pages are loaded, only the
 * rows in view (plus a margin, plus the selected one) are in the DOM, so a reviewer can scroll
 * through a very long queue without the page slowing down.
 */
export function QueueList({
  label,
  items,
  total,
  decided,
  selectedIndex,
  myId,
  now,
  isChanged,
  claimingId,
  onFocusRow,
  onClaim,
  hasNextPage,
  isFetchingNextPage,
  nextPageError,
  fetchNextPage,
  handleRef,
  initialScrollTop,
  onScrollTopChange,
}: QueueListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: initialScrollTop, height: 800 });
  const frame = useRef<number | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: on mount only; a later initial position must not move the list
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    element.scrollTop = initialScrollTop;
    setViewport({ top: element.scrollTop, height: element.clientHeight });
    const observer = new ResizeObserver(() => setViewport((current) => ({ ...current, height: element.clientHeight })));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const element = scrollRef.current;
      if (!element) return;
      setViewport((current) => ({ ...current, top: element.scrollTop }));
      onScrollTopChange(element.scrollTop);
    });
  }, [onScrollTopChange]);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  useEffect(() => {
    handleRef.current = {
      reveal(index, focus) {
        const element = scrollRef.current;
        if (!element) return;
        const rowTop = index * ROW_HEIGHT;
        const visibleRows = element.clientHeight - HEADER_HEIGHT;
        if (rowTop < element.scrollTop) element.scrollTop = rowTop;
        else if (rowTop + ROW_HEIGHT > element.scrollTop + visibleRows) {
          element.scrollTop = rowTop + ROW_HEIGHT - visibleRows;
        }
        if (!focus) return;
        // The row may only mount on the next render, once the scroll position is known.
        requestAnimationFrame(() => {
          const link = element.querySelector<HTMLAnchorElement>(`[aria-rowindex="${index + 2}"] a`);
          link?.focus({ preventScroll: true });
        });
      },
    };
  }, [handleRef]);

  const first = Math.max(0, Math.floor(viewport.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT) + OVERSCAN);
  const indexes: number[] = [];
  for (let index = first; index < last; index++) indexes.push(index);
  // The selected row stays mounted even when scrolled away, so it never loses keyboard focus.
  if (selectedIndex >= 0 && selectedIndex < items.length && (selectedIndex < first || selectedIndex >= last)) {
    indexes.push(selectedIndex);
  }

  const nearEnd = last >= items.length - PREFETCH_ROWS;
  useEffect(() => {
    if (nearEnd && hasNextPage && !isFetchingNextPage && !nextPageError) fetchNextPage();
  }, [nearEnd, hasNextPage, isFetchingNextPage, nextPageError, fetchNextPage]);

  const tabbableIndex = selectedIndex >= 0 ? selectedIndex : 0;

  return (
    <div ref={scrollRef} onScroll={onScroll} className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
      <table
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the APG data grid, a table whose rows are selected with j/k
        role="grid"
        aria-label={label}
        aria-rowcount={total === null ? -1 : total + 1}
        aria-readonly="true"
        className="block w-full"
      >
        <thead className="sticky top-0 z-20 block bg-surface">
          <tr
            aria-rowindex={1}
            style={{ height: HEADER_HEIGHT }}
            className={cx(gridColumns(decided), 'border-b border-line text-left text-xs font-medium text-fg-muted')}
          >
            <th scope="col">
              <span className="sr-only">Changed</span>
            </th>
            <th scope="col" className="font-medium">
              Workflow › block
            </th>
            <th scope="col" className={cx(TYPE_CELL, 'font-medium')}>
              Type
            </th>
            <th scope="col" className={cx(RUN_CELL, 'font-medium')}>
              Run
            </th>
            <th scope="col" className="font-medium">
              <span aria-hidden="true">Prio.</span>
              <span className="sr-only">Priority</span>
            </th>
            <th scope="col" className="font-medium">
              {decided ? 'Decided' : 'Waiting'}
            </th>
            <th scope="col" className={cx(HEAD_CELL, 'font-medium')}>
              Head version
            </th>
            {!decided && (
              <th scope="col" className="font-medium">
                Claim
              </th>
            )}
          </tr>
        </thead>
        <tbody className="relative block" style={{ height: items.length * ROW_HEIGHT }}>
          {indexes.map((index) => {
            const item = items[index];
            if (!item) return null;
            return (
              <QueueRow
                key={item.block_run_id}
                item={item}
                index={index}
                decided={decided}
                selected={index === selectedIndex}
                tabbable={index === tabbableIndex}
                changed={isChanged(item)}
                myId={myId}
                now={now}
                claiming={claimingId === item.block_run_id}
                onFocusRow={onFocusRow}
                onClaim={onClaim}
              />
            );
          })}
        </tbody>
      </table>
      <ListFooter
        count={items.length}
        hasNextPage={hasNextPage}
        isFetchingNextPage={isFetchingNextPage}
        error={nextPageError}
        fetchNextPage={fetchNextPage}
      />
    </div>
  );
}

function ListFooter({
  count,
  hasNextPage,
  isFetchingNextPage,
  error,
  fetchNextPage,
}: {
  count: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  error: unknown;
  fetchNextPage: () => void;
}) {
  return (
    <div className="flex min-h-14 items-center justify-center gap-3 px-4 py-3 text-xs text-fg-muted">
      {error ? (
        <>
          <span role="alert">Could not load more: {describeError(error)}</span>
          <Button size="sm" onClick={fetchNextPage}>
            Retry
          </Button>
        </>
      ) : hasNextPage ? (
        <Button size="sm" onClick={fetchNextPage} busy={isFetchingNextPage}>
          {isFetchingNextPage ? 'Loading more…' : 'Load more'}
        </Button>
      ) : (
        <span>{count === 1 ? '1 review' : `${count.toLocaleString('en-US')} reviews`} · end of the list</span>
      )}
    </div>
  );
}
