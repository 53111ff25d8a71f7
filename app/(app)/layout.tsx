import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { RedirectToSignIn } from '@/components/shell/redirect-to-sign-in';
import { currentCaller } from '@/lib/auth/current-caller';
import { meOf } from '@/lib/auth/me';

/** Every signed-in page: resolves the session once on the server, then renders the shell. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const caller = await currentCaller();
  if (!caller) return <RedirectToSignIn />;
  return <AppShell me={meOf(caller)}>{children}</AppShell>;
}
