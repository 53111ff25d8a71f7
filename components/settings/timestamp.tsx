'use client';

import { formatClock, formatFullTime } from '@/lib/format/time';

/** A time in a table cell: short on screen, the full date on hover and for machines; `empty` when there is none. */
export function Timestamp({ at, now, empty = '—' }: { at: string | null; now: number; empty?: string }) {
  if (!at) return <span className="text-fg-muted">{empty}</span>;
  return (
    <time dateTime={at} title={formatFullTime(at)} className="whitespace-nowrap">
      {formatClock(at, now)}
    </time>
  );
}
