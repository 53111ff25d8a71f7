'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isApiClientError } from '@/lib/client/api-client';

function toSignIn(): void {
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`);
}

/** When the session ends mid-work (expired, signed out elsewhere), any 401 leads to sign-in. */
export function SessionGuard(): null {
  const queryClient = useQueryClient();
  useEffect(() => {
    const onError = (error: unknown) => {
      if (isApiClientError(error, 'unauthenticated')) toSignIn();
    };
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient]);
  return null;
}
