'use client';

import { redirect, usePathname, useSearchParams } from 'next/navigation';

/**
 * Sends a visitor without a session to the sign-in page, remembering where they were going. A
 * layout cannot know the URL on the server, so this client component reads it while rendering.
 */
export function RedirectToSignIn(): never {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const target = search ? `${pathname}?${search}` : pathname;
  redirect(target === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(target)}`);
}
