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

// The actor is looked up through its key (or session) rather than the other way round, so that
// Prisma answers in one statement instead of one per relation.
export async function callerForApiKey(key: string): Promise<Caller | null> {
  const actor = await prisma.actor.findFirst({
    where: { apiKeys: { some: { keyHash: hashApiKey(key), revokedAt: null } } },
    select: CALLER_FIELDS,
  });
  return toCaller(actor);
}

export async function callerForSessionToken(token: string, now: Date): Promise<Caller | null> {
  const actor = await prisma.actor.findFirst({
    where: { sessions: { some: { tokenHash: hashApiKey(token), revokedAt: null, expiresAt: { gt: now } } } },
    select: CALLER_FIELDS,
  });
  return toCaller(actor);
}
