import type { Metadata } from 'next';
import Link from 'next/link';
import { AppShell } from '@/components/shell/app-shell';
import { Logo } from '@/components/ui/logo';
import { currentCaller } from '@/lib/auth/current-caller';
import { meOf } from '@/lib/auth/me';

export const metadata: Metadata = { title: 'Page not found · Review Inbox' };

/**
 * Any URL no page answers (unknown `/v1/…` paths answer JSON from their own route). Signed in,
 * it sits in the app's shell; signed out, under the product's name, with the way in.
 */
export default async function NotFound() {
  const caller = await currentCaller();
  if (caller) {
    return (
      <AppShell me={meOf(caller)}>
        <PageNotFound action={{ href: '/', label: 'Back to the inbox' }} />
      </AppShell>
    );
  }
  return (
    <div className="flex min-h-dvh flex-col bg-canvas text-fg">
      <header className="flex h-12 shrink-0 items-center border-b border-line bg-surface px-4">
        <Link href="/" className="flex items-center gap-2 rounded text-sm font-semibold text-fg">
          <Logo size="sm" />
          Review Inbox
        </Link>
      </header>
      <main id="main">
        <PageNotFound action={{ href: '/sign-in', label: 'Sign in' }} />
      </main>
    </div>
  );
}

function PageNotFound({ action }: { action: { href: string; label: string } }) {
  return (
    <div className="mx-auto max-w-xl space-y-3 px-6 py-16 text-center">
      <p className="font-mono text-sm text-fg-muted">404</p>
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="text-sm text-fg-muted">
        There is nothing at this address. The link may be mistyped or out of date.
      </p>
      <p>
        <Link href={action.href} className="text-sm font-medium text-accent hover:underline">
          {action.label}
        </Link>
      </p>
    </div>
  );
}
