/**
 * How every app instance learns that a credential changed, so that the callers it remembers
 * (caller-cache.ts) never outlive a revocation.
 *
 * A serving instance keeps a connection of its own, named LISTENER_NAME_PREFIX + its instance
 * id, listening on `credential_changes`, and remembers callers only while that connection is
 * up. On every notification it forgets them all; a notification that carries a token it also
 * acknowledges on `credential_acks`.
 *
 * The API's own changes (a key revoked, a member changed or disabled, a sign-out) are answered
 * only once every instance that remembers callers has acknowledged forgetting them
 * (announceCredentialChange), so that the very next request made with the credential is refused
 * whichever instance takes it. Changes made elsewhere (the admin CLI, SQL typed by hand) are
 * announced by triggers (migration 20261201080000_credential_changes), which nobody waits for.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import pg from 'pg';
import { connectionOptions } from '../db/connection-options';
import { instanceId } from '../db/notifications';
import { env } from '../env';
import { type CallerCache, callerCache } from './caller-cache';

const CHANGES = 'credential_changes';
const ACKS = 'credential_acks';
export const LISTENER_NAME_PREFIX = 'review-inbox-callers ';
const RELISTEN_MS = 1_000;
// A frozen or cut-off server never closes the connection: only a query that times out tells.
const PING_MS = 5_000;
/** How long an answer waits for an instance that neither acknowledges nor goes away. */
export const ACK_TIMEOUT_MS = 5_000;
const RECHECK_MS = 250;

function connectionString(): string {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set');
  return env.DATABASE_URL;
}

/**
 * Keeps `cache` told of every credential change, and remembering only while it is, until the
 * returned function stops it. Resolves once the first attempt to listen is over: remembering
 * starts then if it succeeded, or later, when a retry does.
 */
export async function listenForCredentialChanges(cache: CallerCache = callerCache): Promise<() => Promise<void>> {
  let stopped = false;
  let current: pg.Client | null = null;

  const listen = async (): Promise<void> => {
    const client = new pg.Client({
      ...connectionOptions(connectionString()),
      application_name: `${LISTENER_NAME_PREFIX}${instanceId()}`,
    });
    let ping: ReturnType<typeof setInterval> | undefined;
    let dropped = false;
    const drop = () => {
      if (dropped) return;
      dropped = true;
      clearInterval(ping);
      cache.setListening(false);
      current = null;
      client.removeAllListeners();
      client.on('error', () => {});
      client.end().catch(() => {});
      if (!stopped) setTimeout(() => void listen(), RELISTEN_MS).unref();
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (message) => {
      cache.forgetAll();
      if (message.payload) {
        client.query('SELECT pg_notify($1, $2)', [ACKS, `${instanceId()} ${message.payload}`]).catch(drop);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES}`);
    } catch (error) {
      console.error('caller cache: cannot listen for credential changes now; asking the database meanwhile', error);
      drop();
      return;
    }
    if (stopped) return drop();
    current = client;
    // A server process stays up for its HTTP server; a script that listens may still exit.
    (client.connection.stream as Socket).unref();
    ping = setInterval(() => void client.query('SELECT 1').catch(drop), PING_MS);
    ping.unref();
    cache.setListening(true);
  };

  await listen();
  return async () => {
    stopped = true;
    cache.setListening(false);
    await current?.end().catch(() => {});
  };
}

/** Lets this serving process remember callers (instrumentation.ts), unless CALLER_CACHE_SECONDS is 0. */
export async function startCallerCache(): Promise<void> {
  // `next build` starts server workers to prerender pages; only a serving process listens.
  if (env.CALLER_CACHE_SECONDS === 0 || !env.DATABASE_URL || env.NEXT_PHASE === 'phase-production-build') return;
  await listenForCredentialChanges();
}

/** The other instances that remember callers now. */
async function rememberers(client: pg.Client): Promise<Set<string>> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT substr(application_name, $2) AS id FROM pg_stat_activity
      WHERE datname = current_database() AND starts_with(application_name, $1)`,
    [LISTENER_NAME_PREFIX, LISTENER_NAME_PREFIX.length + 1],
  );
  return new Set(rows.map((row) => row.id).filter((id) => id !== instanceId()));
}

/**
 * Call once a change to credentials has committed: resolves when every instance that remembers
 * callers has forgotten them (or has gone away, or has not answered within ACK_TIMEOUT_MS).
 */
export async function announceCredentialChange(): Promise<void> {
  callerCache.forgetAll();
  const client = new pg.Client(connectionOptions(connectionString()));
  client.on('error', () => {});
  await client.connect();
  try {
    const token = randomUUID();
    const acknowledged = new Set<string>();
    let heard: () => void = () => {};
    client.on('notification', (message) => {
      const [id, acked] = (message.payload ?? '').split(' ');
      if (acked === token && id) acknowledged.add(id);
      heard();
    });
    // Listening before announcing, so that no acknowledgement can come before it is awaited.
    await client.query(`LISTEN ${ACKS}`);
    let waiting = await rememberers(client);
    await client.query('SELECT pg_notify($1, $2)', [CHANGES, token]);
    const deadline = Date.now() + ACK_TIMEOUT_MS;
    for (;;) {
      const pending = [...waiting].filter((id) => !acknowledged.has(id));
      if (pending.length === 0) return;
      if (Date.now() >= deadline) {
        console.warn(`credential change: no acknowledgement from instance(s) ${pending.join(', ')}; answering anyway`);
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, RECHECK_MS);
        heard = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      // An instance that went away remembers nothing any more.
      const present = await rememberers(client);
      waiting = new Set(pending.filter((id) => present.has(id)));
    }
  } finally {
    await client.end().catch(() => {});
  }
}
