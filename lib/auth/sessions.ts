/**
 * Browser sessions: a random token in an HttpOnly cookie, stored server-side only as its hash so
 * that a session can be revoked and a leaked database does not leak live sessions.
 */
import { randomBytes } from 'node:crypto';
import { prisma } from '../db/prisma';
import { env } from '../env';
import { hashApiKey } from './api-keys';
import { announceCredentialChange } from './credential-changes';
import { SESSION_COOKIE } from './credentials';

export const SESSION_SECONDS = 7 * 24 * 60 * 60;

export interface NewSession {
  token: string;
  expiresAt: Date;
}

export async function createSession(actorPk: string, now: Date): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_SECONDS * 1000);
  await prisma.session.create({ data: { actorId: actorPk, tokenHash: hashApiKey(token), expiresAt, createdAt: now } });
  return { token, expiresAt };
}

export async function revokeSession(token: string, now: Date): Promise<void> {
  const revoked = await prisma.session.updateMany({
    where: { tokenHash: hashApiKey(token), revokedAt: null },
    data: { revokedAt: now },
  });
  if (revoked.count > 0) await announceCredentialChange();
}

function cookie(value: string, maxAgeSeconds: number): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  // Development runs on plain http://localhost; everywhere else the cookie must never travel in clear.
  if (env.NODE_ENV === 'production') parts.push('Secure');
  return parts.join('; ');
}

export function sessionCookie(session: NewSession, now: Date): string {
  return cookie(session.token, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000));
}

export function clearedSessionCookie(): string {
  return cookie('', 0);
}
