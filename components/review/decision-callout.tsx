import { formatFullTime, formatTimeAgo } from '@/lib/format/time';
import type { ReviewOverlay } from '@/lib/reviews/schemas';

/** The outcome in one line above everything else: what was decided, by whom, and what ships. */
export function DecisionCallout({ overlay, now }: { overlay: ReviewOverlay; now: number }) {
  const decision = overlay.decisions.at(-1);
  if (overlay.status === 'awaiting_review') {
    const reopened = overlay.audit.findLast((entry) => entry.event === 'reopened');
    if (!reopened || !decision) return null;
    const reason = typeof reopened.detail.reason === 'string' ? reopened.detail.reason : null;
    return (
      <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm dark:border-amber-800 dark:bg-amber-950/40">
        <p>
          <span className="font-medium">{reopened.actor.display_name}</span> reopened this review{' '}
          <time dateTime={reopened.at} title={formatFullTime(reopened.at)}>
            {formatTimeAgo(reopened.at, now)}
          </time>
          {reason && <>: “{reason}”</>}. It had been {decision.verdict} by {decision.decided_by.display_name}.
        </p>
      </div>
    );
  }
  if (!decision) return null;
  const approved = decision.verdict === 'approved';
  return (
    <div
      className={`flex items-start gap-3 rounded-md border px-4 py-3 text-sm ${
        approved
          ? 'border-green-300 bg-green-50 dark:border-green-900 dark:bg-green-950/40'
          : 'border-red-300 bg-red-50 dark:border-red-900 dark:bg-red-950/40'
      }`}
      data-testid="decision-callout"
    >
      <span aria-hidden="true" className="text-base leading-5 font-bold">
        {approved ? '✓' : '✕'}
      </span>
      <div className="space-y-1">
        <p>
          <span className="font-medium">{decision.decided_by.display_name}</span>{' '}
          {approved ? `approved v${decision.effective_seq}` : `rejected v${decision.on_seq}`} ·{' '}
          <time dateTime={decision.decided_at} title={formatFullTime(decision.decided_at)}>
            {formatTimeAgo(decision.decided_at, now)}
          </time>
          {approved ? (
            <span className="text-fg-muted"> — v{decision.effective_seq} is the effective output sent downstream.</span>
          ) : (
            <span className="text-fg-muted"> — the workflow run was cancelled.</span>
          )}
        </p>
        {decision.reason && <p className="whitespace-pre-wrap wrap-anywhere">“{decision.reason}”</p>}
      </div>
    </div>
  );
}
