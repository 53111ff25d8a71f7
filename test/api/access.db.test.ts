/**
 * Who may do what: tenancy (another organization's overlay is a 404, exactly like a missing one),
 * the contract's role table, authentication, and the actor coming from the credential only.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { OVERLAY_STATUSES, ROLES, type Role } from '@/lib/domain/enums';
import { type ApiResponse, api } from '../api-client';
import { resetDatabase } from '../db';
import { dbSnapshot } from '../db-snapshot';
import { createTeam, gateBody, type TestActor, type TestTeam } from '../fixtures';

let team: TestTeam;
let other: TestTeam;

async function openGate(overrides: Record<string, unknown> = {}) {
  const body = gateBody(overrides);
  const opened = await api('POST', '/v1/workflows/reviews', { key: team.integration.key, body });
  expect(opened.status).toBe(201);
  return { body, path: `/v1/workflows/reviews/${body.workflow_run_id}/${body.block_id}` };
}

function expectEnvelope(response: ApiResponse, status: number, code: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body).toEqual({
    detail: { code, message: expect.any(String), details: response.body?.detail?.details ?? null },
  });
  expect(response.body.detail.message.length).toBeGreaterThan(0);
  expect(response.headers.get('x-request-id')).toBeTruthy();
}

describe('tenancy', () => {
  beforeEach(async () => {
    await resetDatabase();
    team = await createTeam('acme');
    other = await createTeam('globex');
  });

  it("answers 404 not_found on every overlay route and on the run for another organization's key", async () => {
    const { body, path } = await openGate();
    // Every body would apply for the owning organization (fresh stamp); reopen needs a decided overlay.
    const decided = await openGate();
    const approved = await api('POST', `${decided.path}/decision`, {
      key: team.reviewer.key,
      body: { verdict: 'approved', version_stamp: 0 },
    });
    expect(approved.status).toBe(200);

    const before = await dbSnapshot();
    const calls: [string, 'GET' | 'POST', string, Record<string, unknown> | undefined][] = [
      ['GET overlay', 'GET', path, undefined],
      ['versions', 'POST', `${path}/versions`, { version_stamp: 0, snapshot: { stolen: true } }],
      ['decision', 'POST', `${path}/decision`, { verdict: 'approved', version_stamp: 0 }],
      ['claim', 'POST', `${path}/claim`, { version_stamp: 0 }],
      ['claim force', 'POST', `${path}/claim`, { version_stamp: 0, force: true }],
      ['release', 'POST', `${path}/release`, { version_stamp: 0 }],
      ['revert', 'POST', `${path}/revert`, { version_stamp: 0, to_seq: 0 }],
      ['reopen', 'POST', `${decided.path}/reopen`, { version_stamp: 1, reason: 'let me in' }],
      ['GET run', 'GET', `/v1/workflows/runs/${body.workflow_run_id}`, undefined],
    ];
    for (const actor of [other.admin, other.lead, other.reviewer, other.integration]) {
      for (const [name, method, url, requestBody] of calls) {
        const response = await api(method, url, { key: actor.key, body: requestBody });
        // A role that may not call the route at all is refused before anything is looked up.
        const roleRefused =
          (actor.role === 'reviewer' && name === 'reopen') ||
          (actor.role === 'integration' && !['GET overlay', 'GET run', 'versions'].includes(name));
        if (roleRefused) {
          expect(response.status, `${actor.role} ${name}`).toBe(403);
          continue;
        }
        expect(response.status, `${actor.role} ${name}: ${JSON.stringify(response.body)}`).toBe(404);
        expectEnvelope(response, 404, 'not_found');
      }
    }
    // The other org's integration, with the one origin it may append, still only sees 404.
    const agentEdit = await api('POST', `${path}/versions`, {
      key: other.integration.key,
      body: { version_stamp: 0, snapshot: { stolen: true }, origin: 'agent_edit' },
    });
    expectEnvelope(agentEdit, 404, 'not_found');

    for (const status of OVERLAY_STATUSES) {
      for (const actor of [other.reviewer, other.integration, other.admin]) {
        const queue = await api('GET', `/v1/workflows/reviews?status=${status}`, { key: actor.key });
        expect(queue.status).toBe(200);
        expect(queue.body.data).toEqual([]);
      }
      const mine = await api('GET', `/v1/workflows/reviews?status=${status}&workflow_id=${body.workflow_id}`, {
        key: other.lead.key,
      });
      expect(mine.body.data).toEqual([]);
    }
    expect(await dbSnapshot()).toEqual(before);

    // …while the owning organization still sees it unchanged.
    const own = await api('GET', path, { key: team.reviewer.key });
    expect(own.status).toBe(200);
    expect(own.body.rev).toBe(0);
  });

  it('answers a foreign overlay exactly like a missing one', async () => {
    const { body } = await openGate({ workflow_run_id: 'run-shared-name', block_id: 'blk' });
    const foreign = await api('GET', `/v1/workflows/reviews/run-shared-name/blk`, { key: other.reviewer.key });
    await resetDatabase();
    team = await createTeam('acme2');
    const missing = await api('GET', `/v1/workflows/reviews/run-shared-name/blk`, { key: team.reviewer.key });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect(body.workflow_run_id).toBe('run-shared-name');
  });

  it('lets two organizations use the same run and block ids independently', async () => {
    const body = gateBody({ workflow_run_id: 'run-same', block_id: 'blk-same' });
    const mineOpened = await api('POST', '/v1/workflows/reviews', { key: team.integration.key, body });
    const theirsOpened = await api('POST', '/v1/workflows/reviews', {
      key: other.integration.key,
      body: { ...body, model_output: { other: true } },
    });
    expect(mineOpened.status).toBe(201);
    expect(theirsOpened.status).toBe(201);
    const path = '/v1/workflows/reviews/run-same/blk-same';
    const edit = await api('POST', `${path}/versions`, {
      key: other.reviewer.key,
      body: { version_stamp: 0, snapshot: { theirs: 1 } },
    });
    expect(edit.status).toBe(200);
    const mine = await api('GET', path, { key: team.reviewer.key });
    expect(mine.body.rev).toBe(0);
    expect(mine.body.versions).toHaveLength(1);
    expect(mine.body.versions[0].snapshot).toEqual(body.model_output);
  });
});

// ---- the role table ------------------------------------------------------------------------

interface RouteCase {
  name: string;
  /** From the contract's Roles section. */
  allowed: Role[];
  /** The status an allowed role gets. */
  success: number;
  /** Roles this row is tabled for, when the contract leaves one of them open (tested apart). */
  roles?: Role[];
  /** Brings a fresh overlay into the state the call needs; returns its path. */
  setup: () => Promise<{ path: string; runId: string }>;
  call: (actor: TestActor, target: { path: string; runId: string }) => Promise<ApiResponse>;
}

async function freshGate() {
  const { body, path } = await openGate();
  return { path, runId: body.workflow_run_id };
}

async function claimedBy(holder: TestActor) {
  const target = await freshGate();
  const held = await api('POST', `${target.path}/claim`, { key: holder.key, body: { version_stamp: 0 } });
  expect(held.status).toBe(200);
  return target;
}

const ROUTES: RouteCase[] = [
  {
    name: 'GET queue',
    allowed: ['reviewer', 'lead', 'admin', 'integration'],
    success: 200,
    setup: freshGate,
    call: (actor) => api('GET', '/v1/workflows/reviews', { key: actor.key }),
  },
  {
    name: 'POST gate',
    allowed: ['integration', 'admin'],
    success: 201,
    setup: freshGate,
    call: (actor) => api('POST', '/v1/workflows/reviews', { key: actor.key, body: gateBody() }),
  },
  {
    name: 'GET overlay',
    allowed: ['reviewer', 'lead', 'admin', 'integration'],
    success: 200,
    setup: freshGate,
    call: (actor, { path }) => api('GET', path, { key: actor.key }),
  },
  {
    name: 'POST versions (human_edit)',
    allowed: ['reviewer', 'lead', 'admin'],
    success: 200,
    setup: freshGate,
    call: (actor, { path }) =>
      api('POST', `${path}/versions`, {
        key: actor.key,
        body: { version_stamp: 0, snapshot: { fixed: true }, origin: 'human_edit' },
      }),
  },
  {
    name: 'POST versions (origin left out = human_edit)',
    allowed: ['reviewer', 'lead', 'admin'],
    success: 200,
    setup: freshGate,
    call: (actor, { path }) =>
      api('POST', `${path}/versions`, { key: actor.key, body: { version_stamp: 0, snapshot: { fixed: true } } }),
  },
  {
    name: 'POST versions (agent_edit)',
    allowed: ['reviewer', 'lead', 'admin', 'integration'],
    success: 200,
    setup: freshGate,
    call: (actor, { path }) =>
      api('POST', `${path}/versions`, {
        key: actor.key,
        body: { version_stamp: 0, snapshot: { fixed: true }, origin: 'agent_edit' },
      }),
  },
  {
    name: 'POST decision (approve)',
    allowed: ['reviewer', 'lead', 'admin'],
    success: 200,
    setup: freshGate,
    call: (actor, { path }) =>
      api('POST', `${path}/decision`, { key: actor.key, body: { verdict: 'approved', version_stamp: 0 } }),
  },
  {
    name: 'POST decision (reject)',
    allowed: ['reviewer', 'lead', 'admin'],
    success: 200,
    setup: freshGate,
    call: (actor, { path }) =>
      api('POST', `${path}/decision`, {
        key: actor.key,
        body: { verdict: 'rejected', version_stamp: 0, reason: 'wrong vendor' },
      }),
  },
  {
    name: 'POST claim',
    allowed: ['reviewer', 'lead', 'admin'],
    success: 200,
    setup: freshGate,
    call: (actor, { path }) => api('POST', `${path}/claim`, { key: actor.key, body: { version_stamp: 0 } }),
  },
  {
    name: 'POST claim force (unclaimed)',
    allowed: ['lead', 'admin'],
    success: 200,
    setup: freshGate,
    call: (actor, { path }) =>
      api('POST', `${path}/claim`, { key: actor.key, body: { version_stamp: 0, force: true } }),
  },
  {
    name: 'POST claim force (held by another)',
    allowed: ['lead', 'admin'],
    success: 200,
    setup: () => claimedBy(team.reviewer2),
    call: (actor, { path }) =>
      api('POST', `${path}/claim`, { key: actor.key, body: { version_stamp: 1, force: true } }),
  },
  {
    name: "POST release (another's claim)",
    allowed: ['lead', 'admin'],
    success: 200,
    // A reviewer releasing someone else's claim has no code in the contract: tested below.
    roles: ['lead', 'admin', 'integration'],
    setup: () => claimedBy(team.reviewer2),
    call: (actor, { path }) => api('POST', `${path}/release`, { key: actor.key, body: { version_stamp: 1 } }),
  },
  {
    name: 'POST revert',
    allowed: ['reviewer', 'lead', 'admin'],
    success: 200,
    setup: async () => {
      const target = await freshGate();
      const edited = await api('POST', `${target.path}/versions`, {
        key: team.reviewer2.key,
        body: { version_stamp: 0, snapshot: { x: 1 } },
      });
      expect(edited.status).toBe(200);
      return target;
    },
    call: (actor, { path }) => api('POST', `${path}/revert`, { key: actor.key, body: { version_stamp: 1, to_seq: 0 } }),
  },
  {
    name: 'POST reopen',
    allowed: ['lead', 'admin'],
    success: 200,
    setup: async () => {
      const target = await freshGate();
      const decided = await api('POST', `${target.path}/decision`, {
        key: team.reviewer2.key,
        body: { verdict: 'rejected', version_stamp: 0, reason: 'no' },
      });
      expect(decided.status).toBe(200);
      return target;
    },
    call: (actor, { path }) =>
      api('POST', `${path}/reopen`, { key: actor.key, body: { version_stamp: 1, reason: 'wrong total' } }),
  },
  {
    name: 'GET run',
    allowed: ['reviewer', 'lead', 'admin', 'integration'],
    success: 200,
    setup: freshGate,
    call: (actor, { runId }) => api('GET', `/v1/workflows/runs/${runId}`, { key: actor.key }),
  },
];

describe('the role table', () => {
  beforeAll(async () => {
    await resetDatabase();
    team = await createTeam('roles');
  });

  const cases = ROUTES.flatMap((route) =>
    (route.roles ?? ROLES).map((role) => ({ route, role, allowed: route.allowed.includes(role) })),
  );

  it.each(cases)('$role × $route.name → allowed: $allowed', async ({ route, role, allowed }) => {
    const actor = team[role];
    const target = await route.setup();
    const before = await dbSnapshot();
    const response = await route.call(actor, target);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    if (allowed) {
      expect(response.status, JSON.stringify(response.body)).toBe(route.success);
    } else {
      expectEnvelope(response, 403, 'forbidden');
      expect(await dbSnapshot()).toEqual(before);
    }
  });

  it('a reviewer releases their own claim (200); the integration cannot (403)', async () => {
    const target = await claimedBy(team.reviewer);
    const refused = await api('POST', `${target.path}/release`, {
      key: team.integration.key,
      body: { version_stamp: 1 },
    });
    expectEnvelope(refused, 403, 'forbidden');
    const released = await api('POST', `${target.path}/release`, {
      key: team.reviewer.key,
      body: { version_stamp: 1 },
    });
    expect(released.status).toBe(200);
    expect(released.body.claim).toBeNull();
    expect(released.body.rev).toBe(2);
  });

  it("a reviewer may not release another reviewer's claim, and nothing changes", async () => {
    const target = await claimedBy(team.reviewer2);
    const before = await dbSnapshot();
    const response = await api('POST', `${target.path}/release`, {
      key: team.reviewer.key,
      body: { version_stamp: 1 },
    });
    // The contract names no code for this; either refusal is acceptable, a 200 is not.
    expect([403, 409]).toContain(response.status);
    expect(['forbidden', 'claim_held']).toContain(response.body.detail.code);
    expect(await dbSnapshot()).toEqual(before);
  });

  it('the lead force-claim takes the claim over from its holder', async () => {
    const target = await claimedBy(team.reviewer2);
    const response = await api('POST', `${target.path}/claim`, {
      key: team.lead.key,
      body: { version_stamp: 1, force: true },
    });
    expect(response.status).toBe(200);
    expect(response.body.claim.holder.id).toBe(team.lead.id);
    expect(response.body.audit.at(-1).event).toBe('claim_taken_over');
  });
});

// ---- authentication --------------------------------------------------------------------------

describe('authentication', () => {
  beforeEach(async () => {
    await resetDatabase();
    team = await createTeam('acme');
  });

  it('answers 401 unauthenticated without a key, with an unknown key and with a revoked key', async () => {
    const { path, body } = await openGate();
    const before = await dbSnapshot();
    const revokedCount = await prisma.apiKey.updateMany({
      where: { actorId: team.reviewer2.pk },
      data: { revokedAt: new Date() },
    });
    expect(revokedCount.count).toBe(1);
    const snapshotAfterRevoke = await dbSnapshot();
    expect(snapshotAfterRevoke).toEqual(before);

    const keys: [string, string | null][] = [
      ['no key', null],
      ['unknown key', 'ri_definitely_not_a_real_key_0000000000'],
      ['revoked key', team.reviewer2.key],
    ];
    const calls: ['GET' | 'POST', string, unknown][] = [
      ['GET', '/v1/workflows/reviews', undefined],
      ['POST', '/v1/workflows/reviews', gateBody()],
      ['GET', path, undefined],
      ['POST', `${path}/versions`, { version_stamp: 0, snapshot: { a: 1 } }],
      ['POST', `${path}/decision`, { verdict: 'approved', version_stamp: 0 }],
      ['POST', `${path}/claim`, { version_stamp: 0 }],
      ['POST', `${path}/release`, { version_stamp: 0 }],
      ['POST', `${path}/revert`, { version_stamp: 0, to_seq: 0 }],
      ['POST', `${path}/reopen`, { version_stamp: 0, reason: 'x' }],
      ['GET', `/v1/workflows/runs/${body.workflow_run_id}`, undefined],
    ];
    for (const [label, key] of keys) {
      for (const [method, url, requestBody] of calls) {
        const response = await api(method, url, { key, body: requestBody });
        expect(response.status, `${label} ${method} ${url}`).toBe(401);
        expectEnvelope(response, 401, 'unauthenticated');
      }
    }
    // A malformed Authorization header is no credential either.
    for (const authorization of ['Bearer', 'Basic dXNlcjpwYXNz', `Token ${team.reviewer.key}`]) {
      const response = await api('GET', path, { headers: { authorization } });
      expectEnvelope(response, 401, 'unauthenticated');
    }
    expect(await dbSnapshot()).toEqual(before);
  });

  it('accepts Authorization: Bearer <key> exactly like Api-Key', async () => {
    const { path } = await openGate();
    const read = await api('GET', path, { headers: { authorization: `Bearer ${team.reviewer.key}` } });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"0"');
    const claimed = await api('POST', `${path}/claim`, {
      headers: { authorization: `Bearer ${team.reviewer.key}` },
      body: { version_stamp: 0 },
    });
    expect(claimed.status).toBe(200);
    expect(claimed.body.claim.holder.id).toBe(team.reviewer.id);
    const opened = await api('POST', '/v1/workflows/reviews', {
      headers: { authorization: `Bearer ${team.integration.key}` },
      body: gateBody(),
    });
    expect(opened.status).toBe(201);
    const forbidden = await api('POST', '/v1/workflows/reviews', {
      headers: { authorization: `Bearer ${team.reviewer.key}` },
      body: gateBody(),
    });
    expectEnvelope(forbidden, 403, 'forbidden');
  });

  it('takes the actor from the key, never from the body', async () => {
    const impostor = { kind: 'human', id: team.lead.id, display_name: team.lead.display_name };
    const gate = gateBody({ actor: impostor, author: impostor, decided_by: impostor });
    const opened = await api('POST', '/v1/workflows/reviews', { key: team.integration.key, body: gate });
    expect(opened.status).toBe(201);
    expect(opened.body.audit[0].actor.id).toBe(team.integration.id);
    expect(opened.body.versions[0].author).toEqual({
      kind: 'model',
      id: gate.model.id,
      display_name: gate.model.display_name,
    });
    const path = `/v1/workflows/reviews/${gate.workflow_run_id}/${gate.block_id}`;

    const claimed = await api('POST', `${path}/claim`, {
      key: team.reviewer.key,
      body: { version_stamp: 0, actor: impostor, holder: impostor },
    });
    expect(claimed.status).toBe(200);
    expect(claimed.body.claim.holder).toEqual({
      kind: 'human',
      id: team.reviewer.id,
      display_name: team.reviewer.display_name,
    });

    const edited = await api('POST', `${path}/versions`, {
      key: team.reviewer.key,
      body: {
        version_stamp: 1,
        snapshot: { vendor: 'Acme AG' },
        actor: impostor,
        author: impostor,
        decided_by: impostor,
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.versions[1].author.id).toBe(team.reviewer.id);
    expect(edited.body.audit.at(-1).actor.id).toBe(team.reviewer.id);

    const decided = await api('POST', `${path}/decision`, {
      key: team.agent.key,
      body: {
        verdict: 'approved',
        version_stamp: 2,
        edited_output: { vendor: 'Acme AG', ok: true },
        actor: impostor,
        author: impostor,
        decided_by: impostor,
      },
    });
    expect(decided.status).toBe(200);
    const overlay = decided.body.overlay;
    expect(overlay.decisions[0].decided_by).toEqual({
      kind: 'agent',
      id: team.agent.id,
      display_name: team.agent.display_name,
    });
    // An agent's edit inside a decision is an agent_edit, authored by the agent.
    expect(overlay.versions[2]).toMatchObject({ origin: 'agent_edit', author: { id: team.agent.id } });
    for (const entry of overlay.audit.slice(-3)) expect(entry.actor.id).not.toBe(team.lead.id);
  });
});

// ---- x-request-id ----------------------------------------------------------------------------

describe('x-request-id', () => {
  beforeAll(async () => {
    await resetDatabase();
    team = await createTeam('rid');
  });

  it('is on every response, success and error alike', async () => {
    const { path, body } = await openGate();
    const responses: [string, ApiResponse, number][] = [];
    const record = async (label: string, expected: number, response: Promise<ApiResponse>) => {
      responses.push([label, await response, expected]);
    };
    await record('200 queue', 200, api('GET', '/v1/workflows/reviews', { key: team.reviewer.key }));
    await record(
      '201 gate',
      201,
      api('POST', '/v1/workflows/reviews', { key: team.integration.key, body: gateBody() }),
    );
    await record('200 gate replay', 200, api('POST', '/v1/workflows/reviews', { key: team.integration.key, body }));
    await record(
      '409 gate_conflict',
      409,
      api('POST', '/v1/workflows/reviews', { key: team.integration.key, body: { ...body, priority: 5 } }),
    );
    await record('200 overlay', 200, api('GET', path, { key: team.reviewer.key }));
    await record('200 run', 200, api('GET', `/v1/workflows/runs/${body.workflow_run_id}`, { key: team.reviewer.key }));
    await record(
      '200 claim',
      200,
      api('POST', `${path}/claim`, { key: team.reviewer.key, body: { version_stamp: 0, command_id: 'c1' } }),
    );
    await record(
      '200 replay',
      200,
      api('POST', `${path}/claim`, { key: team.reviewer.key, body: { version_stamp: 0, command_id: 'c1' } }),
    );
    await record(
      '409 claim_held',
      409,
      api('POST', `${path}/claim`, { key: team.reviewer2.key, body: { version_stamp: 1 } }),
    );
    await record(
      '409 version_conflict',
      409,
      api('POST', `${path}/versions`, { key: team.reviewer.key, body: { version_stamp: 0, snapshot: {} } }),
    );
    await record('400', 400, api('POST', `${path}/versions`, { key: team.reviewer.key, rawBody: '{nope' }));
    await record('401', 401, api('GET', path, {}));
    await record(
      '403',
      403,
      api('POST', `${path}/reopen`, { key: team.reviewer.key, body: { version_stamp: 1, reason: 'x' } }),
    );
    await record('404', 404, api('GET', '/v1/workflows/reviews/nope/nope', { key: team.reviewer.key }));
    await record(
      '413',
      413,
      api('POST', `${path}/versions`, { key: team.reviewer.key, rawBody: `{"x":"${'a'.repeat(1024 * 1024)}"}` }),
    );
    await record(
      '415',
      415,
      api('POST', `${path}/versions`, {
        key: team.reviewer.key,
        rawBody: '{}',
        headers: { 'content-type': 'text/plain' },
      }),
    );
    await record('422', 422, api('POST', `${path}/versions`, { key: team.reviewer.key, body: { version_stamp: '1' } }));
    await record(
      '422 reused',
      422,
      api('POST', `${path}/claim`, {
        key: team.reviewer.key,
        body: { version_stamp: 1, ttl_seconds: 60, command_id: 'c1' },
      }),
    );
    await record(
      '200 decision',
      200,
      api('POST', `${path}/decision`, { key: team.reviewer.key, body: { verdict: 'approved', version_stamp: 1 } }),
    );
    await record(
      '409 not_awaiting_review',
      409,
      api('POST', `${path}/versions`, { key: team.reviewer.key, body: { version_stamp: 2, snapshot: {} } }),
    );
    const ids = new Set<string>();
    for (const [label, response, expected] of responses) {
      expect(response.status, label).toBe(expected);
      const id = response.headers.get('x-request-id');
      expect(id, label).toMatch(/\S/);
      ids.add(id!);
    }
    expect(ids.size).toBe(responses.length);
  });

  it('keeps a well-formed x-request-id the client sent', async () => {
    const response = await api('GET', '/v1/workflows/reviews', {
      key: team.reviewer.key,
      headers: { 'x-request-id': 'trace-abc.123' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-abc.123');
  });
});
