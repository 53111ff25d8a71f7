/**
 * Email and password sign-in, rate-limited in the database so the limit holds across every app
 * instance: after too many failures for one email within the window, or from one address, attempts
 * are refused with 429 until that window ends (see sign-in-limiter.ts).
 */
import { randomBytes } from 'node:crypto';
import { prisma } from '../db/prisma';
import { AppError } from '../errors';
import { hashPassword, verifyPassword } from './passwords';
import { createSession, type NewSession } from './sessions';
import { type AttemptLimit, limitAttempt } from './sign-in-limiter';

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

// Verifying against a real hash when the email is unknown keeps the timing of both failures alike.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword(randomBytes(16).toString('hex')));

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  now: Date;
}

function limitsFor(email: string, ip: string): AttemptLimit[] {
  const perEmail = { key: `email:${email}`, max: MAX_FAILURES_PER_EMAIL };
  return ip === 'unknown' ? [perEmail] : [perEmail, { key: `ip:${ip}`, max: MAX_FAILURES_PER_IP }];
}

/** The actor id when `password` is right for a person who may sign in, else null. */
async function checkPassword(email: string, password: string): Promise<string | null> {
  const actor = await prisma.actor.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, role: true, kind: true, disabledAt: true },
  });
  const valid = await verifyPassword(actor?.passwordHash ?? (await decoy()), password);
  const maySignIn =
    actor !== null &&
    actor.kind === 'human' &&
    actor.role !== null &&
    actor.role !== 'integration' &&
    actor.disabledAt === null;
  return valid && maySignIn ? actor.id : null;
}

export async function signIn({ email, password, ip, now }: SignInInput): Promise<NewSession> {
  const normalizedEmail = email.trim().toLowerCase();
  const actorId = await limitAttempt({
    db: prisma,
    limits: limitsFor(normalizedEmail, ip),
    windowMs: SIGN_IN_WINDOW_MS,
    now,
    check: () => checkPassword(normalizedEmail, password),
  });
  if (actorId === null) throw new AppError('unauthenticated', 'that email and password do not match');
  return createSession(actorId, now);
}
