'use client';

import type { ReviewOverlay } from '@/lib/reviews/schemas';
import {
  ApproveDialog,
  ApproveEditsDialog,
  DiscardDialog,
  RejectDialog,
  ReopenDialog,
  RevertDialog,
  TakeOverDialog,
} from './review-dialogs';
import type { ReviewCommands, SeenState } from './use-review-commands';
import type { ReviewDraftState } from './use-review-draft';

/** The one dialog the review page may have open, with the state the reviewer confirmed it on. */
export type DialogState =
  | ({ kind: 'approve'; seq: number } & SeenState)
  | { kind: 'approve-edits' }
  | ({ kind: 'reject' } & SeenState)
  | ({ kind: 'revert'; seq: number } & SeenState)
  | ({ kind: 'reopen' } & SeenState)
  | ({ kind: 'take-over' } & SeenState)
  | { kind: 'discard' };

/** Shows the open dialog and hands its confirmation to the matching command. */
export function ReviewWorkspaceDialogs({
  dialog,
  overlay,
  now,
  drafts,
  commands,
  onDiscard,
  onClose,
}: {
  dialog: DialogState | null;
  overlay: ReviewOverlay;
  now: number;
  drafts: ReviewDraftState;
  commands: ReviewCommands;
  onDiscard(): void;
  onClose(): void;
}) {
  const { pending } = commands;
  switch (dialog?.kind) {
    case 'approve':
      return (
        <ApproveDialog
          overlay={overlay}
          initialSeq={dialog.seq}
          now={now}
          pending={pending.approve}
          onConfirm={(seq) => commands.approve(dialog, seq)}
          onClose={onClose}
        />
      );
    case 'approve-edits':
      return drafts.draft ? (
        <ApproveEditsDialog
          nextSeq={overlay.head_seq + 1}
          changedFields={drafts.countChanges()}
          comment={drafts.draft.note}
          pending={pending.approveEdits}
          onConfirm={commands.approveDraft}
          onClose={onClose}
        />
      ) : null;
    case 'reject':
      return (
        <RejectDialog
          overlay={overlay}
          pending={pending.reject}
          onConfirm={(reason) => commands.reject(dialog, reason)}
          onClose={onClose}
        />
      );
    case 'revert':
      return (
        <RevertDialog
          overlay={overlay}
          toSeq={dialog.seq}
          now={now}
          pending={pending.revert}
          onConfirm={(note) => commands.revert(dialog, dialog.seq, note)}
          onClose={onClose}
        />
      );
    case 'reopen':
      return (
        <ReopenDialog
          overlay={overlay}
          pending={pending.reopen}
          onConfirm={(reason) => commands.reopen(dialog, reason)}
          onClose={onClose}
        />
      );
    case 'take-over':
      return overlay.claim ? (
        <TakeOverDialog
          claim={overlay.claim}
          now={now}
          pending={pending.claim}
          onConfirm={() => commands.takeOver(dialog)}
          onClose={onClose}
        />
      ) : null;
    case 'discard':
      return <DiscardDialog changedFields={drafts.countChanges()} onDiscard={onDiscard} onClose={onClose} />;
    default:
      return null;
  }
}
