'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { formatFullTime, formatTimeAgo } from '@/lib/format/time';
import type { JsonObject } from '@/lib/json-tools/json-value';
import type { ReviewOverlay } from '@/lib/reviews/schemas';
import { ReviewButton } from './review-button';

/**
 * Someone decided the review while the reviewer was editing: nothing can be saved any more,
 * but the draft stays on screen, selectable and copyable, so no work is lost.
 */
export function DecidedPanel({
  overlay,
  draft,
  note,
  now,
  onClose,
}: {
  overlay: ReviewOverlay;
  draft: JsonObject;
  note: string;
  now: number;
  onClose(): void;
}) {
  const headingId = useId();
  const textId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const decision = overlay.decisions.at(-1);
  const text = JSON.stringify(draft, null, 2);

  useEffect(() => headingRef.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(note.trim() ? `${text}\n\nNote: ${note}` : text);
      setCopied('copied');
    } catch {
      setCopied('failed');
      const area = document.getElementById(textId);
      if (area instanceof HTMLTextAreaElement) {
        area.focus();
        area.select();
      }
    }
  };

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-md border border-red-300 bg-red-50/60 p-4 text-sm dark:border-red-900 dark:bg-red-950/30"
      data-testid="decided-panel"
    >
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="font-semibold focus:outline-none">
        This review was decided while you were editing
      </h2>
      <p>
        {decision ? (
          <>
            <span className="font-medium">{decision.decided_by.display_name}</span>{' '}
            {decision.verdict === 'approved' ? `approved v${decision.effective_seq}` : 'rejected it'} ·{' '}
            <time dateTime={decision.decided_at} title={formatFullTime(decision.decided_at)}>
              {formatTimeAgo(decision.decided_at, now)}
            </time>
            {decision.reason && <> — “{decision.reason}”</>}
          </>
        ) : (
          <>The review is {overlay.status.replaceAll('_', ' ')}.</>
        )}
      </p>
      <p className="text-fg-muted">
        Your draft was not saved: a decided review takes no new versions. It is kept below so you can copy it, for
        example into a note to a lead who can reopen the review.
      </p>
      <label htmlFor={textId} className="block text-xs font-medium">
        Your draft
      </label>
      <textarea
        id={textId}
        readOnly
        value={text}
        rows={Math.min(16, text.split('\n').length)}
        className="block w-full resize-y rounded border border-line bg-canvas p-2 font-mono text-xs"
      />
      {note.trim() && <p className="text-xs whitespace-pre-wrap wrap-anywhere">Your note: {note}</p>}
      <div className="flex flex-wrap items-center gap-2">
        <ReviewButton variant="primary" onClick={copy}>
          Copy draft JSON
        </ReviewButton>
        <ReviewButton onClick={onClose}>Close editor</ReviewButton>
        <span role="status" className="text-xs text-fg-muted">
          {copied === 'copied' && 'Copied to the clipboard.'}
          {copied === 'failed' && 'Copying is blocked here: the draft is selected, press Ctrl+C (⌘C).'}
        </span>
      </div>
    </section>
  );
}
