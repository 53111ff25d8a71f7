/**
 * Every closed list of values the API, the database and the UI share, written once. Zod-free, so
 * the browser bundle, the SQL row types and the zod schemas (`z.enum(LIST)`) can all read it.
 * The lists that are also PostgreSQL enums are kept equal to Prisma's, in order, by
 * `enums.test.ts`.
 */

export const ROLES = ['reviewer', 'lead', 'admin', 'integration'] as const;
export type Role = (typeof ROLES)[number];

/** The roles a person signing in with a password may hold: `integration` is for machines. */
export const PERSON_ROLES = ['reviewer', 'lead', 'admin'] as const satisfies readonly Role[];
export type PersonRole = (typeof PERSON_ROLES)[number];

export const ACTOR_KINDS = ['human', 'agent', 'model'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const BLOCK_TYPES = ['extract', 'classifier', 'split', 'conditional', 'for_each'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

export const OVERLAY_STATUSES = ['awaiting_review', 'approved', 'rejected'] as const;
export type OverlayStatus = (typeof OVERLAY_STATUSES)[number];

export const VERSION_ORIGINS = ['model_output', 'human_edit', 'agent_edit', 'revert'] as const;
export type VersionOrigin = (typeof VERSION_ORIGINS)[number];

/** The origins a caller may give a version it appends: the rest are the system's own. */
export const EDIT_ORIGINS = ['human_edit', 'agent_edit'] as const satisfies readonly VersionOrigin[];
export type EditOrigin = (typeof EDIT_ORIGINS)[number];

/** A verdict is also the status it leaves the overlay in, so the decided queues are these too. */
export const VERDICTS = ['approved', 'rejected'] as const satisfies readonly OverlayStatus[];
export type Verdict = (typeof VERDICTS)[number];

/** How the queue is ordered: `queue` is the contract's order; `oldest` waits longest (or was decided earliest) first. */
export const QUEUE_SORTS = ['queue', 'oldest'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Where an awaiting item stands against its SLA, when it is not on time. */
export const SLA_STATES = ['breached', 'at_risk'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** The queue's `claim` filter: awaiting items whose claim still holds, or ran out unreleased. */
export const CLAIM_STATES = ['active', 'expired'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export const RUN_STATUSES = ['awaiting_review', 'resumed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const AUDIT_EVENTS = [
  'gate_opened',
  'claimed',
  'claim_renewed',
  'claim_taken_over',
  'claim_released',
  'version_appended',
  'version_reverted',
  'approved',
  'rejected',
  'reopened',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/** What a `/decision` call reports about itself (a replay tells whether its effect has shipped). */
export const SUBMISSION_STATUSES = ['accepted', 'already_received', 'already_applied'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Where one event's delivery to one webhook endpoint stands. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The events a webhook endpoint can subscribe to; `webhook.test` is sent on request to one endpoint. */
export const SUBSCRIBABLE_EVENT_TYPES = [
  'review.opened',
  'review.decided',
  'review.reopened',
  'run.resumed',
  'run.cancelled',
] as const;
export type SubscribableEventType = (typeof SUBSCRIBABLE_EVENT_TYPES)[number];
export type EventType = SubscribableEventType | 'webhook.test';
