import Link from 'next/link';
import { reviewHref } from '@/components/inbox/inbox-filters';
import { cx } from '@/components/ui/class-names';
import { Kbd } from '@/components/ui/kbd';
import type { QueueItem } from '@/lib/reviews/schemas';

const LINK = 'flex h-7 items-center gap-1.5 rounded-md px-2 text-sm font-medium';

/** Previous and next review of the queue (k and j), like the arrows of a mail client. */
export function QueueNav({ previous, next }: { previous: QueueItem | null; next: QueueItem | null }) {
  return (
    <nav aria-label="Queue" className="flex shrink-0 items-center gap-1">
      <QueueLink item={previous} label="Previous" shortcut="k" />
      <QueueLink item={next} label="Next review" shortcut="j" />
    </nav>
  );
}

function QueueLink({ item, label, shortcut }: { item: QueueItem | null; label: string; shortcut: string }) {
  if (!item) {
    return (
      <span aria-disabled="true" className={cx(LINK, 'text-fg-muted opacity-55')}>
        {label}
      </span>
    );
  }
  return (
    <Link
      href={reviewHref(item)}
      prefetch={false}
      aria-keyshortcuts={shortcut}
      title={`${item.workflow_id} › ${item.block_id}`}
      data-queue-link={shortcut === 'j' ? 'next' : 'previous'}
      className={cx(LINK, 'text-fg hover:bg-hover')}
    >
      {label}
      <Kbd>{shortcut}</Kbd>
    </Link>
  );
}
