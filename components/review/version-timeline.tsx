'use client';

import { Badge } from '@/components/ui/badge';
import { cx } from '@/components/ui/class-names';
import { formatFullTime, formatTimeAgo } from '@/lib/format/time';
import type { OutputVersion, ReviewOverlay } from '@/lib/reviews/schemas';
import { ReviewButton } from './review-button';
import { ORIGIN_LABELS } from './review-format';

export type CompareSelection = { left: number; right: number };

type VersionTimelineProps = {
  overlay: ReviewOverlay;
  now: number;
  compare: CompareSelection;
  onCompareChange(next: CompareSelection): void;
  /** Row actions are offered only while the review awaits a decision and nothing else is going on. */
  actionsEnabled: boolean;
  onEditFrom(seq: number): void;
  onRevertTo(seq: number): void;
  onApproveVersion(seq: number): void;
};

/** Every version, newest first, with the two picked for comparison and what each one is. */
export function VersionTimeline({ overlay, actionsEnabled, ...rowProps }: VersionTimelineProps) {
  const versions = [...overlay.versions].reverse();
  const awaiting = overlay.status === 'awaiting_review';
  return (
    <section aria-labelledby="versions-heading" className="rounded-lg border border-line">
      <div className="flex items-baseline justify-between gap-2 border-b border-line bg-surface px-3 py-2">
        <h2 id="versions-heading" className="text-sm font-semibold">
          Versions <span className="font-normal text-fg-muted">({overlay.versions.length})</span>
        </h2>
        <p className="text-xs text-fg-muted">Compare</p>
      </div>
      <div
        aria-hidden="true"
        className="flex px-1 pt-1.5 text-[10px] font-medium tracking-wide text-fg-muted uppercase"
      >
        <span className="w-8 text-center">From</span>
        <span className="w-8 text-center">To</span>
      </div>
      <p className="sr-only">Pick one version to compare from and one to compare to; the comparison updates at once.</p>
      <ol className="divide-y divide-line">
        {versions.map((version) => (
          <VersionRow
            key={version.seq}
            {...rowProps}
            version={version}
            overlay={overlay}
            actionsEnabled={actionsEnabled && awaiting}
          />
        ))}
      </ol>
    </section>
  );
}

function VersionRow({
  version,
  overlay,
  now,
  compare,
  onCompareChange,
  actionsEnabled,
  onEditFrom,
  onRevertTo,
  onApproveVersion,
}: Omit<VersionTimelineProps, 'overlay'> & { version: OutputVersion; overlay: ReviewOverlay }) {
  const isHead = version.seq === overlay.head_seq;
  const isEffective = overlay.effective_seq === version.seq;
  const inCompare = compare.left === version.seq || compare.right === version.seq;
  const origin =
    version.origin === 'revert' && version.parent_seq !== null
      ? `Revert to v${version.parent_seq}`
      : ORIGIN_LABELS[version.origin];
  return (
    <li className={cx('flex gap-1 py-2.5 pr-3 pl-1', inCompare && 'bg-surface')} data-testid={`version-${version.seq}`}>
      <div className="flex shrink-0 items-start pt-1">
        <CompareRadio end="from" seq={version.seq} compare={compare} onCompareChange={onCompareChange} />
        <CompareRadio end="to" seq={version.seq} compare={compare} onCompareChange={onCompareChange} />
      </div>
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="font-mono text-sm font-semibold">v{version.seq}</span>
          <span className="text-sm">{origin}</span>
          {isHead && (
            <Badge tone="accent" srLabel="head: the latest version, the one a plain approval ships">
              Head
            </Badge>
          )}
          {isEffective && (
            <Badge tone="success" srLabel="effective: the approved version that flows downstream">
              Effective
            </Badge>
          )}
        </div>
        <p className="text-xs text-fg-muted">
          {version.author.display_name}
          {version.author.kind !== 'human' && <span> ({version.author.kind})</span>} ·{' '}
          <time dateTime={version.created_at} title={formatFullTime(version.created_at)}>
            {formatTimeAgo(version.created_at, now)}
          </time>
        </p>
        {version.note && (
          <p className="rounded border-l-2 border-line-strong pl-2 text-xs whitespace-pre-wrap wrap-anywhere text-fg">
            {version.note}
          </p>
        )}
        {actionsEnabled && !isHead && (
          <div className="-ml-2 flex flex-wrap gap-0.5 pt-0.5">
            <ReviewButton
              size="sm"
              variant="ghost"
              onClick={() => onEditFrom(version.seq)}
              aria-label={`Edit from v${version.seq}`}
            >
              Edit from here
            </ReviewButton>
            <ReviewButton
              size="sm"
              variant="ghost"
              onClick={() => onRevertTo(version.seq)}
              aria-label={`Revert to v${version.seq}…`}
            >
              Revert…
            </ReviewButton>
            <ReviewButton
              size="sm"
              variant="ghost"
              onClick={() => onApproveVersion(version.seq)}
              aria-label={`Approve v${version.seq}…`}
            >
              Approve…
            </ReviewButton>
          </div>
        )}
      </div>
    </li>
  );
}

const COMPARE_ENDS = {
  from: { side: 'left', accent: 'accent-red-600' },
  to: { side: 'right', accent: 'accent-green-600' },
} as const;

/** Picks `seq` as the version the comparison starts from or goes to. */
function CompareRadio({
  end,
  seq,
  compare,
  onCompareChange,
}: {
  end: keyof typeof COMPARE_ENDS;
  seq: number;
  compare: CompareSelection;
  onCompareChange(next: CompareSelection): void;
}) {
  const { side, accent } = COMPARE_ENDS[end];
  return (
    <span className="flex w-8 justify-center">
      <input
        type="radio"
        name={`compare-${end}`}
        checked={compare[side] === seq}
        onChange={() => onCompareChange({ ...compare, [side]: seq })}
        aria-label={`Compare ${end} v${seq}`}
        className={cx('size-4', accent)}
      />
    </span>
  );
}
