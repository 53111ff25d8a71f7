/** The events an endpoint can subscribe to; `webhook.test` is sent on request to one endpoint. */
export const SUBSCRIBABLE_EVENT_TYPES = [
  'review.opened',
  'review.decided',
  'review.reopened',
  'run.resumed',
  'run.cancelled',
] as const;

export type SubscribableEventType = (typeof SUBSCRIBABLE_EVENT_TYPES)[number];
export type EventType = SubscribableEventType | 'webhook.test';
