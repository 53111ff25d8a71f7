/**
 * Every change to an overlay is announced by PostgreSQL on the `review_changes` channel when its
 * transaction commits (see the notify trigger migration). One LISTEN connection per app process
 * fans the notifications out to the live inboxes this process serves, so several instances of
 * the app all see every change, whichever instance made it.
 */
import pg from 'pg';
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

const RECONNECT_DELAY_MS = 1000;

interface Hub {
  subscribers: Set<Subscriber>;
  /** Resolves once LISTEN is in force on a live connection. */
  listening: Promise<pg.Client> | null;
}

// One hub per process, kept across Next.js dev reloads like the Prisma client.
const cache = globalThis as typeof globalThis & { reviewChangeHub?: Hub };
cache.reviewChangeHub ??= { subscribers: new Set(), listening: null };
const hub: Hub = cache.reviewChangeHub;

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
        if (!message.payload) return;
        const change = JSON.parse(message.payload) as ReviewChange;
        for (const subscriber of hub.subscribers) subscriber.onChange(change);
      });
      client.on('error', () => dropConnection(client));
      client.on('end', () => dropConnection(client));
      await client.connect();
      await client.query('LISTEN review_changes');
      return client;
    } catch (error) {
      console.error('listening for review changes failed; retrying', error);
      client.removeAllListeners();
      client.on('error', () => {});
      client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
    }
  }
}

/**
 * Registers `subscriber` and resolves once every change committed from now on will reach it,
 * so a client told "ready" then can trust that it misses nothing after its next read.
 * Returns the function that unsubscribes.
 */
export async function subscribeToReviewChanges(subscriber: Subscriber): Promise<() => void> {
  hub.subscribers.add(subscriber);
  hub.listening ??= listen();
  await hub.listening;
  return () => {
    hub.subscribers.delete(subscriber);
  };
}
