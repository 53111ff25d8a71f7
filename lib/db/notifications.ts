/**
 * PostgreSQL `LISTEN/NOTIFY` for the whole process: one connection listens on every channel the
 * app uses, and fans each notification out to the subscribers of its channel. Several app
 * instances each hear every notification, whichever instance caused it.
 */
import pg from 'pg';
import { env } from '../env';
import { connectionOptions } from './connection-options';
import { prisma } from './prisma';

/**
 * `review_changes`: every committed change to an overlay (a trigger sends it; the payload is a
 * ReviewChange). `webhook_deliveries`: deliveries made due outside a review write (a test event,
 * a redelivery); review writes need no notification of their own, their review change wakes the
 * dispatchers.
 */
export type Channel = 'review_changes' | 'webhook_deliveries';
const CHANNELS: Channel[] = ['review_changes', 'webhook_deliveries'];

export interface NotificationSubscriber {
  channel: Channel;
  onNotification(payload: string): void;
  /**
   * The LISTEN connection dropped: notifications may have been missed. Subscribing again
   * listens on a new connection.
   */
  onLost(): void;
}

// A frozen or cut-off server never closes the connection: only a query that times out
// (connectionOptions' query_timeout) tells the hub it no longer hears anything.
const PING_INTERVAL_MS = 5_000;

interface Hub {
  subscribers: Set<NotificationSubscriber>;
  /** Resolves once LISTEN is in force on a live connection; rejects if it cannot be. */
  listening: Promise<pg.Client> | null;
}

// One hub per process, kept across Next.js dev reloads like the Prisma client.
const cache = globalThis as typeof globalThis & { notificationHub?: Hub };
cache.notificationHub ??= { subscribers: new Set(), listening: null };
const hub: Hub = cache.notificationHub;

function discard(client: pg.Client): void {
  client.removeAllListeners();
  client.on('error', () => {});
  client.end().catch(() => {});
}

/**
 * Once LISTEN was in force, any failure may have hidden notifications: every subscriber is told,
 * and the next subscription opens a new connection.
 */
function dropConnection(client: pg.Client, ping: ReturnType<typeof setInterval>): void {
  clearInterval(ping);
  hub.listening = null;
  discard(client);
  for (const subscriber of hub.subscribers) subscriber.onLost();
}

async function listen(): Promise<pg.Client> {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set');
  const client = new pg.Client(connectionOptions(env.DATABASE_URL));
  try {
    client.on('error', () => {});
    await client.connect();
    for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
  } catch (error) {
    discard(client);
    throw error;
  }
  client.removeAllListeners('error');
  const ping = setInterval(() => {
    client.query('SELECT 1').catch(() => dropConnection(client, ping));
  }, PING_INTERVAL_MS);
  ping.unref();
  client.on('notification', (message) => {
    for (const subscriber of hub.subscribers) {
      if (subscriber.channel === message.channel) subscriber.onNotification(message.payload ?? '');
    }
  });
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
