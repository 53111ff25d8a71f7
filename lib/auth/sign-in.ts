/**
 * Email and password sign-in with rate limiting kept in the database, so the limit holds across
 * every app instance: after too many failures for one email, or from one address, attempts are
 * refused with 429 until the oldest counted failure is older than the window.
 */
import { randomBytes } from 'node:crypto';
import { prisma } from '../db/prisma';
import { AppError } from '../errors';
import { hashPassword, verifyPassword } from './passwords';
import { createSession, type NewSession } from './sessions';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

// Verifying against a real hash when the email is unknown keeps the timing of both failures alike.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword(randomBytes(16).toString('hex')));

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  now: Date;
}

async function retryAfterSeconds(where: { email: string } | { ip: string }, limit: number, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const failures = await prisma.signInAttempt.findMany({
    where: { ...where, succeeded: false, at: { gt: since } },
    orderBy: { at: 'desc' },
    take: limit,
    select: { at: true },
  });
  const oldest = failures.at(-1);
  if (failures.length < limit || !oldest) return null;
  return Math.max(1, Math.ceil((oldest.at.getTime() + WINDOW_MS - now.getTime()) / 1000));
}

export async function signIn({ email, password, ip, now }: SignInInput): Promise<NewSession> {
  const normalizedEmail = email.trim().toLowerCase();
  const wait =
    (await retryAfterSeconds({ email: normalizedEmail }, MAX_FAILURES_PER_EMAIL, now)) ??
    (ip === 'unknown' ? null : await retryAfterSeconds({ ip }, MAX_FAILURES_PER_IP, now));
  if (wait !== null) {
    throw new AppError('rate_limited', `too many failed sign-ins: try again in ${wait} s`, { retry_after_seconds: wait });
  }

  const actor = await prisma.actor.findUnique({
    where: { email: normalizedEmail },
    select: { id: true, passwordHash: true, role: true, kind: true },
  });
  const valid = await verifyPassword(actor?.passwordHash ?? (await decoy()), password);
  const succeeded = valid && actor !== null && actor.kind === 'human' && actor.role !== null && actor.role !== 'integration';
  await prisma.signInAttempt.create({ data: { email: normalizedEmail, ip, succeeded, at: now } });
  if (!succeeded || !actor) throw new AppError('unauthenticated', 'that email and password do not match');
  return createSession(actor.id, now);
}
