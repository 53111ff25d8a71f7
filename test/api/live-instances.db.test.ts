/**
 * Live updates across app instances (issue #9, item 3): each instance publishes its own changes
 * after they commit (lib/db/notifier.ts). The other instance is a process of its own on the same
 * database (test/instance-process.ts); this test process is the instance the subscriber uses.
 */
import { afterAll, afterEach, beforeEach, expect, it, vi } from 'vitest';
import { callerForApiKey } from '@/lib/auth/credentials';
import type { SubscribableEventType } from '@/lib/domain/enums';
import { MAX_PATH_ID_LENGTH } from '@/lib/reviews/schemas';
import { Dispatcher } from '@/lib/webhooks/dispatcher';
import { createEndpoint } from '@/lib/webhooks/endpoints';
import { resetDatabase } from '../db';
import { closeEventStreams, openEventStream } from '../event-stream';
import { createTeam, gateBody, type TestTeam } from '../fixtures';
import { OtherInstance } from '../other-instance';
import { eventually, TestReceiver } from '../receiver';
import { openReview, REVIEWS, type Review } from '../review-helpers';

let team: TestTeam;
let running: OtherInstance | undefined;
let other: OtherInstance;
const cleanups: (() => Promise<void>)[] = [];

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
  running ??= await OtherInstance.start();
  other = running;
});

afterEach(async () => {
  closeEventStreams();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

afterAll(async () => {
  await running?.stop();
});

it('a change committed on another instance reaches a stream of this one', async () => {
  const review = await openReview(team);
  const stream = await openEventStream(team.reviewer2.key);
  const claimed = await other.call('POST', `${review.path}/claim`, {
    key: team.reviewer.key,
    body: { version_stamp: 0 },
  });
  expect(claimed.status).toBe(200);
  expect(await stream.nextChange()).toEqual({
    workflow_run_id: review.runId,
    block_id: review.gate.block_id,
    block_run_id: `${review.runId}:${review.gate.block_id}`,
    rev: 1,
    status: 'awaiting_review',
  });
});

it('a burst of concurrent writes on another instance brings an event for every change', async () => {
  const stream = await openEventStream(team.reviewer.key);
  // Long ids: the changes committed while a NOTIFY is in flight overflow one payload's 8000 bytes.
  const gates = Array.from({ length: 60 }, (_, index) =>
    gateBody({
      workflow_run_id: `${index}-`.padEnd(MAX_PATH_ID_LENGTH, 'r'),
      block_id: 'b'.repeat(MAX_PATH_ID_LENGTH),
    }),
  );
  const opened = await Promise.all(
    gates.map((gate) => other.call('POST', REVIEWS, { key: team.integration.key, body: gate })),
  );
  expect(opened.map((response) => response.status)).toEqual(gates.map(() => 201));

  const seen = new Set<unknown>();
  while (seen.size < gates.length) seen.add((await stream.nextChange()).block_run_id);
  expect(seen).toEqual(new Set(gates.map((gate) => `${gate.workflow_run_id}:${gate.block_id}`)));
});

/**
 * A receiver subscribed to `eventTypes`, and a dispatcher of this instance, listening, that only
 * a notification can wake: its fallback poll never comes within a test.
 */
async function deliverFromThisInstance(eventTypes: SubscribableEventType[]) {
  const receiver = new TestReceiver(() => 204);
  const url = await receiver.listen();
  cleanups.push(() => receiver.close());
  const admin = await callerForApiKey(team.admin.key);
  if (!admin) throw new Error('no admin caller');
  await createEndpoint(admin, { url, event_types: eventTypes }, { allowPrivateUrls: true });
  const dispatcher = new Dispatcher({ allowPrivateUrls: true, pollIntervalMs: 10 * 60_000 });
  const wakes = vi.spyOn(dispatcher, 'wake');
  dispatcher.start();
  cleanups.push(() => dispatcher.stop());
  // It wakes once when LISTEN is in force.
  await eventually('the dispatcher listening', async () => wakes.mock.calls.length > 0);
  /** The `count`th webhook the receiver got, parsed, once it came. */
  const delivered = async (count: number) => {
    const requests = await eventually(
      `delivery ${count}`,
      async () => receiver.received.length >= count && receiver.received,
    );
    return JSON.parse(requests[count - 1]!.body);
  };
  return { wakes, delivered };
}

async function decideOnOtherInstance(review: Review): Promise<void> {
  const response = await other.call('POST', `${review.path}/decision`, {
    key: team.reviewer.key,
    body: { verdict: 'approved', version_stamp: (await review.read()).rev },
  });
  expect(response.status).toBe(200);
}

it('a decision taken on another instance is delivered to a webhook without waiting for a poll', async () => {
  const review = await openReview(team);
  const { delivered } = await deliverFromThisInstance(['review.decided']);
  await decideOnOtherInstance(review);
  expect(await delivered(1)).toMatchObject({ type: 'review.decided', data: { workflow_run_id: review.runId } });
});

it('appends on either instance wake no dispatcher; a decision or a reopen wakes it once', async () => {
  const first = await openReview(team);
  const second = await openReview(team);
  const { wakes, delivered } = await deliverFromThisInstance(['review.decided', 'review.reopened']);
  await decideOnOtherInstance(first);
  expect((await delivered(1)).type).toBe('review.decided');
  // Every notification sent before that decision's has been heard by now.
  const awake = wakes.mock.calls.length;

  for (let i = 1; i <= 3; i++) {
    const snapshot = { ...second.gate.model_output, appended: i };
    await second.ok('versions', team.reviewer, { snapshot });
    const response = await other.call('POST', `${second.path}/versions`, {
      key: team.reviewer2.key,
      body: { version_stamp: (await second.read()).rev, snapshot: { ...snapshot, elsewhere: true } },
    });
    expect(response.status).toBe(200);
  }
  await second.ok('claim', team.reviewer);
  await second.ok('release', team.reviewer);
  // This instance's changes reach its dispatcher as they commit; the other's arrive in the order
  // it published them. So once the decision made after the appends is delivered, every append
  // has had its chance to wake the dispatcher.
  await decideOnOtherInstance(second);
  expect((await delivered(2)).type).toBe('review.decided');
  expect(wakes.mock.calls.length).toBe(awake + 1);

  const reopened = await other.call('POST', `${second.path}/reopen`, {
    key: team.lead.key,
    body: { version_stamp: (await second.read()).rev, reason: 'one more look' },
  });
  expect(reopened.status).toBe(200);
  expect((await delivered(3)).type).toBe('review.reopened');
  expect(wakes.mock.calls.length).toBe(awake + 2);
});

it('a change whose instance dies before publishing it still reaches the client: its stream ends, to re-read', async () => {
  const review = await openReview(team);
  const stream = await openEventStream(team.reviewer2.key);
  await other.crashAfterNextChange();
  void other.call('POST', `${review.path}/claim`, { key: team.reviewer.key, body: { version_stamp: 0 } });
  expect(await other.exited).toBe('SIGKILL');
  running = undefined;

  // No review_changed: the stream ends, and the client reconnects and reads the committed claim.
  expect(await stream.next()).toBeNull();
  expect((await review.read()).rev).toBe(1);
});

it('a gate opened on another instance is delivered to a webhook without waiting for a poll', async () => {
  const { delivered } = await deliverFromThisInstance(['review.opened']);
  const gate = gateBody();
  expect((await other.call('POST', REVIEWS, { key: team.integration.key, body: gate })).status).toBe(201);
  expect(await delivered(1)).toMatchObject({ type: 'review.opened', data: { workflow_run_id: gate.workflow_run_id } });
});
