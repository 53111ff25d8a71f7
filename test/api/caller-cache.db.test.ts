/**
 * A serving instance remembers who is behind a credential for a few seconds (lib/auth/
 * caller-cache.ts), yet a revoked key is refused by the very next request, on every instance, and
 * a change made by hand in SQL reaches every instance too.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashApiKey } from '@/lib/auth/api-keys';
import { callerCache } from '@/lib/auth/caller-cache';
import { LISTENER_NAME_PREFIX, listenForCredentialChanges } from '@/lib/auth/credential-changes';
import { callerForApiKey } from '@/lib/auth/credentials';
import { instanceId } from '@/lib/db/notifications';
import { databasePool, prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { api } from '../api-client';
import { resetDatabase } from '../db';
import { createActor, createTeam, type TestTeam } from '../fixtures';
import { OtherInstance } from '../other-instance';
import { eventually } from '../receiver';

let team: TestTeam;
let other: OtherInstance | undefined;
let stopListening: (() => Promise<void>) | null = null;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

afterEach(async () => {
  await stopListening?.();
  stopListening = null;
});

afterAll(async () => {
  await other?.stop();
});

async function keyIdOf(key: string): Promise<string> {
  const row = await prisma.apiKey.findFirstOrThrow({ where: { keyHash: hashApiKey(key) } });
  return row.publicId;
}

/** Counts the statements this process sends through its pool while `work` runs. */
async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
  const pool = databasePool();
  const spy = vi.spyOn(pool, 'query');
  try {
    await work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe('remembered callers', () => {
  it('are answered without a round trip while changes are heard, and asked for again when not', async () => {
    expect(await statementsDuring(() => callerForApiKey(team.reviewer.key))).toBe(1);
    // Not listening yet: every lookup asks the database.
    expect(await statementsDuring(() => callerForApiKey(team.reviewer.key))).toBe(1);

    stopListening = await listenForCredentialChanges(callerCache);
    await callerForApiKey(team.reviewer.key);
    expect(await statementsDuring(() => callerForApiKey(team.reviewer.key))).toBe(0);
    expect((await api('GET', '/v1/auth/me', { key: team.reviewer.key })).status).toBe(200);
  });

  it('are forgotten when a key is revoked by hand in SQL, whoever does it', async () => {
    stopListening = await listenForCredentialChanges(callerCache);
    expect(await callerForApiKey(team.reviewer.key)).not.toBeNull();
    await prisma.$executeRaw`UPDATE api_keys SET revoked_at = now() WHERE actor_id = ${team.reviewer.pk}::uuid`;
    await eventually('the revocation to be heard', async () => callerCache.size === 0);
    expect(await callerForApiKey(team.reviewer.key)).toBeNull();
  });

  it('are forgotten when a role changes by hand; last-seen stamps and model authors notify nothing', async () => {
    stopListening = await listenForCredentialChanges(callerCache);
    await callerForApiKey(team.reviewer.key);
    const listener = new pg.Client({ connectionString: env.DATABASE_URL });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (message) => heard.push(message.channel));
    await listener.query('LISTEN credential_changes');
    try {
      const model = await prisma.actor.create({
        data: {
          organizationId: team.organizationId,
          publicId: 'vendor-model-1',
          kind: 'model',
          displayName: 'Model 1',
        },
      });
      await prisma.$executeRaw`UPDATE actors SET display_name = 'Model 1.1' WHERE id = ${model.id}::uuid`;
      await prisma.$executeRaw`UPDATE actors SET last_seen_at = now() - interval '1 hour' WHERE id = ${team.reviewer.pk}::uuid`;
      await prisma.$executeRaw`UPDATE api_keys SET last_used_at = now() - interval '1 hour' WHERE actor_id = ${team.reviewer.pk}::uuid`;
      // Notifications arrive in commit order: once this one is heard, any from above would have been.
      await prisma.$executeRaw`UPDATE actors SET role = 'lead' WHERE id = ${team.reviewer2.pk}::uuid`;
      await eventually('the role change to be heard', async () => heard.length > 0 && callerCache.size === 0);
      expect(heard).toEqual(['credential_changes']);
      expect((await callerForApiKey(team.reviewer2.key))?.role).toBe('lead');
    } finally {
      await listener.end();
    }
  });

  it('stop being remembered when the listening connection is cut, until it listens again', async () => {
    stopListening = await listenForCredentialChanges(callerCache);
    await callerForApiKey(team.reviewer.key);
    const [cut] = await prisma.$queryRaw<{ cut: boolean }[]>`
      SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
       WHERE application_name = ${`${LISTENER_NAME_PREFIX}${instanceId()}`}`;
    expect(cut?.cut).toBe(true);
    await eventually('the cut to be noticed', async () => callerCache.size === 0);
    expect(await statementsDuring(() => callerForApiKey(team.reviewer.key))).toBe(1);
    await eventually('listening again', async () => {
      await callerForApiKey(team.reviewer.key);
      return (await statementsDuring(() => callerForApiKey(team.reviewer.key))) === 0;
    });
  });
});

describe('revoking through the API', () => {
  it('refuses the very next request on another instance, even one slow to hear of the change', async () => {
    other ??= await OtherInstance.start();
    const agent = await createActor(team.organizationId, 'reviewer', { kind: 'agent' });
    expect((await other.call('GET', '/v1/auth/me', { key: agent.key })).status).toBe(200);
    expect((await other.call('GET', '/v1/auth/me', { key: agent.key })).status).toBe(200);
    // The other instance's listening connection is held still for a moment, as a busy server
    // might be: the revocation must not be answered before that instance has forgotten the key.
    const [listening] = await prisma.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity
       WHERE starts_with(application_name, ${LISTENER_NAME_PREFIX})
         AND application_name <> ${`${LISTENER_NAME_PREFIX}${instanceId()}`}`;
    if (!listening) throw new Error('the other instance does not listen for credential changes');
    process.kill(listening.pid, 'SIGSTOP');
    const resume = setTimeout(() => process.kill(listening.pid, 'SIGCONT'), 500);
    try {
      const revoked = await api('DELETE', `/v1/api-keys/${await keyIdOf(agent.key)}`, { key: team.admin.key });
      expect(revoked.status).toBe(204);
      expect((await other.call('GET', '/v1/auth/me', { key: agent.key })).status).toBe(401);
    } finally {
      clearTimeout(resume);
      process.kill(listening.pid, 'SIGCONT');
    }
  });

  it('refuses the very next request in this instance too', async () => {
    stopListening = await listenForCredentialChanges(callerCache);
    expect((await api('GET', '/v1/auth/me', { key: team.agent.key })).status).toBe(200);
    const revoked = await api('DELETE', `/v1/api-keys/${await keyIdOf(team.agent.key)}`, { key: team.admin.key });
    expect(revoked.status).toBe(204);
    expect((await api('GET', '/v1/auth/me', { key: team.agent.key })).status).toBe(401);
  });
});
