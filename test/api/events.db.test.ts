import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { subscribeToReviewChanges } from '@/lib/events/review-changes';
import { ZReviewChangedEvent } from '@/lib/events/schemas';
import { callRoute } from '../api-client';
import { resetDatabase } from '../db';
import { createTeam, type TestActor, type TestTeam } from '../fixtures';
import { expectError, openReview, send } from '../review-helpers';

const EVENT_TIMEOUT_MS = 5_000;

interface ServerSentEvent {
  event: string;
  data: string;
}

/** The process-wide fan-out of lib/events/review-changes.ts, read to see who still listens. */
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

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${EVENT_TIMEOUT_MS} ms`)), EVENT_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** An open `GET /v1/events`, read event by event as an EventSource would. */
class EventStream {
  private readonly reader: ReadableStreamDefaultReader<string>;
  private buffer = '';
  /** Every `retry:` and comment line seen so far, for the assertions about them. */
  readonly controlLines: string[] = [];

  constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    if (!response.body) throw new Error('the event stream has no body');
    this.reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  }

  /** The next event (comments and `retry:` lines skipped), or null when the stream has ended. */
  async next(): Promise<ServerSentEvent | null> {
    return withTimeout(this.read(), 'server-sent event');
  }

  private async read(): Promise<ServerSentEvent | null> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const event = this.parse(block);
        if (event) return event;
        continue;
      }
      const { done, value } = await this.reader.read();
      if (done) return null;
      this.buffer += value;
    }
  }

  private parse(block: string): ServerSentEvent | null {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice('event: '.length);
      else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
      else this.controlLines.push(line);
    }
    return data.length > 0 ? { event, data: data.join('\n') } : null;
  }

  /** The data of the next `review_changed` event, parsed. */
  async nextChange(): Promise<Record<string, unknown>> {
    const event = await this.next();
    expect(event?.event).toBe('review_changed');
    return JSON.parse(event?.data ?? 'null');
  }

  abort(): void {
    this.controller.abort();
  }
}

const open: EventStream[] = [];

/**
 * Waits until every change committed so far has passed through the process's LISTEN connection.
 * Without it, the notification of a gate opened just before `subscribe` may still be on its way
 * and reach the new stream as if it came after `ready`. Notifications arrive in commit order, so
 * once a marker sent now comes through, nothing older is left.
 */
async function drainPendingChanges(): Promise<void> {
  const marker = `drain-${Math.random()}`;
  let arrived!: () => void;
  const seen = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const unsubscribe = await subscribeToReviewChanges({
    onChange: (change) => {
      if (change.organization_id === marker) arrived();
    },
    onLost: () => {},
  });
  try {
    await prisma.$executeRaw`SELECT pg_notify('review_changes', json_build_object('organization_id', ${marker}::text)::text)`;
    await withTimeout(seen, 'drain marker');
  } finally {
    unsubscribe();
  }
}

/** Opens the stream for `actor` and reads up to its `ready` event. */
async function subscribe(actor: TestActor): Promise<EventStream> {
  await drainPendingChanges();
  const controller = new AbortController();
  const response = await callRoute('GET', '/v1/events', { key: actor.key, signal: controller.signal });
  expect(response.status).toBe(200);
  const stream = new EventStream(response, controller);
  open.push(stream);
  expect(await stream.next()).toEqual({ event: 'ready', data: '{}' });
  return stream;
}

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

afterEach(() => {
  for (const stream of open.splice(0)) stream.abort();
});

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

  it('delivers a change committed the moment after ready, even on a fresh LISTEN connection', async () => {
    await cutListeningConnection();
    const review = await openReview(team);
    const stream = await subscribe(team.reviewer);
    await prisma.overlay.updateMany({ where: { workflowRunId: review.gate.workflow_run_id }, data: { priority: 7 } });
    expect((await stream.nextChange()).workflow_run_id).toBe(review.gate.workflow_run_id);
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
