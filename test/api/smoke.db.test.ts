import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api-client';
import { resetDatabase } from '../db';
import { createTeam, gateBody, type TestTeam } from '../fixtures';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

describe('a review from gate to approval', () => {
  it('opens, claims, edits, approves and resumes the run', async () => {
    const body = gateBody();
    const opened = await api('POST', '/v1/workflows/reviews', { key: team.integration.key, body });
    expect(opened.status).toBe(201);
    expect(opened.body.rev).toBe(0);
    const path = `/v1/workflows/reviews/${body.workflow_run_id}/${body.block_id}`;

    const claimed = await api('POST', `${path}/claim`, { key: team.reviewer.key, body: { version_stamp: 0 } });
    expect(claimed.status).toBe(200);
    expect(claimed.body.claim.holder.display_name).toBe('Dana Rivera');

    const edited = await api('POST', `${path}/versions`, {
      key: team.reviewer.key,
      body: { version_stamp: 1, snapshot: { vendor: 'Acme AG', total: 1200.5 }, note: 'vendor typo', command_id: 'c1' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.head_seq).toBe(1);

    const decided = await api('POST', `${path}/decision`, {
      key: team.reviewer.key,
      body: { verdict: 'approved', version_stamp: 2 },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.submission_status).toBe('accepted');
    expect(decided.body.overlay.status).toBe('approved');
    expect(decided.body.overlay.claim).toBeNull();

    const run = await api('GET', `/v1/workflows/runs/${body.workflow_run_id}`, { key: team.integration.key });
    expect(run.body.status).toBe('resumed');
    expect(run.body.gates[0].effective_output).toEqual({ vendor: 'Acme AG', total: 1200.5 });

    const queue = await api('GET', '/v1/workflows/reviews?status=approved', { key: team.reviewer.key });
    expect(queue.body.data).toHaveLength(1);
  });
});

describe('snapshots', () => {
  it('come back with their keys in the order they were written', async () => {
    const body = gateBody({
      model_output: { vendor: 'Acme', total: 3, currency: 'EUR', lines: [{ sku: 'b', qty: 1 }] },
    });
    await api('POST', '/v1/workflows/reviews', { key: team.integration.key, body });
    const path = `/v1/workflows/reviews/${body.workflow_run_id}/${body.block_id}`;
    const snapshot = { zeta: 1, alpha: { omega: true, beta: null } };
    const edited = await api('POST', `${path}/versions`, {
      key: team.reviewer.key,
      body: { version_stamp: 0, snapshot },
    });
    expect(Object.keys(edited.body.versions[0].snapshot)).toEqual(['vendor', 'total', 'currency', 'lines']);
    expect(JSON.stringify(edited.body.versions[1].snapshot)).toBe(JSON.stringify(snapshot));
  });
});
