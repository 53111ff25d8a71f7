/**
 * The dispatcher against real PostgreSQL and a real HTTP receiver on 127.0.0.1: what a receiver
 * sees (attempts, ids, signatures), and the guarantees across dispatchers — one attempt at a time
 * per delivery, and nothing lost when one dies mid-delivery.
 */
import { spawn } from 'node:child_process';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Caller } from '@/lib/auth/authorization';
import { callerForApiKey } from '@/lib/auth/credentials';
import { prisma } from '@/lib/db/prisma';
import type { SubscribableEventType } from '@/lib/domain/enums';
import { decide, openGate } from '@/lib/reviews/service';
import { resetDatabase } from '../../test/db';
import { createTeam, gateBody, type TestTeam } from '../../test/fixtures';
import { eventually, TestReceiver } from '../../test/receiver';
import { Dispatcher, type DispatcherOptions } from './dispatcher';
import { createEndpoint, rotateEndpointSecret, updateEndpoint } from './endpoints';

let team: TestTeam;
let admin: Caller;
let integration: Caller;
let reviewer: Caller;
const receivers: TestReceiver[] = [];
const dispatchers: Dispatcher[] = [];

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
  const callerOf = async (key: string) => (await callerForApiKey(key)) ?? Promise.reject(new Error('no caller'));
  admin = await callerOf(team.admin.key);
  integration = await callerOf(team.integration.key);
  reviewer = await callerOf(team.reviewer.key);
});

afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.stop()));
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function startReceiver(...args: ConstructorParameters<typeof TestReceiver>) {
  const receiver = new TestReceiver(...args);
  receivers.push(receiver);
  return { receiver, url: await receiver.listen() };
}

/** A dispatcher that retries at once, so that tests never wait out the real schedule. */
function startDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const dispatcher = new Dispatcher({ allowPrivateUrls: true, retryPolicy: () => 0, pollIntervalMs: 200, ...options });
  dispatchers.push(dispatcher);
  dispatcher.start();
  return dispatcher;
}

async function subscribe(url: string, eventTypes: SubscribableEventType[]) {
  return createEndpoint(admin, { url, event_types: eventTypes }, { allowPrivateUrls: true });
}

async function openAndApprove(commandId?: string) {
  const gate = gateBody();
  await openGate(integration, gate as any);
  const key = { runId: gate.workflow_run_id, blockId: gate.block_id };
  const body = { verdict: 'approved' as const, version_stamp: 0, command_id: commandId };
  const outcome = await decide(reviewer, key, body);
  return { key, body, overlay: outcome.overlay.parse() };
}

async function deliveries() {
  return prisma.webhookDelivery.findMany({ include: { event: true }, orderBy: { createdAt: 'asc' } });
}

async function allDelivered(count: number) {
  const rows = await deliveries();
  return rows.length === count && rows.every((row) => row.status === 'delivered') && rows;
}

describe('one delivery, as the receiver sees it', () => {
  it('a receiver failing twice then succeeding gets three attempts with one webhook-id, each signed', async () => {
    const { receiver, url } = await startReceiver((_request, earlier) => (earlier < 2 ? 503 : 204));
    const endpoint = await subscribe(url, ['review.decided']);
    const { overlay } = await openAndApprove();
    startDispatcher();

    const [delivery] = await eventually('the delivery', () => allDelivered(1));
    expect(delivery).toMatchObject({ attempts: 3, status: 'delivered', lastStatusCode: 204, lastError: null });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.idsReceived())).toEqual(new Set([delivery!.eventId]));

    for (const request of receiver.received) {
      expect(new Webhook(endpoint.secret).verify(request.body, request.headers)).toEqual(JSON.parse(request.body));
      const wrongSecret = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
      expect(() => new Webhook(wrongSecret).verify(request.body, request.headers)).toThrow();
    }
    expect(JSON.parse(receiver.received[0]!.body)).toEqual({
      type: 'review.decided',
      timestamp: overlay.decided_at,
      data: delivery!.event.payload,
    });
  });

  it('records a failure that is retried, and gives up when the schedule is spent', async () => {
    const { receiver, url } = await startReceiver(() => 500);
    await subscribe(url, ['review.decided']);
    await openAndApprove();
    startDispatcher({ retryPolicy: (failures) => (failures < 3 ? 0 : null) });

    const [delivery] = await eventually('the failed delivery', async () => {
      const rows = await deliveries();
      return rows[0]?.status === 'failed' && rows;
    });
    expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: null });
    expect(receiver.received).toHaveLength(3);
  });

  it('after a rotation, signs with both secrets, each of which verifies, until the old one expires', async () => {
    const { receiver, url } = await startReceiver(() => 200);
    const endpoint = await subscribe(url, ['review.decided']);
    const { secret } = await rotateEndpointSecret(admin, { id: endpoint.id });
    await openAndApprove();
    const dispatcher = startDispatcher();
    await eventually('the delivery', () => allDelivered(1));

    const [request] = receiver.received;
    expect(request!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const key of [endpoint.secret, secret]) {
      expect(() => new Webhook(key).verify(request!.body, request!.headers)).not.toThrow();
    }

    await dispatcher.stop();
    const dayLater = () => new Date(Date.now() + 25 * 60 * 60 * 1000);
    startDispatcher({ clock: dayLater });
    await openAndApprove();
    await eventually('the second delivery', () => allDelivered(2));
    const later = receiver.received[1]!;
    const [signature, ...others] = later.headers['webhook-signature']!.split(' ');
    expect(others).toEqual([]);
    const at = new Date(Number(later.headers['webhook-timestamp']) * 1000);
    expect(signature).toBe(new Webhook(secret).sign(later.headers['webhook-id']!, at, later.body));
  });

  it('refuses at delivery time an endpoint that now resolves to a private address', async () => {
    const { receiver, url } = await startReceiver(() => 200);
    await subscribe(url, ['review.decided']);
    await subscribe(url.replace('127.0.0.1', 'localhost'), ['review.decided']);
    await openAndApprove();
    startDispatcher({ allowPrivateUrls: false, retryPolicy: () => null });

    const failed = await eventually('both failures', async () => {
      const rows = await deliveries();
      return rows.length === 2 && rows.every((row) => row.status === 'failed') && rows;
    });
    for (const delivery of failed) expect(delivery.lastError).toMatch(/^refused: .* resolves to (127\.0\.0\.1|::1)/);
    expect(receiver.received).toEqual([]);
  });
});

describe('what wakes a dispatcher', () => {
  it('a gate opening or a decision, only in an organization with an enabled endpoint', async () => {
    // No fallback poll within the test: every wake-up comes from a notification.
    const dispatcher = new Dispatcher({ allowPrivateUrls: true, pollIntervalMs: 10 * 60_000 });
    dispatchers.push(dispatcher);
    const wakes = vi.spyOn(dispatcher, 'wake');
    dispatcher.start();
    await eventually('the dispatcher listening', async () => wakes.mock.calls.length > 0);
    const listening = wakes.mock.calls.length;

    // This process's own announcements reach its dispatcher before the service call returns.
    await openAndApprove();
    const { url } = await startReceiver(() => 204);
    const endpoint = await subscribe(url, ['review.opened', 'review.decided']);
    await updateEndpoint(admin, { id: endpoint.id }, { disabled: true });
    await openAndApprove();
    expect(wakes.mock.calls.length).toBe(listening);
    expect(await deliveries()).toEqual([]);

    await updateEndpoint(admin, { id: endpoint.id }, { disabled: false });
    await eventually('the wake-up of the endpoint enabled', async () => wakes.mock.calls.length > listening);
    const enabled = wakes.mock.calls.length;
    const gate = gateBody();
    await openGate(integration, gate as any);
    expect(wakes.mock.calls.length).toBeGreaterThan(enabled);
    const opened = wakes.mock.calls.length;
    await decide(
      reviewer,
      { runId: gate.workflow_run_id, blockId: gate.block_id },
      { verdict: 'approved', version_stamp: 0 },
    );
    expect(wakes.mock.calls.length).toBeGreaterThan(opened);
    const delivered = await eventually('both delivered', () => allDelivered(2));
    expect(delivered.map((row) => row.event.eventType)).toEqual(['review.opened', 'review.decided']);
  });
});

describe('submission_status of a replayed decision', () => {
  it('is already_received until its review.decided is delivered, then already_applied', async () => {
    const { url } = await startReceiver(() => 200);
    await subscribe(url, ['review.decided']);
    const { key, body } = await openAndApprove('approve-1');
    expect((await decide(reviewer, key, body)).submission_status).toBe('already_received');

    startDispatcher();
    await eventually('the delivery', () => allDelivered(1));
    expect((await decide(reviewer, key, body)).submission_status).toBe('already_applied');
  });
});

describe('many dispatchers', () => {
  it('two dispatchers racing on many deliveries attempt each one at a time, each attempt once', async () => {
    // Every first attempt fails, so each delivery is attempted twice: retries are where two
    // dispatchers would collide if a delivery could be claimed while an attempt was under way.
    const { receiver, url } = await startReceiver((_request, earlier) => (earlier === 0 ? 500 : 200), 20);
    await subscribe(url, ['review.opened']);
    const gates = 40;
    for (let i = 0; i < gates; i++) await openGate(integration, gateBody() as any);
    startDispatcher({ concurrency: 4 });
    startDispatcher({ concurrency: 4 });

    const delivered = await eventually('every delivery', () => allDelivered(gates), 60_000);
    expect(receiver.overlapping).toEqual(new Set());
    expect(delivered.map((delivery) => delivery.attempts)).toEqual(Array(gates).fill(2));
    const attemptsPerId = new Map<string, number>();
    for (const id of receiver.idsReceived()) attemptsPerId.set(id, (attemptsPerId.get(id) ?? 0) + 1);
    expect(attemptsPerId).toEqual(new Map(delivered.map((delivery) => [delivery.eventId, 2])));
  });

  it('a dispatcher killed mid-delivery loses nothing: the next one delivers every pending event', async () => {
    let answering = false;
    const { receiver, url } = await startReceiver(() => (answering ? 200 : 'hang'));
    await subscribe(url, ['review.opened']);
    for (let i = 0; i < 3; i++) await openGate(integration, gateBody() as any);

    // Node itself with tsx's loader: the tsx CLI would run the script in a grandchild the kill misses.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/dispatcher-process.ts'], { stdio: 'ignore' });
    try {
      await eventually('an attempt in flight', async () => receiver.received.length > 0);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await prisma.webhookDelivery.count({ where: { status: 'pending', attempts: 0 } })).toBe(3);

    answering = true;
    startDispatcher();
    const delivered = await eventually('every delivery', () => allDelivered(3));
    // The killed attempts committed nothing: each delivery counts only the attempt that succeeded.
    expect(delivered.map((delivery) => delivery.attempts)).toEqual([1, 1, 1]);
    expect(new Set(receiver.idsReceived())).toEqual(new Set(delivered.map((delivery) => delivery.eventId)));
  });
});
