'use client';

import { type InvalidateQueryFilters, useMutation, useQueryClient } from '@tanstack/react-query';
import { invalidateTouched } from './touched-keys';

/**
 * A mutation that, once it succeeded, marks stale exactly the queries `touched` names and
 * settles when the ones on screen have refetched, so a dialog that closes on success leaves the
 * list already showing the change. Never retried by itself: creating a key or sending a test
 * event twice is not the same as once.
 */
export function useTouchingMutation<TInput, TResult>(
  mutationFn: (input: TInput) => Promise<TResult>,
  touched: (input: TInput) => InvalidateQueryFilters[],
) {
  const queryClient = useQueryClient();
  return useMutation<TResult, Error, TInput>({
    mutationFn,
    // Some results carry a key or secret shown once: with no observer left (the dialog reset or
    // closed), the mutation leaves the cache at once rather than minutes later.
    gcTime: 0,
    onSuccess: (_result, input) => invalidateTouched(queryClient, touched(input)),
  });
}
