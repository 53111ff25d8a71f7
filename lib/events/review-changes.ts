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

type Listener = (change: ReviewChange) => void;

const RECONNECT_DELAY_MS = 1000;

interface Hub {
  listeners: Set<Listener>;
  client: pg.Client | null;
  connecting: boolean;
}

// One hub per process, kept across Next.js dev reloads like the Prisma client.
const cache = globalThis as typeof globalThis & { reviewChangeHub?: Hub };
const hub: Hub = (cache.reviewChangeHub ??= { listeners: new Set(), client: null, connecting: false });

async function connect(): Promise<void> {
  if (hub.client || hub.connecting || hub.listeners.size === 0) return;
  hub.connecting = true;
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  const reconnect = () => {
    if (hub.client !== client) return;
    hub.client = null;
    client.end().catch(() => {});
    setTimeout(() => void connect(), RECONNECT_DELAY_MS).unref();
  };
  try {
    client.on('notification', (message) => {
      if (!message.payload) return;
      const change = JSON.parse(message.payload) as ReviewChange;
      for (const listener of hub.listeners) listener(change);
    });
    client.on('error', reconnect);
    client.on('end', reconnect);
    await client.connect();
    await client.query('LISTEN review_changes');
    hub.client = client;
  } catch (error) {
    console.error('listening for review changes failed; retrying', error);
    client.end().catch(() => {});
    setTimeout(() => void connect(), RECONNECT_DELAY_MS).unref();
  } finally {
    hub.connecting = false;
  }
}

/** Calls `listener` for every committed overlay change until the returned function is called. */
export function subscribeToReviewChanges(listener: Listener): () => void {
  hub.listeners.add(listener);
  void connect();
  return () => {
    hub.listeners.delete(listener);
  };
}
