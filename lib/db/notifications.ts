/**
 * PostgreSQL `LISTEN/NOTIFY` for the whole process: one connection listens on every channel the
 * app uses, and fans each notification out to the subscribers of its channel. Several app
 * instances each hear every notification, whichever instance caused it.
 */
import pg from 'pg';
import { env } from '../env';
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
   * listens anew.
   */
  onLost(): void;
}

const RECONNECT_DELAY_MS = 1000;

interface Hub {
  subscribers: Set<NotificationSubscriber>;
  /** Resolves once LISTEN is in force on a live connection. */
  listening: Promise<pg.Client> | null;
}

// One hub per process, kept across Next.js dev reloads like the Prisma client.
const cache = globalThis as typeof globalThis & { notificationHub?: Hub };
cache.notificationHub ??= { subscribers: new Set(), listening: null };
const hub: Hub = cache.notificationHub;

function dropConnection(client: pg.Client): void {
  hub.listening = null;
  client.removeAllListeners();
  client.on('error', () => {});
  client.end().catch(() => {});
  for (const subscriber of hub.subscribers) subscriber.onLost();
}

async function listen(): Promise<pg.Client> {
  for (;;) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    try {
      client.on('notification', (message) => {
        for (const subscriber of hub.subscribers) {
          if (subscriber.channel === message.channel) subscriber.onNotification(message.payload ?? '');
        }
      });
      client.on('error', () => dropConnection(client));
      client.on('end', () => dropConnection(client));
      await client.connect();
      for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
      return client;
    } catch (error) {
      console.error('listening for database notifications failed; retrying', error);
      client.removeAllListeners();
      client.on('error', () => {});
      client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
    }
  }
}

/**
 * Registers `subscriber` and resolves once every notification sent from now on will reach it,
 * so a caller can read state after this and trust that it misses no later change.
 * Returns the function that unsubscribes.
 */
export async function subscribe(subscriber: NotificationSubscriber): Promise<() => void> {
  hub.subscribers.add(subscriber);
  hub.listening ??= listen();
  await hub.listening;
  return () => {
    hub.subscribers.delete(subscriber);
  };
}

/** Sends an empty notification on `channel`, to every instance, when the current statement commits. */
export async function notify(channel: Channel): Promise<void> {
  await prisma.$executeRaw`SELECT pg_notify(${channel}, '')`;
}
