'use client';

import { cx } from '@/components/ui/class-names';

/**
 * A value as the table shows it when it is not being edited: whole, wrapped, in the fields table
 * (a reviewer checks every character of an invoice number), cut to one line in a grid's fixed rows.
 */
export function ValueText({ value, muted = false, wrap = false }: { value: unknown; muted?: boolean; wrap?: boolean }) {
  if (value === undefined) return <span className="text-xs italic text-fg-muted">absent</span>;
  if (value === null) return <span className="font-mono text-xs italic text-fg-muted">null</span>;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <span className={cx('block text-sm', wrap ? 'break-words' : 'truncate', muted && 'text-fg-muted')} title={text}>
      {text === '' ? <span className="text-xs italic text-fg-muted">empty</span> : text}
    </span>
  );
}

/** The model's likelihood as a percentage, flagged under the reviewer's threshold. */
export function ConfidenceBadge({ confidence, low }: { confidence: number | null; low: boolean }) {
  if (confidence === null) return <span className="text-xs text-fg-muted">—</span>;
  const percent = Math.round(confidence * 100);
  return (
    <span
      data-low-confidence={low || undefined}
      title={low ? 'Low confidence: check this against the document' : 'Model confidence'}
      className={cx(
        'inline-flex h-5 items-center rounded px-1.5 text-xs font-medium tabular-nums',
        low
          ? 'bg-amber-100 text-amber-900 ring-1 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800'
          : 'text-fg-muted',
      )}
    >
      {low && <span className="sr-only">Low confidence </span>}
      {percent}%
    </span>
  );
}

export function ChangedMark({ changed }: { changed: boolean }) {
  if (!changed) return null;
  return (
    <span
      title="Changed from the model’s value"
      className="inline-flex h-5 items-center rounded bg-blue-100 px-1.5 text-xs font-medium text-blue-900 dark:bg-blue-950 dark:text-blue-200"
    >
      Changed
    </span>
  );
}
