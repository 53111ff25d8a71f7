/**
 * Server-sent events: `review_changed` for every change to an overlay of the caller's
 * organization, so open inboxes refresh within a moment of anyone's claim, edit or decision.
 */
import type { Caller } from '../auth/authorization';
import { subscribeToReviewChanges } from './review-changes';

export const HEARTBEAT_MS = 15_000;
/** How long an `EventSource` waits before it reconnects by itself. */
export const RECONNECT_MS = 2000;

export async function openReviewStream(caller: Caller, request: Request): Promise<Response> {
  const encoder = new TextEncoder();
  let closed = false;
  let unsubscribe = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    try {
      controller.close();
    } catch {
      // already closed by the client going away
    }
  };
  const send = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };
  const stream = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    cancel: close,
  });
  request.signal.addEventListener('abort', close);

  unsubscribe = await subscribeToReviewChanges({
    onChange(change) {
      if (change.organization_id !== caller.organizationId) return;
      const { organization_id: _org, ...visible } = change;
      send(`event: review_changed\ndata: ${JSON.stringify(visible)}\n\n`);
    },
    // Changes may have gone unseen: ending the stream makes the browser reconnect, get a fresh
    // `ready`, and re-read.
    onLost: close,
  });
  if (closed) unsubscribe();
  heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
  // Sent only once LISTEN is in force: a client that re-reads on `ready` misses nothing after.
  send(`retry: ${RECONNECT_MS}\nevent: ready\ndata: {}\n\n`);
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
