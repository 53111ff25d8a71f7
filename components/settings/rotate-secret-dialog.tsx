'use client';

import { useRotateWebhookSecret } from '@/lib/client/use-webhooks';
import type { WebhookEndpoint } from '@/lib/webhooks/schemas';
import { ReviewDialog } from '../review/review-dialog';
import { OneTimeSecret } from './one-time-secret';
import { FormError } from './settings-error';

/** Asks first, then shows the new secret once; closing forgets it (the mutation is reset). */
export function RotateSecretDialog({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose(): void }) {
  const rotate = useRotateWebhookSecret();
  const close = () => {
    rotate.reset();
    onClose();
  };

  if (rotate.data) {
    return (
      <ReviewDialog title="Secret rotated" onClose={close}>
        <OneTimeSecret
          label="New signing secret"
          value={rotate.data.secret}
          warning="This is the only time the new secret is shown. For 24 hours every delivery is signed with both the old and the new secret, so update your receiver within that time."
        />
      </ReviewDialog>
    );
  }

  return (
    <ReviewDialog
      title="Rotate the signing secret?"
      onClose={close}
      focusCancel
      confirm={{ label: 'Rotate secret', pending: rotate.isPending, onConfirm: () => rotate.mutate(endpoint.id) }}
    >
      <p className="break-all">
        A new secret signs what goes to <span className="font-mono">{endpoint.url}</span>. The old one keeps working for
        24 hours, so the receiver can switch without missing a delivery.
      </p>
      <FormError error={rotate.error} />
    </ReviewDialog>
  );
}
