'use client';

import type { ReactNode } from 'react';
import { ReviewDialog } from '../review/review-dialog';
import { FormError } from './settings-error';

/**
 * "Are you sure?" before something that cannot be taken back (revoke, disable, delete). Focus
 * starts on Cancel, the safe answer; a refusal shows inside and leaves the dialog open.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm(): void;
  onClose(): void;
}) {
  return (
    <ReviewDialog
      title={title}
      onClose={onClose}
      focusCancel
      confirm={{ label: confirmLabel, variant: 'danger', pending, onConfirm }}
    >
      {children}
      <FormError error={error} />
    </ReviewDialog>
  );
}
