/**
 * API keys in the app: made and shown once, listed by prefix and last use, revoked with effect
 * on the very next request; admins only; another organization's key is a 404.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { hashApiKey } from '@/lib/auth/api-keys';
import { prisma } from '@/lib/db/prisma';
import { api } from '../api-client';
import { resetDatabase } from '../db';
import { adminSnapshot } from '../db-snapshot';
import { createTeam, type TestTeam } from '../fixtures';
import { expectError, expectValidationIssue, ISO_MS } from '../review-helpers';

const KEYS = '/v1/api-keys';

let team: TestTeam;
let other: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
  other = await createTeam('globex');
});

async function createKey(body: Record<string, unknown> = { name: 'Nightly agent', kind: 'agent', role: 'reviewer' }) {
  const created = await api('POST', KEYS, { key: team.admin.key, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

describe('API keys', () => {
  it('makes a key that works at once, shown once and stored only as its hash', async () => {
    const created = await createKey();
    expect(created).toEqual({
      id: expect.stringMatching(/^key_[0-9a-f]{32}$/),
      name: 'Nightly agent',
      prefix: created.key.slice(0, 12),
      actor: { kind: 'agent', id: expect.stringMatching(/^act_/), display_name: 'Nightly agent' },
      role: 'reviewer',
      created_at: expect.stringMatching(ISO_MS),
      last_used_at: null,
      revoked_at: null,
      key: expect.stringMatching(/^rik_/),
    });
    const me = await api('GET', '/v1/auth/me', { key: created.key });
    expect(me.body).toMatchObject({ actor: created.actor, role: 'reviewer' });

    const stored = await prisma.apiKey.findUniqueOrThrow({ where: { publicId: created.id } });
    expect(stored.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(stored)).not.toContain(created.key);

    const listed = await api('GET', KEYS, { key: team.admin.key });
    expect(listed.status).toBe(200);
    const mine = listed.body.data.find((key: { id: string }) => key.id === created.id);
    const { key: _secret, ...shown } = created;
    expect(mine).toEqual({ ...shown, last_used_at: expect.stringMatching(ISO_MS) });
    expect(JSON.stringify(listed.body)).not.toContain(created.key);
    expect(listed.body.data).toHaveLength(7);
  });

  it('gives an existing actor of that name and kind another key, and refuses another role with 422', async () => {
    const first = await createKey({ name: 'Dana Rivera', kind: 'human', role: 'reviewer' });
    expect(first.actor).toEqual({ kind: 'human', id: team.reviewer.id, display_name: 'Dana Rivera' });
    const before = await adminSnapshot();
    expectValidationIssue(
      await api('POST', KEYS, { key: team.admin.key, body: { name: 'Dana Rivera', kind: 'human', role: 'admin' } }),
      ['role'],
    );
    expect(await adminSnapshot()).toEqual(before);
  });

  it('revokes a key (204): its very next request is 401, and the list shows when', async () => {
    const created = await createKey();
    expect((await api('GET', '/v1/auth/me', { key: created.key })).status).toBe(200);
    const revoked = await api('DELETE', `${KEYS}/${created.id}`, { key: team.admin.key });
    expect(revoked.status).toBe(204);
    expectError(await api('GET', '/v1/auth/me', { key: created.key }), 401, 'unauthenticated');
    const listed = (await api('GET', KEYS, { key: team.admin.key })).body.data;
    expect(listed.find((key: { id: string }) => key.id === created.id).revoked_at).toMatch(ISO_MS);
    // Revoking again changes nothing.
    const before = await adminSnapshot();
    expect((await api('DELETE', `${KEYS}/${created.id}`, { key: team.admin.key })).status).toBe(204);
    expect(await adminSnapshot()).toEqual(before);
  });

  it('refuses bad input with 422 and writes nothing', async () => {
    const before = await adminSnapshot();
    const bodies: [Record<string, unknown>, string][] = [
      [{ kind: 'agent', role: 'reviewer' }, 'name'],
      [{ name: '  ', kind: 'agent', role: 'reviewer' }, 'name'],
      [{ name: 'X', kind: 'robot', role: 'reviewer' }, 'kind'],
      [{ name: 'X', kind: 'agent', role: 'owner' }, 'role'],
    ];
    for (const [body, field] of bodies) {
      expectValidationIssue(await api('POST', KEYS, { key: team.admin.key, body }), [field]);
    }
    expect(await adminSnapshot()).toEqual(before);
  });

  it('is for admins only (403), and another organization’s key is a 404 like a missing one', async () => {
    const created = await createKey();
    const before = await adminSnapshot();
    for (const actor of [team.lead, team.reviewer, team.integration]) {
      expectError(await api('GET', KEYS, { key: actor.key }), 403, 'forbidden');
      expectError(
        await api('POST', KEYS, { key: actor.key, body: { name: 'X', kind: 'agent', role: 'admin' } }),
        403,
        'forbidden',
      );
      expectError(await api('DELETE', `${KEYS}/${created.id}`, { key: actor.key }), 403, 'forbidden');
    }
    expectError(await api('DELETE', `${KEYS}/${created.id}`, { key: other.admin.key }), 404, 'not_found');
    expectError(
      await api('DELETE', `${KEYS}/key_00000000000000000000000000000000`, { key: team.admin.key }),
      404,
      'not_found',
    );
    expectError(await api('DELETE', `${KEYS}/rik_not_an_id`, { key: team.admin.key }), 404, 'not_found');
    expect(
      (await api('GET', KEYS, { key: other.admin.key })).body.data.map((key: { id: string }) => key.id),
    ).not.toContain(created.id);
    expect(await adminSnapshot()).toEqual(before);
    expect((await api('GET', '/v1/auth/me', { key: created.key })).status).toBe(200);
  });
});
