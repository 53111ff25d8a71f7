/** `GET /v1/events` as the API tests read it: event by event, as an EventSource would. */
import { expect } from 'vitest';
import { callRoute } from './api-client';

/**
 * How long a test waits for an event before failing. Generous: a change whose instance died
 * unannounced ends the stream only at the next look at who publishes (PEER_CHECK_INTERVAL_MS).
 */
const EVENT_TIMEOUT_MS = 15_000;

export interface ServerSentEvent {
  event: string;
  data: string;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${EVENT_TIMEOUT_MS} ms`)), EVENT_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class EventStream {
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

/** Opens the stream for the holder of `key` in this process and reads up to its `ready` event. */
export async function openEventStream(key: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await callRoute('GET', '/v1/events', { key, signal: controller.signal });
  expect(response.status).toBe(200);
  const stream = new EventStream(response, controller);
  open.push(stream);
  expect(await stream.next()).toEqual({ event: 'ready', data: '{}' });
  return stream;
}

/** Ends every stream opened since the last call: for afterEach. */
export function closeEventStreams(): void {
  for (const stream of open.splice(0)) stream.abort();
}
