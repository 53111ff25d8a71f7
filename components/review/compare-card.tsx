'use client';

import type { ReviewOverlay } from '@/lib/reviews/schemas';
import { ReviewButton } from './review-button';
import { ORIGIN_LABELS, versionBySeq } from './review-format';
import { VersionDiff } from './version-diff';
import type { CompareSelection } from './version-timeline';

function sideLabel(overlay: ReviewOverlay, seq: number): string {
  const version = versionBySeq(overlay, seq);
  if (!version) return `v${seq}`;
  const marks = [seq === overlay.head_seq ? 'head' : null, seq === overlay.effective_seq ? 'effective' : null].filter(
    Boolean,
  );
  return `v${seq} · ${ORIGIN_LABELS[version.origin]}${marks.length ? ` (${marks.join(', ')})` : ''}`;
}

/** The two versions picked in the timeline, side by side; v0 against the head unless the reviewer chose others. */
export function CompareCard({
  overlay,
  compare,
  onCompareChange,
}: {
  overlay: ReviewOverlay;
  compare: CompareSelection;
  onCompareChange(next: CompareSelection | null): void;
}) {
  const left = versionBySeq(overlay, compare.left);
  const right = versionBySeq(overlay, compare.right);
  const isDefault = compare.left === 0 && compare.right === overlay.head_seq;
  return (
    <section aria-labelledby="compare-heading" className="rounded-lg border border-line" data-testid="compare-card">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line bg-surface px-4 py-2">
        <h2 id="compare-heading" className="text-sm font-semibold">
          {overlay.versions.length === 1 ? (
            'Model output (v0) — no edits yet'
          ) : compare.left === compare.right ? (
            <>
              Showing <span className="font-mono">v{compare.left}</span>
              <span className="font-normal text-fg-muted"> — pick two different versions to compare</span>
            </>
          ) : (
            <>
              Comparing <span className="font-mono">v{compare.left}</span>
              <span aria-hidden="true"> → </span>
              <span className="sr-only"> with </span>
              <span className="font-mono">v{compare.right}</span>
            </>
          )}
        </h2>
        <div className="flex gap-1">
          <ReviewButton
            size="sm"
            variant="ghost"
            onClick={() => onCompareChange({ left: compare.right, right: compare.left })}
            disabled={compare.left === compare.right}
          >
            Swap sides
          </ReviewButton>
          {!isDefault && (
            <ReviewButton size="sm" variant="ghost" onClick={() => onCompareChange(null)}>
              Model output vs head
            </ReviewButton>
          )}
        </div>
      </div>
      <div className="p-4">
        {left && right && left.seq === right.seq ? (
          <SnapshotText label={sideLabel(overlay, left.seq)} snapshot={left.snapshot} />
        ) : left && right ? (
          <VersionDiff
            left={{ label: sideLabel(overlay, left.seq), snapshot: left.snapshot }}
            right={{ label: sideLabel(overlay, right.seq), snapshot: right.snapshot }}
          />
        ) : (
          <p className="text-sm text-fg-muted">Pick two versions in the timeline to compare them.</p>
        )}
      </div>
    </section>
  );
}

/** One version on its own, as JSON text: a diff of a version with itself would only repeat it. */
function SnapshotText({ label, snapshot }: { label: string; snapshot: unknown }) {
  return (
    <figure className="overflow-hidden rounded-md border border-line">
      <figcaption className="border-b border-line bg-surface px-3 py-1.5 text-xs font-medium text-fg-muted">
        {label}
      </figcaption>
      <pre className="overflow-x-auto p-3 font-mono text-xs leading-5 whitespace-pre-wrap wrap-anywhere">
        {JSON.stringify(snapshot, null, 2)}
      </pre>
    </figure>
  );
}
