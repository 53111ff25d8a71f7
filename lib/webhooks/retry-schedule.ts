/**
 * When a failed delivery is tried again: about 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h and
 * 12 h after each failure, then never (`failed`; an admin can redeliver). Each delay is spread by
 * ±20 % so that the deliveries of an endpoint that was down do not all come back at one instant.
 */
export const RETRY_DELAYS_MS = [
  5_000,
  30_000,
  2 * 60_000,
  10 * 60_000,
  30 * 60_000,
  60 * 60_000,
  3 * 60 * 60_000,
  6 * 60 * 60_000,
  12 * 60 * 60_000,
] as const;

export const JITTER = 0.2;

/** Answers how long to wait before the next attempt, in ms. */
export type RetryPolicy = (consecutiveFailures: number) => number | null;

/**
 * The wait after the `consecutiveFailures`-th failure in a row (1 = the first attempt failed), or
 * null once the schedule is spent. `random` in [0, 1) picks the jitter.
 */
export function retryDelayMs(consecutiveFailures: number, random: () => number = Math.random): number | null {
  const base = RETRY_DELAYS_MS[consecutiveFailures - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}
