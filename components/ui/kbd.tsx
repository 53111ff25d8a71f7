import type { ReactNode } from 'react';
import { cx } from './class-names';

/** One key of a shortcut, as printed on a keycap. */
export function Kbd({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <kbd
      className={cx(
        'inline-flex h-5 min-w-5 items-center justify-center rounded border border-line-strong bg-surface px-1',
        'font-sans text-[11px] font-medium leading-none text-fg-muted shadow-[0_1px_0_var(--ri-line-strong)]',
        className,
      )}
    >
      {children}
    </kbd>
  );
}
