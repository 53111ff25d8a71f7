import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { RedirectToSignIn } from '@/components/shell/redirect-to-sign-in';
import { callerForSessionToken, SESSION_COOKIE } from '@/lib/auth/credentials';
import type { Me } from '@/lib/auth/schemas';

/** Every signed-in page: resolves the session once on the server, then renders the shell. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const caller = token ? await callerForSessionToken(token, new Date()) : null;
  if (!caller) return <RedirectToSignIn />;
  const me: Me = {
    actor: { kind: caller.kind, id: caller.id, display_name: caller.display_name },
    role: caller.role,
    organization_id: caller.organizationId,
  };
  return <AppShell me={me}>{children}</AppShell>;
}
