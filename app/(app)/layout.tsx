import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { RedirectToSignIn } from '@/components/shell/redirect-to-sign-in';
import { currentCaller } from '@/lib/auth/current-caller';
import type { Me } from '@/lib/auth/schemas';

/** Every signed-in page: resolves the session once on the server, then renders the shell. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const caller = await currentCaller();
  if (!caller) return <RedirectToSignIn />;
  const me: Me = {
    actor: { kind: caller.kind, id: caller.id, display_name: caller.display_name },
    role: caller.role,
    organization_id: caller.organizationId,
  };
  return <AppShell me={me}>{children}</AppShell>;
}
