/** Webhook rows → the contract's JSON. */
import type { WebhookDelivery, WebhookEndpoint as WebhookEndpointRow } from '../db/generated/client';
import type { SubscribableEventType } from '../domain/enums';
import type { Delivery, WebhookEndpoint } from './schemas';

const isoOrNull = (value: Date | null) => value?.toISOString() ?? null;

export function wireEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    event_types: row.eventTypes as SubscribableEventType[],
    description: row.description,
    disabled: row.disabled,
    created_at: row.createdAt.toISOString(),
  };
}

export function wireDelivery(row: WebhookDelivery & { event: { eventType: string } }): Delivery {
  return {
    id: row.id,
    event_id: row.eventId,
    event_type: row.event.eventType,
    endpoint_id: row.endpointId,
    status: row.status,
    attempts: row.attempts,
    last_attempt_at: isoOrNull(row.lastAttemptAt),
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    next_attempt_at: isoOrNull(row.nextAttemptAt),
    delivered_at: isoOrNull(row.deliveredAt),
    created_at: row.createdAt.toISOString(),
  };
}
