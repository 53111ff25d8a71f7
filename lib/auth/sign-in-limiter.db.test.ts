/**
 * The sign-in limiter against a real PostgreSQL, raced: two "app instances" (two Prisma clients,
 * each with its own connection pool) share one limit, and however many attempts arrive at once,
 * no more than the limit are ever checked.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { resetDatabase } from '../../test/db';
import { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors';
import { limitAttempt } from './sign-in-limiter';

const WINDOW_MS = 15 * 60 * 1000;
const instances = [0, 1].map(
  () => new PrismaClient({ adapter: new PrismaPg({ connectionString: inject('databaseUrl'), max: 10 }) }),
);

beforeEach(resetDatabase);
afterAll(() => Promise.all(instances.map((db) => db.$disconnect())));

/** One attempt through instance `i % 2`; resolves to `checked`, `refused` or the check's result. */
async function attempt(
  i: number,
  check: () => Promise<string | null>,
  limits = [{ key: 'email:a@example.com', max: 5 }],
) {
  const db = instances[i % 2] as PrismaClient;
  try {
    const result = await limitAttempt({ db, limits, windowMs: WINDOW_MS, now: new Date(), check });
    return result ?? 'failed';
  } catch (error) {
    if (error instanceof AppError && error.code === 'rate_limited') return 'refused';
    throw error;
  }
}

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

describe('limitAttempt, raced across two app instances', () => {
  it('checks exactly the allowed 5 of 200 concurrent wrong guesses, and refuses the rest', async () => {
    let checks = 0;
    const wrongGuess = async () => {
      checks += 1;
      return null;
    };
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(i, wrongGuess)));
    expect(checks).toBe(5);
    expect(tally(outcomes)).toEqual({ failed: 5, refused: 195 });
  });

  it('refuses the right password once the limit is used up, while the burst is still being checked', async () => {
    // The first five guesses stay "being checked" until released, so every later attempt of the
    // burst arrives while all five are in flight: the moment a check-then-record limiter fails.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let checks = 0;
    let started: () => void = () => {};
    const fiveStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slowWrongGuess = async () => {
      checks += 1;
      if (checks === 5) started();
      await released;
      return null;
    };
    const burst = Array.from({ length: 199 }, (_, i) => attempt(i, slowWrongGuess));
    await fiveStarted;
    const right = await attempt(1, async () => {
      checks += 1;
      return 'actor-id';
    });
    release();
    expect(right).toBe('refused');
    expect(tally(await Promise.all(burst))).toEqual({ failed: 5, refused: 194 });
    expect(checks).toBe(5);
  });

  it('counts only failures: attempts that succeed, or were refused unchecked, give their place back', async () => {
    const succeed = async () => 'actor-id';
    for (let i = 0; i < 10; i += 1) expect(await attempt(i, succeed)).toBe('actor-id');
    for (let i = 0; i < 5; i += 1) expect(await attempt(i, async () => null)).toBe('failed');
    for (let i = 0; i < 3; i += 1) expect(await attempt(i, succeed)).toBe('refused');
    const counter = await instances[0]?.signInCounter.findUniqueOrThrow({ where: { key: 'email:a@example.com' } });
    expect(counter?.attempts).toBe(5);
  });

  it('refuses when any one of the keys is over its limit, without checking, and counts on every key', async () => {
    const address = { key: 'ip:203.0.113.7', max: 3 };
    let checks = 0;
    const wrongGuess = async () => {
      checks += 1;
      return null;
    };
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempt(i, wrongGuess, [{ key: `email:guess${i}@example.com`, max: 5 }, address]),
      ),
    );
    expect(tally(outcomes)).toEqual({ failed: 3, refused: 37 });
    expect(checks).toBe(3);
  });
});
