'use client';

import { useQuery } from '@tanstack/react-query';
import type { OrganizationSettingsPatch } from '../insight/schemas';
import { queryKeys } from './query-keys';
import { retryUnlessFinal } from './retry-unless-final';
import { reviewClient } from './review-client';
import { touchedKeys } from './touched-keys';
import { useTouchingMutation } from './use-touching-mutation';

/** The organization's SLA minutes (leads and admins). */
export function useOrganizationSettings() {
  return useQuery({
    queryKey: queryKeys.organizationSettings,
    queryFn: ({ signal }) => reviewClient.getOrganizationSettings({ signal }),
    retry: retryUnlessFinal,
  });
}

/** Admins only: `by_priority`, when sent, replaces the whole list. */
export function useUpdateOrganizationSettings() {
  return useTouchingMutation(
    (patch: OrganizationSettingsPatch) => reviewClient.updateOrganizationSettings(patch),
    touchedKeys.slaSettings,
  );
}
