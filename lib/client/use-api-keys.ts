'use client';

import { useQuery } from '@tanstack/react-query';
import type { CreateApiKeyInput } from './api-client';
import { queryKeys } from './query-keys';
import { retryUnlessFinal } from './retry-unless-final';
import { reviewClient } from './review-client';
import { touchedKeys } from './touched-keys';
import { useTouchingMutation } from './use-touching-mutation';

/** The organization's API keys, revoked ones included (admins). */
export function useApiKeys() {
  return useQuery({
    queryKey: queryKeys.apiKeys,
    queryFn: ({ signal }) => reviewClient.listApiKeys({ signal }),
    retry: retryUnlessFinal,
  });
}

/** Its result holds the only copy of the new key: the caller shows it once, then `reset()`s the mutation. */
export function useCreateApiKey() {
  return useTouchingMutation((input: CreateApiKeyInput) => reviewClient.createApiKey(input), touchedKeys.apiKeys);
}

export function useRevokeApiKey() {
  return useTouchingMutation((id: string) => reviewClient.revokeApiKey(id), touchedKeys.apiKeys);
}
