/**
 * Real concurrency against PostgreSQL: requests fired with Promise.all run on different pool
 * connections, so their statements interleave in the database. The compare-and-swap on `rev`,
 * the idempotency records and the run-status trigger must keep every outcome exactly-once.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { type ApiResponse, api } from '../api-client';
import { resetDatabase } from '../db';
import { overlayCounts } from '../db-snapshot';
import { createActor, createSilentEndpoint, createTeam, gateBody, type TestActor, type TestTeam } from '../fixtures';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

async function openGate(overrides: Record<string, unknown> = {}) {
  const body = gateBody(overrides);
  const opened = await api('POST', '/v1/workflows/reviews', { key: team.integration.key, body });
  expect(opened.status).toBe(201);
  const path = `/v1/workflows/reviews/${body.workflow_run_id}/${body.block_id}`;
  return { body, path, blockRunId: `${body.workflow_run_id}:${body.block_id}` };
}

function statuses(responses: ApiResponse[]): number[] {
  return responses.map((r) => r.status).sort((a, b) => a - b);
}

function count<T>(items: T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length;
}

/** The audit chain must be one link per rev: rev_observed = rev_result - 1, no gaps, no repeats. */
function expectContiguousAudit(audit: any[], rev: number) {
  const byRev = new Map<number, any[]>();
  for (const entry of audit) {
    const list = byRev.get(entry.rev_result) ?? [];
    list.push(entry);
    byRev.set(entry.rev_result, list);
  }
  expect([...byRev.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: rev + 1 }, (_, i) => i));
  expect(byRev.get(0)!.map((e) => e.event)).toEqual(['gate_opened']);
  expect(byRev.get(0)![0].rev_observed).toBe(0);
  for (let r = 1; r <= rev; r++) {
    for (const entry of byRev.get(r)!) expect(entry.rev_observed).toBe(r - 1);
  }
  expect(new Set(audit.map((e) => e.entry_id)).size).toBe(audit.length);
}

describe('compare-and-swap under contention', () => {
  it('50 concurrent /versions with one stamp: one 200, 49 version_conflict, one new version', async () => {
    const { path, blockRunId } = await openGate();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api('POST', `${path}/versions`, {
          key: i % 2 === 0 ? team.reviewer.key : team.reviewer2.key,
          body: { version_stamp: 0, snapshot: { vendor: `Vendor ${i}`, total: i } },
        }),
      ),
    );
    const ok = responses.filter((r) => r.status === 200);
    const conflicts = responses.filter((r) => r.status === 409);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    for (const conflict of conflicts) {
      expect(conflict.body.detail.code).toBe('version_conflict');
      expect(conflict.body.detail.details).toMatchObject({
        expected: 0,
        current_rev: 1,
        head_seq: 1,
        status: 'awaiting_review',
        last_change: { event: 'version_appended' },
      });
    }

    const overlay = (await api('GET', path, { key: team.reviewer.key })).body;
    expect(overlay.rev).toBe(1);
    expect(overlay.versions).toHaveLength(2);
    expect(overlay.versions[1].snapshot).toEqual(ok[0]!.body.versions[1].snapshot);
    expect(overlay.audit.map((e: any) => [e.event, e.rev_observed, e.rev_result])).toEqual([
      ['gate_opened', 0, 0],
      ['version_appended', 0, 1],
    ]);
    expect(await overlayCounts(team.organizationId, blockRunId)).toEqual({
      versions: 2,
      decisions: 0,
      audit: 2,
      outbox: 1,
      idempotency: 0,
    });
  });

  it('an approve and a reject racing on one stamp: exactly one wins, one decision row', async () => {
    for (let round = 0; round < 10; round++) {
      const { path, body, blockRunId } = await openGate();
      const [approve, reject] = await Promise.all([
        api('POST', `${path}/decision`, { key: team.reviewer.key, body: { verdict: 'approved', version_stamp: 0 } }),
        api('POST', `${path}/decision`, {
          key: team.reviewer2.key,
          body: { verdict: 'rejected', version_stamp: 0, reason: 'totals do not add up' },
        }),
      ]);
      expect(statuses([approve, reject])).toEqual([200, 409]);
      const [winner, loser] = approve.status === 200 ? [approve, reject] : [reject, approve];
      expect(loser.body.detail.code).toBe('version_conflict');
      expect(winner.body.submission_status).toBe('accepted');
      const verdict = winner === approve ? 'approved' : 'rejected';

      const overlay = (await api('GET', path, { key: team.reviewer.key })).body;
      expect(overlay.status).toBe(verdict);
      expect(overlay.rev).toBe(1);
      expect(overlay.decisions).toHaveLength(1);
      expect(overlay.decisions[0].verdict).toBe(verdict);
      expect((await overlayCounts(team.organizationId, blockRunId)).decisions).toBe(1);
      const run = await api('GET', `/v1/workflows/runs/${body.workflow_run_id}`, { key: team.integration.key });
      expect(run.body.status).toBe(verdict === 'approved' ? 'resumed' : 'cancelled');
    }
  });

  it('10 reviewers claiming at once: exactly one holder, the others 409', async () => {
    const { path } = await openGate();
    const reviewers: TestActor[] = [];
    for (let i = 0; i < 10; i++)
      reviewers.push(await createActor(team.organizationId, 'reviewer', { name: `Claimer ${i}` }));

    const responses = await Promise.all(
      reviewers.map((reviewer) => api('POST', `${path}/claim`, { key: reviewer.key, body: { version_stamp: 0 } })),
    );
    const winners = reviewers.filter((_, i) => responses[i]!.status === 200);
    expect(winners).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 200)) {
      expect(response.status).toBe(409);
      expect(['version_conflict', 'claim_held']).toContain(response.body.detail.code);
    }

    const overlay = (await api('GET', path, { key: team.reviewer.key })).body;
    expect(overlay.rev).toBe(1);
    expect(overlay.claim.holder).toEqual({ kind: 'human', id: winners[0]!.id, display_name: winners[0]!.display_name });
    expect(overlay.audit.filter((e: any) => e.event === 'claimed')).toHaveLength(1);
  });

  it('a no-op release racing a claim never answers 200 with a rev its stamp did not name', async () => {
    const { path } = await openGate();
    const [claimed, ...releases] = await Promise.all([
      api('POST', `${path}/claim`, { key: team.reviewer.key, body: { version_stamp: 0 } }),
      ...Array.from({ length: 20 }, () =>
        api('POST', `${path}/release`, { key: team.reviewer2.key, body: { version_stamp: 0 } }),
      ),
    ]);
    expect(claimed!.status).toBe(200);
    // Each release saw either no claim at rev 0 (a no-op, answered at rev 0) or the claim at
    // rev 1, which its stamp 0 no longer names: never the claimed overlay with a 200.
    for (const release of releases) {
      if (release.status === 200)
        expect({ rev: release.body.rev, claim: release.body.claim }).toEqual({ rev: 0, claim: null });
      else
        expect({ status: release.status, code: release.body.detail.code }).toEqual({
          status: 409,
          code: 'version_conflict',
        });
    }
  });
});

describe('idempotency under contention', () => {
  it('20 concurrent /versions sharing one command_id apply once; the rest are replays', async () => {
    const { path, blockRunId } = await openGate();
    const body = {
      version_stamp: 0,
      snapshot: { vendor: 'Acme AG', total: 1200.5 },
      note: 'fix vendor',
      command_id: 'edit-1',
    };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => api('POST', `${path}/versions`, { key: team.reviewer.key, body })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(count(responses, (r) => r.headers.get('idempotent-replayed') === 'true')).toBe(19);
    for (const response of responses) {
      expect(response.body.rev).toBe(1);
      expect(response.body.head_seq).toBe(1);
    }

    const overlay = (await api('GET', path, { key: team.reviewer.key })).body;
    expect(overlay.rev).toBe(1);
    expect(overlay.versions).toHaveLength(2);
    expect(await overlayCounts(team.organizationId, blockRunId)).toEqual({
      versions: 2,
      decisions: 0,
      audit: 2,
      outbox: 1,
      idempotency: 1,
    });
  });

  it('20 concurrent /decision calls sharing one command_id decide once; the rest already_received', async () => {
    await createSilentEndpoint(team.organizationId);
    const { path, body: gate, blockRunId } = await openGate();
    const body = { verdict: 'approved', version_stamp: 0, command_id: 'approve-1', reason: null };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => api('POST', `${path}/decision`, { key: team.reviewer.key, body })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const submission = responses.map((r) => r.body.submission_status);
    expect(count(submission, (s) => s === 'accepted')).toBe(1);
    // No dispatcher runs in these tests, so the endpoint's delivery stays pending.
    expect(count(submission, (s) => s === 'already_received')).toBe(19);

    const overlay = (await api('GET', path, { key: team.reviewer.key })).body;
    expect(overlay.rev).toBe(1);
    expect(overlay.status).toBe('approved');
    expect(overlay.decisions).toHaveLength(1);
    expect(await overlayCounts(team.organizationId, blockRunId)).toMatchObject({
      decisions: 1,
      audit: 2,
      outbox: 2,
      idempotency: 1,
    });
    const runEvents = await prisma.outboxEvent.count({ where: { run: { runId: gate.workflow_run_id } } });
    expect(runEvents).toBe(1);
  });
});

describe('sibling gates and gate openings', () => {
  it('two gates of one run approved at once always resume the run, with one run.resumed event', async () => {
    for (let round = 0; round < 8; round++) {
      const runId = `run-siblings-${round}`;
      const first = await openGate({ workflow_run_id: runId, block_id: 'extract-invoice' });
      const second = await openGate({ workflow_run_id: runId, block_id: 'classify-invoice', block_type: 'classifier' });
      const [a, b] = await Promise.all([
        api('POST', `${first.path}/decision`, {
          key: team.reviewer.key,
          body: { verdict: 'approved', version_stamp: 0 },
        }),
        api('POST', `${second.path}/decision`, {
          key: team.reviewer2.key,
          body: { verdict: 'approved', version_stamp: 0 },
        }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);

      const run = await api('GET', `/v1/workflows/runs/${runId}`, { key: team.integration.key });
      expect(run.body.status).toBe('resumed');
      expect(run.body.gates.map((g: any) => g.status)).toEqual(['approved', 'approved']);
      const resumed = await prisma.outboxEvent.findMany({ where: { eventType: 'run.resumed', run: { runId } } });
      expect(resumed).toHaveLength(1);
      expect(await prisma.outboxEvent.count({ where: { eventType: 'run.cancelled', run: { runId } } })).toBe(0);
    }
  });

  it('10 concurrent identical gate openings: one 201, nine 200, one overlay with one version 0', async () => {
    const body = gateBody();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => api('POST', '/v1/workflows/reviews', { key: team.integration.key, body })),
    );
    expect(statuses(responses)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    for (const response of responses) {
      expect(response.body.rev).toBe(0);
      expect(response.body.versions).toHaveLength(1);
    }
    const blockRunId = `${body.workflow_run_id}:${body.block_id}`;
    expect(await prisma.overlay.count({ where: { blockRunId } })).toBe(1);
    expect(await prisma.workflowRun.count({ where: { runId: body.workflow_run_id } })).toBe(1);
    expect(await prisma.actor.count({ where: { publicId: body.model.id } })).toBe(1);
    expect(await overlayCounts(team.organizationId, blockRunId)).toMatchObject({ versions: 1, decisions: 0, audit: 1 });
    const overlay = (
      await api('GET', `/v1/workflows/reviews/${body.workflow_run_id}/${body.block_id}`, { key: team.reviewer.key })
    ).body;
    expect(overlay.versions[0]).toMatchObject({ seq: 0, parent_seq: null, origin: 'model_output' });
  });
});

describe('a mixed workload from several actors', () => {
  it('30 sequential mixed commands, each on a fresh stamp: rev counts the mutating ones exactly', async () => {
    const { path } = await openGate();
    const actors = [team.reviewer, team.lead, team.reviewer2, team.agent];
    let mutations = 0;
    for (let n = 0; n < 30; n++) {
      const actor = actors[n % actors.length]!;
      const o = (await api('GET', path, { key: actor.key })).body;
      const stamp = o.rev as number;
      let response: ApiResponse;
      let mutating = true;
      if (o.status !== 'awaiting_review') {
        response = await api('POST', `${path}/reopen`, {
          key: team.lead.key,
          body: { version_stamp: stamp, reason: `again ${n}` },
        });
      } else {
        switch (n % 7) {
          case 0:
            response = await api('POST', `${path}/claim`, {
              key: actor.key,
              body: { version_stamp: stamp, force: actor.role === 'lead' || null },
            });
            break;
          case 1:
            response = await api('POST', `${path}/versions`, {
              key: actor.key,
              body: { version_stamp: stamp, snapshot: { n }, note: `edit ${n}` },
            });
            break;
          case 2:
            response = await api('POST', `${path}/revert`, {
              key: actor.key,
              body: { version_stamp: stamp, to_seq: 0 },
            });
            break;
          case 3:
            // Releasing with no unexpired claim is a 200 that leaves rev alone.
            mutating = o.claim !== null;
            response = await api('POST', `${path}/release`, {
              key: o.claim ? team.lead.key : actor.key,
              body: { version_stamp: stamp },
            });
            break;
          case 4:
            response = await api('POST', `${path}/decision`, {
              key: actor.key,
              body: { verdict: 'approved', version_stamp: stamp, edited_output: n % 2 ? { n, approved: true } : null },
            });
            break;
          case 5:
            response = await api('POST', `${path}/claim`, {
              key: actor.key,
              body: { version_stamp: stamp, ttl_seconds: 60 },
            });
            mutating = o.claim === null || o.claim.holder.id === actor.id;
            break;
          default:
            response = await api('POST', `${path}/decision`, {
              key: actor.key,
              body: { verdict: 'rejected', version_stamp: stamp, reason: `wrong ${n}` },
            });
        }
      }
      if (mutating) {
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        mutations += 1;
        const after = response.body.overlay ?? response.body;
        expect(after.rev).toBe(stamp + 1);
      } else if (response.status === 200) {
        expect((response.body.overlay ?? response.body).rev).toBe(stamp);
      } else {
        expect(response.status).toBe(409);
        expect(response.body.detail.code).toBe('claim_held');
      }
    }
    const overlay = (await api('GET', path, { key: team.reviewer.key })).body;
    expect(overlay.rev).toBe(mutations);
    expectContiguousAudit(overlay.audit, overlay.rev);
  });

  it('leaves rev equal to the number of successful mutating calls, with audit rev_result 1..rev', async () => {
    const { path } = await openGate();
    const actors = [team.reviewer, team.reviewer2, team.agent, team.lead];
    const TOTAL = 30;
    let issued = 0;
    let successes = 0;
    const outcomes: string[] = [];

    async function worker(actor: TestActor, index: number) {
      for (;;) {
        if (issued >= TOTAL) return;
        const n = issued++;
        const read = await api('GET', path, { key: actor.key });
        expect(read.status).toBe(200);
        const o = read.body;
        const stamp = o.rev as number;
        const mine = o.claim?.holder.id === actor.id;
        let response: ApiResponse;
        let label: string;
        if (o.status !== 'awaiting_review') {
          if (actor.role === 'lead') {
            label = 'reopen';
            response = await api('POST', `${path}/reopen`, {
              key: actor.key,
              body: { version_stamp: stamp, reason: `round ${n}` },
            });
          } else {
            label = 'append-on-decided';
            response = await api('POST', `${path}/versions`, {
              key: actor.key,
              body: { version_stamp: stamp, snapshot: { n } },
            });
          }
        } else {
          switch ((n + index) % 6) {
            case 0:
              label = 'claim';
              response = await api('POST', `${path}/claim`, {
                key: actor.key,
                body: { version_stamp: stamp, ttl_seconds: 600 },
              });
              break;
            case 1:
              label = 'append';
              response = await api('POST', `${path}/versions`, {
                key: actor.key,
                body: {
                  version_stamp: stamp,
                  snapshot: { vendor: `v${n}`, by: actor.id },
                  origin: actor.kind === 'agent' ? 'agent_edit' : 'human_edit',
                },
              });
              break;
            case 2:
              label = 'revert';
              response = await api('POST', `${path}/revert`, {
                key: actor.key,
                body: { version_stamp: stamp, to_seq: 0 },
              });
              break;
            case 3:
              if (mine) {
                label = 'release';
                response = await api('POST', `${path}/release`, { key: actor.key, body: { version_stamp: stamp } });
              } else {
                label = 'append';
                response = await api('POST', `${path}/versions`, {
                  key: actor.key,
                  body: { version_stamp: stamp, snapshot: { n } },
                });
              }
              break;
            case 4:
              label = 'approve';
              response = await api('POST', `${path}/decision`, {
                key: actor.key,
                body: { verdict: 'approved', version_stamp: stamp },
              });
              break;
            default:
              label = 'reject';
              response = await api('POST', `${path}/decision`, {
                key: actor.key,
                body: { verdict: 'rejected', version_stamp: stamp, reason: `no ${n}` },
              });
          }
        }
        outcomes.push(`${label}:${response.status}${response.status === 200 ? '' : `:${response.body.detail.code}`}`);
        if (response.status === 200) {
          successes += 1;
        } else {
          expect(response.status).toBe(409);
          expect(['version_conflict', 'claim_held', 'not_awaiting_review']).toContain(response.body.detail.code);
        }
      }
    }

    await Promise.all(actors.map((actor, index) => worker(actor, index)));
    expect(outcomes).toHaveLength(TOTAL);
    expect(successes).toBeGreaterThan(0);

    const overlay = (await api('GET', path, { key: team.reviewer.key })).body;
    expect(overlay.rev, outcomes.join(' ')).toBe(successes);
    expect(overlay.version_stamp).toBe(successes);
    expectContiguousAudit(overlay.audit, overlay.rev);
    expect(overlay.head_seq).toBe(overlay.versions.at(-1).seq);
    expect(overlay.versions.map((v: any) => v.seq)).toEqual(overlay.versions.map((_: any, i: number) => i));
  });
});
