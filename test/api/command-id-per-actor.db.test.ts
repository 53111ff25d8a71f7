/**
 * A `command_id` belongs to the actor who sent it: another actor's identical call is a command of
 * its own — applied, or refused by its stamp — and never answered as a replay of the first.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../api-client';
import { resetDatabase } from '../db';
import { overlayCounts } from '../db-snapshot';
import { createTeam, type TestActor, type TestTeam } from '../fixtures';
import { actorOf, expectError, openReview, type Review } from '../review-helpers';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

const EDIT = { vendor: 'Acme AG', total: 1200.5, currency: 'EUR' };

function blockRunId(review: Review): string {
  return `${review.runId}:${review.gate.block_id}`;
}

describe('command_id is scoped to the overlay and the actor', () => {
  it("another actor's identical /versions call is refused by its stale stamp, not replayed", async () => {
    const review = await openReview(team);
    const body = { version_stamp: 0, snapshot: EDIT, command_id: 'edit-1' };
    expect((await review.post('versions', team.reviewer, body)).status).toBe(200);

    const second = await review.post('versions', team.reviewer2, body);
    const details = expectError(second, 409, 'version_conflict');
    expect(details).toMatchObject({ expected: 0, current_rev: 1, last_change: { actor: actorOf(team.reviewer) } });
    expect(second.headers.get('idempotent-replayed')).toBeNull();

    // The first actor's retry still is a replay.
    const retry = await review.post('versions', team.reviewer, body);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await overlayCounts(team.organizationId, blockRunId(review))).idempotency).toBe(1);
  });

  it("another actor's call with the same command_id and a fresh stamp applies as its own version", async () => {
    const review = await openReview(team);
    await review.post('versions', team.reviewer, { version_stamp: 0, snapshot: EDIT, command_id: 'edit-1' });

    const second = await review.post('versions', team.reviewer2, {
      version_stamp: 1,
      snapshot: EDIT,
      command_id: 'edit-1',
    });
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body).toMatchObject({ rev: 2, head_seq: 2 });
    expect(second.body.versions.map((v: any) => v.author)).toEqual([
      second.body.versions[0].author,
      actorOf(team.reviewer),
      actorOf(team.reviewer2),
    ]);
    expect((await overlayCounts(team.organizationId, blockRunId(review))).idempotency).toBe(2);
  });

  it("another actor's identical decision is not already_received: it meets the decided review", async () => {
    const review = await openReview(team);
    const body = { verdict: 'approved', version_stamp: 0, command_id: 'decide-1' };
    const first = await review.post('decision', team.reviewer, body);
    expect(first.body.submission_status).toBe('accepted');

    expectError(await review.post('decision', team.reviewer2, body), 409, 'version_conflict');
    expectError(
      await review.post('decision', team.reviewer2, { ...body, version_stamp: 1 }),
      409,
      'not_awaiting_review',
    );
    const decided = await review.read();
    expect(decided.decisions).toHaveLength(1);
    expect(decided.decisions[0].decided_by).toEqual(actorOf(team.reviewer));
  });

  it('a different request under one command_id is reused only for the actor who sent the first', async () => {
    const review = await openReview(team);
    await review.post('versions', team.reviewer, { version_stamp: 0, snapshot: EDIT, command_id: 'edit-1' });
    const other = await review.post('versions', team.reviewer2, {
      version_stamp: 1,
      snapshot: { ...EDIT, total: 99 },
      command_id: 'edit-1',
    });
    expect(other.status).toBe(200);
    expect(other.body.versions.at(-1).snapshot).toEqual({ ...EDIT, total: 99 });
  });

  it('two actors racing, each retrying one command_id on fresh stamps: each applies exactly once', async () => {
    const review = await openReview(team);
    const body = { snapshot: EDIT, note: 'fix vendor', command_id: 'edit-1' };
    // A client that re-reads after a conflict and retries the same command.
    const persist = async (actor: TestActor): Promise<ApiResponse> => {
      for (;;) {
        const response = await review.act('versions', actor, body);
        if (response.body?.detail?.code !== 'version_conflict') return response;
      }
    };
    const callers = [team.reviewer, team.reviewer2].flatMap((actor) => Array.from({ length: 8 }, () => actor));
    const responses = await Promise.all(callers.map(persist));

    expect(responses.map((r) => r.status)).toEqual(Array(callers.length).fill(200));
    const applied = responses.filter((r) => r.headers.get('idempotent-replayed') === null);
    expect(applied).toHaveLength(2);
    const overlay = await review.read();
    expect(overlay.rev).toBe(2);
    expect(
      overlay.versions
        .slice(1)
        .map((v: any) => v.author.id)
        .sort(),
    ).toEqual([team.reviewer.id, team.reviewer2.id].sort());
    expect(await overlayCounts(team.organizationId, blockRunId(review))).toMatchObject({ versions: 3, idempotency: 2 });
  });
});
