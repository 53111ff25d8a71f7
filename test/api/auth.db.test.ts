import { beforeEach, describe, expect, it } from 'vitest';
import { upsertUser } from '@/lib/admin/actors';
import { hashPassword } from '@/lib/auth/passwords';
import { ZSignInResult, ZSignOutResult } from '@/lib/auth/schemas';
import { prisma } from '@/lib/db/prisma';
import { ORIGIN } from '../api-client';
import { resetDatabase } from '../db';
import { createActor, createTeam, type TestTeam } from '../fixtures';
import { expectError, ISO_MS, openReview, REVIEWS, send } from '../review-helpers';

const PASSWORD = 'correct horse battery staple';
const EMAIL = 'priya.nair@example.com';
const SESSION_SECONDS = 7 * 24 * 60 * 60;
const WINDOW_MS = 15 * 60 * 1000;

let team: TestTeam;
let user: Awaited<ReturnType<typeof upsertUser>>['actor'];

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
  ({ actor: user } = await upsertUser({
    orgSlug: 'acme',
    email: EMAIL,
    name: 'Priya Nair',
    role: 'reviewer',
    password: PASSWORD,
  }));
});

interface SignInOptions {
  /** `Origin` header; null sends none. Defaults to the server's own. */
  origin?: string | null;
  ip?: string;
}

function originHeader(origin: string | null | undefined): Record<string, string> {
  const value = origin === undefined ? ORIGIN : origin;
  return value === null ? {} : { origin: value };
}

function signIn(email: string, password: string, { origin, ip }: SignInOptions = {}) {
  const headers = { ...originHeader(origin), ...(ip ? { 'x-forwarded-for': ip } : {}) };
  return send('POST', '/v1/auth/sign-in', { body: { email, password }, headers });
}

/** Signs in (asserting 200) and returns the `name=value` pair a browser would send back. */
async function signInCookie(email = EMAIL, password = PASSWORD): Promise<string> {
  const response = await signIn(email, password);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const pair = /^(ri_session=[^;]+);/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  expect(pair).toBeDefined();
  return pair as string;
}

/** A call authenticated only by `cookie`, as the browser makes it. */
function withCookie(
  method: 'GET' | 'POST',
  path: string,
  cookie: string,
  options: { origin?: string | null; body?: unknown } = {},
) {
  return send(method, path, { body: options.body, headers: { cookie, ...originHeader(options.origin ?? null) } });
}

const me = (cookie: string) => withCookie('GET', '/v1/auth/me', cookie);

async function expectSignedOut(cookie: string): Promise<void> {
  expectError(await me(cookie), 401, 'unauthenticated');
}

async function failTimes(count: number, attempt: (i: number) => ReturnType<typeof signIn>): Promise<void> {
  for (let i = 0; i < count; i += 1) expectError(await attempt(i), 401, 'unauthenticated');
}

function expectRateLimited(response: Awaited<ReturnType<typeof signIn>>): number {
  expectError(response, 429, 'rate_limited');
  const seconds = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThan(WINDOW_MS / 1000 - 60);
  expect(seconds).toBeLessThanOrEqual(WINDOW_MS / 1000);
  return seconds;
}

describe('POST /v1/auth/sign-in', () => {
  it('answers the right password with a session cookie that is HttpOnly, SameSite=Lax, not Secure outside production', async () => {
    const response = await signIn(EMAIL, PASSWORD);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ signed_in: true, expires_at: expect.stringMatching(ISO_MS) });
    expect(ZSignInResult.strict().safeParse(response.body).success, 'the documented SignInResult').toBe(true);
    const expiresIn = Date.parse(response.body.expires_at) - Date.now();
    expect(expiresIn).toBeGreaterThan((SESSION_SECONDS - 60) * 1000);
    expect(expiresIn).toBeLessThanOrEqual(SESSION_SECONDS * 1000);
    expect(response.headers.get('set-cookie')).toMatch(
      new RegExp(`^ri_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_SECONDS}$`),
    );
  });

  it('gives a cookie that authenticates /v1/auth/me and the review routes, reads needing no Origin', async () => {
    const cookie = await signInCookie();
    const whoami = await me(cookie);
    expect(whoami.status).toBe(200);
    expect(whoami.body).toEqual({
      actor: { kind: 'human', id: user.publicId, display_name: 'Priya Nair' },
      role: 'reviewer',
      organization_id: team.organizationId,
    });

    const review = await openReview(team);
    const overlay = await withCookie('GET', review.path, cookie);
    expect(overlay.status).toBe(200);
    expect(overlay.body._id).toBe(review.opened._id);
    const queue = await withCookie('GET', REVIEWS, cookie);
    expect(queue.body.data.map((item: { _id: string }) => item._id)).toEqual([review.opened._id]);
  });

  it('matches the email whatever its case and surrounding spaces', async () => {
    const cookie = await signInCookie('  Priya.NAIR@Example.COM ');
    expect((await me(cookie)).body.actor.id).toBe(user.publicId);
  });

  it('answers a wrong password and an unknown email alike: 401 with one message, and no cookie', async () => {
    const wrongPassword = await signIn(EMAIL, 'not the password');
    const unknownEmail = await signIn('nobody@example.com', PASSWORD);
    expectError(wrongPassword, 401, 'unauthenticated');
    expectError(unknownEmail, 401, 'unauthenticated');
    expect(unknownEmail.body.detail.message).toBe(wrongPassword.body.detail.message);
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
    expect(unknownEmail.headers.get('set-cookie')).toBeNull();
    expect(await prisma.session.count()).toBe(0);
  });

  it.each([
    ['an integration actor', { role: 'integration', kind: 'agent' }],
    ['a model actor', { role: 'reviewer', kind: 'model' }],
    ['an agent actor', { role: 'reviewer', kind: 'agent' }],
  ] as const)('refuses %s even with its right password', async (_label, { role, kind }) => {
    const actor = await createActor(team.organizationId, role, { kind });
    await prisma.actor.update({
      where: { id: actor.pk },
      data: { email: 'robot@example.com', passwordHash: await hashPassword(PASSWORD) },
    });
    const response = await signIn('robot@example.com', PASSWORD);
    expectError(response, 401, 'unauthenticated');
    expect(response.body.detail.message).toBe((await signIn(EMAIL, 'wrong')).body.detail.message);
    expect(await prisma.session.count()).toBe(0);
  });

  it.each([
    ['no Origin', null],
    ['a foreign Origin', 'https://evil.example'],
    ['an Origin on another port', 'http://localhost:4000'],
  ])('refuses a sign-in with %s (403) and opens no session', async (_label, origin) => {
    const response = await signIn(EMAIL, PASSWORD, { origin });
    expectError(response, 403, 'forbidden');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await prisma.session.count()).toBe(0);
  });
});

describe('sign-in rate limits', () => {
  it('refuses the 6th attempt for one email within 15 minutes, even with the right password; other emails sign in', async () => {
    await failTimes(5, () => signIn(EMAIL, 'wrong'));
    expectRateLimited(await signIn(EMAIL, 'wrong'));
    expectRateLimited(await signIn(EMAIL.toUpperCase(), PASSWORD));

    await upsertUser({
      orgSlug: 'acme',
      email: 'sam@example.com',
      name: 'Sam Okafor',
      role: 'reviewer',
      password: PASSWORD,
    });
    expect((await signIn('sam@example.com', PASSWORD)).status).toBe(200);
  });

  it('lets the email in again once its failures are older than the window', async () => {
    await failTimes(5, () => signIn(EMAIL, 'wrong'));
    expectRateLimited(await signIn(EMAIL, PASSWORD));
    await prisma.signInCounter.updateMany({ data: { windowEndsAt: new Date(Date.now() - 1000) } });
    expect((await signIn(EMAIL, PASSWORD)).status).toBe(200);
  });

  it('refuses one address after 30 failures across many emails, while other addresses sign in', async () => {
    const ip = '203.0.113.7';
    await failTimes(30, (i) => signIn(`guess${i}@example.com`, 'wrong', { ip }));
    expectRateLimited(await signIn(EMAIL, PASSWORD, { ip }));
    expectRateLimited(await signIn('fresh@example.com', 'wrong', { ip }));
    expect((await signIn(EMAIL, PASSWORD, { ip: '198.51.100.2' })).status).toBe(200);
  });
});

describe('cookie-authenticated mutations', () => {
  it.each([
    ['no Origin', null],
    ['a foreign Origin', 'https://evil.example'],
  ])('are refused with %s (403 forbidden) and change nothing', async (_label, origin) => {
    const cookie = await signInCookie();
    const review = await openReview(team);
    const response = await withCookie('POST', `${review.path}/claim`, cookie, { origin, body: { version_stamp: 0 } });
    expectError(response, 403, 'forbidden');
    const overlay = await review.read();
    expect({ rev: overlay.rev, claim: overlay.claim }).toEqual({ rev: 0, claim: null });
  });

  it('are accepted from the same origin, acting as the signed-in person', async () => {
    const cookie = await signInCookie();
    const review = await openReview(team);
    const response = await withCookie('POST', `${review.path}/claim`, cookie, {
      origin: ORIGIN,
      body: { version_stamp: 0 },
    });
    expect(response.status).toBe(200);
    expect(response.body.rev).toBe(1);
    expect(response.body.claim.holder).toEqual({ kind: 'human', id: user.publicId, display_name: 'Priya Nair' });
  });
});

describe('session lifetime', () => {
  it('sign-out revokes the session and clears the cookie', async () => {
    const cookie = await signInCookie();
    const response = await withCookie('POST', '/v1/auth/sign-out', cookie, { origin: ORIGIN });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ signed_in: false });
    expect(ZSignOutResult.strict().safeParse(response.body).success, 'the documented SignOutResult').toBe(true);
    expect(response.headers.get('set-cookie')).toBe('ri_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    await expectSignedOut(cookie);
    expect(await prisma.session.count({ where: { revokedAt: { not: null } } })).toBe(1);
  });

  it('sign-out from another origin is refused and the session stays', async () => {
    const cookie = await signInCookie();
    expectError(
      await withCookie('POST', '/v1/auth/sign-out', cookie, { origin: 'https://evil.example' }),
      403,
      'forbidden',
    );
    expect((await me(cookie)).status).toBe(200);
  });

  it.each([
    ['expired', { expiresAt: new Date(Date.now() - 1000) }],
    ['revoked', { revokedAt: new Date() }],
  ])('an %s session is 401 unauthenticated', async (_label, data) => {
    const cookie = await signInCookie();
    expect((await me(cookie)).status).toBe(200);
    await prisma.session.updateMany({ data });
    await expectSignedOut(cookie);
  });
});
