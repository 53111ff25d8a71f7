'use client';

import { isApiClientError } from '@/lib/client/api-client';
import { describeError } from '../ui/error-state';

/** describeError, plus the refusals only settings can meet, said in words. */
export function describeSettingsError(error: unknown): string {
  if (isApiClientError(error, 'last_admin')) {
    return 'This is the last admin of the organization, so they can be neither demoted nor disabled: someone must be able to manage it. Make another person an admin first.';
  }
  if (isApiClientError(error, 'endpoint_disabled')) {
    return 'This endpoint is disabled, so nothing is sent to it. Enable it first.';
  }
  return describeError(error);
}

/** A failed request inside a dialog, read out as soon as it appears. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      {describeSettingsError(error)}
    </p>
  );
}
