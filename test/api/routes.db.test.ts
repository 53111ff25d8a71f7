/**
 * Every review route against the wire contract (/work/shared/api-contract.md): what a client
 * notices — status, body, headers — and the effect on the database, read back through the API.
 */
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { resetDatabase } from '../db';
import { createSilentEndpoint, createTeam, gateBody, type TestTeam } from '../fixtures';
import {
  actorOf,
  canonicalSha256,
  expectContiguousAudit,
  expectError,
  expectValidationIssue,
  getRun,
  ISO_MS,
  openReview,
  REVIEWS,
  type Review,
  send,
} from '../review-helpers';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

const EDIT = { vendor: 'Acme AG', total: 1200.5, currency: 'EUR', lines: [{ sku: 'A-1', qty: 2 }] };
const EDIT_2 = { vendor: 'Acme AG', total: 1250, currency: 'EUR', lines: [{ sku: 'A-1', qty: 3 }] };

/** Opens a gate and appends `edits` as human versions, so that head_seq = edits.length. */
async function reviewWithEdits(
  edits: Record<string, unknown>[],
  overrides: Record<string, unknown> = {},
): Promise<Review> {
  const review = await openReview(team, overrides);
  for (const snapshot of edits) await review.ok('versions', team.reviewer, { snapshot });
  return review;
}

async function approvedReview(): Promise<Review> {
  const review = await reviewWithEdits([EDIT]);
  await review.ok('decision', team.reviewer, { verdict: 'approved' });
  return review;
}

describe('POST /v1/workflows/reviews (open a gate)', () => {
  it('creates the overlay at rev 0 with the model output as version 0', async () => {
    const gate = gateBody();
    const response = await send('POST', REVIEWS, { key: team.integration.key, body: gate });

    expect(response.status).toBe(201);
    const overlay = response.body;
    expect(overlay).toMatchObject({
      _id: `${gate.workflow_run_id}:${gate.block_id}`,
      block_run_id: `${gate.workflow_run_id}:${gate.block_id}`,
      organization_id: team.organizationId,
      workflow_id: gate.workflow_id,
      workflow_version_id: gate.workflow_version_id,
      workflow_run_id: gate.workflow_run_id,
      block_id: gate.block_id,
      block_type: 'extract',
      triggered_by: { kind: 'always' },
      priority: 0,
      status: 'awaiting_review',
      decided_at: null,
      rev: 0,
      version_stamp: 0,
      claim: null,
      head_seq: 0,
      effective_seq: null,
      decisions: [],
      reviewable_value: null,
    });
    expect(overlay.awaiting_since).toMatch(ISO_MS);
    expect(overlay.versions).toEqual([
      {
        seq: 0,
        parent_seq: null,
        origin: 'model_output',
        author: { kind: 'model', id: 'gpt-4.1', display_name: 'GPT-4.1' },
        snapshot: gate.model_output,
        content_sha256: canonicalSha256(gate.model_output),
        note: null,
        created_at: expect.stringMatching(ISO_MS),
      },
    ]);
    expect(overlay.audit).toHaveLength(1);
    expect(overlay.audit[0]).toMatchObject({
      event: 'gate_opened',
      action: 'gate_opened',
      actor: actorOf(team.integration),
      rev_observed: 0,
      rev_result: 0,
    });
    expect(overlay.audit[0].entry_id).toMatch(/^aud_/);
  });

  it('hashes the snapshot canonically whatever the key order the engine sent', async () => {
    const review = await openReview(team, { model_output: { z: 1, a: { y: [2, { d: 1, c: 0 }], b: null } } });
    expect(review.opened.versions[0].content_sha256).toBe(createHashOf('{"a":{"b":null,"y":[2,{"c":0,"d":1}]},"z":1}'));
  });

  it('keeps a given priority and triggered_by', async () => {
    const review = await openReview(team, { priority: 7, triggered_by: { kind: 'confidence_below', threshold: 0.8 } });
    expect(review.opened).toMatchObject({ priority: 7, triggered_by: { kind: 'confidence_below', threshold: 0.8 } });
  });

  it('answers an identical replay with 200 and the same overlay, writing no history twice', async () => {
    const gate = gateBody();
    const first = await send('POST', REVIEWS, { key: team.integration.key, body: gate });
    const replay = await send('POST', REVIEWS, { key: team.integration.key, body: gate });

    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(replay.body.versions).toHaveLength(1);
    expect(replay.body.audit).toHaveLength(1);
  });

  it('treats explicit defaults and nulls as the same body', async () => {
    const gate = gateBody();
    await send('POST', REVIEWS, { key: team.integration.key, body: gate });
    const replay = await send('POST', REVIEWS, {
      key: team.integration.key,
      body: { ...gate, priority: null, triggered_by: { kind: 'always' } },
    });
    expect(replay.status).toBe(200);
  });

  it('refuses a different body for the same run and block with 409 gate_conflict', async () => {
    const gate = gateBody();
    await send('POST', REVIEWS, { key: team.integration.key, body: gate });
    const conflict = await send('POST', REVIEWS, {
      key: team.integration.key,
      body: { ...gate, model_output: { vendor: 'Other' } },
    });
    expectError(conflict, 409, 'gate_conflict');

    const overlay = await send('GET', `${REVIEWS}/${gate.workflow_run_id}/${gate.block_id}`, {
      key: team.reviewer.key,
    });
    expect(overlay.body.versions[0].snapshot).toEqual(gate.model_output);
  });

  it('refuses a run id already used by another workflow with 409 gate_conflict', async () => {
    const review = await openReview(team);
    const conflict = await send('POST', REVIEWS, {
      key: team.integration.key,
      body: gateBody({ workflow_run_id: review.runId, workflow_id: 'other-workflow', block_id: 'another-block' }),
    });
    expectError(conflict, 409, 'gate_conflict');

    const run = await getRun(team, review.runId);
    expect(run.body.workflow_id).toBe('invoice-extraction');
    expect(run.body.gates).toHaveLength(1);
  });

  // "No error leaves a partial write behind": a refused gate must not touch the run either.
  it('leaves the run untouched when refusing a different body', async () => {
    const review = await openReview(team);
    const before = (await getRun(team, review.runId)).body;
    await sleep(5);
    const conflict = await send('POST', REVIEWS, { key: team.integration.key, body: { ...review.gate, priority: 3 } });
    expectError(conflict, 409, 'gate_conflict');
    expect((await getRun(team, review.runId)).body).toEqual(before);
  });

  it('leaves the run untouched when refusing another workflow’s run id', async () => {
    const review = await openReview(team);
    const before = (await getRun(team, review.runId)).body;
    await sleep(5);
    const conflict = await send('POST', REVIEWS, {
      key: team.integration.key,
      body: gateBody({ workflow_run_id: review.runId, workflow_id: 'other-workflow' }),
    });
    expectError(conflict, 409, 'gate_conflict');
    expect((await getRun(team, review.runId)).body).toEqual(before);
  });

  it('marks the run awaiting_review', async () => {
    const review = await openReview(team);
    const run = await getRun(team, review.runId);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      id: review.runId,
      workflow_id: 'invoice-extraction',
      status: 'awaiting_review',
      gates: [{ block_id: 'extract-invoice', status: 'awaiting_review', effective_seq: null, effective_output: null }],
    });
    expect(run.body.updated_at).toMatch(ISO_MS);
  });

  it('is for integrations and admins only', async () => {
    expectError(await send('POST', REVIEWS, { key: team.reviewer.key, body: gateBody() }), 403, 'forbidden');
    expectError(await send('POST', REVIEWS, { key: team.lead.key, body: gateBody() }), 403, 'forbidden');
    expect((await send('POST', REVIEWS, { key: team.admin.key, body: gateBody() })).status).toBe(201);
  });

  it('validates the body with 422 and a path per issue', async () => {
    const { model_output: _omitted, ...withoutOutput } = gateBody();
    expectValidationIssue(await send('POST', REVIEWS, { key: team.integration.key, body: withoutOutput }), [
      'model_output',
    ]);
    expectValidationIssue(
      await send('POST', REVIEWS, { key: team.integration.key, body: gateBody({ block_type: 'summarize' }) }),
      ['block_type'],
    );
    expectValidationIssue(
      await send('POST', REVIEWS, { key: team.integration.key, body: gateBody({ priority: '5' }) }),
      ['priority'],
    );
  });
});

describe('request handling common to every route', () => {
  it('answers 401 unauthenticated without a key or with an unknown key', async () => {
    expectError(await send('GET', REVIEWS), 401, 'unauthenticated');
    expectError(await send('GET', REVIEWS, { key: 'rik_not_a_real_key' }), 401, 'unauthenticated');
  });

  it('accepts the key as a Bearer token', async () => {
    const response = await send('GET', REVIEWS, { headers: { authorization: `Bearer ${team.reviewer.key}` } });
    expect(response.status).toBe(200);
  });

  it('answers 400 invalid_json, 415 unsupported_media_type and 413 payload_too_large', async () => {
    const review = await openReview(team);
    expectError(
      await send('POST', `${review.path}/claim`, { key: team.reviewer.key, rawBody: '{"version_stamp": 0' }),
      400,
      'invalid_json',
    );
    expectError(
      await send('POST', `${review.path}/claim`, {
        key: team.reviewer.key,
        rawBody: '{"version_stamp":0}',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      'unsupported_media_type',
    );
    expectError(
      await send('POST', `${review.path}/versions`, {
        key: team.reviewer.key,
        body: { version_stamp: 0, snapshot: { blob: 'x'.repeat(1024 * 1024) } },
      }),
      413,
      'payload_too_large',
    );
    expect((await review.read()).rev).toBe(0);
  });

  it('echoes a well-formed x-request-id and ignores unknown body fields', async () => {
    const review = await openReview(team);
    const response = await send('POST', `${review.path}/claim`, {
      key: team.reviewer.key,
      body: { version_stamp: 0, colour: 'blue' },
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-123');
  });
});

describe('GET /v1/workflows/reviews/{run_id}/{block_id}', () => {
  it('answers the overlay with ETag "<rev>"', async () => {
    const review = await openReview(team);
    await review.ok('claim', team.reviewer);

    const response = await review.get();
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toMatchObject({ rev: 1, version_stamp: 1, _id: review.opened._id });
  });

  it('answers 404 not_found with the error envelope for an unknown overlay', async () => {
    const response = await send('GET', `${REVIEWS}/no-such-run/no-such-block`, { key: team.reviewer.key });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      detail: { code: 'not_found', message: expect.any(String), details: null },
    });
  });

  it('answers 404 for an overlay of another organization, exactly like a missing one', async () => {
    const review = await openReview(team);
    const outsider = await createTeam('globex');
    const response = await review.get(outsider.reviewer);
    expectError(response, 404, 'not_found');
    expectError(await review.post('claim', outsider.reviewer, { version_stamp: 0 }), 404, 'not_found');
  });
});

describe('POST …/versions', () => {
  it('appends seq = head + 1 with parent_seq = old head, as human_edit by default', async () => {
    const review = await reviewWithEdits([EDIT]);
    const before = await review.read();

    const response = await review.act('versions', team.reviewer, { snapshot: EDIT_2, note: 'qty fixed' });
    expect(response.status).toBe(200);
    const overlay = response.body;
    expect(overlay.rev).toBe(before.rev + 1);
    expect(overlay.head_seq).toBe(2);
    expect(overlay.versions.at(-1)).toEqual({
      seq: 2,
      parent_seq: 1,
      origin: 'human_edit',
      author: actorOf(team.reviewer),
      snapshot: EDIT_2,
      content_sha256: canonicalSha256(EDIT_2),
      note: 'qty fixed',
      created_at: expect.stringMatching(ISO_MS),
    });
    expect(overlay.versions.slice(0, 2)).toEqual(before.versions);
    expect(overlay.audit.at(-1)).toMatchObject({
      event: 'version_appended',
      actor: actorOf(team.reviewer),
      rev_observed: before.rev,
      rev_result: before.rev + 1,
    });
    expect(await review.read()).toEqual(overlay);
  });

  it('appends agent_edit for an agent reviewer and for the integration', async () => {
    const review = await openReview(team);
    const byAgent = await review.ok('versions', team.agent, { snapshot: EDIT, origin: 'agent_edit' });
    expect(byAgent.versions.at(-1)).toMatchObject({ seq: 1, origin: 'agent_edit', author: actorOf(team.agent) });

    const byIntegration = await review.ok('versions', team.integration, { snapshot: EDIT_2, origin: 'agent_edit' });
    expect(byIntegration.versions.at(-1)).toMatchObject({ seq: 2, parent_seq: 1, origin: 'agent_edit' });
  });

  it.each(['model_output', 'revert'])('refuses origin %s with 422 on path origin', async (origin) => {
    const review = await openReview(team);
    expectValidationIssue(await review.act('versions', team.reviewer, { snapshot: EDIT, origin }), ['origin']);
    expect((await review.read()).versions).toHaveLength(1);
  });

  it('refuses a missing or non-object snapshot and a missing stamp with 422', async () => {
    const review = await openReview(team);
    expectValidationIssue(await review.act('versions', team.reviewer, {}), ['snapshot']);
    expectValidationIssue(await review.act('versions', team.reviewer, { snapshot: [1, 2] }), ['snapshot']);
    expectValidationIssue(await review.post('versions', team.reviewer, { snapshot: EDIT }), ['version_stamp']);
    expectValidationIssue(await review.act('versions', team.reviewer, { snapshot: EDIT, note: 'n'.repeat(4001) }), [
      'note',
    ]);
  });

  it('refuses a stale stamp with 409 version_conflict saying what moved, and changes nothing', async () => {
    const review = await openReview(team);
    const claimed = await review.ok('claim', team.reviewer2);

    const response = await review.post('versions', team.reviewer, { version_stamp: 0, snapshot: EDIT });
    const details = expectError(response, 409, 'version_conflict');
    expect(details).toEqual({
      expected: 0,
      current_rev: 1,
      head_seq: 0,
      status: 'awaiting_review',
      last_change: { event: 'claimed', actor: actorOf(team.reviewer2), at: claimed.audit.at(-1).at },
    });
    expect(await review.read()).toEqual(claimed);
  });

  it('refuses an append on a decided overlay with 409 not_awaiting_review', async () => {
    const review = await approvedReview();
    expectError(await review.act('versions', team.reviewer, { snapshot: EDIT_2 }), 409, 'not_awaiting_review');
    expect((await review.read()).versions).toHaveLength(2);
  });

  it('replays a command_id with 200, Idempotent-Replayed: true and no new version, even with its old stamp', async () => {
    const review = await openReview(team);
    const body = { version_stamp: 0, snapshot: EDIT, command_id: 'edit-1' };
    const first = await review.post('versions', team.reviewer, body);
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const replay = await review.post('versions', team.reviewer, body);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ rev: 1, head_seq: 1 });
    expect(replay.body.versions).toHaveLength(2);
    expect(replay.body.audit).toHaveLength(2);
  });

  it('refuses a command_id reused for a different snapshot with 422 idempotency_key_reused', async () => {
    const review = await openReview(team);
    await review.post('versions', team.reviewer, { version_stamp: 0, snapshot: EDIT, command_id: 'edit-1' });
    const reused = await review.post('versions', team.reviewer, {
      version_stamp: 1,
      snapshot: EDIT_2,
      command_id: 'edit-1',
    });
    expectError(reused, 422, 'idempotency_key_reused');
    expect((await review.read()).versions).toHaveLength(2);
  });

  it('scopes a command_id to one overlay', async () => {
    const [first, second] = [await openReview(team), await openReview(team)];
    await first.post('versions', team.reviewer, { version_stamp: 0, snapshot: EDIT, command_id: 'edit-1' });
    const other = await second.post('versions', team.reviewer, {
      version_stamp: 0,
      snapshot: EDIT_2,
      command_id: 'edit-1',
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.body.versions.at(-1).snapshot).toEqual(EDIT_2);
  });

  it('refuses a malformed command_id with 422', async () => {
    const review = await openReview(team);
    expectValidationIssue(await review.act('versions', team.reviewer, { snapshot: EDIT, command_id: 'has space' }), [
      'command_id',
    ]);
  });
});

describe('POST …/decision', () => {
  it('approves the head by default and resumes the run', async () => {
    const review = await reviewWithEdits([EDIT]);
    const response = await review.act('decision', team.reviewer, { verdict: 'approved' });

    expect(response.status).toBe(200);
    expect(response.body.submission_status).toBe('accepted');
    const overlay = response.body.overlay;
    expect(overlay).toMatchObject({ status: 'approved', effective_seq: 1, rev: 2 });
    expect(overlay.decided_at).toMatch(ISO_MS);
    expect(overlay.decisions).toEqual([
      {
        decision_id: expect.stringMatching(/^dec_/),
        verdict: 'approved',
        decided_by: actorOf(team.reviewer),
        decided_at: overlay.decided_at,
        on_seq: 1,
        effective_seq: 1,
        reason: null,
        supersedes_decision_id: null,
      },
    ]);
    expect(overlay.audit.at(-1)).toMatchObject({ event: 'approved', rev_observed: 1, rev_result: 2 });

    const run = await getRun(team, review.runId);
    expect(run.body.status).toBe('resumed');
    expect(run.body.gates[0]).toEqual({
      block_id: 'extract-invoice',
      status: 'approved',
      effective_seq: 1,
      effective_output: EDIT,
    });
  });

  it('approves an earlier version through effective_seq', async () => {
    const review = await reviewWithEdits([EDIT]);
    const overlay = await review.ok('decision', team.reviewer, { verdict: 'approved', effective_seq: 0 });
    expect(overlay.effective_seq).toBe(0);
    expect(overlay.decisions[0]).toMatchObject({ on_seq: 1, effective_seq: 0 });

    const run = await getRun(team, review.runId);
    expect(run.body.gates[0].effective_output).toEqual(review.gate.model_output);
  });

  it('defaults effective_seq to an explicit on_seq', async () => {
    const review = await reviewWithEdits([EDIT]);
    const overlay = await review.ok('decision', team.reviewer, { verdict: 'approved', on_seq: 0 });
    expect(overlay.decisions[0]).toMatchObject({ on_seq: 0, effective_seq: 0 });
    expect(overlay.effective_seq).toBe(0);
  });

  it.each([
    ['on_seq', { on_seq: 2 }],
    ['effective_seq', { effective_seq: 2 }],
  ])('refuses %s beyond the head with 422 and decides nothing', async (field, extra) => {
    const review = await reviewWithEdits([EDIT]);
    expectValidationIssue(await review.act('decision', team.reviewer, { verdict: 'approved', ...extra }), [field]);
    expect(await review.read()).toMatchObject({ status: 'awaiting_review', rev: 1, decisions: [] });
  });

  it('approves edited_output as a new human_edit version in one call that moves rev by 1', async () => {
    const review = await reviewWithEdits([EDIT]);
    const overlay = await review.ok('decision', team.reviewer, { verdict: 'approved', edited_output: EDIT_2 });

    expect(overlay).toMatchObject({ status: 'approved', rev: 2, head_seq: 2, effective_seq: 2 });
    expect(overlay.versions.at(-1)).toMatchObject({
      seq: 2,
      parent_seq: 1,
      origin: 'human_edit',
      author: actorOf(team.reviewer),
      snapshot: EDIT_2,
      content_sha256: canonicalSha256(EDIT_2),
    });
    expect(overlay.decisions[0]).toMatchObject({ on_seq: 2, effective_seq: 2 });
    const lastTwo = overlay.audit.slice(-2);
    expect(lastTwo.map((entry: any) => entry.event)).toEqual(['version_appended', 'approved']);
    for (const entry of lastTwo) expect(entry).toMatchObject({ rev_observed: 1, rev_result: 2 });
    expect((await getRun(team, review.runId)).body.gates[0].effective_output).toEqual(EDIT_2);
  });

  it('records edited_output from an agent as agent_edit', async () => {
    const review = await openReview(team);
    const overlay = await review.ok('decision', team.agent, { verdict: 'approved', edited_output: EDIT });
    expect(overlay.versions.at(-1)).toMatchObject({ seq: 1, origin: 'agent_edit', author: actorOf(team.agent) });
    expect(overlay.decisions[0].decided_by).toEqual(actorOf(team.agent));
  });

  it.each([
    ['on_seq', { on_seq: 0 }],
    ['effective_seq', { effective_seq: 0 }],
  ])('refuses edited_output together with %s with 422', async (_field, extra) => {
    const review = await openReview(team);
    const response = await review.act('decision', team.reviewer, {
      verdict: 'approved',
      edited_output: EDIT,
      ...extra,
    });
    expectError(response, 422, 'validation_error');
    expect(await review.read()).toMatchObject({ status: 'awaiting_review', rev: 0, head_seq: 0 });
  });

  it('rejects with a reason, no effective version, and cancels the run', async () => {
    const review = await reviewWithEdits([EDIT]);
    const overlay = await review.ok('decision', team.reviewer, { verdict: 'rejected', reason: 'wrong vendor' });

    expect(overlay).toMatchObject({ status: 'rejected', effective_seq: null, rev: 2 });
    expect(overlay.decided_at).toMatch(ISO_MS);
    expect(overlay.decisions[0]).toMatchObject({
      verdict: 'rejected',
      on_seq: 1,
      effective_seq: null,
      reason: 'wrong vendor',
    });
    expect(overlay.audit.at(-1)).toMatchObject({ event: 'rejected', rev_observed: 1, rev_result: 2 });

    const run = await getRun(team, review.runId);
    expect(run.body.status).toBe('cancelled');
    expect(run.body.gates[0]).toMatchObject({ status: 'rejected', effective_seq: null, effective_output: null });
  });

  it.each([
    ['no reason', {}],
    ['a null reason', { reason: null }],
    ['a blank reason', { reason: '   ' }],
  ])('refuses a rejection with %s with 422 on path reason', async (_label, extra) => {
    const review = await openReview(team);
    expectValidationIssue(await review.act('decision', team.reviewer, { verdict: 'rejected', ...extra }), ['reason']);
    expect((await review.read()).status).toBe('awaiting_review');
  });

  it.each([
    ['edited_output', { edited_output: EDIT }],
    ['effective_seq', { effective_seq: 0 }],
  ])('refuses a rejection carrying %s with 422', async (field, extra) => {
    const review = await openReview(team);
    const response = await review.act('decision', team.reviewer, { verdict: 'rejected', reason: 'bad', ...extra });
    expectValidationIssue(response, [field]);
    expect(await review.read()).toMatchObject({ status: 'awaiting_review', head_seq: 0 });
  });

  it('refuses an unknown or missing verdict with 422 on path verdict', async () => {
    const review = await openReview(team);
    expectValidationIssue(await review.act('decision', team.reviewer, { verdict: 'maybe' }), ['verdict']);
    expectValidationIssue(await review.act('decision', team.reviewer, {}), ['verdict']);
  });

  it('refuses a decision on a decided overlay with 409 not_awaiting_review', async () => {
    const review = await approvedReview();
    expectError(
      await review.act('decision', team.reviewer2, { verdict: 'rejected', reason: 'late' }),
      409,
      'not_awaiting_review',
    );
    expect((await review.read()).decisions).toHaveLength(1);
  });

  it('refuses a stale stamp with 409 version_conflict', async () => {
    const review = await reviewWithEdits([EDIT]);
    const details = expectError(
      await review.post('decision', team.reviewer, { verdict: 'approved', version_stamp: 0 }),
      409,
      'version_conflict',
    );
    expect(details).toMatchObject({ expected: 0, current_rev: 1, head_seq: 1, status: 'awaiting_review' });
    expect(details.last_change).toMatchObject({ event: 'version_appended', actor: actorOf(team.reviewer) });
  });

  it('does not need the claim and clears it', async () => {
    const review = await openReview(team);
    await review.ok('claim', team.reviewer2);
    const overlay = await review.ok('decision', team.reviewer, { verdict: 'approved' });
    expect(overlay.claim).toBeNull();
    expect((await review.read()).claim).toBeNull();
  });

  it('answers a replayed command_id already_received, then already_applied once its effects are delivered', async () => {
    await createSilentEndpoint(team.organizationId);
    const review = await openReview(team);
    const body = { verdict: 'approved', version_stamp: 0, command_id: 'decide-1' };
    const first = await review.post('decision', team.reviewer, body);
    expect(first.body.submission_status).toBe('accepted');

    const received = await review.post('decision', team.reviewer, body);
    expect(received.status).toBe(200);
    expect(received.body.submission_status).toBe('already_received');
    expect(received.body.overlay).toMatchObject({ rev: 1, status: 'approved' });
    expect(received.body.overlay.decisions).toHaveLength(1);

    const decisionId = first.body.overlay.decisions[0].decision_id;
    const marked = await prisma.webhookDelivery.updateMany({
      where: { event: { decisionId } },
      data: { status: 'delivered', deliveredAt: new Date() },
    });
    expect(marked.count).toBe(1);

    const applied = await review.post('decision', team.reviewer, body);
    expect(applied.status).toBe(200);
    expect(applied.body.submission_status).toBe('already_applied');
    expect(applied.body.overlay.rev).toBe(1);
  });

  it('answers a replayed command_id already_applied at once when no endpoint was subscribed', async () => {
    const review = await openReview(team);
    const body = { verdict: 'approved', version_stamp: 0, command_id: 'decide-1' };
    expect((await review.post('decision', team.reviewer, body)).body.submission_status).toBe('accepted');
    expect((await review.post('decision', team.reviewer, body)).body.submission_status).toBe('already_applied');
  });

  it('refuses a decision command_id reused for another verdict with 422 idempotency_key_reused', async () => {
    const review = await openReview(team);
    await review.post('decision', team.reviewer, { verdict: 'approved', version_stamp: 0, command_id: 'decide-1' });
    const reused = await review.post('decision', team.reviewer, {
      verdict: 'rejected',
      reason: 'no',
      version_stamp: 0,
      command_id: 'decide-1',
    });
    expectError(reused, 422, 'idempotency_key_reused');
  });

  it('is refused to the integration with 403', async () => {
    const review = await openReview(team);
    expectError(await review.act('decision', team.integration, { verdict: 'approved' }), 403, 'forbidden');
  });
});

describe('POST …/claim', () => {
  it('claims for the caller with expires_at = now + 900 s by default', async () => {
    const review = await openReview(team);
    const before = Date.now();
    const overlay = await review.ok('claim', team.reviewer);
    const after = Date.now();

    expect(overlay.rev).toBe(1);
    expect(overlay.claim.holder).toEqual(actorOf(team.reviewer));
    expect(overlay.claim.claimed_at).toMatch(ISO_MS);
    expect(overlay.claim.expires_at).toMatch(ISO_MS);
    const expiresAt = Date.parse(overlay.claim.expires_at);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 900_000);
    expect(expiresAt).toBeLessThanOrEqual(after + 900_000);
    expect(overlay.audit.at(-1)).toMatchObject({
      event: 'claimed',
      actor: actorOf(team.reviewer),
      rev_observed: 0,
      rev_result: 1,
    });
  });

  it.each([30, 86400])('accepts ttl_seconds %i', async (ttl) => {
    const review = await openReview(team);
    const before = Date.now();
    const overlay = await review.ok('claim', team.reviewer, { ttl_seconds: ttl });
    const expiresAt = Date.parse(overlay.claim.expires_at);
    expect(expiresAt).toBeGreaterThanOrEqual(before + ttl * 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + ttl * 1000);
  });

  it.each([29, 86401, 60.5])('refuses ttl_seconds %s with 422', async (ttl) => {
    const review = await openReview(team);
    expectValidationIssue(await review.act('claim', team.reviewer, { ttl_seconds: ttl }), ['ttl_seconds']);
    expect((await review.read()).claim).toBeNull();
  });

  it('renews the claim of its holder', async () => {
    const review = await openReview(team);
    const first = await review.ok('claim', team.reviewer, { ttl_seconds: 60 });
    const renewed = await review.ok('claim', team.reviewer, { ttl_seconds: 3600 });

    expect(renewed.rev).toBe(2);
    expect(renewed.claim.holder).toEqual(actorOf(team.reviewer));
    expect(Date.parse(renewed.claim.expires_at)).toBeGreaterThan(Date.parse(first.claim.expires_at));
    expect(renewed.audit.at(-1)).toMatchObject({ event: 'claim_renewed', rev_observed: 1, rev_result: 2 });
  });

  it('refuses another reviewer with 409 claim_held naming the holder', async () => {
    const review = await openReview(team);
    const claimed = await review.ok('claim', team.reviewer);

    const details = expectError(await review.act('claim', team.reviewer2), 409, 'claim_held');
    expect(details).toEqual({ holder: actorOf(team.reviewer), expires_at: claimed.claim.expires_at });
    expect(await review.read()).toEqual(claimed);
  });

  it('refuses force from a reviewer with 403', async () => {
    const review = await openReview(team);
    await review.ok('claim', team.reviewer);
    expectError(await review.act('claim', team.reviewer2, { force: true }), 403, 'forbidden');
    expect((await review.read()).claim.holder).toEqual(actorOf(team.reviewer));
  });

  it('lets a lead take the claim over with force', async () => {
    const review = await openReview(team);
    await review.ok('claim', team.reviewer);
    const overlay = await review.ok('claim', team.lead, { force: true });
    expect(overlay.claim.holder).toEqual(actorOf(team.lead));
    expect(overlay.audit.at(-1)).toMatchObject({ event: 'claim_taken_over', actor: actorOf(team.lead), rev_result: 2 });
  });

  it('refuses a claim on a decided overlay with 409 not_awaiting_review', async () => {
    const review = await approvedReview();
    expectError(await review.act('claim', team.reviewer), 409, 'not_awaiting_review');
  });

  it('reads an expired claim as null and lets another reviewer claim', async () => {
    const review = await openReview(team);
    await review.ok('claim', team.reviewer);
    await review.expireClaim();

    expect((await review.read()).claim).toBeNull();
    const overlay = await review.ok('claim', team.reviewer2);
    expect(overlay.claim.holder).toEqual(actorOf(team.reviewer2));
    expect(overlay.audit.at(-1).event).toBe('claimed');
  });

  it('refuses a stale stamp with 409 version_conflict', async () => {
    const review = await openReview(team);
    await review.ok('claim', team.reviewer);
    expectError(await review.post('claim', team.reviewer2, { version_stamp: 0 }), 409, 'version_conflict');
  });
});

describe('POST …/release', () => {
  it('releases by the holder: claim null, rev + 1', async () => {
    const review = await openReview(team);
    await review.ok('claim', team.reviewer);
    const overlay = await review.ok('release', team.reviewer);
    expect(overlay).toMatchObject({ claim: null, rev: 2 });
    expect(overlay.audit.at(-1)).toMatchObject({ event: 'claim_released', rev_observed: 1, rev_result: 2 });
  });

  it('is a 200 no-op leaving rev unchanged when there is no claim', async () => {
    const review = await openReview(team);
    const response = await review.act('release', team.reviewer);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ claim: null, rev: 0 });
    expect(response.body.audit).toHaveLength(1);
  });

  it('is a no-op when the claim has expired', async () => {
    const review = await openReview(team);
    await review.ok('claim', team.reviewer);
    await review.expireClaim();
    const overlay = await review.ok('release', team.reviewer2);
    expect(overlay).toMatchObject({ claim: null, rev: 1 });
  });

  it('refuses another reviewer with 409 claim_held', async () => {
    const review = await openReview(team);
    await review.ok('claim', team.reviewer);
    const details = expectError(await review.act('release', team.reviewer2), 409, 'claim_held');
    expect(details.holder).toEqual(actorOf(team.reviewer));
    expect((await review.read()).claim.holder).toEqual(actorOf(team.reviewer));
  });

  it('lets a lead release anyone’s claim', async () => {
    const review = await openReview(team);
    await review.ok('claim', team.reviewer);
    const overlay = await review.ok('release', team.lead);
    expect(overlay).toMatchObject({ claim: null, rev: 2 });
    expect(overlay.audit.at(-1).actor).toEqual(actorOf(team.lead));
  });
});

describe('POST …/revert', () => {
  it('appends a revert version with the snapshot of to_seq and parent_seq = to_seq', async () => {
    const review = await reviewWithEdits([EDIT, EDIT_2]);
    const before = await review.read();
    const overlay = await review.ok('revert', team.reviewer, { to_seq: 0, note: 'model was right' });

    expect(overlay).toMatchObject({ rev: before.rev + 1, head_seq: 3 });
    expect(overlay.versions.at(-1)).toEqual({
      seq: 3,
      parent_seq: 0,
      origin: 'revert',
      author: actorOf(team.reviewer),
      snapshot: review.gate.model_output,
      content_sha256: before.versions[0].content_sha256,
      note: 'model was right',
      created_at: expect.stringMatching(ISO_MS),
    });
    expect(overlay.audit.at(-1)).toMatchObject({
      event: 'version_reverted',
      rev_observed: before.rev,
      rev_result: before.rev + 1,
    });

    // The revert is the new head: a plain approval ships it.
    const approved = await review.ok('decision', team.reviewer, { verdict: 'approved' });
    expect(approved.effective_seq).toBe(3);
  });

  it('refuses to_seq beyond the head with 422 on path to_seq', async () => {
    const review = await reviewWithEdits([EDIT]);
    expectValidationIssue(await review.act('revert', team.reviewer, { to_seq: 2 }), ['to_seq']);
    expectValidationIssue(await review.act('revert', team.reviewer, { to_seq: -1 }), ['to_seq']);
    expect((await review.read()).head_seq).toBe(1);
  });

  it('refuses a revert on a decided overlay with 409 not_awaiting_review', async () => {
    const review = await approvedReview();
    expectError(await review.act('revert', team.reviewer, { to_seq: 0 }), 409, 'not_awaiting_review');
  });

  it('replays a command_id with Idempotent-Replayed: true', async () => {
    const review = await reviewWithEdits([EDIT]);
    const body = { to_seq: 0, version_stamp: 1, command_id: 'revert-1' };
    expect((await review.post('revert', team.reviewer, body)).status).toBe(200);
    const replay = await review.post('revert', team.reviewer, body);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ rev: 2, head_seq: 2 });
  });
});

describe('POST …/reopen', () => {
  it('returns an approved overlay to awaiting_review, keeping versions and decisions', async () => {
    const review = await approvedReview();
    const before = await review.read();
    const overlay = await review.ok('reopen', team.lead, { reason: 'customer disputes total' });

    expect(overlay).toMatchObject({
      status: 'awaiting_review',
      effective_seq: null,
      decided_at: null,
      rev: before.rev + 1,
    });
    expect(overlay.versions).toEqual(before.versions);
    expect(overlay.decisions).toEqual(before.decisions);
    expect(overlay.audit.at(-1)).toMatchObject({
      event: 'reopened',
      actor: actorOf(team.lead),
      rev_observed: before.rev,
    });
    expect((await getRun(team, review.runId)).body.status).toBe('awaiting_review');
  });

  it('makes the next decision supersede the previous one', async () => {
    const review = await approvedReview();
    const previousId = (await review.read()).decisions[0].decision_id;
    await review.ok('reopen', team.lead, { reason: 'second look' });
    const overlay = await review.ok('decision', team.reviewer, { verdict: 'rejected', reason: 'duplicate' });

    expect(overlay.decisions).toHaveLength(2);
    expect(overlay.decisions[1]).toMatchObject({ verdict: 'rejected', supersedes_decision_id: previousId });
    expect(overlay.decisions[1].decision_id).not.toBe(previousId);
    expect((await getRun(team, review.runId)).body.status).toBe('cancelled');
  });

  it('reopens a rejected overlay, and the run waits again', async () => {
    const review = await openReview(team);
    await review.ok('decision', team.reviewer, { verdict: 'rejected', reason: 'blurry scan' });
    const overlay = await review.ok('reopen', team.admin, { reason: 'rescanned' });
    expect(overlay.status).toBe('awaiting_review');
    expect((await getRun(team, review.runId)).body.status).toBe('awaiting_review');
  });

  it('is refused to a reviewer with 403', async () => {
    const review = await approvedReview();
    expectError(await review.act('reopen', team.reviewer, { reason: 'please' }), 403, 'forbidden');
    expect((await review.read()).status).toBe('approved');
  });

  it('refuses to reopen an overlay that is still awaiting review with 422', async () => {
    const review = await openReview(team);
    expectError(await review.act('reopen', team.lead, { reason: 'why not' }), 422, 'validation_error');
    expect((await review.read()).rev).toBe(0);
  });

  it.each([
    ['a missing reason', {}],
    ['a blank reason', { reason: '  ' }],
  ])('refuses %s with 422 on path reason', async (_label, extra) => {
    const review = await approvedReview();
    expectValidationIssue(await review.act('reopen', team.lead, extra), ['reason']);
    expect((await review.read()).status).toBe('approved');
  });
});

describe('GET /v1/workflows/runs/{run_id}', () => {
  async function twoGateRun(): Promise<[Review, Review]> {
    const first = await openReview(team, { block_id: 'extract-header' });
    const second = await openReview(team, {
      workflow_run_id: first.runId,
      block_id: 'extract-lines',
      block_type: 'split',
    });
    return [first, second];
  }

  it('resumes only when every gate is approved', async () => {
    const [first, second] = await twoGateRun();
    await first.ok('decision', team.reviewer, { verdict: 'approved' });
    const halfway = await getRun(team, first.runId);
    expect(halfway.body.status).toBe('awaiting_review');
    expect(halfway.body.gates).toEqual([
      { block_id: 'extract-header', status: 'approved', effective_seq: 0, effective_output: first.gate.model_output },
      { block_id: 'extract-lines', status: 'awaiting_review', effective_seq: null, effective_output: null },
    ]);

    await second.ok('decision', team.reviewer, { verdict: 'approved', edited_output: EDIT });
    const done = await getRun(team, first.runId);
    expect(done.body.status).toBe('resumed');
    expect(done.body.gates[1]).toEqual({
      block_id: 'extract-lines',
      status: 'approved',
      effective_seq: 1,
      effective_output: EDIT,
    });
  });

  it('is cancelled as soon as any gate is rejected', async () => {
    const [first] = await twoGateRun();
    await first.ok('decision', team.reviewer, { verdict: 'rejected', reason: 'not an invoice' });
    const run = await getRun(team, first.runId);
    expect(run.body.status).toBe('cancelled');
    expect(run.body.gates.map((gate: any) => gate.status)).toEqual(['rejected', 'awaiting_review']);
  });

  it('answers 404 for an unknown run and for a run of another organization', async () => {
    expectError(await getRun(team, 'no-such-run'), 404, 'not_found');
    const review = await openReview(team);
    const outsider = await createTeam('globex');
    expectError(await getRun(outsider, review.runId), 404, 'not_found');
  });
});

describe('the integration role', () => {
  it('may read overlays and runs but not claim, release, revert, decide or reopen', async () => {
    const review = await reviewWithEdits([EDIT]);
    expect((await review.get(team.integration)).status).toBe(200);
    expect((await getRun(team, review.runId)).status).toBe(200);
    for (const [action, body] of [
      ['claim', {}],
      ['release', {}],
      ['revert', { to_seq: 0 }],
      ['decision', { verdict: 'approved' }],
      ['reopen', { reason: 'x' }],
    ] as const) {
      expectError(await review.act(action, team.integration, body), 403, 'forbidden');
    }
    expect((await review.read()).rev).toBe(1);
  });

  it('may append agent_edit versions only', async () => {
    const review = await openReview(team);
    expectError(await review.act('versions', team.integration, { snapshot: EDIT }), 403, 'forbidden');
    expectError(
      await review.act('versions', team.integration, { snapshot: EDIT, origin: 'human_edit' }),
      403,
      'forbidden',
    );
    expect((await review.read()).versions).toHaveLength(1);
  });
});

describe('rev and the audit chain', () => {
  it('moves rev by exactly 1 on every mutating success and keeps the audit chain contiguous', async () => {
    const review = await openReview(team);
    const steps: [Parameters<Review['ok']>[0], keyof TestTeam, Record<string, unknown>][] = [
      ['claim', 'reviewer', {}],
      ['claim', 'reviewer', { ttl_seconds: 120 }],
      ['versions', 'reviewer', { snapshot: EDIT }],
      ['versions', 'agent', { snapshot: EDIT_2, origin: 'agent_edit' }],
      ['revert', 'reviewer', { to_seq: 1 }],
      ['claim', 'lead', { force: true }],
      ['release', 'lead', {}],
      ['decision', 'reviewer2', { verdict: 'approved', edited_output: EDIT }],
      ['reopen', 'lead', { reason: 'audit sample' }],
      ['decision', 'reviewer', { verdict: 'rejected', reason: 'fraud suspected' }],
      ['reopen', 'admin', { reason: 'false alarm' }],
      ['decision', 'reviewer', { verdict: 'approved', effective_seq: 0 }],
    ];
    let rev = 0;
    for (const [action, who, body] of steps) {
      const overlay = await review.ok(action, team[who] as any, body);
      expect(overlay.rev, `${action} by ${who}`).toBe(rev + 1);
      expect(overlay.version_stamp).toBe(overlay.rev);
      expect(overlay.head_seq).toBe(overlay.versions.at(-1).seq);
      rev = overlay.rev;
    }

    const final = await review.read();
    expect(final.rev).toBe(steps.length);
    expectContiguousAudit(final);
    expect(final.audit.map((entry: any) => entry.event)).toEqual([
      'gate_opened',
      'claimed',
      'claim_renewed',
      'version_appended',
      'version_appended',
      'version_reverted',
      'claim_taken_over',
      'claim_released',
      'version_appended',
      'approved',
      'reopened',
      'rejected',
      'reopened',
      'approved',
    ]);
    for (const entry of final.audit) expect(entry.action).toBe(entry.event);
    expect(final.decisions.map((d: any) => d.supersedes_decision_id)).toEqual([
      null,
      final.decisions[0].decision_id,
      final.decisions[1].decision_id,
    ]);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function createHashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
