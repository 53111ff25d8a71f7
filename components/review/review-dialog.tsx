'use client';

import { type ReactNode, useEffect, useId, useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { ReviewButton, type ReviewButtonProps } from './review-button';

export type ReviewDialogProps = {
  title: string;
  description?: ReactNode;
  onClose(): void;
  children: ReactNode;
  /** Makes the dialog a form: its button submits, and so do Enter on a field or a select and Ctrl/Cmd+Enter anywhere. */
  confirm?: {
    label: ReactNode;
    variant?: ReviewButtonProps['variant'];
    pending?: boolean;
    onConfirm(): void;
  };
  cancelLabel?: string;
  /** Focus the cancel button first, for confirmations whose safe answer is "no". */
  focusCancel?: boolean;
};

/**
 * components/ui's Dialog, mounted only while open, with a form and a confirm button. It gives
 * focus to the `data-autofocus` element when it opens and back to the opener when it goes away
 * (the shared dialog relies on the native close for that, which an unmount skips).
 */
export function ReviewDialog({
  title,
  description,
  onClose,
  children,
  confirm,
  cancelLabel = 'Cancel',
  focusCancel = false,
}: ReviewDialogProps) {
  const formId = useId();
  const cancelId = useId();
  const [opener] = useState(() =>
    typeof document !== 'undefined' && document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  const pending = confirm?.pending ?? false;

  useEffect(() => {
    const target = focusCancel
      ? document.getElementById(cancelId)
      : document.querySelector<HTMLElement>('dialog[open] [data-autofocus]');
    target?.focus();
    return () => {
      const fallback = document.getElementById('main');
      (opener?.isConnected ? opener : fallback)?.focus();
    };
  }, [opener, focusCancel, cancelId]);

  const close = () => {
    if (!pending) onClose();
  };

  return (
    <Dialog
      open
      onClose={close}
      title={title}
      description={description}
      footer={
        confirm ? (
          <>
            <ReviewButton id={cancelId} size="sm" onClick={close} disabled={pending}>
              {cancelLabel}
            </ReviewButton>
            <ReviewButton
              type="submit"
              form={formId}
              size="sm"
              variant={confirm.variant ?? 'primary'}
              pending={pending}
            >
              {confirm.label}
            </ReviewButton>
          </>
        ) : undefined
      }
    >
      {confirm ? (
        <form
          id={formId}
          noValidate
          className="space-y-3 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            if (!pending) confirm.onConfirm();
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            // A text field submits on Enter by itself; a select does not, and in a textarea Enter is a new line.
            const onSelect = event.target instanceof HTMLSelectElement && !event.shiftKey && !event.altKey;
            if (onSelect || event.ctrlKey || event.metaKey) {
              event.preventDefault();
              event.currentTarget.requestSubmit();
            }
          }}
        >
          {children}
        </form>
      ) : (
        <div className="space-y-3 text-sm">{children}</div>
      )}
    </Dialog>
  );
}
