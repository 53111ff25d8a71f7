/**
 * Limits how many failed sign-ins (guessed passwords) are checked per key in a fixed window.
 *
 * An attempt is counted *before* it is checked, atomically with reading the count, and is only
 * checked when every count is within its limit; an attempt that was refused unchecked, or that
 * succeeded, is uncounted afterwards. So only failures use up a limit, exactly as if each were
 * recorded as it happened, yet a burst of concurrent guesses on any number of app instances can
 * never have more of them checked than the limit: each holds its place in the count while it
 * is being checked.
 */
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors';
import { type AttemptCounter, countAttempt, uncountAttempt } from './sign-in-counters-sql';

export interface AttemptLimit {
  key: string;
  max: number;
}

export interface LimitedAttempt<T> {
  db: PrismaClient;
  limits: AttemptLimit[];
  windowMs: number;
  now: Date;
  /** Checks the attempt; null means it failed, and its count stays. */
  check: () => Promise<T | null>;
}

/** Seconds until every exceeded limit has a fresh window, or null when no limit is exceeded. */
export function retryAfterSeconds(counters: AttemptCounter[], limits: AttemptLimit[], now: Date): number | null {
  const maxByKey = new Map(limits.map((limit) => [limit.key, limit.max]));
  const exceeded = counters.filter((counter) => counter.attempts > (maxByKey.get(counter.key) ?? 0));
  if (exceeded.length === 0) return null;
  const waitMs = Math.max(...exceeded.map((counter) => counter.windowEndsAt.getTime() - now.getTime()));
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** Runs `check` unless a limit is exceeded (then 429 rate_limited with Retry-After). */
export async function limitAttempt<T>({ db, limits, windowMs, now, check }: LimitedAttempt<T>): Promise<T | null> {
  const counters = await countAttempt(
    db,
    limits.map((limit) => limit.key),
    windowMs,
    now,
  );
  const wait = retryAfterSeconds(counters, limits, now);
  if (wait !== null) {
    await uncountAttempt(db, counters);
    throw new AppError('rate_limited', `too many failed sign-ins: try again in ${wait} s`, {
      retry_after_seconds: wait,
    });
  }
  const result = await check();
  if (result !== null) await uncountAttempt(db, counters);
  return result;
}
