'use client';

import { useSyncExternalStore } from 'react';
import type { QueueItem } from '../reviews/schemas';

/**
 * Which `rev` of each review this browser last opened, kept in localStorage so the inbox can mark
 * reviews that somebody changed since. A review never opened here is not "changed": there is
 * nothing to compare with.
 */
const STORAGE_KEY = 'review-inbox:seen-reviews:v1';
// Old entries go first; a reviewer who opens thousands of reviews keeps only the latest ones.
const MAX_ENTRIES = 5000;

type SeenMap = Record<string, number>;

let cache: SeenMap | null = null;
let version = 0;
const listeners = new Set<() => void>();

function read(): SeenMap {
  if (cache) return cache;
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}');
    cache = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as SeenMap) : {};
  } catch {
    cache = {};
  }
  return cache;
}

function write(next: SeenMap): void {
  const keys = Object.keys(next);
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES))) delete next[key];
  cache = next;
  version += 1;
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled (private mode): the marks live for this tab only.
  }
  for (const listener of listeners) listener();
}

/**
 * Remember that this browser has now seen `rev` of a review. The review page calls it on open,
 * and again after each of the reviewer's own changes, so their own edits never show as news.
 */
export function markReviewSeen(blockRunId: string, rev: number): void {
  if (typeof window === 'undefined') return;
  const current = read();
  if ((current[blockRunId] ?? -1) >= rev) return;
  const next = { ...current };
  // Re-inserting moves the entry to the end, so eviction drops the least recently opened.
  delete next[blockRunId];
  next[blockRunId] = rev;
  write(next);
}

/**
 * After the reviewer's own command took a review from `fromRev` to `toRev`: if they had seen
 * `fromRev`, they have seen `toRev` too (nobody else changed anything in between).
 */
export function advanceSeenReview(blockRunId: string, fromRev: number, toRev: number): void {
  if (typeof window === 'undefined') return;
  if (read()[blockRunId] === fromRev) markReviewSeen(blockRunId, toRev);
}

/** True when this browser opened the review before and its `rev` moved on since. */
export function hasChangedSinceSeen(item: Pick<QueueItem, 'block_run_id' | 'rev'>): boolean {
  if (typeof window === 'undefined') return false;
  const seen = read()[item.block_run_id];
  return seen !== undefined && item.rev > seen;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab opened a review: take its marks too.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return;
    cache = null;
    version += 1;
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** Re-renders the caller whenever the marks change (in this tab or another one). */
export function useSeenReviewsVersion(): number {
  return useSyncExternalStore(
    subscribe,
    () => version,
    () => 0,
  );
}
