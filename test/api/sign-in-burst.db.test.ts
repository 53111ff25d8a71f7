/**
 * A burst of concurrent password guesses at one account, through the real sign-in route: only as
 * many are checked as the limit allows (every checked wrong guess answers 401, every unchecked
 * one 429), and the right password sent after the limit was reached is refused with the rest.
 */
import { beforeEach, expect, it } from 'vitest';
import { upsertUser } from '@/lib/admin/actors';
import { prisma } from '@/lib/db/prisma';
import { ORIGIN } from '../api-client';
import { resetDatabase } from '../db';
import { createTeam } from '../fixtures';
import { send } from '../review-helpers';

const EMAIL = 'priya.nair@example.com';
const PASSWORD = 'correct horse battery staple';
const MAX_FAILURES_PER_EMAIL = 5;

beforeEach(async () => {
  await resetDatabase();
  await createTeam('acme');
  await upsertUser({ orgSlug: 'acme', email: EMAIL, name: 'Priya Nair', role: 'reviewer', password: PASSWORD });
});

const signIn = (password: string) =>
  send('POST', '/v1/auth/sign-in', { body: { email: EMAIL, password }, headers: { origin: ORIGIN } });

/** Attempts counted against the email so far, as every app instance sees them. */
async function attemptsCounted(): Promise<number> {
  const counter = await prisma.signInCounter.findUnique({ where: { key: `email:${EMAIL}` } });
  return counter?.attempts ?? 0;
}

it('checks 5 of 199 concurrent wrong guesses and refuses the right password that follows inside the burst', async () => {
  const guesses = Array.from({ length: 199 }, (_, i) => signIn(`wrong guess ${i}`));
  // The right password goes out once the limit is used up, while the guesses are still answering.
  while ((await attemptsCounted()) < MAX_FAILURES_PER_EMAIL) await new Promise((resolve) => setImmediate(resolve));
  const right = await signIn(PASSWORD);
  const statuses = (await Promise.all(guesses)).map((response) => response.status);

  expect(right.status, JSON.stringify(right.body)).toBe(429);
  expect(right.body.detail.code).toBe('rate_limited');
  expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(right.headers.get('set-cookie')).toBeNull();
  expect(statuses.filter((status) => status === 401)).toHaveLength(MAX_FAILURES_PER_EMAIL);
  expect(statuses.filter((status) => status === 429)).toHaveLength(199 - MAX_FAILURES_PER_EMAIL);
  expect(await prisma.session.count()).toBe(0);
});
