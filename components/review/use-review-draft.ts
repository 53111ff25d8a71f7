'use client';

import { useCallback, useEffect, useState } from 'react';
import { diffJson } from '@/lib/json-tools/json-diff';
import { formatPath, getIn } from '@/lib/json-tools/json-path';
import { type JsonObject, jsonEqual } from '@/lib/json-tools/json-value';
import { mergeDrafts } from '@/lib/json-tools/three-way-merge';
import type { ReviewOverlay } from '@/lib/reviews/schemas';
import type { SchemaErrors } from '@/lib/workbench/schema-validation';
import { serverChangeOf } from './refusal-message';
import type { Draft, DraftConflict } from './review-draft';
import { headVersionOf, versionBySeq } from './review-format';

/**
 * The reviewer's edit draft of one review: starting it from a version, the conflict a stale save
 * brings back, and re-applying the draft onto the newer head, so nobody retypes their edits.
 */
export function useReviewDraft(overlay: ReviewOverlay) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [conflict, setConflict] = useState<DraftConflict | null>(null);
  const [serverErrors, setServerErrors] = useState<{ value: JsonObject; errors: SchemaErrors } | null>(null);

  const editing = draft !== null;
  const dirty = draft !== null && (!jsonEqual(draft.value, draft.base) || draft.note.trim() !== '');
  /** The draft's changes against the head it is based on: a whole-output diff, so only asked for when shown. */
  const countChanges = (): number =>
    draft ? diffJson(versionBySeq(overlay, draft.headSeq)?.snapshot ?? draft.base, draft.value).length : 0;
  const updateValue = useCallback(
    (update: (value: JsonObject) => JsonObject) =>
      setDraft((current) => (current ? { ...current, value: update(current.value) } : current)),
    [],
  );

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Entering the editor puts the keyboard in its first field.
  useEffect(() => {
    if (!editing) return;
    document
      .querySelector<HTMLElement>('[data-testid="edit-form"] input[type="text"], [data-testid="edit-form"] textarea')
      ?.focus();
  }, [editing]);

  const closeEditor = () => {
    setDraft(null);
    setConflict(null);
    setServerErrors(null);
  };

  /** Opens the editor on a version (the head by default); false when the review cannot be edited. */
  const startEditing = (fromSeq: number = overlay.head_seq): boolean => {
    const from = versionBySeq(overlay, fromSeq);
    if (!from || overlay.status !== 'awaiting_review') return false;
    setConflict(null);
    setDraft({
      fromSeq,
      base: from.snapshot,
      headSeq: overlay.head_seq,
      rev: overlay.rev,
      value: from.snapshot,
      note: '',
      highlights: [],
      mergedOnto: null,
    });
    return true;
  };

  /**
   * After a save or approval refused as stale: the draft is kept, and either moves onto the new
   * head at once (only claims moved the review on) or waits for the reviewer to settle the
   * conflict. A decided review leaves the draft as it is, for copying.
   */
  const keepAfterRefusal = (error: Error, submitted: Draft, fresh: ReviewOverlay) => {
    if (fresh.status !== 'awaiting_review') return;
    const head = headVersionOf(fresh);
    if (!head) return;
    if (jsonEqual(head.snapshot, submitted.base)) {
      setDraft({ ...submitted, headSeq: head.seq, rev: fresh.rev, mergedOnto: head.seq });
      return;
    }
    setConflict({
      base: submitted.base,
      mine: submitted.value,
      theirs: head.snapshot,
      theirsSeq: head.seq,
      theirsRev: fresh.rev,
      serverChange: serverChangeOf(error, fresh, Date.now()),
    });
  };

  /** The reviewer's answer to a conflict: the merged draft, now based on their head. */
  const applyMerged = (merged: JsonObject) => {
    if (!draft || !conflict) return;
    const { conflicts } = mergeDrafts({ base: conflict.base, mine: conflict.mine, theirs: conflict.theirs });
    setDraft({
      ...draft,
      fromSeq: conflict.theirsSeq,
      base: conflict.theirs,
      headSeq: conflict.theirsSeq,
      rev: conflict.theirsRev,
      value: merged,
      highlights: conflicts.map((c) => ({ key: formatPath(c.path), path: c.path, value: getIn(merged, c.path) })),
      mergedOnto: conflict.theirsSeq,
    });
    setConflict(null);
  };

  return {
    draft,
    conflict,
    editing,
    dirty,
    countChanges,
    setDraft,
    updateValue,
    serverErrors,
    /** Marks the fields the server refused in `value` (its `schema_mismatch`), until the draft changes. */
    showServerErrors: (value: JsonObject, errors: SchemaErrors) => setServerErrors({ value, errors }),
    startEditing,
    closeEditor,
    keepAfterRefusal,
    applyMerged,
  };
}

export type ReviewDraftState = ReturnType<typeof useReviewDraft>;
