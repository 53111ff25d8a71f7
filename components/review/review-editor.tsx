'use client';

import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Kbd } from '@/components/ui/kbd';
import { DraftFields } from '@/components/workbench/draft-fields';
import { useSchemaErrors, useSchemaValidator, type Workbench } from '@/components/workbench/use-workbench';
import { diffJson } from '@/lib/json-tools/json-diff';
import { getIn } from '@/lib/json-tools/json-path';
import { type JsonObject, jsonEqual } from '@/lib/json-tools/json-value';
import type { ReviewOverlay } from '@/lib/reviews/schemas';
import type { SchemaErrors } from '@/lib/workbench/schema-validation';
import { ConflictPanel } from './conflict-panel';
import { DecidedPanel } from './decided-panel';
import { ReviewButton } from './review-button';
import type { Draft, DraftConflict } from './review-draft';
import { headVersionOf, versionBySeq } from './review-format';
import { TextareaField } from './textarea-field';
import { VersionDiff } from './version-diff';

type ReviewEditorProps = {
  overlay: ReviewOverlay;
  draft: Draft;
  conflict: DraftConflict | null;
  now: number;
  saving: boolean;
  approving: boolean;
  onChange(next: Draft): void;
  /** Applies one change to the draft's value: a stable callback, so unchanged rows skip rendering. */
  onUpdateValue(update: (value: JsonObject) => JsonObject): void;
  workbench: Workbench;
  /** The server's failing paths for the draft as it was last sent, if it refused it as `schema_mismatch`. */
  serverErrors: { value: JsonObject; errors: SchemaErrors } | null;
  onSave(): void;
  onApproveWithEdits(): void;
  onCancel(): void;
  onApplyMerged(merged: JsonObject): void;
  onDiscard(): void;
  onClose(): void;
};

const NO_ERRORS: SchemaErrors = new Map();

export function ReviewEditor(props: ReviewEditorProps) {
  const { overlay, draft, conflict, now, onChange } = props;
  const headingId = useId();
  const noteId = useId();
  const formRef = useRef<HTMLDivElement>(null);
  const [inputProblem, setInputProblem] = useState<string | null>(null);
  const [previewOpen, setPreviewOpen] = useState(false);

  const startHead = versionBySeq(overlay, draft.headSeq);
  const currentHead = headVersionOf(overlay);
  const startSnapshot = startHead?.snapshot ?? draft.base;
  // Unchanged branches share identity with the start, so this is quick even on large outputs.
  const hasChanges = !jsonEqual(startSnapshot, draft.value);
  // The diff walks the whole output: counted a beat after typing, for the preview's summary.
  const settledValue = useDeferredValue(draft.value);
  const changes = useMemo(() => diffJson(startSnapshot, settledValue), [startSnapshot, settledValue]);
  const highlightPaths = useMemo(
    () => draft.highlights.filter((h) => jsonEqual(getIn(draft.value, h.path), h.value)).map((h) => h.key),
    [draft.highlights, draft.value],
  );
  const headMoved = overlay.status === 'awaiting_review' && overlay.head_seq !== draft.headSeq;
  const mergedNoticeRef = useRef<HTMLParagraphElement>(null);
  const firstConflictKey = draft.highlights[0]?.key;

  // After a merge the reviewer's eyes belong on the first field that clashed, or on the summary.
  useEffect(() => {
    if (draft.mergedOnto === null) return;
    const label = firstConflictKey
      ? formRef.current?.querySelector<HTMLElement>(`[title="${CSS.escape(firstConflictKey)}"]`)
      : null;
    const input = label instanceof HTMLLabelElement && label.htmlFor ? document.getElementById(label.htmlFor) : null;
    label?.scrollIntoView({ block: 'center' });
    (input ?? mergedNoticeRef.current)?.focus();
  }, [draft.mergedOnto, firstConflictKey]);
  const validate = useSchemaValidator(props.workbench.schema);
  const localErrors = useSchemaErrors(validate, draft.value);
  const serverErrors =
    props.serverErrors && props.serverErrors.value === draft.value ? props.serverErrors.errors : NO_ERRORS;
  const errors = useMemo(
    () => (serverErrors.size === 0 ? localErrors : new Map([...localErrors, ...serverErrors])),
    [localErrors, serverErrors],
  );
  const busy = props.saving || props.approving;
  const { onUpdateValue } = props;
  const updateValue = useCallback(
    (update: (value: JsonObject) => JsonObject) => {
      setInputProblem(null);
      onUpdateValue(update);
    },
    [onUpdateValue],
  );

  /** Half-typed numbers and unparsable raw JSON keep the last valid value; saving that would surprise. */
  const checkInputs = (): boolean => {
    // Checked on the draft as it is now (the shown errors trail typing by a beat), rows the grid
    // has not drawn included.
    const failing = new Set([...(validate?.(draft.value).keys() ?? []), ...serverErrors.keys()]).size;
    if (failing > 0) {
      setInputProblem(
        `${failing === 1 ? '1 field does' : `${failing} fields do`} not match the schema. Fix ${failing === 1 ? 'it' : 'them'} first: the list above the fields leads to each.`,
      );
      formRef.current?.querySelector<HTMLElement>('[data-testid="schema-error-summary"]')?.focus();
      return false;
    }
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!invalid) {
      setInputProblem(null);
      return true;
    }
    setInputProblem(
      invalid.offsetParent === null
        ? 'The raw JSON does not parse yet. Fix it in Raw JSON mode before saving, or the last valid version would be saved.'
        : 'An input marked in red is not valid yet. Fix it before saving, or its last valid value would be saved.',
    );
    invalid.focus();
    return false;
  };
  const save = () => {
    if (!busy && hasChanges && checkInputs()) props.onSave();
  };
  const approve = () => {
    if (!busy && hasChanges && checkInputs()) props.onApproveWithEdits();
  };

  const basedOn =
    draft.fromSeq === overlay.head_seq
      ? `v${draft.fromSeq} (the head)`
      : draft.fromSeq === draft.headSeq
        ? `v${draft.fromSeq} (the head when you started)`
        : `v${draft.fromSeq}, an older version (the head is v${overlay.head_seq})`;

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-accent/50 shadow-sm"
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          if (!conflict && overlay.status === 'awaiting_review') save();
        }
      }}
    >
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line bg-surface px-4 py-2">
        <h2 id={headingId} className="text-sm font-semibold">
          Editing <span className="font-normal text-fg-muted">— based on {basedOn}</span>
        </h2>
        <ReviewButton size="sm" variant="ghost" onClick={props.onCancel} disabled={busy} aria-keyshortcuts="Escape">
          Cancel <Kbd>Esc</Kbd>
        </ReviewButton>
      </div>

      <div className="space-y-4 p-4">
        {overlay.status !== 'awaiting_review' ? (
          <DecidedPanel overlay={overlay} draft={draft.value} note={draft.note} now={now} onClose={props.onClose} />
        ) : conflict ? (
          <ConflictPanel
            base={conflict.base}
            mine={conflict.mine}
            theirs={conflict.theirs}
            serverChange={conflict.serverChange}
            onApply={props.onApplyMerged}
            onDiscard={props.onDiscard}
          />
        ) : (
          <>
            {headMoved && currentHead && (
              <p
                role="status"
                className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-800 dark:bg-amber-950/40"
              >
                <span className="font-medium">{currentHead.author.display_name}</span> saved v{currentHead.seq} while
                you were editing. Your draft is safe: when you save, you can re-apply your changes on top of it.
              </p>
            )}
            {draft.mergedOnto !== null && (
              <p
                ref={mergedNoticeRef}
                tabIndex={-1}
                role="status"
                className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm focus:outline-none dark:border-green-900 dark:bg-green-950/40"
              >
                Your changes are re-applied on top of v{draft.mergedOnto}.{' '}
                {highlightPaths.length > 0
                  ? `Check the ${highlightPaths.length === 1 ? 'field' : `${highlightPaths.length} fields`} marked “Conflict”, then save again.`
                  : 'Review them and save again — nothing needs retyping.'}
              </p>
            )}
            <div ref={formRef} data-testid="edit-form">
              <DraftFields
                workbench={props.workbench}
                value={draft.value}
                updateValue={updateValue}
                highlightPaths={highlightPaths}
                errors={errors}
              />
            </div>

            <details
              className="rounded-md border border-line"
              onToggle={(event) => setPreviewOpen(event.currentTarget.open)}
            >
              <summary className="cursor-pointer px-3 py-2 text-sm font-medium select-none">
                Preview changes{' '}
                <span className="font-normal text-fg-muted">
                  ({changes.length} {changes.length === 1 ? 'field' : 'fields'} against v{draft.headSeq})
                </span>
              </summary>
              {previewOpen && (
                <div className="border-t border-line p-3">
                  <VersionDiff
                    left={{
                      label: `v${draft.headSeq} (head when you started)`,
                      snapshot: startHead?.snapshot ?? draft.base,
                    }}
                    right={{ label: 'Your draft', snapshot: draft.value }}
                  />
                </div>
              )}
            </details>

            <TextareaField
              id={noteId}
              label="Note"
              value={draft.note}
              onValueChange={(note) => onChange({ ...draft, note })}
              rows={2}
              placeholder="Why did you change it? e.g. “Due date is net 45 on the invoice.”"
              describedBy={`${noteId}-hint`}
            >
              <p id={`${noteId}-hint`} className="text-xs text-fg-muted">
                Shown with the new version. With “Approve with edits” it becomes the approval’s comment.
              </p>
            </TextareaField>

            {inputProblem && (
              <p role="alert" className="text-sm text-danger">
                {inputProblem}
              </p>
            )}

            <div className="flex flex-wrap items-center gap-2 border-t border-line pt-3">
              <ReviewButton
                variant="primary"
                onClick={save}
                disabled={!hasChanges || props.approving}
                pending={props.saving}
                aria-keyshortcuts="Control+Enter Meta+Enter"
              >
                Save as new version
                <Kbd className="ml-0.5">Ctrl ↵</Kbd>
              </ReviewButton>
              <ReviewButton
                variant="approve"
                onClick={approve}
                data-action="approve-edits"
                disabled={!hasChanges || props.saving}
                pending={props.approving}
              >
                Approve with edits…
              </ReviewButton>
              {!hasChanges && <span className="text-xs text-fg-muted">No changes yet.</span>}
            </div>
          </>
        )}
      </div>
    </section>
  );
}
