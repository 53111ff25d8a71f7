'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { reviewHref } from '@/components/inbox/inbox-filters';
import { type ShortcutHelpGroup, useShortcutHelp } from '@/components/shell/shortcut-help';
import { useToast } from '@/components/ui/toast';
import { DocumentViewer } from '@/components/workbench/document-viewer';
import { FieldsCard } from '@/components/workbench/fields-card';
import { type FieldsView, ViewSwitch } from '@/components/workbench/fields-toolbar';
import { useWorkbench } from '@/components/workbench/use-workbench';
import { WorkbenchSplit } from '@/components/workbench/workbench-split';
import { markReviewSeen } from '@/lib/client/seen-reviews';
import { useKeyboardShortcuts } from '@/lib/client/use-keyboard-shortcuts';
import { useMe } from '@/lib/client/use-me';
import { useNow } from '@/lib/client/use-now';
import { useRun } from '@/lib/client/use-review';
import type { ReviewOverlay } from '@/lib/reviews/schemas';
import { nextAttention } from '@/lib/workbench/field-table';
import { buildFormModel } from '@/lib/workbench/form-model';
import { ActivityTimeline } from './activity-timeline';
import { CompareCard } from './compare-card';
import { DecisionCallout } from './decision-callout';
import { ReviewEditor } from './review-editor';
import { versionBySeq } from './review-format';
import { ReviewHeader } from './review-header';
import { type Notice, ReviewNotice } from './review-notice';
import { type DialogState, ReviewWorkspaceDialogs } from './review-workspace-dialogs';
import { useAdjacentReviews } from './use-adjacent-reviews';
import { type SeenState, useReviewCommands } from './use-review-commands';
import { useReviewDraft } from './use-review-draft';
import { VersionTimeline } from './version-timeline';

const REVIEW_SHORTCUTS: ShortcutHelpGroup = {
  title: 'Review',
  shortcuts: [
    { keys: ['e'], description: 'Edit the head version' },
    { keys: ['a'], description: 'Approve (with your edits, while editing)' },
    { keys: ['r'], description: 'Reject' },
    { keys: ['Enter'], description: 'Confirm, in a dialog' },
    { keys: ['n'], description: 'Next uncertain or changed field' },
    { keys: ['N'], description: 'Previous uncertain or changed field' },
    { keys: ['j'], description: 'Next review in the queue' },
    { keys: ['k'], description: 'Previous review in the queue' },
    { keys: ['Ctrl ↵', '⌘ ↵'], description: 'Save the draft as a new version' },
    { keys: ['Esc'], description: 'Cancel editing' },
  ],
};

/** `right: null` follows the head, so a new version shows up in the default comparison. */
type CompareState = { left: number; right: number | null };

const DEFAULT_COMPARE: CompareState = { left: 0, right: null };

/** A constant, not a literal key: a capitalised key reads to the linter like a component. */
const ESCAPE_KEY = 'Escape';
const SHIFT_N = 'N';

/** One review: its header and actions, the comparison or the editor, the history, and the dialogs. */
export function ReviewWorkspace({
  overlay,
  runId,
  blockId,
}: {
  overlay: ReviewOverlay;
  runId: string;
  blockId: string;
}) {
  const now = useNow(15_000);
  const viewer = useMe().data;
  const run = useRun(runId).data;
  const toast = useToast();
  const router = useRouter();
  const adjacent = useAdjacentReviews(overlay);
  useShortcutHelp(REVIEW_SHORTCUTS);

  const [compareState, setCompareState] = useState<CompareState>(DEFAULT_COMPARE);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [view, setView] = useState<FieldsView>('fields');
  const drafts = useReviewDraft(overlay);
  const workbench = useWorkbench(overlay);
  const commands = useReviewCommands({
    overlay,
    runId,
    blockId,
    drafts,
    setNotice,
    closeDialog: () => setDialog(null),
    resetCompare: () => setCompareState(DEFAULT_COMPARE),
  });
  const { busy } = commands;
  const { editing } = drafts;

  const awaiting = overlay.status === 'awaiting_review';
  const seenNow: SeenState = { rev: overlay.rev, headSeq: overlay.head_seq };
  const compare = {
    left: versionBySeq(overlay, compareState.left) ? compareState.left : 0,
    right:
      compareState.right !== null && versionBySeq(overlay, compareState.right) ? compareState.right : overlay.head_seq,
  };
  const followHead = (next: { left: number; right: number }): CompareState => ({
    left: next.left,
    right: next.right === overlay.head_seq ? null : next.right,
  });

  // Opening the review, and every change seen here live, is "seen" for the inbox's change marks.
  useEffect(() => markReviewSeen(overlay.block_run_id, overlay.rev), [overlay.block_run_id, overlay.rev]);

  const startEditing = (fromSeq?: number) => {
    if (drafts.startEditing(fromSeq)) setNotice(null);
  };

  const cancelEditing = () => {
    if (drafts.dirty && awaiting) setDialog({ kind: 'discard' });
    else drafts.closeEditor();
  };

  const discardDraft = () => {
    setDialog(null);
    drafts.closeEditor();
    toast({ tone: 'info', title: 'Draft discarded.' });
  };

  /** Opening a dialog from a button clears the last refusal: it was about an earlier attempt. */
  const openDialog = (next: DialogState) => {
    setNotice(null);
    setDialog(next);
  };

  /** Selects the next field that is uncertain or changed, in the draft while editing. */
  const stepThroughFields = (direction: 1 | -1) => {
    const current = drafts.draft?.value ?? workbench.head;
    const next = nextAttention(
      {
        model: buildFormModel(workbench.schema, current),
        current,
        modelOutput: workbench.modelOutput,
        likelihoods: workbench.likelihoods,
        threshold: workbench.threshold,
      },
      workbench.selected,
      direction,
    );
    if (!next) {
      toast({ tone: 'info', title: 'No field is uncertain or changed.' });
      return;
    }
    setView('fields');
    workbench.select(next);
  };

  const openApprove = (seq: number = overlay.head_seq) => openDialog({ kind: 'approve', seq, ...seenNow });

  useKeyboardShortcuts(
    {
      e: () => {
        if (awaiting && !editing && !busy) startEditing();
      },
      a: () => {
        if (!awaiting || busy) return;
        if (!editing) openApprove();
        // Through the editor's own button, so its input checks run first.
        else document.querySelector<HTMLButtonElement>('[data-action="approve-edits"]:not(:disabled)')?.click();
      },
      r: () => {
        if (awaiting && !editing && !busy) setDialog({ kind: 'reject', ...seenNow });
      },
      // Moving on drops nothing: while a draft is open, j and k wait until it is saved or cancelled.
      j: () => {
        if (!editing && adjacent.next) router.push(reviewHref(adjacent.next));
      },
      k: () => {
        if (!editing && adjacent.previous) router.push(reviewHref(adjacent.previous));
      },
      n: () => stepThroughFields(1),
      [SHIFT_N]: () => stepThroughFields(-1),
      [ESCAPE_KEY]: () => {
        if (editing && !busy) cancelEditing();
      },
    },
    { enabled: dialog === null },
  );

  const main = drafts.draft ? (
    <ReviewEditor
      overlay={overlay}
      draft={drafts.draft}
      conflict={drafts.conflict}
      now={now}
      saving={commands.pending.save}
      approving={commands.pending.approveEdits}
      onChange={drafts.setDraft}
      onUpdateValue={drafts.updateValue}
      workbench={workbench}
      serverErrors={drafts.serverErrors}
      onSave={commands.saveDraft}
      onApproveWithEdits={() => setDialog({ kind: 'approve-edits' })}
      onCancel={cancelEditing}
      onApplyMerged={drafts.applyMerged}
      onDiscard={discardDraft}
      onClose={drafts.closeEditor}
    />
  ) : (
    <div className="space-y-2">
      <ViewSwitch view={view} onViewChange={setView} />
      {view === 'fields' ? (
        <FieldsCard workbench={workbench} headSeq={overlay.head_seq} />
      ) : (
        <CompareCard
          overlay={overlay}
          compare={compare}
          onCompareChange={(next) => setCompareState(next ? followHead(next) : DEFAULT_COMPARE)}
        />
      )}
    </div>
  );
  const history = (
    <aside
      aria-label="Version history"
      className={workbench.sources.length > 0 ? 'space-y-4' : 'space-y-4 lg:sticky lg:top-4'}
    >
      <VersionTimeline
        overlay={overlay}
        now={now}
        compare={compare}
        onCompareChange={(next) => {
          setCompareState(followHead(next));
          setView('diff');
        }}
        actionsEnabled={!editing && !busy}
        onEditFrom={startEditing}
        onRevertTo={(seq) => openDialog({ kind: 'revert', seq, ...seenNow })}
        onApproveVersion={openApprove}
      />
    </aside>
  );
  const activity = <ActivityTimeline overlay={overlay} now={now} />;

  return (
    <div className="relative min-h-0 flex-1 overflow-y-auto">
      <div
        className={`mx-auto space-y-5 px-4 py-5 sm:px-6 ${workbench.sources.length > 0 ? 'max-w-[120rem]' : 'max-w-[96rem]'}`}
      >
        <ReviewHeader
          overlay={overlay}
          run={run}
          viewer={viewer}
          now={now}
          editing={editing}
          busy={busy}
          pending={commands.pending}
          adjacent={adjacent}
          actions={{
            onClaim: commands.claim,
            onTakeOver: () => openDialog({ kind: 'take-over', ...seenNow }),
            onRelease: commands.release,
            onEdit: () => startEditing(),
            onApprove: () => openApprove(),
            onReject: () => openDialog({ kind: 'reject', ...seenNow }),
            onReopen: () => openDialog({ kind: 'reopen', ...seenNow }),
          }}
        />

        {notice && (
          <ReviewNotice key={`${notice.title}|${notice.body}`} notice={notice} onDismiss={() => setNotice(null)} />
        )}
        <DecisionCallout overlay={overlay} now={now} />

        {workbench.sources.length > 0 ? (
          <WorkbenchSplit
            document={
              <DocumentViewer
                sources={workbench.sources}
                citations={workbench.citations}
                selectedPointer={workbench.selectedPointer}
                onSelect={workbench.select}
              />
            }
            fields={
              <>
                {main}
                {history}
                {activity}
              </>
            }
          />
        ) : (
          <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:grid-cols-[minmax(0,1fr)_22rem]">
            <div className="min-w-0 space-y-6">
              {main}
              {activity}
            </div>
            {history}
          </div>
        )}

        <ReviewWorkspaceDialogs
          dialog={dialog}
          overlay={overlay}
          now={now}
          drafts={drafts}
          commands={commands}
          onDiscard={discardDraft}
          onClose={() => setDialog(null)}
        />
      </div>
    </div>
  );
}
