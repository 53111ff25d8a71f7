/** Finds the actor behind a request's credential: an API key, or the browser's session cookie. */
import type { Prisma } from '../db/generated/client';
import { prisma } from '../db/prisma';
import { hashApiKey } from './api-keys';
import type { Caller } from './authorization';

export const SESSION_COOKIE = 'ri_session';

/** What a caller is made of: the actor behind the credential. */
const CALLER_FIELDS = {
  id: true,
  organizationId: true,
  kind: true,
  publicId: true,
  displayName: true,
  role: true,
} satisfies Prisma.ActorSelect;

type CallerActor = Prisma.ActorGetPayload<{ select: typeof CALLER_FIELDS }>;

/** Model authors hold no role, and so no credential either. */
function toCaller(actor: CallerActor | null): Caller | null {
  if (!actor || actor.role === null) return null;
  return {
    pk: actor.id,
    organizationId: actor.organizationId,
    kind: actor.kind,
    id: actor.publicId,
    display_name: actor.displayName,
    role: actor.role,
  };
}

/** `Api-Key: <key>` or `Authorization: Bearer <key>`; null when the request names no key. */
export function apiKeyFrom(headers: Headers): string | null {
  const direct = headers.get('api-key')?.trim();
  if (direct) return direct;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/**
 * Last use is kept to the minute: within a minute of the last write, a request reads the row and
 * writes nothing, so a busy key does not turn every request into a write on one hot row.
 */
const LAST_USE_RESOLUTION = '1 minute';

async function recordUse(actorPk: string, keyHash: string | null, now: Date): Promise<void> {
  await prisma.$executeRaw`
    WITH key_used AS (
      UPDATE api_keys SET last_used_at = ${now}
       WHERE key_hash = ${keyHash} AND (last_used_at IS NULL OR last_used_at < ${now}::timestamptz - ${LAST_USE_RESOLUTION}::interval)
    )
    UPDATE actors SET last_seen_at = ${now}
     WHERE id = ${actorPk}::uuid
       AND (last_seen_at IS NULL OR last_seen_at < ${now}::timestamptz - ${LAST_USE_RESOLUTION}::interval)`;
}

// The actor is looked up through its key (or session) rather than the other way round, so that
// Prisma answers in one statement instead of one per relation. A disabled person's credentials
// are revoked when they are disabled; the actor's own check also refuses any made meanwhile.
export async function callerForApiKey(key: string, now = new Date()): Promise<Caller | null> {
  const keyHash = hashApiKey(key);
  const actor = await prisma.actor.findFirst({
    where: { disabledAt: null, apiKeys: { some: { keyHash, revokedAt: null } } },
    select: CALLER_FIELDS,
  });
  const caller = toCaller(actor);
  if (caller) await recordUse(caller.pk, keyHash, now);
  return caller;
}

export async function callerForSessionToken(token: string, now: Date): Promise<Caller | null> {
  const actor = await prisma.actor.findFirst({
    where: {
      disabledAt: null,
      sessions: { some: { tokenHash: hashApiKey(token), revokedAt: null, expiresAt: { gt: now } } },
    },
    select: CALLER_FIELDS,
  });
  const caller = toCaller(actor);
  if (caller) await recordUse(caller.pk, null, now);
  return caller;
}
