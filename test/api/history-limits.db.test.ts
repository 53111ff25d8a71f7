/**
 * An overlay holds at most MAX_VERSIONS_PER_REVIEW versions and MAX_SNAPSHOT_BYTES_PER_REVIEW
 * bytes of snapshots (each snapshot counted as compact JSON in UTF-8, as stored). Every path that
 * appends a version stops at the limit with `422 validation_error`, changes nothing, and racing
 * appends cannot push the history past it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_BYTES_PER_REVIEW, MAX_VERSIONS_PER_REVIEW } from '@/lib/reviews/rules';
import type { ApiResponse } from '../api-client';
import { resetDatabase } from '../db';
import { dbSnapshot } from '../db-snapshot';
import { createTeam, type TestActor, type TestTeam } from '../fixtures';
import { type Action, expectContiguousAudit, expectValidationIssue, openReview, type Review } from '../review-helpers';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

/** Bytes a snapshot takes as compact JSON in UTF-8: what the limit counts. */
const bytesOf = (snapshot: unknown) => Buffer.byteLength(JSON.stringify(snapshot), 'utf8');

/** A snapshot of exactly `bytes` bytes; the `é` makes UTF-8 bytes and characters differ. */
function snapshotOf(bytes: number): Record<string, string> {
  const frame = bytesOf({ pad: 'é' });
  const snapshot = { pad: `é${'x'.repeat(bytes - frame)}` };
  expect(bytesOf(snapshot)).toBe(bytes);
  return snapshot;
}

/** Appends tiny versions, each on the stamp the previous one left, until `versions` exist. */
async function growTo(review: Review, versions: number): Promise<any> {
  let overlay = await review.read();
  while (overlay.versions.length < versions) {
    const response = await review.post('versions', team.reviewer, {
      version_stamp: overlay.rev,
      snapshot: { total: overlay.versions.length },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    overlay = response.body;
  }
  return overlay;
}

/** Appends snapshots of about 0.9 MB until less than one more fits; answers the bytes left. */
async function fillSnapshots(review: Review): Promise<number> {
  let overlay = await review.read();
  const used = () => overlay.versions.reduce((sum: number, v: any) => sum + bytesOf(v.snapshot), 0);
  const chunk = 900_000;
  while (MAX_SNAPSHOT_BYTES_PER_REVIEW - used() >= chunk) {
    overlay = await review.ok('versions', team.reviewer, { version_stamp: overlay.rev, snapshot: snapshotOf(chunk) });
  }
  return MAX_SNAPSHOT_BYTES_PER_REVIEW - used();
}

/** The three ways to append a version, each with the body field the limit's 422 names. */
const APPENDS: { name: string; action: Action; field: string; body: () => Record<string, unknown> }[] = [
  { name: '/versions', action: 'versions', field: 'snapshot', body: () => ({ snapshot: { total: 1 } }) },
  { name: '/revert', action: 'revert', field: 'to_seq', body: () => ({ to_seq: 0 }) },
  {
    name: 'approve with edited_output',
    action: 'decision',
    field: 'edited_output',
    body: () => ({ verdict: 'approved', edited_output: { total: 2 } }),
  },
];

/** Asserts each of the three appends is refused with the limit's 422 and writes nothing. */
async function expectEveryAppendRefused(review: Review, messagePart: string): Promise<void> {
  const before = await dbSnapshot();
  for (const append of APPENDS) {
    const response = await review.act(append.action, team.reviewer, append.body());
    expectValidationIssue(response, [append.field]);
    expect(response.body.detail.message).toContain(messagePart);
  }
  expect(await dbSnapshot()).toEqual(before);
}

describe(`at most ${MAX_VERSIONS_PER_REVIEW} versions per review`, () => {
  for (const append of APPENDS) {
    it(`${append.name} adds the ${MAX_VERSIONS_PER_REVIEW}th version; then every append is 422`, async () => {
      const review = await openReview(team);
      await growTo(review, MAX_VERSIONS_PER_REVIEW - 1);

      const last = await review.ok(append.action, team.reviewer, append.body());
      expect(last.versions).toHaveLength(MAX_VERSIONS_PER_REVIEW);
      if (append.action === 'decision') {
        // Approving decided the review: reopen it to see that it stays full.
        await review.ok('reopen', team.lead, { reason: 'one more look' });
      }

      await expectEveryAppendRefused(review, `${MAX_VERSIONS_PER_REVIEW}`);
      const approved = await review.ok('decision', team.reviewer, { verdict: 'approved' });
      expect(approved).toMatchObject({ status: 'approved', head_seq: MAX_VERSIONS_PER_REVIEW - 1 });
    }, 120_000);
  }
});

describe(`at most ${MAX_SNAPSHOT_BYTES_PER_REVIEW} bytes of snapshots per review`, () => {
  it('accepts a snapshot that fills the history exactly, refuses one byte more, then every append', async () => {
    const review = await openReview(team);
    const left = await fillSnapshots(review);

    const before = await dbSnapshot();
    const over = await review.act('versions', team.reviewer, { snapshot: snapshotOf(left + 1) });
    expectValidationIssue(over, ['snapshot']);
    expect(over.body.detail.message).toContain('8 MiB');
    expect(await dbSnapshot()).toEqual(before);

    const exact = await review.ok('versions', team.reviewer, { snapshot: snapshotOf(left) });
    expect(exact.versions.reduce((sum: number, v: any) => sum + bytesOf(v.snapshot), 0)).toBe(
      MAX_SNAPSHOT_BYTES_PER_REVIEW,
    );
    await expectEveryAppendRefused(review, '8 MiB');
  }, 120_000);
});

describe('racing appends at the limit', () => {
  /** A client that re-reads after every version conflict and tries again. */
  async function persist(review: Review, actor: TestActor, action: Action, body: Record<string, unknown>) {
    for (;;) {
      const response: ApiResponse = await review.act(action, actor, body);
      if (response.body?.detail?.code !== 'version_conflict') return response;
    }
  }

  function expectOutcomes(responses: ApiResponse[], applied: number): void {
    const codes = responses.map((r) => (r.status === 200 ? 'ok' : r.body.detail.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(applied);
    expect(codes.filter((c) => c !== 'ok')).toEqual(Array(responses.length - applied).fill('validation_error'));
  }

  it(`12 clients appending and reverting with 2 versions of room leave exactly ${MAX_VERSIONS_PER_REVIEW}`, async () => {
    const review = await openReview(team);
    await growTo(review, MAX_VERSIONS_PER_REVIEW - 2);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? persist(review, i % 4 === 0 ? team.reviewer : team.reviewer2, 'versions', { snapshot: { racer: i } })
          : persist(review, team.agent, 'revert', { to_seq: 0 }),
      ),
    );
    expectOutcomes(responses, 2);
    const overlay = await review.read();
    expect(overlay.versions.map((v: any) => v.seq)).toEqual(
      Array.from({ length: MAX_VERSIONS_PER_REVIEW }, (_, i) => i),
    );
    expectContiguousAudit(overlay);
  }, 120_000);

  it('10 clients appending snapshots of which two fit leave the history at most 8 MiB', async () => {
    const review = await openReview(team);
    const left = await fillSnapshots(review);
    const half = Math.floor(left / 2);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        persist(review, i % 2 === 0 ? team.reviewer : team.reviewer2, 'versions', { snapshot: snapshotOf(half) }),
      ),
    );
    expectOutcomes(responses, 2);
    const overlay = await review.read();
    const bytes = overlay.versions.reduce((sum: number, v: any) => sum + bytesOf(v.snapshot), 0);
    expect(bytes).toBe(MAX_SNAPSHOT_BYTES_PER_REVIEW - left + 2 * half);
    expect(bytes).toBeLessThanOrEqual(MAX_SNAPSHOT_BYTES_PER_REVIEW);
  }, 120_000);
});
