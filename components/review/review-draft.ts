import type { JsonPath } from '@/lib/json-tools/json-path';
import type { JsonObject } from '@/lib/json-tools/json-value';
import type { ReviewOverlay } from '@/lib/reviews/schemas';
import type { ServerChange } from './conflict-panel';

/** What the reviewer is editing, and what it was based on, so that a stale save can be merged. */
export type Draft = {
  /** The version the editor was seeded from: the base of a three-way merge. */
  fromSeq: number;
  base: JsonObject;
  /** The head and `rev` when editing started (or when a merge last put the draft on a newer head). */
  headSeq: number;
  rev: number;
  value: JsonObject;
  note: string;
  /** Fields that conflicted in the last merge, shown until the reviewer changes them or saves. */
  highlights: { key: string; path: JsonPath; value: unknown }[];
  /** The head the draft was last re-applied onto after a conflict, if it was. */
  mergedOnto: number | null;
};

/** A save that came back `version_conflict` while the review was still open. */
export type DraftConflict = {
  base: JsonObject;
  mine: JsonObject;
  theirs: JsonObject;
  theirsSeq: number;
  theirsRev: number;
  serverChange: ServerChange;
};

/**
 * The stamp for saving a draft. While the head is still the one the draft started from, only
 * claims moved the review on, so the current `rev` is the right stamp. Once someone added a
 * version the draft's own `rev` is sent, so that the server answers with the conflict (and who
 * caused it) instead of the draft silently overwriting their version.
 */
export function draftStamp(draft: Draft, overlay: Pick<ReviewOverlay, 'head_seq' | 'rev' | 'status'>): number {
  return overlay.head_seq === draft.headSeq && overlay.status === 'awaiting_review' ? overlay.rev : draft.rev;
}
