/**
 * Wakes the dispatchers of every instance once a write that added outbox events has committed, in
 * an organization with an enabled endpoint. Only such a write can make a review delivery due: an
 * event's deliveries are made with it, in its transaction (the `outbox_events_fan_out` trigger),
 * and the run events a status change adds come with the decision or reopen that changed it. Every
 * other review change (an append, a claim, a release…) wakes no dispatcher.
 *
 * Published like a review change (lib/db/notifier.ts): this process's dispatcher wakes at once,
 * the other instances' with this process's next batch. A process that dies before publishing is
 * noticed by the others' LISTEN connection, which wakes their dispatchers too.
 */
import { Prisma } from '../db/generated/client';
import { publish } from '../db/notifier';

/**
 * SQL for whether the organization has an enabled endpoint, the only kind the fan-out trigger
 * makes deliveries for: a write that added events announces them only then, so an organization
 * without webhooks never wakes a dispatcher (four claims, each a transaction, per wake-up). It is
 * read in the write's own statement, so it costs no round trip. An endpoint created or enabled
 * while that statement runs can get deliveries from its trigger (which reads the endpoints afresh)
 * and no announcement: the dispatchers' fallback poll sends those.
 */
export function anyEnabledEndpoint(organizationId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.organization_id = ${organizationId} AND NOT w.disabled)`;
}

/** Call right after the write that added events of these types committed. */
export function announceNewEvents(eventTypes: readonly string[]): void {
  for (const eventType of eventTypes) publish('webhook_deliveries', JSON.stringify(eventType));
}
