'use client';

import { useState } from 'react';
import { cx } from '@/components/ui/class-names';
import { formatFullTime, formatTimeAgo } from '@/lib/format/time';
import type { ReviewOverlay } from '@/lib/reviews/schemas';
import { type ActivityKind, describeActivity } from './activity-text';

const DOTS: Record<ActivityKind, string> = {
  open: 'bg-neutral-400',
  claim: 'bg-violet-400',
  version: 'bg-blue-500',
  approved: 'bg-green-600',
  rejected: 'bg-red-600',
  reopened: 'bg-amber-500',
};

/** The audit trail as sentences, newest first like the version list. */
export function ActivityTimeline({ overlay, now }: { overlay: ReviewOverlay; now: number }) {
  const [showClaims, setShowClaims] = useState(true);
  const entries = [...overlay.audit].reverse().map((entry) => ({ entry, line: describeActivity(entry, overlay) }));
  const shown = showClaims ? entries : entries.filter(({ line }) => line.kind !== 'claim');
  return (
    <section aria-labelledby="activity-heading" className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="activity-heading" className="text-sm font-semibold">
          Activity
        </h2>
        <label className="flex items-center gap-1.5 text-xs text-fg-muted">
          <input
            type="checkbox"
            checked={showClaims}
            onChange={(event) => setShowClaims(event.target.checked)}
            className="accent-blue-600"
          />
          Show claims
        </label>
      </div>
      <ol className="relative space-y-3 border-l border-line pl-5" data-testid="activity">
        {shown.map(({ entry, line }) => (
          <li key={entry.entry_id} className="relative text-sm">
            <span
              aria-hidden="true"
              className={cx('absolute top-1.5 -left-[25px] size-2.5 rounded-full ring-4 ring-canvas', DOTS[line.kind])}
            />
            <p className={cx(line.kind === 'claim' && 'text-fg-muted')}>
              <span className="font-medium text-fg">{line.who}</span> {line.what}
              {line.quote && (
                <>
                  : <q className="whitespace-pre-wrap wrap-anywhere text-fg">{line.quote}</q>
                </>
              )}
              <span className="text-fg-muted">
                {' · '}
                <time dateTime={entry.at} title={formatFullTime(entry.at)}>
                  {formatTimeAgo(entry.at, now)}
                </time>
              </span>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
