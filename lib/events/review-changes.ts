/**
 * Every change to an overlay is announced by PostgreSQL on the `review_changes` channel when its
 * transaction commits (see the notify trigger migration); the process's one LISTEN connection
 * (lib/db/notifications.ts) hands each one to the live inboxes and waiting requests it serves.
 */
import { subscribe } from '../db/notifications';

export interface ReviewChange {
  organization_id: string;
  workflow_run_id: string;
  block_id: string;
  block_run_id: string;
  rev: number;
  status: string;
}

export interface Subscriber {
  onChange(change: ReviewChange): void;
  /**
   * The LISTEN connection dropped: changes may have been missed, so the subscriber should end its
   * stream and let the client reconnect and re-read.
   */
  onLost(): void;
}

/**
 * Registers `subscriber` and resolves once every change committed from now on will reach it,
 * so a client told "ready" then can trust that it misses nothing after its next read.
 * Rejects, leaving nothing registered, when the database cannot be listened to now (the route
 * answers 503 and the client retries). Returns the function that unsubscribes.
 */
export function subscribeToReviewChanges(subscriber: Subscriber): Promise<() => void> {
  return subscribe({
    channel: 'review_changes',
    onNotification: (payload) => subscriber.onChange(JSON.parse(payload) as ReviewChange),
    onLost: () => subscriber.onLost(),
  });
}
