/**
 * Live updates across app instances (issue #9, item 3): each instance publishes its own changes
 * after they commit (lib/db/notifier.ts). The other instance is a process of its own on the same
 * database (test/instance-process.ts); this test process is the instance the subscriber uses.
 */
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { callerForApiKey } from '@/lib/auth/credentials';
import { MAX_PATH_ID_LENGTH } from '@/lib/reviews/schemas';
import { Dispatcher } from '@/lib/webhooks/dispatcher';
import { createEndpoint } from '@/lib/webhooks/endpoints';
import { resetDatabase } from '../db';
import { closeEventStreams, openEventStream } from '../event-stream';
import { createTeam, gateBody, type TestTeam } from '../fixtures';
import { OtherInstance } from '../other-instance';
import { eventually, TestReceiver } from '../receiver';
import { openReview, REVIEWS } from '../review-helpers';

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
  const receiver = new TestReceiver(() => 204);
  const url = await receiver.listen();
  cleanups.push(() => receiver.close());
  const admin = await callerForApiKey(team.admin.key);
  if (!admin) throw new Error('no admin caller');
  await createEndpoint(admin, { url, event_types: ['review.opened'] }, { allowPrivateUrls: true });
  // Its fallback poll never comes within the test: only a notification can wake it.
  const dispatcher = new Dispatcher({ allowPrivateUrls: true, pollIntervalMs: 10 * 60_000 });
  dispatcher.start();
  cleanups.push(() => dispatcher.stop());

  const gate = gateBody();
  expect((await other.call('POST', REVIEWS, { key: team.integration.key, body: gate })).status).toBe(201);
  const [delivered] = await eventually('the delivery', async () => receiver.received.length > 0 && receiver.received);
  expect(JSON.parse(delivered!.body)).toMatchObject({
    type: 'review.opened',
    data: { workflow_run_id: gate.workflow_run_id },
  });
});
