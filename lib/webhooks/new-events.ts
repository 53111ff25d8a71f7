/**
 * Wakes the dispatchers of every instance once a write that added outbox events has committed.
 * Only such a write can make a review delivery due: an event's deliveries are made with it, in
 * its transaction (the `outbox_events_fan_out` trigger), and the run events a status change adds
 * come with the decision or reopen that changed it. Every other review change (an append, a
 * claim, a release…) wakes no dispatcher.
 *
 * Published like a review change (lib/db/notifier.ts): this process's dispatcher wakes at once,
 * the other instances' with this process's next batch. A process that dies before publishing is
 * noticed by the others' LISTEN connection, which wakes their dispatchers too.
 */
import { publish } from '../db/notifier';

/** Call right after the write that added events of these types committed. */
export function announceNewEvents(eventTypes: readonly string[]): void {
  for (const eventType of eventTypes) publish('webhook_deliveries', JSON.stringify(eventType));
}
