/**
 * Members in the app: added with a password or invited with a one-use link, their role and name
 * changed, disabled (their sessions and keys end at once), and never the last admin, however
 * the calls race.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { api, ORIGIN } from '../api-client';
import { resetDatabase } from '../db';
import { adminSnapshot } from '../db-snapshot';
import { createTeam, type TestTeam } from '../fixtures';
import { expectError, expectValidationIssue, ISO_MS } from '../review-helpers';

const MEMBERS = '/v1/members';
const PASSWORD = 'correct horse battery';

let team: TestTeam;
let other: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
  other = await createTeam('globex');
});

let emails = 0;
async function addMember(body: Record<string, unknown> = {}) {
  emails += 1;
  const created = await api('POST', MEMBERS, {
    key: team.admin.key,
    body: { email: `person${emails}@acme.test`, display_name: `Person ${emails}`, role: 'reviewer', ...body },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

function patch(id: string, body: unknown, key = team.admin.key) {
  return api('PATCH', `${MEMBERS}/${id}`, { key, body });
}

/** Signs in as the browser does and returns the cookie pair it would send back. */
async function signInCookie(email: string, password = PASSWORD): Promise<string> {
  const response = await api('POST', '/v1/auth/sign-in', { body: { email, password }, headers: { origin: ORIGIN } });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return /^(ri_session=[^;]+);/.exec(response.headers.get('set-cookie') ?? '')?.[1] as string;
}

const meByCookie = (cookie: string) => api('GET', '/v1/auth/me', { headers: { cookie } });

function acceptInvite(token: string, password = PASSWORD) {
  return api('POST', '/v1/auth/accept-invite', { body: { token, password }, headers: { origin: ORIGIN } });
}

function tokenOf(inviteUrl: string): string {
  const match = /^http:\/\/localhost:3000\/invite\/([A-Za-z0-9_-]+)$/.exec(inviteUrl);
  expect(match).not.toBeNull();
  return match?.[1] as string;
}

describe('adding members', () => {
  it('adds a member with a password (201), who can sign in at once, and lists them', async () => {
    const member = await addMember({
      email: 'Ana@Acme.test',
      display_name: 'Ana Ruiz',
      role: 'lead',
      password: PASSWORD,
    });
    expect(member).toEqual({
      id: expect.stringMatching(/^act_[0-9a-f]{24}$/),
      email: 'ana@acme.test',
      display_name: 'Ana Ruiz',
      role: 'lead',
      disabled: false,
      created_at: expect.stringMatching(ISO_MS),
      last_seen_at: null,
    });
    const cookie = await signInCookie('ana@acme.test');
    expect((await meByCookie(cookie)).body).toMatchObject({ role: 'lead', actor: { id: member.id } });

    const listed = await api('GET', MEMBERS, { key: team.admin.key });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ data: [{ ...member, last_seen_at: expect.stringMatching(ISO_MS) }] });
  });

  it('invites a member without a password: the link sets one and signs in, once; it expires after 7 days', async () => {
    const invited = await addMember({ email: 'bo@acme.test' });
    const token = tokenOf(invited.invite_url);
    expectError(
      await api('POST', '/v1/auth/sign-in', {
        body: { email: 'bo@acme.test', password: PASSWORD },
        headers: { origin: ORIGIN },
      }),
      401,
      'unauthenticated',
    );

    const accepted = await acceptInvite(token);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ signed_in: true, expires_at: expect.any(String) });
    const cookie = /^(ri_session=[^;]+);/.exec(accepted.headers.get('set-cookie') ?? '')?.[1] as string;
    expect((await meByCookie(cookie)).body.actor.id).toBe(invited.id);
    await signInCookie('bo@acme.test');

    expectError(await acceptInvite(token, 'another password'), 404, 'not_found');
    expect(
      (
        await api('POST', '/v1/auth/sign-in', {
          body: { email: 'bo@acme.test', password: 'another password' },
          headers: { origin: ORIGIN },
        })
      ).status,
    ).toBe(401);

    const late = await addMember();
    await prisma.invite.updateMany({ where: { usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectError(await acceptInvite(tokenOf(late.invite_url)), 404, 'not_found');
    expectError(await acceptInvite('never-issued'), 404, 'not_found');
  });

  it('lets two uses of one invitation at once set one password', async () => {
    const invited = await addMember();
    const token = tokenOf(invited.invite_url);
    const answers = await Promise.all(['first password', 'second password'].map((p) => acceptInvite(token, p)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 404]);
  });

  it('refuses an invitation from another site (403), and one for a person disabled since (404)', async () => {
    const invited = await addMember();
    const token = tokenOf(invited.invite_url);
    const crossSite = await api('POST', '/v1/auth/accept-invite', {
      body: { token, password: PASSWORD },
      headers: { origin: 'https://evil.example' },
    });
    expectError(crossSite, 403, 'forbidden');
    expect((await patch(invited.id, { disabled: true })).status).toBe(200);
    expectError(await acceptInvite(token), 404, 'not_found');
  });

  it('refuses a taken email and bad input with 422, writing nothing', async () => {
    await addMember({ email: 'taken@acme.test' });
    const before = await adminSnapshot();
    const bodies: [Record<string, unknown>, string][] = [
      [{ email: 'TAKEN@acme.test', display_name: 'Twin', role: 'reviewer' }, 'email'],
      [{ email: 'not-an-email', display_name: 'X', role: 'reviewer' }, 'email'],
      [{ email: 'x@acme.test', display_name: '', role: 'reviewer' }, 'display_name'],
      [{ email: 'x@acme.test', display_name: 'X', role: 'integration' }, 'role'],
      [{ email: 'x@acme.test', display_name: 'X', role: 'reviewer', password: 'short' }, 'password'],
    ];
    for (const [body, field] of bodies) {
      expectValidationIssue(await api('POST', MEMBERS, { key: team.admin.key, body }), [field]);
    }
    expectValidationIssue(await acceptInvite('some-token', 'short'), ['password']);
    expect(await adminSnapshot()).toEqual(before);
  });
});

describe('changing members', () => {
  it('changes the role and name sent; the new role governs their keys at once', async () => {
    const member = await addMember({ password: PASSWORD });
    const key = (
      await api('POST', '/v1/api-keys', {
        key: team.admin.key,
        body: { name: member.display_name, kind: 'human', role: 'reviewer' },
      })
    ).body.key;
    const changed = await patch(member.id, { role: 'lead', display_name: 'Renamed' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ ...member, role: 'lead', display_name: 'Renamed', last_seen_at: null });
    expect((await api('GET', '/v1/auth/me', { key })).body).toMatchObject({ role: 'lead' });
  });

  it('disabling ends the member’s sessions and keys at once, and they cannot sign in again', async () => {
    const member = await addMember({ password: PASSWORD });
    const cookie = await signInCookie(member.email);
    const key = (
      await api('POST', '/v1/api-keys', {
        key: team.admin.key,
        body: { name: member.display_name, kind: 'human', role: 'reviewer' },
      })
    ).body.key;
    expect((await meByCookie(cookie)).status).toBe(200);
    expect((await api('GET', '/v1/auth/me', { key })).status).toBe(200);

    const disabled = await patch(member.id, { disabled: true });
    expect(disabled.body.disabled).toBe(true);
    expectError(await meByCookie(cookie), 401, 'unauthenticated');
    expectError(await api('GET', '/v1/auth/me', { key }), 401, 'unauthenticated');
    expectError(
      await api('POST', '/v1/auth/sign-in', {
        body: { email: member.email, password: PASSWORD },
        headers: { origin: ORIGIN },
      }),
      401,
      'unauthenticated',
    );

    // Enabled again, they sign in anew; the ended session and key stay ended.
    expect((await patch(member.id, { disabled: false })).body.disabled).toBe(false);
    expectError(await meByCookie(cookie), 401, 'unauthenticated');
    expectError(await api('GET', '/v1/auth/me', { key }), 401, 'unauthenticated');
    await signInCookie(member.email);
  });

  it('never disables or demotes the last enabled admin (409 last_admin)', async () => {
    const admin = await addMember({ role: 'admin' });
    const before = await adminSnapshot();
    expectError(await patch(admin.id, { role: 'lead' }), 409, 'last_admin');
    expectError(await patch(admin.id, { disabled: true }), 409, 'last_admin');
    expect(await adminSnapshot()).toEqual(before);

    const second = await addMember({ role: 'admin' });
    expect((await patch(admin.id, { disabled: true })).status).toBe(200);
    expectError(await patch(second.id, { role: 'reviewer' }), 409, 'last_admin');
    // A disabled admin does not count: enabling them again makes the demotion possible.
    expect((await patch(admin.id, { disabled: false })).status).toBe(200);
    expect((await patch(second.id, { role: 'reviewer' })).status).toBe(200);
  });

  it('of the last two admins demoting each other at once, exactly one succeeds, round after round', async () => {
    for (let round = 0; round < 10; round += 1) {
      await prisma.actor.updateMany({ where: { email: { not: null } }, data: { role: 'reviewer' } });
      const [a, b] = [await addMember({ role: 'admin' }), await addMember({ role: 'admin' })];
      const change = round % 2 === 0 ? { role: 'lead' } : { disabled: true };
      const answers = await Promise.all([patch(a.id, change), patch(b.id, change)]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const admins = await prisma.actor.count({ where: { role: 'admin', disabledAt: null, email: { not: null } } });
      expect(admins).toBe(1);
    }
  });

  it('refuses bad input with 422, writing nothing', async () => {
    const member = await addMember();
    const before = await adminSnapshot();
    for (const [body, field] of [
      [{ role: 'integration' }, 'role'],
      [{ display_name: '' }, 'display_name'],
      [{ disabled: 'no' }, 'disabled'],
    ] as const) {
      expectValidationIssue(await patch(member.id, body), [field]);
    }
    expect(await adminSnapshot()).toEqual(before);
  });
});

describe('who may manage members', () => {
  it('is for admins only (403); another organization’s member is a 404 like a missing one', async () => {
    const member = await addMember();
    const before = await adminSnapshot();
    for (const actor of [team.lead, team.reviewer, team.integration]) {
      expectError(await api('GET', MEMBERS, { key: actor.key }), 403, 'forbidden');
      expectError(
        await api('POST', MEMBERS, {
          key: actor.key,
          body: { email: 'z@acme.test', display_name: 'Z', role: 'admin' },
        }),
        403,
        'forbidden',
      );
      expectError(await patch(member.id, { role: 'admin' }, actor.key), 403, 'forbidden');
    }
    expectError(await patch(member.id, { role: 'admin' }, other.admin.key), 404, 'not_found');
    expectError(await patch('act_000000000000000000000000', { role: 'admin' }), 404, 'not_found');
    expectError(await patch(team.reviewer.id, { role: 'admin' }), 404, 'not_found');
    expect((await api('GET', MEMBERS, { key: other.admin.key })).body).toEqual({ data: [] });
    expect(await adminSnapshot()).toEqual(before);
  });
});
