import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packPayloads } from '@/lib/db/notifier';
import { prisma } from '@/lib/db/prisma';
import type { ReviewChange } from '@/lib/events/review-changes';
import { ZReviewChangedEvent } from '@/lib/events/schemas';
import { resetDatabase } from '../db';
import { closeEventStreams, type EventStream, openEventStream } from '../event-stream';
import { createTeam, type TestActor, type TestTeam } from '../fixtures';
import { expectError, openReview, send } from '../review-helpers';

/** The process-wide fan-out of lib/db/notifications.ts, read to see who still listens. */
function hubListenerCount(): number {
  const hub = (globalThis as { notificationHub?: { subscribers: Set<unknown> } }).notificationHub;
  return hub?.subscribers.size ?? 0;
}

/** Ends the process's LISTEN connection, if there is one, as a database restart would. */
async function cutListeningConnection(): Promise<void> {
  const hub = (globalThis as { notificationHub?: { listening: Promise<{ end(): Promise<void> }> | null } })
    .notificationHub;
  await (await hub?.listening)?.end();
}

/**
 * Publishes a change as another instance would, straight through PostgreSQL: this process skips
 * only its own echo, so the change must come back over the LISTEN connection.
 */
async function publishAsAnotherInstance(change: ReviewChange): Promise<void> {
  const item = [change.organization_id, change.workflow_run_id, change.block_id, change.rev, change.status];
  const [payload] = packPayloads([JSON.stringify(item)], 'another-instance');
  await prisma.$executeRaw`SELECT pg_notify('review_changes', ${payload})`;
}

/** Opens the stream for `actor`; this process's own changes reach it without PostgreSQL. */
function subscribe(actor: TestActor): Promise<EventStream> {
  return openEventStream(actor.key);
}

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

afterEach(closeEventStreams);

describe('GET /v1/events', () => {
  it('answers an API key with an uncached text/event-stream that opens with retry and ready', async () => {
    const stream = await subscribe(team.reviewer);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(stream.response.headers.get('x-request-id')).toBeTruthy();
    expect(stream.controlLines).toEqual(['retry: 2000']);
  });

  it('sends review_changed with the overlay identity, rev and status after a claim, and no organization_id', async () => {
    const review = await openReview(team);
    const stream = await subscribe(team.reviewer2);
    await review.ok('claim', team.reviewer);
    const change = await stream.nextChange();
    expect(change).toEqual({
      workflow_run_id: review.gate.workflow_run_id,
      block_id: review.gate.block_id,
      block_run_id: `${review.gate.workflow_run_id}:${review.gate.block_id}`,
      rev: 1,
      status: 'awaiting_review',
    });
    expect(Object.keys(change).sort()).toEqual(Object.keys(ZReviewChangedEvent.shape).sort());
  });

  it('reports each change in commit order, decisions included', async () => {
    const review = await openReview(team);
    const stream = await subscribe(team.reviewer2);
    await review.ok('claim', team.reviewer);
    await review.ok('decision', team.reviewer, { verdict: 'approved' });
    expect((await stream.nextChange()).rev).toBe(1);
    expect(await stream.nextChange()).toMatchObject({ rev: 2, status: 'approved' });
  });

  it('does not deliver changes of another organization', async () => {
    const other = await createTeam('globex');
    const foreign = await openReview(other);
    const own = await openReview(team);
    const stream = await subscribe(team.reviewer);
    // Notifications arrive in commit order: had the foreign change been delivered, it would come first.
    await foreign.ok('claim', other.reviewer);
    await own.ok('claim', team.reviewer);
    expect((await stream.nextChange()).workflow_run_id).toBe(own.gate.workflow_run_id);
  });

  it('ends open streams when its LISTEN connection drops, so clients reconnect and re-read', async () => {
    const stream = await subscribe(team.reviewer);
    await cutListeningConnection();
    expect(await stream.next()).toBeNull();
  });

  it('delivers a change another instance publishes the moment after ready, even on a fresh LISTEN connection', async () => {
    await cutListeningConnection();
    const review = await openReview(team);
    const stream = await subscribe(team.reviewer);
    const change = {
      organization_id: team.organizationId,
      workflow_run_id: review.gate.workflow_run_id,
      block_id: review.gate.block_id,
      block_run_id: `${review.gate.workflow_run_id}:${review.gate.block_id}`,
      rev: 1,
      status: 'awaiting_review',
    };
    await publishAsAnotherInstance(change);
    const { organization_id: _organization, ...visible } = change;
    expect(await stream.nextChange()).toEqual(visible);
  });

  it('does not deliver this instance’s own changes twice: they come at once, not back through PostgreSQL', async () => {
    const review = await openReview(team);
    const stream = await subscribe(team.reviewer);
    await review.ok('claim', team.reviewer);
    const other = await openReview(team);
    // Had the claim's echo been delivered, it would come between the claim and the next gate.
    expect((await stream.nextChange()).rev).toBe(1);
    expect((await stream.nextChange()).workflow_run_id).toBe(other.gate.workflow_run_id);
  });

  it('ends the stream and unsubscribes when the client aborts', async () => {
    const before = hubListenerCount();
    const stream = await subscribe(team.reviewer);
    expect(hubListenerCount()).toBe(before + 1);
    stream.abort();
    expect(await stream.next()).toBeNull();
    expect(hubListenerCount()).toBe(before);
  });

  it('refuses a request without a credential with the 401 envelope', async () => {
    expectError(await send('GET', '/v1/events'), 401, 'unauthenticated');
  });
});
