'use client';

import { useQuery } from '@tanstack/react-query';
import type { CreateMemberInput, UpdateMemberInput } from './api-client';
import { queryKeys } from './query-keys';
import { retryUnlessFinal } from './retry-unless-final';
import { reviewClient } from './review-client';
import { touchedKeys } from './touched-keys';
import { useTouchingMutation } from './use-touching-mutation';

/** The people of the organization (admins). */
export function useMembers() {
  return useQuery({
    queryKey: queryKeys.members,
    queryFn: ({ signal }) => reviewClient.listMembers({ signal }),
    retry: retryUnlessFinal,
  });
}

/** Without a password, its result holds the only copy of the invite link: show it once, then `reset()`. */
export function useCreateMember() {
  return useTouchingMutation((input: CreateMemberInput) => reviewClient.createMember(input), touchedKeys.member);
}

export interface UpdateMemberRequest {
  id: string;
  changes: UpdateMemberInput;
}

/** Change a role or a name, disable or enable: `409 last_admin` when it would leave no admin. */
export function useUpdateMember() {
  return useTouchingMutation(
    ({ id, changes }: UpdateMemberRequest) => reviewClient.updateMember(id, changes),
    touchedKeys.member,
  );
}
