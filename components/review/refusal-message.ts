import { describeError } from '@/components/ui/error-state';
import { ApiClientError, isApiClientError } from '@/lib/client/api-client';
import { formatClock, formatDuration, formatTimeAgo } from '@/lib/format/time';
import type { ReviewOverlay } from '@/lib/reviews/schemas';
import type { ServerChange } from './conflict-panel';
import type { Notice } from './review-notice';
import { describeEvent } from './server-change-text';

type RefusedOverlay = Pick<ReviewOverlay, 'audit' | 'decisions' | 'status'>;

/**
 * Who moved the review on, for a `version_conflict`: the answer's `last_change` when it names one,
 * else the newest audit entry of the overlay as it is now.
 */
export function serverChangeOf(error: unknown, overlay: Pick<ReviewOverlay, 'audit'>, now: number): ServerChange {
  const last = error instanceof ApiClientError ? error.details?.last_change : undefined;
  if (typeof last === 'object' && last !== null) {
    const change = last as { event?: unknown; at?: unknown; actor?: { display_name?: unknown } };
    if (typeof change.event === 'string' && typeof change.at === 'string') {
      const name = change.actor?.display_name;
      return { event: change.event, at: change.at, actorName: typeof name === 'string' ? name : 'Someone' };
    }
  }
  const entry = overlay.audit.at(-1);
  return entry
    ? { event: entry.event, at: entry.at, actorName: entry.actor.display_name }
    : { event: 'changed', at: new Date(now).toISOString(), actorName: 'Someone' };
}

/**
 * A refusal of any command, told in words a reviewer can act on. `attempted` completes "could
 * not …"; `overlay` is the review as it is after the refusal (a stale answer refreshes it first).
 */
export function refusalMessage({
  error,
  attempted,
  overlay,
  now,
}: {
  error: Error;
  attempted: string;
  overlay: RefusedOverlay;
  now: number;
}): Notice {
  if (isApiClientError(error, 'version_conflict')) {
    const change = serverChangeOf(error, overlay, now);
    return {
      tone: 'warning',
      title: `The review changed before you could ${attempted}`,
      body: `${change.actorName} ${describeEvent(change.event)} ${formatTimeAgo(change.at, now)}. Nothing was done — the page now shows the latest state; check it and try again.`,
    };
  }
  if (isApiClientError(error, 'not_awaiting_review')) {
    const decision = overlay.decisions.at(-1);
    return {
      tone: 'warning',
      title: `Already decided — could not ${attempted}`,
      body: decision
        ? `${decision.decided_by.display_name} ${decision.verdict} this review ${formatTimeAgo(decision.decided_at, now)}.`
        : `The review is ${overlay.status.replaceAll('_', ' ')}.`,
    };
  }
  if (isApiClientError(error, 'claim_held')) {
    const holder = (error.details?.holder as { display_name?: string } | undefined)?.display_name ?? 'Someone';
    const expires = typeof error.details?.expires_at === 'string' ? error.details.expires_at : null;
    return {
      tone: 'warning',
      title: `${holder} holds the claim`,
      body: expires
        ? `Their claim runs until ${formatClock(expires, now)} (${formatDuration(Date.parse(expires) - now)} from now). You can still edit or decide: the claim only tells others who is on it.`
        : 'You can still edit or decide: the claim only tells others who is on it.',
    };
  }
  if (isApiClientError(error, 'forbidden')) {
    return { tone: 'danger', title: `You may not ${attempted}`, body: error.message };
  }
  if (isApiClientError(error, 'validation_error')) {
    return { tone: 'danger', title: `Could not ${attempted}`, body: error.message };
  }
  if (error instanceof ApiClientError) {
    const requestId = error.requestId ? ` (request ${error.requestId})` : '';
    return {
      tone: 'danger',
      title: `Could not ${attempted}`,
      body: `${error.message}${requestId}. Nothing was lost; try again in a moment.`,
    };
  }
  return { tone: 'danger', title: `Could not ${attempted}`, body: `${describeError(error)} Nothing was lost.` };
}
