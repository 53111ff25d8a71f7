/**
 * `GET /v1/workflows/runs/{run_id}?wait_seconds=N`: answers as soon as the run leaves
 * awaiting_review, or after N seconds with its status. Whether the answer came early is judged by
 * what it says and by which of two promises settled first, never by a measured duration.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../db';
import { createTeam, type TestTeam } from '../fixtures';
import { expectError, expectValidationIssue, openReview, send } from '../review-helpers';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

function waitForRun(runId: string, waitSeconds: number | string) {
  return send('GET', `/v1/workflows/runs/${runId}?wait_seconds=${waitSeconds}`, { key: team.integration.key });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Settles with `deadline` once the wait's whole time has passed. */
function deadlineOf(waitSeconds: number): Promise<'deadline'> {
  return sleep(waitSeconds * 1000).then(() => 'deadline' as const);
}

describe('GET /v1/workflows/runs/{run_id}?wait_seconds', () => {
  it('answers with the new status when the run is decided during the wait, before the wait is up', async () => {
    const review = await openReview(team);
    const answer = waitForRun(review.runId, 30);
    await sleep(500);
    await review.ok('decision', team.reviewer, { verdict: 'approved' });

    const first = await Promise.race([answer, deadlineOf(30)]);
    expect(first).not.toBe('deadline');
    expect((await answer).status).toBe(200);
    expect((await answer).body).toMatchObject({ id: review.runId, status: 'resumed' });
  }, 45_000);

  it('answers with the current status once the wait is up, if nothing decided the run', async () => {
    const review = await openReview(team);
    const other = await openReview(team);
    const answer = waitForRun(review.runId, 2);
    await sleep(300);
    // A change to another run does not end this wait.
    await other.ok('decision', team.reviewer, { verdict: 'rejected', reason: 'duplicate' });
    const response = await answer;
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: review.runId, status: 'awaiting_review' });
  });

  it('answers a decided run at once, and without wait_seconds answers as before', async () => {
    const review = await openReview(team);
    await review.ok('decision', team.reviewer, { verdict: 'rejected', reason: 'duplicate' });
    const answer = waitForRun(review.runId, 60);
    expect(await Promise.race([answer, deadlineOf(20)])).not.toBe('deadline');
    expect((await answer).body.status).toBe('cancelled');
    expect((await send('GET', `/v1/workflows/runs/${review.runId}`, { key: team.integration.key })).body.status).toBe(
      'cancelled',
    );
  });

  it('refuses wait_seconds outside 0–60 with 422, and an unknown run with 404 at once', async () => {
    const review = await openReview(team);
    expectValidationIssue(await waitForRun(review.runId, 61), ['wait_seconds']);
    expectValidationIssue(await waitForRun(review.runId, -1), ['wait_seconds']);
    expectValidationIssue(await waitForRun(review.runId, 'soon'), ['wait_seconds']);
    expectError(await waitForRun('no-such-run', 30), 404, 'not_found');
  });

  it('keeps another organization from waiting on the run: 404', async () => {
    const review = await openReview(team);
    const globex = await createTeam('globex');
    const response = await send('GET', `/v1/workflows/runs/${review.runId}?wait_seconds=30`, {
      key: globex.integration.key,
    });
    expectError(response, 404, 'not_found');
  });
});
