import { Button, type ButtonProps, type ButtonVariant } from '@/components/ui/button';
import { cx } from '@/components/ui/class-names';
import { Kbd } from '@/components/ui/kbd';

// The shared button has no "approve" colour; GitHub's green for the one action that ships output.
const APPROVE =
  'border-transparent! bg-green-700! text-white! hover:bg-green-800! dark:bg-green-500! dark:text-green-950! dark:hover:bg-green-400!';

export type ReviewButtonProps = Omit<ButtonProps, 'variant' | 'busy'> & {
  variant?: ButtonVariant | 'approve';
  /** The request this button started is running: spinner, and no second click. */
  pending?: boolean;
  /** The single key that does the same, printed on a keycap and announced via aria-keyshortcuts. */
  shortcut?: string;
};

/** components/ui's Button, plus the approve colour and a keycap for the page's shortcuts. */
export function ReviewButton({
  variant = 'secondary',
  pending = false,
  shortcut,
  className,
  children,
  ...rest
}: ReviewButtonProps) {
  return (
    <Button
      variant={variant === 'approve' ? 'primary' : variant}
      busy={pending}
      aria-keyshortcuts={shortcut}
      className={cx(variant === 'approve' && APPROVE, className)}
      {...rest}
    >
      {children}
      {shortcut && !pending && !rest.disabled && <Kbd className="ml-0.5 opacity-90">{shortcut}</Kbd>}
    </Button>
  );
}
