import { describe, expect, it } from 'vitest';
import { type Draft, draftStamp } from './review-draft';

const draft: Draft = {
  fromSeq: 2,
  base: { total: 1 },
  headSeq: 2,
  rev: 5,
  value: { total: 2 },
  note: '',
  highlights: [],
  mergedOnto: null,
};

describe('draftStamp', () => {
  it('follows the current rev while only claims moved the review on', () => {
    expect(draftStamp(draft, { head_seq: 2, rev: 7, status: 'awaiting_review' })).toBe(7);
  });

  it('keeps the rev the draft started from once someone added a version, so the save conflicts', () => {
    expect(draftStamp(draft, { head_seq: 3, rev: 6, status: 'awaiting_review' })).toBe(5);
  });

  it('keeps the starting rev when the review was decided meanwhile', () => {
    expect(draftStamp(draft, { head_seq: 2, rev: 6, status: 'approved' })).toBe(5);
  });
});
