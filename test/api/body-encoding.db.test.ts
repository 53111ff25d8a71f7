/**
 * Bodies that JSON.parse would quietly alter: malformed UTF-8 (decoded as U+FFFD), numbers beyond
 * a double (1e400 read as Infinity, then written as null) and integers beyond 2^53 (rounded).
 * Every route that reads a body refuses them — 400 invalid_json, or 422 naming the place — and
 * writes nothing; what a double holds exactly, and well-formed UTF-8, are stored as sent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as signInRoute from '@/app/v1/auth/sign-in/route';
import * as decisionRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/decision/route';
import * as versionsRoute from '@/app/v1/workflows/reviews/[runId]/[blockId]/versions/route';
import * as gatesRoute from '@/app/v1/workflows/reviews/route';
import { upsertUser } from '@/lib/admin/actors';
import { prisma } from '@/lib/db/prisma';
import { ORIGIN } from '../api-client';
import { resetDatabase } from '../db';
import { dbSnapshot } from '../db-snapshot';
import { createTeam, gateBody, type TestTeam } from '../fixtures';
import { expectError, openReview, type Review } from '../review-helpers';

const EMAIL = 'priya.nair@example.com';
const PASSWORD = 'correct horse battery staple';

let team: TestTeam;
let review: Review;

beforeAll(async () => {
  await resetDatabase();
  team = await createTeam('acme');
  review = await openReview(team);
  await upsertUser({ orgSlug: 'acme', email: EMAIL, name: 'Priya Nair', role: 'reviewer', password: PASSWORD });
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Target = 'versions' | 'decision' | 'gate' | 'sign-in';

/** JSON text in which `@@` stands for the raw bytes under test, for each route that reads a body. */
function bodyFor(target: Target): string {
  const gate = gateBody();
  switch (target) {
    case 'versions':
      return '{"version_stamp": 0, "snapshot": {"vendor": @@}}';
    case 'decision':
      return '{"verdict": "approved", "version_stamp": 0, "edited_output": {"vendor": @@}}';
    case 'gate':
      return JSON.stringify({ ...gate, model_output: { vendor: '@@' } }).replace('"@@"', '@@');
    case 'sign-in':
      return `{"email": "${EMAIL}", "password": @@}`;
  }
}

function handlerFor(target: Target): { handler: Handler; path: string; params: Record<string, string> } {
  const params = { runId: review.runId, blockId: review.gate.block_id };
  switch (target) {
    case 'versions':
      return { handler: versionsRoute.POST as Handler, path: `${review.path}/versions`, params };
    case 'decision':
      return { handler: decisionRoute.POST as Handler, path: `${review.path}/decision`, params };
    case 'gate':
      return { handler: gatesRoute.POST as Handler, path: '/v1/workflows/reviews', params: {} };
    case 'sign-in':
      return { handler: signInRoute.POST as Handler, path: '/v1/auth/sign-in', params: {} };
  }
}

/** POSTs `bodyFor(target)` with `@@` replaced by `value`, byte for byte, as a client would send it. */
async function post(target: Target, value: Uint8Array | string) {
  const [before, after] = bodyFor(target).split('@@') as [string, string];
  const bytes = Buffer.concat([Buffer.from(before), Buffer.from(value), Buffer.from(after)]);
  const { handler, path, params } = handlerFor(target);
  const key = target === 'gate' ? team.integration.key : team.reviewer.key;
  const headers = {
    'content-type': 'application/json',
    origin: ORIGIN,
    ...(target === 'sign-in' ? {} : { 'api-key': key }),
  };
  const response = await handler(new Request(new URL(path, ORIGIN), { method: 'POST', headers, body: bytes }), {
    params: Promise.resolve(params),
  });
  expect(response.headers.get('x-request-id')).toBeTruthy();
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const TARGETS: Target[] = ['versions', 'decision', 'gate', 'sign-in'];

/** The place of `@@` in each body, as a 422 names it. */
const FIELD: Record<Target, string> = {
  versions: 'snapshot.vendor',
  decision: 'edited_output.vendor',
  gate: 'model_output.vendor',
  'sign-in': 'password',
};

async function expectRefusedUnchanged(target: Target, value: Uint8Array | string, status: number, code: string) {
  const before = await dbSnapshot();
  const response = await post(target, value);
  const details = expectError(response, status, code);
  expect(await dbSnapshot()).toEqual(before);
  expect(await prisma.signInCounter.count(), 'a refused body is not a sign-in attempt').toBe(0);
  expect(await prisma.session.count()).toBe(0);
  return details;
}

const quoted = (...parts: (string | number[])[]) =>
  Buffer.concat([Buffer.from('"'), ...parts.map((part) => Buffer.from(part as never)), Buffer.from('"')]);

describe.each(TARGETS)('POST %s', (target) => {
  it.each([
    ['a byte that never starts a character (0xFF)', quoted('Acme ', [0xff], ' GmbH')],
    ['a truncated two-byte sequence (0xC3 then "(")', quoted([0xc3, 0x28])],
    ['an overlong encoding of "/" (0xC0 0xAF)', quoted([0xc0, 0xaf])],
    ['a surrogate encoded as UTF-8 (0xED 0xA0 0x80)', quoted([0xed, 0xa0, 0x80])],
    ['a sequence cut off at the end of the string', quoted('M', [0xe2, 0x82])],
  ])('refuses malformed UTF-8, %s: 400 invalid_json, nothing written', async (_label, bytes) => {
    await expectRefusedUnchanged(target, bytes, 400, 'invalid_json');
  });

  it.each([
    ['1e400', '1e400'],
    ['-1e400', '-1e400'],
    ['an integer of 400 digits', '9'.repeat(400)],
    ['12345678901234567891 (beyond 2^53)', '12345678901234567891'],
    ['-9007199254740993 (2^53 + 1)', '-9007199254740993'],
  ])('refuses a number a double cannot hold, %s: 422, nothing written', async (_label, literal) => {
    const details = await expectRefusedUnchanged(target, literal, 422, 'validation_error');
    expect(details.issues).toHaveLength(1);
  });

  it.each([
    ['a NUL', '"a\\u0000b"'],
    ['a lone high surrogate', '"a\\ud800b"'],
    ['a lone low surrogate', '"\\udc00"'],
  ])('refuses %s escaped in a string: 422 naming the field, nothing written', async (_label, literal) => {
    const details = await expectRefusedUnchanged(target, literal, 422, 'validation_error');
    expect(details.issues.map((issue: { path: unknown[] }) => issue.path.join('.'))).toEqual([FIELD[target]]);
  });
});

describe('what a double holds exactly, and well-formed UTF-8, are stored as sent', () => {
  it.each([
    ['UTF-8 of every length', '"Zürich – 東京 😀"', 'Zürich – 東京 😀'],
    ['the largest exact integer', '9007199254740991', 9007199254740991],
    ['the smallest exact integer', '-9007199254740991', -9007199254740991],
    ['a large number written with an exponent', '1e20', 1e20],
    ['a fraction near the top of the range', '1.5e300', 1.5e300],
    ['a long fraction', '3.141592653589793238', Math.PI],
  ])('%s', async (_label, literal, stored) => {
    const response = await post('gate', literal);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.versions[0].snapshot).toEqual({ vendor: stored });
  });
});
