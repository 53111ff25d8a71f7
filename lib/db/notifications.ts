/**
 * PostgreSQL `LISTEN/NOTIFY` for the whole process: one connection listens on every channel the
 * app uses, and fans each notification out to the subscribers of its channel. Several app
 * instances each hear every notification, whichever instance caused it. What this process
 * publishes itself (lib/db/notifier.ts) reaches its own subscribers at once, and its echo from
 * PostgreSQL is skipped.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { env } from '../env';
import { connectionOptions } from './connection-options';
import { prisma } from './prisma';

/**
 * `review_changes`: every committed change to an overlay, published by the instance that wrote
 * it once it committed (lib/db/notifier.ts; the payload is a batch of ReviewChanges).
 * `webhook_deliveries`: deliveries may have become due, which wakes the dispatchers: published
 * like review changes by a review write that added outbox events (lib/webhooks/new-events.ts),
 * notified as it commits by a test event or a redelivery. Review changes wake no dispatcher.
 */
export type Channel = 'review_changes' | 'webhook_deliveries';
const CHANNELS: Channel[] = ['review_changes', 'webhook_deliveries'];

export interface NotificationSubscriber {
  channel: Channel;
  onNotification(payload: string): void;
  /**
   * Notifications may have been missed: the LISTEN connection dropped (subscribing again listens
   * on a new connection), or another instance went away, perhaps between committing a change
   * and publishing it.
   */
  onLost(): void;
}

// A frozen or cut-off server never closes the connection: only a query that times out
// (connectionOptions' query_timeout) tells the hub it no longer hears anything. The same query
// looks for instances that went away, so it also bounds how long a change whose instance died
// before publishing it can stay unseen.
export const PEER_CHECK_INTERVAL_MS = 5_000;

/**
 * Every process that publishes holds a connection named so (lib/db/notifier.ts), from before its
 * first change commits until it exits: while it is there, its changes will be published.
 */
export const PUBLISHER_NAME_PREFIX = 'review-inbox-publisher ';

interface Hub {
  /** Names this process in what it publishes, so that it can skip its own echo. */
  instanceId: string;
  subscribers: Set<NotificationSubscriber>;
  /** Resolves once LISTEN is in force on a live connection; rejects if it cannot be. */
  listening: Promise<pg.Client> | null;
}

// One hub per process, kept across Next.js dev reloads like the Prisma client.
const cache = globalThis as typeof globalThis & { notificationHub?: Hub };
cache.notificationHub ??= { instanceId: randomUUID(), subscribers: new Set(), listening: null };
const hub: Hub = cache.notificationHub;

/** This process's id; what it publishes starts with it and a space. */
export function instanceId(): string {
  return hub.instanceId;
}

function fanOut(channel: string, payload: string): void {
  for (const subscriber of hub.subscribers) {
    if (subscriber.channel === channel) subscriber.onNotification(payload);
  }
}

/** Hands a payload this process publishes to its own subscribers, without waiting for PostgreSQL. */
export function deliverLocally(channel: Channel, payload: string): void {
  fanOut(channel, payload);
}

function lostForAll(): void {
  for (const subscriber of hub.subscribers) subscriber.onLost();
}

/** The publishers connected now, this process's own included. */
async function publishers(client: pg.Client): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT application_name AS name FROM pg_stat_activity
      WHERE datname = current_database() AND starts_with(application_name, $1)`,
    [PUBLISHER_NAME_PREFIX],
  );
  return new Set(rows.map((row) => row.name));
}

/**
 * A publisher that disappeared may have died between committing a change and publishing it:
 * subscribers are told that they may have missed something, so live clients re-read.
 */
function anyGone(before: Iterable<string>, now: Set<string>): boolean {
  // This process's own changes reached its subscribers without PostgreSQL.
  const own = `${PUBLISHER_NAME_PREFIX}${hub.instanceId}`;
  for (const name of before) if (name !== own && !now.has(name)) return true;
  return false;
}

/**
 * Who is publishing, as far as one LISTEN connection knows: the publishers seen connected at the
 * last check, and those heard from since the check before (a publisher says hello when it
 * connects), so that one that starts and dies between two checks is not missed.
 */
class Publishers {
  private known = new Set<string>();
  private heard = new Set<string>();

  constructor(private readonly client: pg.Client) {}

  heardFrom(payload: string): void {
    const space = payload.indexOf(' ');
    if (space > 0) this.heard.add(`${PUBLISHER_NAME_PREFIX}${payload.slice(0, space)}`);
  }

  /** Looks who is connected now; true when anyone known or heard from before has gone. */
  async check(): Promise<boolean> {
    const candidates = [...this.known, ...this.heard];
    this.heard = new Set();
    this.known = await publishers(this.client);
    return anyGone(candidates, this.known);
  }
}

function discard(client: pg.Client): void {
  client.removeAllListeners();
  client.on('error', () => {});
  client.end().catch(() => {});
}

function isOwnEcho(payload: string): boolean {
  return payload.startsWith(`${hub.instanceId} `);
}

/**
 * Once LISTEN was in force, any failure may have hidden notifications: every subscriber is told,
 * and the next subscription opens a new connection.
 */
function dropConnection(client: pg.Client, ping: ReturnType<typeof setInterval>): void {
  clearInterval(ping);
  hub.listening = null;
  discard(client);
  lostForAll();
}

async function listen(): Promise<pg.Client> {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set');
  const client = new pg.Client(connectionOptions(env.DATABASE_URL));
  const peers = new Publishers(client);
  try {
    client.on('error', () => {});
    client.on('notification', (message) => {
      const payload = message.payload ?? '';
      peers.heardFrom(payload);
      if (!isOwnEcho(payload)) fanOut(message.channel, payload);
    });
    await client.connect();
    for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
    // Once LISTEN is in force: a publisher that goes from then on is noticed; one that went
    // before left nothing unpublished that the subscribers' first read after this will not see.
    await peers.check();
  } catch (error) {
    discard(client);
    throw error;
  }
  client.removeAllListeners('error');
  const ping = setInterval(() => {
    peers.check().then(
      (gone) => {
        if (gone) lostForAll();
      },
      () => dropConnection(client, ping),
    );
  }, PEER_CHECK_INTERVAL_MS);
  ping.unref();
  client.on('error', () => dropConnection(client, ping));
  client.on('end', () => dropConnection(client, ping));
  return client;
}

/**
 * Registers `subscriber` and resolves once every notification sent from now on will reach it,
 * so a caller can read state after this and trust that it misses no later change.
 * Rejects, leaving nothing registered, when the database cannot be listened to now.
 * Returns the function that unsubscribes.
 */
export async function subscribe(subscriber: NotificationSubscriber): Promise<() => void> {
  hub.subscribers.add(subscriber);
  hub.listening ??= listen().catch((error: unknown) => {
    hub.listening = null;
    throw error;
  });
  try {
    await hub.listening;
  } catch (error) {
    hub.subscribers.delete(subscriber);
    throw error;
  }
  return () => {
    hub.subscribers.delete(subscriber);
  };
}

/** Sends an empty notification on `channel`, to every instance, when the current statement commits. */
export async function notify(channel: Channel): Promise<void> {
  await prisma.$executeRaw`SELECT pg_notify(${channel}, '')`;
}
