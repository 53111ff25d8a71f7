/** Live changes, pushed as server-sent events. */
import { defineRoute } from '../http/define-route';
import { HEARTBEAT_MS, RECONNECT_MS } from './review-stream';
import { ZReadyEvent, ZReviewChangedEvent } from './schemas';

export const streamEventsRoute = defineRoute({
  name: 'streamEvents',
  method: 'GET',
  path: '/v1/events',
  tag: 'Events',
  action: 'read',
  summary: 'Stream live review changes',
  description: `A stream of [server-sent events](https://html.spec.whatwg.org/multipage/server-sent-events.html) (\`text/event-stream\`; the browser's \`EventSource\` reads it) that stays open and announces every committed change to an overlay of the caller's organization: a gate opening and every command that moved its \`rev\`. An event says only which overlay changed and its new \`rev\` and \`status\`; read the overlay or the queue for the rest, and skip an event whose \`rev\` you already have.

- \`ready\` (data \`{}\`) comes first: the stream is listening from then on.
- \`review_changed\` (data \`ReviewChangedEvent\`) follows each change, in commit order among the changes made through one app instance; when two instances change one overlay at once their events may cross, so keep the highest \`rev\`.
- A comment line \`: keep-alive\` every ${HEARTBEAT_MS / 1000} seconds keeps proxies from closing an idle stream; ignore it.
- The stream opens with \`retry: ${RECONNECT_MS}\`: an \`EventSource\` reconnects by itself ${RECONNECT_MS / 1000} seconds after the connection drops. Events carry no \`id\` and nothing missed while disconnected is replayed, so refetch what you show on every \`ready\`, the first one included.

Being a GET, a cookie-authenticated stream needs no \`Origin\`.`,
  events: {
    list: [
      { name: 'ready', description: 'Sent once, first: the stream is listening.', data: ZReadyEvent },
      {
        name: 'review_changed',
        description: 'An overlay of the caller’s organization changed.',
        data: ZReviewChangedEvent,
      },
    ],
    example: [
      `retry: ${RECONNECT_MS}\nevent: ready\ndata: {}`,
      'event: review_changed\ndata: {"workflow_run_id":"run_8f2c","block_id":"extract_invoice","block_run_id":"run_8f2c:extract_invoice","rev":4,"status":"awaiting_review"}',
      ': keep-alive',
      '',
    ].join('\n\n'),
  },
  success: [{ status: 200, description: 'The event stream; it ends only when the client disconnects.' }],
  errors: [],
  passRequest: true,
});
