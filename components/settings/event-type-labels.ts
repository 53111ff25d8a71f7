import type { SubscribableEventType } from '@/lib/domain/enums';

/** What each event an endpoint may subscribe to means, for the endpoint form. */
export const EVENT_TYPE_HINTS: Record<SubscribableEventType, string> = {
  'review.opened': 'a review gate opened',
  'review.decided': 'a review was approved or rejected',
  'review.reopened': 'a lead reopened a decision',
  'run.resumed': 'every gate of a run is approved: the run goes on',
  'run.cancelled': 'a gate was rejected: the run stops',
};
