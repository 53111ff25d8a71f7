import { cx } from './class-names';

const SIZES = {
  sm: { box: 'size-6 rounded-md', icon: 'size-3.5' },
  lg: { box: 'size-9 rounded-lg', icon: 'size-5' },
};

/** The Review Inbox mark (an inbox tray), decorative: the text next to it names the product. */
export function Logo({ size }: { size: keyof typeof SIZES }) {
  return (
    <span aria-hidden="true" className={cx('flex items-center justify-center bg-fg text-canvas', SIZES[size].box)}>
      <svg aria-hidden="true" viewBox="0 0 16 16" className={SIZES[size].icon} fill="none">
        <path
          d="M2.5 9.5h3l1 2h3l1-2h3M2.5 9.5 4 3.5h8l1.5 6v3h-11v-3Z"
          stroke="currentColor"
          strokeWidth="1.4"
          strokeLinejoin="round"
        />
      </svg>
    </span>
  );
}
