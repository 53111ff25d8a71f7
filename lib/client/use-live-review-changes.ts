'use client';

import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { QueueItem } from '../reviews/schemas';
import { queryKeys } from './query-keys';
import { type ChangedReview, followReviewChange } from './review-caches';

/** The `data` of a `review_changed` server-sent event. */
export interface ReviewChange {
  workflow_run_id: string;
  block_id: string;
  block_run_id: string;
  rev: number;
  status: QueueItem['status'];
}

/** `offline`: the browser says it has no network; `reconnecting`: it has, but the server does not answer. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

const EVENTS_URL = '/v1/events';
// Bursts (a lead reopening twenty reviews) become one round of reads; the first change still
// shows within a fraction of a second, and any change within about a second.
const FIRST_FLUSH_DELAY_MS = 100;
const MIN_FLUSH_INTERVAL_MS = 1000;
const MAX_RECONNECT_DELAY_MS = 30_000;

const changeListeners = new Set<(change: ReviewChange) => void>();

/** Calls `listener` for every change the live connection reports, until the returned function is called. */
export function subscribeToReviewChanges(listener: (change: ReviewChange) => void): () => void {
  changeListeners.add(listener);
  return () => {
    changeListeners.delete(listener);
  };
}

function isReviewChange(value: unknown): value is ReviewChange {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.workflow_run_id === 'string' &&
    typeof record.block_id === 'string' &&
    typeof record.block_run_id === 'string' &&
    typeof record.rev === 'number'
  );
}

function createInvalidator(queryClient: QueryClient) {
  const reviews = new Map<string, ChangedReview>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = 0;

  const flush = () => {
    timer = undefined;
    lastFlush = Date.now();
    const touched = [...reviews.values()];
    reviews.clear();
    void queryClient.invalidateQueries({ queryKey: queryKeys.counts });
    for (const change of touched) void followReviewChange(queryClient, change);
  };

  return {
    add(change: ReviewChange) {
      const known = reviews.get(change.block_run_id);
      const rev = Math.max(change.rev, known?.rev ?? -1);
      reviews.set(change.block_run_id, { runId: change.workflow_run_id, blockId: change.block_id, rev });
      if (timer !== undefined) return;
      const delay = Math.max(FIRST_FLUSH_DELAY_MS, lastFlush + MIN_FLUSH_INTERVAL_MS - Date.now());
      timer = setTimeout(flush, delay);
    },
    /** After a gap in the connection, anything may have changed. */
    everything() {
      for (const queryKey of [queryKeys.queues, queryKeys.counts, queryKeys.reviews, queryKeys.runs]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

/**
 * Keeps every cached queue, count, review and workflow run in step with the organization's
 * changes, from the server-sent events of `/v1/events`. Mount it once, in the app shell. A change
 * patches the loaded queue views in place (see review-caches.ts); only counts are asked again.
 *
 * The browser reconnects an interrupted stream by itself; a refused one (the server down or the
 * session over) is retried here with a growing delay, and one lost with the network is reopened
 * as soon as the network is back. After any gap everything is refetched, since events sent
 * meanwhile are lost.
 */
export function useLiveReviewChanges(): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    const invalidate = createInvalidator(queryClient);
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let hadGap = false;
    let disposed = false;

    const onReady = () => {
      if (hadGap) invalidate.everything();
      hadGap = false;
      failures = 0;
      setStatus('live');
    };
    const onChange = (event: MessageEvent<string>) => {
      let change: unknown;
      try {
        change = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!isReviewChange(change)) return;
      invalidate.add(change);
      for (const listener of changeListeners) listener(change);
    };
    const onError = () => {
      hadGap = true;
      if (!navigator.onLine) return;
      setStatus('reconnecting');
      if (source?.readyState !== EventSource.CLOSED) return;
      source = null;
      const delay = Math.min(MAX_RECONNECT_DELAY_MS, 2000 * 2 ** failures);
      failures += 1;
      retryTimer = setTimeout(connect, delay);
    };
    function connect() {
      if (disposed) return;
      source = new EventSource(EVENTS_URL);
      source.addEventListener('ready', onReady);
      source.addEventListener('review_changed', onChange);
      source.addEventListener('error', onError);
    }
    // An open stream may not notice the network went away, so the browser's word is taken for it;
    // once the network is back, reconnecting at once beats waiting out the back-off.
    const onOffline = () => {
      hadGap = true;
      clearTimeout(retryTimer);
      source?.close();
      source = null;
      setStatus('offline');
    };
    const onOnline = () => {
      clearTimeout(retryTimer);
      source?.close();
      failures = 0;
      setStatus('reconnecting');
      connect();
    };

    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    if (navigator.onLine) connect();
    else onOffline();
    return () => {
      disposed = true;
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      clearTimeout(retryTimer);
      invalidate.dispose();
      source?.close();
    };
  }, [queryClient]);

  return status;
}
