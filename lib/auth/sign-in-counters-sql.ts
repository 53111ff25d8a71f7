/**
 * The counters behind the sign-in limits: one row per key (`email:…`, `ip:…`) holding the attempts
 * of its current fixed window. Counting and reading back happen in the same statement, under the
 * row lock of INSERT … ON CONFLICT DO UPDATE, so concurrent attempts on any number of app
 * instances each see a distinct count.
 */
import type { PrismaClient } from '../db/generated/client';

export interface AttemptCounter {
  key: string;
  /** Attempts in the window so far, this one included. */
  attempts: number;
  windowEndsAt: Date;
}

/** Counts one attempt on every key, starting a new window on a key whose window has ended. */
export async function countAttempt(
  db: PrismaClient,
  keys: string[],
  windowMs: number,
  now: Date,
): Promise<AttemptCounter[]> {
  const newWindowEndsAt = new Date(now.getTime() + windowMs);
  // Keys are locked in sorted order, so two attempts sharing two keys can never deadlock.
  return db.$queryRaw<AttemptCounter[]>`
    INSERT INTO sign_in_counters AS c (key, attempts, window_ends_at)
    SELECT key, 1, ${newWindowEndsAt}::timestamptz FROM unnest(${keys}::text[]) AS key ORDER BY key
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN c.window_ends_at <= ${now}::timestamptz THEN 1 ELSE c.attempts + 1 END,
      window_ends_at = CASE WHEN c.window_ends_at <= ${now}::timestamptz THEN EXCLUDED.window_ends_at ELSE c.window_ends_at END
    RETURNING key, attempts, window_ends_at AS "windowEndsAt"`;
}

/** Takes back an attempt counted by `countAttempt`, unless its window has since been replaced. */
export async function uncountAttempt(db: PrismaClient, counters: AttemptCounter[]): Promise<void> {
  const keys = counters.map((counter) => counter.key);
  const windows = counters.map((counter) => counter.windowEndsAt);
  await db.$executeRaw`
    UPDATE sign_in_counters AS c SET attempts = c.attempts - 1
      FROM unnest(${keys}::text[], ${windows}::timestamptz[]) AS counted (key, window_ends_at)
     WHERE c.key = counted.key AND c.window_ends_at = counted.window_ends_at`;
}
