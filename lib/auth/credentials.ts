/** Finds the actor behind a request's credential: an API key, or the browser's session cookie. */
import { prisma } from '../db/prisma';
import type { Caller } from './authorization';
import { hashApiKey } from './api-keys';

export const SESSION_COOKIE = 'ri_session';

interface CallerRow {
  pk: string;
  organization_id: string;
  kind: Caller['kind'];
  public_id: string;
  display_name: string;
  role: Caller['role'] | null;
}

function toCaller(row: CallerRow | undefined): Caller | null {
  if (!row || row.role === null) return null;
  return {
    pk: row.pk,
    organizationId: row.organization_id,
    kind: row.kind,
    id: row.public_id,
    display_name: row.display_name,
    role: row.role,
  };
}

/** `Api-Key: <key>` or `Authorization: Bearer <key>`; null when the request names no key. */
export function apiKeyFrom(headers: Headers): string | null {
  const direct = headers.get('api-key')?.trim();
  if (direct) return direct;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

export async function callerForApiKey(key: string): Promise<Caller | null> {
  const rows = await prisma.$queryRaw<CallerRow[]>`
    SELECT a.id AS pk, a.organization_id::text, a.kind::text AS kind, a.public_id, a.display_name, a.role::text AS role
      FROM api_keys k JOIN actors a ON a.id = k.actor_id
     WHERE k.key_hash = ${hashApiKey(key)} AND k.revoked_at IS NULL`;
  return toCaller(rows[0]);
}

export async function callerForSessionToken(token: string, now: Date): Promise<Caller | null> {
  const rows = await prisma.$queryRaw<CallerRow[]>`
    SELECT a.id AS pk, a.organization_id::text, a.kind::text AS kind, a.public_id, a.display_name, a.role::text AS role
      FROM sessions s JOIN actors a ON a.id = s.actor_id
     WHERE s.token_hash = ${hashApiKey(token)} AND s.revoked_at IS NULL AND s.expires_at > ${now}::timestamptz`;
  return toCaller(rows[0]);
}
