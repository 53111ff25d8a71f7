import type { ReactNode } from 'react';
import { cx } from './class-names';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger' | 'mine';

const TONES: Record<BadgeTone, string> = {
  neutral: 'border-line-strong bg-surface text-fg-muted',
  accent: 'border-blue-200 bg-blue-50 text-blue-800 dark:border-blue-900 dark:bg-blue-950 dark:text-blue-200',
  success: 'border-green-200 bg-green-50 text-green-800 dark:border-green-900 dark:bg-green-950 dark:text-green-200',
  warning: 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200',
  danger: 'border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200',
  mine: 'border-violet-200 bg-violet-50 text-violet-800 dark:border-violet-900 dark:bg-violet-950 dark:text-violet-200',
};

export interface BadgeProps {
  tone?: BadgeTone;
  children: ReactNode;
  /**
   * What a screen reader should say instead of the visible text, when that text is an
   * abbreviation (`P3` → "priority 3").
   */
  srLabel?: string;
  title?: string;
  className?: string;
}

/** A short status label. Its tone is decoration: the words carry the meaning. */
export function Badge({ tone = 'neutral', children, srLabel, title, className }: BadgeProps) {
  return (
    <span
      title={title}
      className={cx(
        'inline-flex h-5 max-w-full shrink-0 items-center gap-1 truncate rounded border px-1.5 text-xs font-medium leading-none whitespace-nowrap',
        TONES[tone],
        className,
      )}
    >
      {srLabel ? (
        <>
          <span aria-hidden="true" className="truncate">
            {children}
          </span>
          <span className="sr-only">{srLabel}</span>
        </>
      ) : (
        children
      )}
    </span>
  );
}
