/**
 * Every change to an overlay is announced by the instance that wrote it, once it committed
 * (lib/db/notifier.ts explains why not by a trigger): at once to this process's live inboxes and
 * waiting requests, and to the other instances through their LISTEN connection
 * (lib/db/notifications.ts).
 */
import { subscribe } from '../db/notifications';
import { publish, unpackPayload } from '../db/notifier';

export interface ReviewChange {
  organization_id: string;
  workflow_run_id: string;
  block_id: string;
  block_run_id: string;
  rev: number;
  status: string;
}

/** A change as published: positional, to fit many in one NOTIFY payload. */
type ChangeItem = [organizationId: string, runId: string, blockId: string, rev: number, status: string];

function changeOf([organizationId, runId, blockId, rev, status]: ChangeItem): ReviewChange {
  return {
    organization_id: organizationId,
    workflow_run_id: runId,
    block_id: blockId,
    block_run_id: `${runId}:${blockId}`,
    rev,
    status,
  };
}

/** The overlay as it stands after a committed write of this process. */
export interface CommittedOverlay {
  workflow_run_id: string;
  block_id: string;
  rev: number;
  status: string;
}

/** Call right after the write that changed `overlay` committed. */
export function announceReviewChange(organizationId: string, overlay: CommittedOverlay): void {
  const item: ChangeItem = [organizationId, overlay.workflow_run_id, overlay.block_id, overlay.rev, overlay.status];
  publish('review_changes', JSON.stringify(item));
}

export interface Subscriber {
  onChange(change: ReviewChange): void;
  /**
   * Changes may have been missed (the LISTEN connection dropped, or an instance went away before
   * it published what it wrote), so the subscriber should end its stream and let the client
   * reconnect and re-read.
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
    onNotification: (payload) => {
      for (const item of unpackPayload(payload) as ChangeItem[]) subscriber.onChange(changeOf(item));
    },
    onLost: () => subscriber.onLost(),
  });
}
