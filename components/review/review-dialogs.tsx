'use client';

import { type ReactNode, useId, useState } from 'react';
import { Kbd } from '@/components/ui/kbd';
import { formatDuration, formatTimeAgo } from '@/lib/format/time';
import type { ReviewClaim, ReviewOverlay } from '@/lib/reviews/schemas';
import { ReviewDialog } from './review-dialog';
import { ORIGIN_LABELS, versionBySeq } from './review-format';
import { FIELD_CLASS, TEXT_LIMIT, TextareaField } from './textarea-field';

/** What the reject and reopen dialogs take: both ask for a reason before they run their command. */
type ReasonCommandDialogProps = {
  overlay: ReviewOverlay;
  pending: boolean;
  onConfirm(reason: string): void;
  onClose(): void;
};

function VersionSummary({ overlay, seq, now }: { overlay: ReviewOverlay; seq: number; now: number }) {
  const version = versionBySeq(overlay, seq);
  if (!version) return null;
  return (
    <span>
      <span className="font-mono font-semibold">v{version.seq}</span> · {ORIGIN_LABELS[version.origin]} by{' '}
      {version.author.display_name}, {formatTimeAgo(version.created_at, now)}
    </span>
  );
}

export function ApproveDialog({
  overlay,
  initialSeq,
  now,
  pending,
  onConfirm,
  onClose,
}: {
  overlay: ReviewOverlay;
  initialSeq: number;
  now: number;
  pending: boolean;
  onConfirm(effectiveSeq: number): void;
  onClose(): void;
}) {
  const selectId = useId();
  const [seq, setSeq] = useState(initialSeq);
  const isHead = seq === overlay.head_seq;
  return (
    <ReviewDialog
      title={`Approve v${seq}${isHead ? ' (head)' : ''}?`}
      description="The workflow run continues with this version’s output. The decision is final unless a lead reopens the review."
      onClose={onClose}
      confirm={{ label: `Approve v${seq}`, variant: 'approve', pending, onConfirm: () => onConfirm(seq) }}
    >
      <div className="space-y-1">
        <label htmlFor={selectId} className="block font-medium">
          Version to ship
        </label>
        <select
          id={selectId}
          data-autofocus
          value={seq}
          onChange={(event) => setSeq(Number(event.target.value))}
          className={FIELD_CLASS}
        >
          {[...overlay.versions].reverse().map((version) => (
            <option key={version.seq} value={version.seq}>
              v{version.seq} · {ORIGIN_LABELS[version.origin]} · {version.author.display_name}
              {version.seq === overlay.head_seq ? ' (head)' : ''}
            </option>
          ))}
        </select>
        <p className="text-xs text-fg-muted">
          <VersionSummary overlay={overlay} seq={seq} now={now} />
          {!isHead && `. Not the head: v${overlay.head_seq} stays the latest version, v${seq} is what ships.`}
        </p>
      </div>
    </ReviewDialog>
  );
}

export function ApproveEditsDialog({
  nextSeq,
  changedFields,
  comment,
  pending,
  onConfirm,
  onClose,
}: {
  nextSeq: number;
  changedFields: number;
  comment: string;
  pending: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  return (
    <ReviewDialog
      title="Approve with your edits?"
      onClose={onClose}
      cancelLabel="Keep editing"
      focusCancel
      confirm={{ label: `Save as v${nextSeq} and approve`, variant: 'approve', pending, onConfirm }}
    >
      <p>
        Your draft ({changedFields} {changedFields === 1 ? 'field' : 'fields'} changed) is saved as v{nextSeq} and
        approved in one step. The workflow run continues with it.
      </p>
      {comment.trim() && (
        <p className="rounded-md border border-line bg-surface px-3 py-2 whitespace-pre-wrap wrap-anywhere">
          <span className="font-medium">Approval comment:</span> {comment}
        </p>
      )}
    </ReviewDialog>
  );
}

/** A required reason with inline validation: reject and reopen. */
function ReasonDialog({
  title,
  intro,
  label,
  placeholder,
  missing,
  confirmLabel,
  variant,
  pending,
  onConfirm,
  onClose,
}: Omit<ReasonCommandDialogProps, 'overlay'> & {
  title: string;
  intro: ReactNode;
  label: string;
  placeholder: string;
  missing: string;
  confirmLabel: string;
  variant: 'danger' | 'primary';
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const [reason, setReason] = useState('');
  const [showError, setShowError] = useState(false);
  const invalid = showError && reason.trim() === '';
  const submit = () => {
    if (reason.trim() === '') {
      setShowError(true);
      document.getElementById(id)?.focus();
      return;
    }
    onConfirm(reason.trim());
  };
  return (
    <ReviewDialog
      title={title}
      description={intro}
      onClose={onClose}
      confirm={{ label: confirmLabel, variant, pending, onConfirm: submit }}
    >
      <TextareaField
        id={id}
        label={label}
        required
        value={reason}
        onValueChange={setReason}
        rows={4}
        placeholder={placeholder}
        autoFocus
        invalid={invalid}
        describedBy={invalid ? `${errorId} ${hintId}` : hintId}
      >
        {invalid && (
          <p id={errorId} className="text-xs font-medium text-danger">
            {missing}
          </p>
        )}
        <p id={hintId} className="flex justify-between text-xs text-fg-muted">
          <span>
            <Kbd>Ctrl</Kbd> <Kbd>↵</Kbd> submits
          </span>
          <span>
            {reason.length} / {TEXT_LIMIT}
          </span>
        </p>
      </TextareaField>
    </ReviewDialog>
  );
}

export function RejectDialog({ overlay, pending, onConfirm, onClose }: ReasonCommandDialogProps) {
  return (
    <ReasonDialog
      title={`Reject v${overlay.head_seq}?`}
      intro={
        <>
          Rejecting cancels the workflow run <span className="font-mono text-xs">{overlay.workflow_run_id}</span>. The
          reason is recorded and sent downstream with the rejection.
        </>
      }
      label="Reason"
      placeholder="e.g. Not an invoice: the document is a purchase order."
      missing="Give a reason for the rejection: the workflow owner sees it."
      confirmLabel="Reject"
      variant="danger"
      pending={pending}
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}

export function ReopenDialog({ overlay, pending, onConfirm, onClose }: ReasonCommandDialogProps) {
  const decision = overlay.decisions.at(-1);
  return (
    <ReasonDialog
      title="Reopen this review?"
      intro={
        <>
          It goes back to the queue as awaiting review, and downstream is told.
          {decision &&
            ` The current decision (${decision.verdict} by ${decision.decided_by.display_name}) and every version stay in the history.`}
        </>
      }
      label="Reason for reopening"
      placeholder="e.g. The customer disputes the total; needs a second look."
      missing="Give a reason for reopening: reviewers and the workflow see it."
      confirmLabel="Reopen review"
      variant="primary"
      pending={pending}
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}

export function RevertDialog({
  overlay,
  toSeq,
  now,
  pending,
  onConfirm,
  onClose,
}: {
  overlay: ReviewOverlay;
  toSeq: number;
  now: number;
  pending: boolean;
  onConfirm(note: string): void;
  onClose(): void;
}) {
  const noteId = useId();
  const [note, setNote] = useState('');
  return (
    <ReviewDialog
      title={`Revert to v${toSeq}?`}
      description={
        <>
          Adds v{overlay.head_seq + 1} as a copy of <VersionSummary overlay={overlay} seq={toSeq} now={now} />. Nothing
          is deleted: v{overlay.head_seq} stays in the history.
        </>
      }
      onClose={onClose}
      confirm={{ label: `Revert to v${toSeq}`, pending, onConfirm: () => onConfirm(note) }}
    >
      <TextareaField
        id={noteId}
        label="Note"
        value={note}
        onValueChange={setNote}
        rows={3}
        placeholder="Why go back to this version?"
        autoFocus
      />
    </ReviewDialog>
  );
}

export function DiscardDialog({
  changedFields,
  onDiscard,
  onClose,
}: {
  changedFields: number;
  onDiscard(): void;
  onClose(): void;
}) {
  return (
    <ReviewDialog
      title="Discard your changes?"
      onClose={onClose}
      cancelLabel="Keep editing"
      focusCancel
      confirm={{ label: 'Discard changes', variant: 'danger', onConfirm: onDiscard }}
    >
      <p>
        Your draft ({changedFields} {changedFields === 1 ? 'field' : 'fields'} changed
        {changedFields === 0 ? ', and a note' : ''}) has not been saved. It will be lost.
      </p>
    </ReviewDialog>
  );
}

export function TakeOverDialog({
  claim,
  now,
  pending,
  onConfirm,
  onClose,
}: {
  claim: ReviewClaim;
  now: number;
  pending: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  const holder = claim.holder.display_name;
  return (
    <ReviewDialog
      title={`Take over ${holder}’s claim?`}
      onClose={onClose}
      focusCancel
      confirm={{ label: 'Take over', pending, onConfirm }}
    >
      <p>
        {holder} claimed this review {formatTimeAgo(claim.claimed_at, now)}; the claim is theirs for another{' '}
        {formatDuration(Date.parse(claim.expires_at) - now)}. Taking it over tells everyone you are on it now, and the
        activity records it. Anything {holder} has not saved yet is not affected, but they may be working on it.
      </p>
    </ReviewDialog>
  );
}
