import Link from 'next/link';
import type { QueueCounts } from '@/lib/reviews/schemas';
import { cx } from '../ui/class-names';
import { type InboxView, inboxSearch, STATUSES, totalOfView, viewOnTab } from './inbox-filters';

/**
 * Awaiting / approved / rejected, with how many each holds under the filters in force (counts
 * asked with `countFiltersOf(view)`). Links, so every tab has a URL.
 */
export function StatusTabs({
  view,
  counts,
  viewCounts,
}: {
  view: InboxView;
  counts: QueueCounts | undefined;
  /**
   * The counts of the view itself, which may narrow further (by claim holder, claim state, SLA
   * or decider): a tab on the same side of the queue (awaiting, or decided) keeps that narrowing.
   */
  viewCounts: QueueCounts | undefined;
}) {
  return (
    <nav aria-label="Review status">
      <ul className="flex items-center gap-1">
        {STATUSES.map(({ value, label, shortLabel }) => {
          const current = value === view.status;
          const target = viewOnTab(view, value);
          const sameSide = (value === 'awaiting_review') === (view.status === 'awaiting_review');
          const source = sameSide ? viewCounts : counts;
          const count = source ? totalOfView(target, source) : undefined;
          return (
            <li key={value}>
              <Link
                href={`/${inboxSearch(target)}`}
                scroll={false}
                aria-current={current ? 'page' : undefined}
                className={cx(
                  'flex h-8 items-center gap-2 rounded-md px-2.5 text-sm font-medium whitespace-nowrap',
                  current
                    ? 'bg-hover text-fg shadow-[inset_0_-2px_0_var(--ri-accent)]'
                    : 'text-fg-muted hover:bg-hover hover:text-fg',
                )}
              >
                <span className="sm:hidden">{shortLabel}</span>
                <span className="hidden sm:inline">{label}</span>
                <span
                  data-count={value}
                  className={cx(
                    'min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs tabular-nums',
                    current ? 'bg-canvas text-fg' : 'bg-surface text-fg-muted',
                  )}
                >
                  {count === undefined ? (
                    <span aria-hidden="true">–</span>
                  ) : (
                    <>
                      {count.toLocaleString('en-US')}
                      <span className="sr-only"> reviews</span>
                    </>
                  )}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
