/** Finds the actor behind a request's credential: an API key, or the browser's session cookie. */
import { Prisma } from '../db/generated/client';
import { queryRows } from '../db/sql';
import { hashApiKey } from './api-keys';
import type { Caller } from './authorization';
import { callerCache, type FoundCaller } from './caller-cache';

export const SESSION_COOKIE = 'ri_session';

/** `Api-Key: <key>` or `Authorization: Bearer <key>`; null when the request names no key. */
export function apiKeyFrom(headers: Headers): string | null {
  const direct = headers.get('api-key')?.trim();
  if (direct) return direct;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/**
 * Last use is kept to the minute: within a minute of the last write, a request reads the row and
 * writes nothing, so a busy key does not turn every request into a write on one hot row. (A
 * serving process that remembers the caller asks again only every CALLER_CACHE_SECONDS.)
 */
const LAST_USE_RESOLUTION = '1 minute';

interface CallerRow {
  pk: string;
  expires_at: Date | null;
  organization_id: string;
  kind: Caller['kind'];
  id: string;
  display_name: string;
  role: Caller['role'];
}

/**
 * The actor behind a credential, with the record of its use, in one round trip: `credential` is
 * the FROM and WHERE of the credential's row joined to its actor `a`, `expiry` when the credential
 * ends by itself (a session's expiry), if it does. A disabled person's
 * credentials are revoked when they are disabled; the actor's own check also refuses any made
 * meanwhile. Model authors hold no role, and so no credential either.
 */
async function findCaller(
  credential: Prisma.Sql,
  expiry: Prisma.Sql,
  keyHash: string | null,
  now: Date,
): Promise<FoundCaller | null> {
  const rows = await queryRows<CallerRow>(Prisma.sql`
    WITH caller AS (
      SELECT a.id, a.organization_id, a.kind, a.public_id, a.display_name, a.role, ${expiry} AS expires_at
        ${credential} AND a.disabled_at IS NULL AND a.role IS NOT NULL
       LIMIT 1
    ),
    key_used AS (
      UPDATE api_keys SET last_used_at = ${now}::timestamptz
       WHERE key_hash = ${keyHash}::text AND EXISTS (SELECT 1 FROM caller)
         AND (last_used_at IS NULL OR last_used_at < ${now}::timestamptz - ${LAST_USE_RESOLUTION}::interval)
    ),
    actor_seen AS (
      UPDATE actors SET last_seen_at = ${now}::timestamptz
       WHERE id = (SELECT id FROM caller)
         AND (last_seen_at IS NULL OR last_seen_at < ${now}::timestamptz - ${LAST_USE_RESOLUTION}::interval)
    )
    SELECT id::text AS pk, organization_id::text, kind::text, public_id AS id, display_name, role::text, expires_at
      FROM caller`);
  const row = rows[0];
  if (!row) return null;
  return {
    caller: {
      pk: row.pk,
      organizationId: row.organization_id,
      kind: row.kind,
      id: row.id,
      display_name: row.display_name,
      role: row.role,
    },
    expiresAt: row.expires_at,
  };
}

export function callerForApiKey(key: string, now = new Date()): Promise<Caller | null> {
  const keyHash = hashApiKey(key);
  return callerCache.lookup(`key ${keyHash}`, now, () =>
    findCaller(
      Prisma.sql`FROM api_keys k JOIN actors a ON a.id = k.actor_id WHERE k.key_hash = ${keyHash} AND k.revoked_at IS NULL`,
      Prisma.sql`NULL::timestamptz`,
      keyHash,
      now,
    ),
  );
}

export function callerForSessionToken(token: string, now: Date): Promise<Caller | null> {
  const tokenHash = hashApiKey(token);
  return callerCache.lookup(`session ${tokenHash}`, now, () =>
    findCaller(
      Prisma.sql`FROM sessions s JOIN actors a ON a.id = s.actor_id
                 WHERE s.token_hash = ${tokenHash} AND s.revoked_at IS NULL AND s.expires_at > ${now}::timestamptz`,
      Prisma.sql`s.expires_at`,
      null,
      now,
    ),
  );
}
