/**
 * Every change to an overlay is announced by PostgreSQL on the `review_changes` channel when its
 * transaction commits (see the notify trigger migration). One LISTEN connection per app process
 * fans the notifications out to the live inboxes this process serves, so several instances of
 * the app all see every change, whichever instance made it.
 */
import pg from 'pg';
import { connectionOptions } from '../db/connection-options';
import { env } from '../env';

export interface ReviewChange {
  organization_id: string;
  workflow_run_id: string;
  block_id: string;
  block_run_id: string;
  rev: number;
  status: string;
}

export interface Subscriber {
  onChange(change: ReviewChange): void;
  /**
   * The LISTEN connection dropped: changes may have been missed, so the subscriber should end its
   * stream and let the client reconnect and re-read.
   */
  onLost(): void;
}

// A frozen or cut-off server never closes the connection: only a query that times out
// (connectionOptions' query_timeout) tells the hub it no longer hears anything.
const PING_INTERVAL_MS = 5_000;

interface Hub {
  subscribers: Set<Subscriber>;
  /** Resolves once LISTEN is in force on a live connection; rejects if it cannot be. */
  listening: Promise<pg.Client> | null;
}

// One hub per process, kept across Next.js dev reloads like the Prisma client.
const cache = globalThis as typeof globalThis & { reviewChangeHub?: Hub };
cache.reviewChangeHub ??= { subscribers: new Set(), listening: null };
const hub: Hub = cache.reviewChangeHub;

function discard(client: pg.Client): void {
  client.removeAllListeners();
  client.on('error', () => {});
  client.end().catch(() => {});
}

/**
 * Once LISTEN was in force, any failure may have hidden changes: every subscriber is told, and
 * the next subscriber opens a new connection.
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
    await client.query('LISTEN review_changes');
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
    if (!message.payload) return;
    const change = JSON.parse(message.payload) as ReviewChange;
    for (const subscriber of hub.subscribers) subscriber.onChange(change);
  });
  client.on('error', () => dropConnection(client, ping));
  client.on('end', () => dropConnection(client, ping));
  return client;
}

/**
 * Registers `subscriber` and resolves once every change committed from now on will reach it,
 * so a client told "ready" then can trust that it misses nothing after its next read.
 * Rejects, leaving nothing registered, when the database cannot be listened to now (the route
 * answers 503 and the client retries). Returns the function that unsubscribes.
 */
export async function subscribeToReviewChanges(subscriber: Subscriber): Promise<() => void> {
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
