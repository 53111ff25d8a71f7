/**
 * Invitations: a person added without a password gets a one-use link to set one. The link's
 * token is random and only its hash is stored, like a session's.
 */
import { randomBytes } from 'node:crypto';
import { hashApiKey } from '../auth/api-keys';
import type { StartedSession } from '../auth/browser-session';
import { hashPassword } from '../auth/passwords';
import { createSession, sessionCookie } from '../auth/sessions';
import type { Prisma } from '../db/generated/client';
import { prisma } from '../db/prisma';
import { AppError } from '../errors';
import { refuseCrossSite } from '../http/cookies';
import type { AcceptInviteBody } from './schemas';

export const INVITE_DAYS = 7;

/** The page where the invited person sets a password: `/invite/<token>`. */
export function invitePath(token: string): string {
  return `/invite/${token}`;
}

/** Writes an invitation for `actorPk` (inside the caller's transaction) and answers its token. */
export async function createInvite(tx: Prisma.TransactionClient, actorPk: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.invite.create({
    data: {
      actorId: actorPk,
      tokenHash: hashApiKey(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000),
    },
  });
  return token;
}

/**
 * Sets the invited person's password and signs them in. The invitation is spent by the same
 * statement that finds it, so two uses of one link at once set one password; a used, expired or
 * unknown link, or one for a person disabled since, is refused alike. Cross-site requests are
 * refused as for sign-in: a foreign page could otherwise sign a visitor in to its own account.
 */
export async function acceptInvite(body: AcceptInviteBody, request: Request): Promise<StartedSession> {
  refuseCrossSite(request);
  const passwordHash = await hashPassword(body.password);
  const now = new Date();
  const actorId = await prisma.$transaction(async (tx) => {
    const spent = await tx.$queryRaw<{ actor_id: string }[]>`
      UPDATE invites i SET used_at = ${now}
        FROM actors a
       WHERE i.token_hash = ${hashApiKey(body.token)} AND i.used_at IS NULL AND i.expires_at > ${now}
         AND a.id = i.actor_id AND a.disabled_at IS NULL
      RETURNING i.actor_id`;
    const invite = spent[0];
    if (!invite) return null;
    await tx.actor.update({ where: { id: invite.actor_id }, data: { passwordHash } });
    return invite.actor_id;
  });
  if (actorId === null) {
    throw new AppError('not_found', 'this invitation link was already used, has expired, or never existed');
  }
  const session = await createSession(actorId, now);
  return { cookie: sessionCookie(session, now), expiresAt: session.expiresAt };
}
