'use client';

import { useEffect, useRef } from 'react';
import { cx } from '@/components/ui/class-names';

export type Notice = { tone: 'warning' | 'danger' | 'info'; title: string; body?: string };

const TONES: Record<Notice['tone'], string> = {
  warning: 'border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/40',
  danger: 'border-red-300 bg-red-50 dark:border-red-900 dark:bg-red-950/40',
  info: 'border-line-strong bg-surface',
};

/** Something the reviewer must read before acting again (a refusal, a race lost); stays until dismissed. */
export function ReviewNotice({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className={cx(
        'flex items-start gap-3 rounded-md border px-4 py-3 text-sm focus:outline-none',
        TONES[notice.tone],
      )}
      data-testid="review-notice"
    >
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className="font-semibold">{notice.title}</p>
        {notice.body && <p>{notice.body}</p>}
      </div>
      <button
        type="button"
        onClick={onDismiss}
        aria-label="Dismiss message"
        className="rounded px-1.5 text-lg leading-none text-fg-muted hover:bg-hover"
      >
        ×
      </button>
    </div>
  );
}
