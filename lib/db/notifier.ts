/**
 * Publishes this process's notifications once their changes have committed, batched: every
 * change reaches this process's own subscribers at once, and the other instances through one
 * NOTIFY per batch.
 *
 * Why not NOTIFY inside the writing transaction (a trigger, as before): PostgreSQL serializes the
 * commits of every transaction that notified, holding a database-wide lock through each one's
 * WAL flush, so concurrent writes queued behind each other. Here no write notifies; one NOTIFY is
 * in flight per process at a time, and the changes committed meanwhile go out together in the
 * next one, so a quiet instance publishes each change at once and a busy one in a batch every
 * WAL flush or so.
 *
 * A process that dies between a commit and its NOTIFY would leave that change unannounced. Its
 * publisher connection, named with PUBLISHER_NAME_PREFIX and open from before its first publish,
 * goes with it: every listening instance notices that within PEER_CHECK_INTERVAL_MS and tells its
 * subscribers they may have missed something (live streams end; clients reconnect and re-read;
 * dispatchers look for due deliveries). A NOTIFY that fails is retried until it goes through.
 */
import type { Socket } from 'node:net';
import pg from 'pg';
import { env } from '../env';
import { connectionOptions } from './connection-options';
import { type Channel, deliverLocally, instanceId, PUBLISHER_NAME_PREFIX } from './notifications';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7999;
const RETRY_MS = 1_000;

interface Publisher {
  /** Items not yet sent, by channel, oldest first. */
  pending: Map<Channel, string[]>;
  sending: boolean;
  connection: Promise<pg.Client> | null;
}

// One publisher per process, kept across Next.js dev reloads like the notification hub.
const cache = globalThis as typeof globalThis & { notificationPublisher?: Publisher };
cache.notificationPublisher ??= { pending: new Map(), sending: false, connection: null };
const publisher: Publisher = cache.notificationPublisher;

/**
 * Splits items into as few payloads as fit PostgreSQL's limit: `<instance id> [item,item,…]`,
 * each item a JSON value of at most a few hundred bytes. No items make one empty batch.
 */
export function packPayloads(items: string[], sender: string = instanceId()): string[] {
  const prefix = `${sender} [`;
  const payloads: string[] = [];
  let current: string[] = [];
  let bytes = Buffer.byteLength(prefix) + 1;
  for (const item of items) {
    const size = Buffer.byteLength(item) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
      payloads.push(`${prefix}${current.join(',')}]`);
      current = [];
      bytes = Buffer.byteLength(prefix) + 1;
    }
    current.push(item);
    bytes += Buffer.byteLength(item) + (current.length > 1 ? 1 : 0);
  }
  if (current.length > 0 || payloads.length === 0) payloads.push(`${prefix}${current.join(',')}]`);
  return payloads;
}

/** The items of a payload packPayloads made, parsed; none from a payload it did not make. */
export function unpackPayload(payload: string): unknown[] {
  try {
    const items: unknown = JSON.parse(payload.slice(payload.indexOf(' ') + 1));
    return Array.isArray(items) ? items : [];
  } catch {
    return [];
  }
}

function socketOf(client: pg.Client): Socket {
  return client.connection.stream as Socket;
}

async function connect(): Promise<pg.Client> {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set');
  const client = new pg.Client({
    ...connectionOptions(env.DATABASE_URL),
    application_name: `${PUBLISHER_NAME_PREFIX}${instanceId()}`,
  });
  const forget = () => {
    client.removeAllListeners();
    client.on('error', () => {});
    client.end().catch(() => {});
    publisher.connection = null;
  };
  client.on('error', forget);
  client.on('end', forget);
  try {
    await client.connect();
    // Hello: listening instances know this one from now on, even if it dies before their next
    // look at who is connected.
    await client.query('SELECT pg_notify($1, $2)', ['review_changes' satisfies Channel, packPayloads([])[0]]);
  } catch (error) {
    forget();
    throw error;
  }
  // An idle publisher does not keep a script's process alive; one with a batch to send does.
  socketOf(client).unref();
  return client;
}

function connection(): Promise<pg.Client> {
  publisher.connection ??= connect();
  return publisher.connection;
}

async function send(batch: Map<Channel, string[]>): Promise<void> {
  const channels: Channel[] = [];
  const payloads: string[] = [];
  for (const [channel, items] of batch) {
    for (const payload of packPayloads(items)) {
      channels.push(channel);
      payloads.push(payload);
    }
  }
  const client = await connection();
  const socket = socketOf(client);
  socket.ref();
  try {
    // One transaction for the whole batch: one lock and one commit, however many payloads.
    await client.query('SELECT pg_notify(c, p) FROM unnest($1::text[], $2::text[]) AS n(c, p)', [channels, payloads]);
  } finally {
    socket.unref();
  }
}

/** Puts a batch that could not be sent back before what was published since. */
function requeue(batch: Map<Channel, string[]>): void {
  for (const [channel, items] of batch) items.push(...(publisher.pending.get(channel) ?? []));
  for (const [channel, items] of publisher.pending) if (!batch.has(channel)) batch.set(channel, items);
  publisher.pending = batch;
}

async function flush(): Promise<void> {
  publisher.sending = true;
  try {
    while (publisher.pending.size > 0) {
      const batch = publisher.pending;
      publisher.pending = new Map();
      try {
        await send(batch);
      } catch (error) {
        console.error('notifications: cannot publish now; retrying', error);
        requeue(batch);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  } finally {
    publisher.sending = false;
  }
}

/**
 * Announces `item` (a JSON value) on `channel`: to this process's subscribers now, to every
 * other instance in the next batch. Call it only once the change it describes has committed.
 */
export function publish(channel: Channel, item: string): void {
  deliverLocally(channel, `${instanceId()} [${item}]`);
  const items = publisher.pending.get(channel);
  if (items) items.push(item);
  else publisher.pending.set(channel, [item]);
  // Changes published in the same tick go out in one batch.
  if (!publisher.sending) {
    publisher.sending = true;
    setImmediate(() => void flush());
  }
}

/**
 * Opens the publisher connection ahead of the first change, so that the other instances know
 * this one from before it can commit anything; resolves once it is open. A failure is logged and
 * retried by the first publish.
 */
export async function startPublisher(): Promise<void> {
  // `next build` starts server workers to prerender pages; only a serving process publishes.
  if (!env.DATABASE_URL || env.NEXT_PHASE === 'phase-production-build') return;
  await connection().then(
    () => {},
    (error: unknown) => console.error('notifications: cannot connect the publisher yet', error),
  );
}
