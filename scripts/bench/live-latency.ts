/**
 * Live-update latency across two app instances on one database: a write sent to instance A,
 * timed until a `review_changed` event for it arrives on an SSE stream of instance B, as another
 * browser would see it. Writes go one at a time, each to another overlay, with a fresh
 * `command_id` and the overlay's current stamp.
 */
import { REVIEWER_KEY } from './dataset';
import { median } from './report';
import { learnRev, nextCommandId, overlayPath, snapshotFor, type Target, type TargetPool } from './scenarios';

export interface LiveLatency {
  writes: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Waits for events on B's stream, by `<block_run_id>#<rev>`. */
class EventWaiter {
  private readonly waiting = new Map<string, () => void>();
  private readonly arrived = new Set<string>();

  constructor(private readonly ready: () => void) {}

  feed(block: string): void {
    if (block.includes('event: ready')) this.ready();
    if (!block.includes('event: review_changed')) return;
    const data = block.split('\n').find((line) => line.startsWith('data: '));
    if (!data) return;
    const change = JSON.parse(data.slice('data: '.length)) as { block_run_id: string; rev: number };
    const key = `${change.block_run_id}#${change.rev}`;
    const resolve = this.waiting.get(key);
    if (resolve) resolve();
    else this.arrived.add(key);
  }

  wait(key: string): Promise<void> {
    if (this.arrived.delete(key)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(key, resolve));
  }
}

/** An event that never comes fails the run rather than hanging it. */
const EVENT_TIMEOUT_MS = 30_000;

async function withTimeout(arrival: Promise<void>, target: Target): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no review_changed for ${overlayPath(target)} within ${EVENT_TIMEOUT_MS / 1000} s`)),
      EVENT_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([arrival, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function appendVersion(writer: { url: string }, target: Target): Promise<{ status: number; text: string }> {
  const answer = await fetch(`${writer.url}${overlayPath(target)}/versions`, {
    method: 'POST',
    headers: { 'api-key': REVIEWER_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({
      version_stamp: target.rev,
      snapshot: snapshotFor(target.rev),
      command_id: nextCommandId(),
    }),
  });
  return { status: answer.status, text: await answer.text() };
}

export async function measureLiveLatency(
  writer: { url: string },
  subscriber: { url: string },
  pool: TargetPool,
  writes: number,
): Promise<LiveLatency> {
  const controller = new AbortController();
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const events = new EventWaiter(ready);
  const response = await fetch(`${subscriber.url}/v1/events`, {
    headers: { 'api-key': REVIEWER_KEY },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`GET /v1/events answered ${response.status}`);
  const reading = (async () => {
    let buffer = '';
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        events.feed(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  })().catch(() => {});
  await isReady;

  const latencies: number[] = [];
  try {
    for (let index = 0; index < writes; index++) {
      const target = pool.next();
      let started = performance.now();
      let answer = await appendVersion(writer, target);
      if (answer.status === 409) {
        // A write of the load before, cut off at the end of its round, committed unseen: once
        // more at the rev the conflict names.
        learnRev(target, answer.status, answer.text);
        started = performance.now();
        answer = await appendVersion(writer, target);
      }
      const body = JSON.parse(answer.text) as { rev?: number };
      if (answer.status !== 200 || body.rev === undefined) throw new Error(`a write answered ${answer.status}`);
      target.rev = body.rev;
      await withTimeout(events.wait(`${target.runId}:${target.blockId}#${body.rev}`), target);
      latencies.push(performance.now() - started);
    }
  } finally {
    controller.abort();
    await reading;
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    writes: latencies.length,
    p50Ms: median(sorted),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}
