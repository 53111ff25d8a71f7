/**
 * Input crafted to reach past validation — a session cookie that is not valid percent-encoding,
 * queue cursors PostgreSQL cannot take, a forged X-Forwarded-Host — is refused with the
 * contract's 4xx, never a 500, and changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '@/lib/admin/actors';
import { prisma } from '@/lib/db/prisma';
import { toErrorResponse } from '@/lib/http/api-route';
import { ORIGIN } from '../api-client';
import { resetDatabase } from '../db';
import { dbSnapshot } from '../db-snapshot';
import { createTeam, type TestTeam } from '../fixtures';
import { expectError, expectValidationIssue, openReview, REVIEWS, send } from '../review-helpers';
import { trustProxyPerTest } from '../trust-proxy';

const MALFORMED_COOKIE = 'ri_session=%E0%A4%A';
const PASSWORD = 'correct horse battery staple';

let team: TestTeam;

beforeAll(async () => {
  await resetDatabase();
  team = await createTeam('acme');
  await upsertUser({
    orgSlug: 'acme',
    email: 'priya@example.com',
    name: 'Priya',
    role: 'reviewer',
    password: PASSWORD,
  });
});

describe('a session cookie that is not valid percent-encoding', () => {
  it('is 401 unauthenticated on every route, not a 500', async () => {
    for (const [method, path] of [
      ['GET', '/v1/auth/me'],
      ['GET', REVIEWS],
      ['GET', `${REVIEWS}/counts`],
      ['GET', '/v1/events'],
      ['POST', `${REVIEWS}/run-1/extract/claim`],
    ] as const) {
      const response = await send(method, path, {
        headers: { cookie: MALFORMED_COOKIE, origin: ORIGIN },
        ...(method === 'POST' ? { body: { version_stamp: 0 } } : {}),
      });
      expectError(response, 401, 'unauthenticated');
    }
  });

  it('signs out cleanly: there is no session to end', async () => {
    const response = await send('POST', '/v1/auth/sign-out', { headers: { cookie: MALFORMED_COOKIE, origin: ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ signed_in: false });
  });
});

const cursor = (fields: Record<string, unknown>) => Buffer.from(JSON.stringify(fields)).toString('base64url');

describe('queue cursors PostgreSQL cannot take', () => {
  it.each([
    ['awaiting_review', { s: 'awaiting_review', p: 0, a: '0000-01-01T00:00:00Z', i: 'run:block' }],
    ['awaiting_review', { s: 'awaiting_review', p: 0, a: '0000-12-31T23:59:59.999Z', i: 'run:block' }],
    ['approved', { s: 'approved', d: '0000-06-15T12:00:00.000Z', i: 'run:block' }],
    ['awaiting_review', { s: 'awaiting_review', p: 2 ** 31, a: '2026-01-01T00:00:00Z', i: 'run:block' }],
    ['approved', { s: 'approved', d: '2026-01-01T00:00:00Z', i: `${'r'.repeat(201)}:block` }],
  ])('%s cursor %j is 422 on path cursor and changes nothing', async (status, fields) => {
    const before = await dbSnapshot();
    const response = await send('GET', `${REVIEWS}?status=${status}&cursor=${cursor(fields)}`, {
      key: team.reviewer.key,
    });
    expectValidationIssue(response, ['cursor']);
    expect(await dbSnapshot()).toEqual(before);
  });

  it('still pages from the edges of the range PostgreSQL takes', async () => {
    await openReview(team);
    for (const a of ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      const response = await send(
        'GET',
        `${REVIEWS}?cursor=${cursor({ s: 'awaiting_review', p: 0, a, i: 'run:block' })}`,
        {
          key: team.reviewer.key,
        },
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    }
  });
});

describe('a data exception that slips past validation', () => {
  it('answers 422 validation_error, not a 500', async () => {
    const error = await prisma.$queryRaw`SELECT ${'0000-01-01T00:00:00Z'}::timestamptz`.catch(
      (caught: unknown) => caught,
    );
    const response = toErrorResponse(error, new Request(`${ORIGIN}${REVIEWS}`), 'req-22008');
    expect(response.status).toBe(422);
    expect(response.headers.get('x-request-id')).toBe('req-22008');
    const body = await response.json();
    expect(body.detail.code).toBe('validation_error');
    expect(JSON.stringify(body)).not.toMatch(/22008|\.ts:\d+/);
  });
});

describe('X-Forwarded-Host without TRUST_PROXY', () => {
  const withTrustProxy = trustProxyPerTest();

  it('cannot pass a cross-site request off as our own', async () => {
    withTrustProxy('false');
    const forged = { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' };
    const before = await dbSnapshot();
    expectError(
      await send('POST', '/v1/auth/sign-in', {
        body: { email: 'priya@example.com', password: PASSWORD },
        headers: forged,
      }),
      403,
      'forbidden',
    );
    expect(await dbSnapshot()).toEqual(before);
  });
});
