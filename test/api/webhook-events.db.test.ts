/**
 * The downstream events of issue #8: each written by the statement that makes the change, with the
 * contract's `data`, fanned out to the endpoints subscribed at that moment — and none at all when
 * the change does not commit.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { resetDatabase } from '../db';
import { createSilentEndpoint, createTeam, type TestTeam } from '../fixtures';
import { actorOf, openReview, queue, REVIEWS, type Review, send } from '../review-helpers';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

const EDIT = { vendor: 'Acme AG', total: 1200.5, currency: 'EUR' };

async function eventsOf(runId: string) {
  const rows = await prisma.outboxEvent.findMany({
    where: { organizationId: team.organizationId },
    orderBy: [{ createdAt: 'asc' }, { eventType: 'asc' }],
  });
  return rows.filter((row) => (row.payload as { workflow_run_id?: string }).workflow_run_id === runId);
}

async function eventOf(runId: string, type: string) {
  const events = (await eventsOf(runId)).filter((event) => event.eventType === type);
  expect(events, `${type} events of ${runId}`).toHaveLength(1);
  return events[0]!;
}

function decisionIds(overlay: any): string[] {
  return overlay.decisions.map((decision: any) => decision.decision_id);
}

describe('the event of each change, with the contract data', () => {
  it('review.opened carries the queue item of the new overlay', async () => {
    const review = await openReview(team, { priority: 3 });
    const event = await eventOf(review.runId, 'review.opened');
    // The inbox's preview and SLA marker are worked out when a page is read, not sent in events.
    const { preview, sla, ...item } = (await queue(team.reviewer)).body.data[0];
    expect(preview).not.toEqual([]);
    expect(sla).not.toBeNull();
    expect(event.payload).toEqual(item);
    expect(event.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(event.createdAt.toISOString()).toBe(review.opened.awaiting_since);
  });

  it('review.decided carries the decision and its effective output; run.resumed every gate', async () => {
    const review = await openReview(team);
    await review.ok('versions', team.reviewer, { snapshot: EDIT });
    await review.ok('versions', team.reviewer, { snapshot: { ...EDIT, total: 1 } });
    const overlay = await review.ok('decision', team.reviewer, { verdict: 'approved', effective_seq: 1 });

    const decided = await eventOf(review.runId, 'review.decided');
    expect(decided.payload).toEqual({
      organization_id: team.organizationId,
      workflow_id: review.gate.workflow_id,
      workflow_run_id: review.runId,
      block_id: review.gate.block_id,
      block_run_id: overlay._id,
      decision_id: overlay.decisions[0].decision_id,
      verdict: 'approved',
      decided_by: actorOf(team.reviewer),
      reason: null,
      on_seq: 2,
      effective_seq: 1,
      effective_output: EDIT,
      supersedes_decision_id: null,
      rev: overlay.rev,
    });
    expect(decided.decisionId).toBe(overlay.decisions[0].decision_id);
    expect(decided.createdAt.toISOString()).toBe(overlay.decided_at);

    const resumed = await eventOf(review.runId, 'run.resumed');
    expect(resumed.payload).toEqual({
      workflow_id: review.gate.workflow_id,
      workflow_run_id: review.runId,
      gates: [{ block_id: review.gate.block_id, effective_seq: 1, effective_output: EDIT }],
    });
  });

  it('an approval with edits ships the edit, in review.decided and in run.resumed, keys in order', async () => {
    const review = await openReview(team);
    const edited = { total: 99, vendor: 'Zeta', currency: 'EUR' };
    const overlay = await review.ok('decision', team.reviewer, { verdict: 'approved', edited_output: edited });

    const decided = await eventOf(review.runId, 'review.decided');
    expect(decided.payload).toMatchObject({ on_seq: 1, effective_seq: 1, effective_output: edited, rev: overlay.rev });
    expect(Object.keys((decided.payload as any).effective_output)).toEqual(['total', 'vendor', 'currency']);
    const resumed = await eventOf(review.runId, 'run.resumed');
    expect((resumed.payload as any).gates).toEqual([
      { block_id: review.gate.block_id, effective_seq: 1, effective_output: edited },
    ]);
  });

  it('a rejection writes review.decided without output and run.cancelled naming the gate', async () => {
    const review = await openReview(team);
    const overlay = await review.ok('decision', team.lead, { verdict: 'rejected', reason: 'duplicate invoice' });
    const [decisionId] = decisionIds(overlay);

    expect((await eventOf(review.runId, 'review.decided')).payload).toMatchObject({
      verdict: 'rejected',
      decided_by: actorOf(team.lead),
      reason: 'duplicate invoice',
      effective_seq: null,
      effective_output: null,
    });
    expect((await eventOf(review.runId, 'run.cancelled')).payload).toEqual({
      workflow_id: review.gate.workflow_id,
      workflow_run_id: review.runId,
      block_id: review.gate.block_id,
      decision_id: decisionId,
      reason: 'duplicate invoice',
    });
    expect((await eventsOf(review.runId)).map((event) => event.eventType)).toEqual([
      'review.opened',
      'review.decided',
      'run.cancelled',
    ]);
  });

  it('review.reopened names who reopened, why, and the decision it reopened; the next decision supersedes it', async () => {
    const review = await openReview(team);
    const approved = await review.ok('decision', team.reviewer, { verdict: 'approved' });
    const reopened = await review.ok('reopen', team.lead, { reason: 'customer dispute' });

    expect((await eventOf(review.runId, 'review.reopened')).payload).toEqual({
      organization_id: team.organizationId,
      workflow_id: review.gate.workflow_id,
      workflow_run_id: review.runId,
      block_id: review.gate.block_id,
      block_run_id: reopened._id,
      reopened_by: actorOf(team.lead),
      reason: 'customer dispute',
      reopened_decision_id: approved.decisions[0].decision_id,
      rev: reopened.rev,
    });

    await review.ok('decision', team.lead, { verdict: 'rejected', reason: 'duplicate' });
    const decided = (await eventsOf(review.runId)).filter((event) => event.eventType === 'review.decided');
    expect(decided.map((event) => (event.payload as any).supersedes_decision_id)).toEqual([
      null,
      approved.decisions[0].decision_id,
    ]);
  });

  it('claims, releases, edits and reverts announce nothing downstream', async () => {
    const review = await openReview(team);
    await review.ok('claim', team.reviewer);
    await review.ok('versions', team.reviewer, { snapshot: EDIT });
    await review.ok('revert', team.reviewer, { to_seq: 0 });
    await review.ok('release', team.reviewer);
    expect((await eventsOf(review.runId)).map((event) => event.eventType)).toEqual(['review.opened']);
  });
});

describe('deliveries: one per event per endpoint subscribed when it committed', () => {
  it('goes to enabled endpoints of the organization subscribed to the type, and to no later endpoint', async () => {
    const everything = await createSilentEndpoint(team.organizationId);
    const decidedOnly = await prisma.webhookEndpoint.update({
      where: { id: (await createSilentEndpoint(team.organizationId)).id },
      data: { eventTypes: ['review.decided'] },
    });
    await prisma.webhookEndpoint.update({
      where: { id: (await createSilentEndpoint(team.organizationId)).id },
      data: { disabled: true },
    });
    await createSilentEndpoint((await createTeam('globex')).organizationId);

    const review = await openReview(team);
    await review.ok('decision', team.reviewer, { verdict: 'approved' });
    const late = await createSilentEndpoint(team.organizationId);

    const deliveries = await prisma.webhookDelivery.findMany({ include: { event: true } });
    const byEndpoint = (id: string) =>
      deliveries
        .filter((delivery) => delivery.endpointId === id)
        .map((delivery) => delivery.event.eventType)
        .sort();
    expect(byEndpoint(everything.id)).toEqual(['review.decided', 'review.opened', 'run.resumed']);
    expect(byEndpoint(decidedOnly.id)).toEqual(['review.decided']);
    expect(byEndpoint(late.id)).toEqual([]);
    expect(deliveries).toHaveLength(4);
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: delivery.event.createdAt });
    }
  });
});

describe('an event exists if and only if its change committed', () => {
  let admin: pg.Client;

  beforeEach(async () => {
    admin = new pg.Client({ connectionString: env.DATABASE_URL });
    await admin.connect();
  });

  afterEach(async () => {
    await admin.query('DROP TRIGGER IF EXISTS fail_at_commit ON overlays');
    await admin.query('DROP FUNCTION IF EXISTS fail_at_commit()');
    await admin.end();
  });

  /** From now on every change to an overlay fails at COMMIT, after its whole statement has written. */
  async function failEveryCommit(): Promise<void> {
    await admin.query(`CREATE FUNCTION fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'forced failure at commit'; END $$`);
    await admin.query(`CREATE CONSTRAINT TRIGGER fail_at_commit AFTER INSERT OR UPDATE ON overlays
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_at_commit()`);
  }

  async function counts() {
    return { events: await prisma.outboxEvent.count(), deliveries: await prisma.webhookDelivery.count() };
  }

  async function expectFailedWithoutTrace(review: Review | null, call: () => Promise<{ status: number }>) {
    const before = await counts();
    const rev = review && (await review.read()).rev;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect((await call()).status).toBe(500);
      expect(String(logged.mock.calls[0]?.[1])).toContain('forced failure at commit');
    } finally {
      logged.mockRestore();
    }
    expect(await counts()).toEqual(before);
    if (review) expect((await review.read()).rev).toBe(rev);
  }

  it('a gate opening, a decision that cancels the run and a reopen that fail at commit leave no event', async () => {
    await createSilentEndpoint(team.organizationId);
    const review = await openReview(team);
    await review.ok('decision', team.reviewer, { verdict: 'rejected', reason: 'no' });
    const committed = await counts();
    expect(committed).toEqual({ events: 3, deliveries: 3 });

    const pending = await openReview(team);
    await failEveryCommit();
    await expectFailedWithoutTrace(null, () =>
      send('POST', REVIEWS, { key: team.integration.key, body: { ...pending.gate, workflow_run_id: 'run-x' } }),
    );
    await expectFailedWithoutTrace(pending, () =>
      pending.act('decision', team.reviewer, { verdict: 'rejected', reason: 'no' }),
    );
    await expectFailedWithoutTrace(review, () => review.act('reopen', team.lead, { reason: 'again' }));
  });
});
