import type { Metadata } from 'next';
import { Logo } from '@/components/ui/logo';
import { InviteForm } from './invite-form';

export const metadata: Metadata = { title: 'Accept your invitation · Review Inbox' };

/**
 * Where an `invite_url` leads: the invited person chooses a password and is signed in. Whether
 * the link is still good is only known when it is used, so the page does not look it up first.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <div className="flex min-h-dvh flex-col items-center bg-surface px-4 py-16 text-fg">
      <main className="flex w-full max-w-sm flex-col gap-6">
        <div className="flex flex-col items-center gap-3 text-center">
          <Logo size="lg" />
          <h1 className="text-xl font-semibold">Welcome to Review Inbox</h1>
          <p className="text-sm text-fg-muted">Choose a password to finish setting up your account.</p>
        </div>
        <InviteForm token={token} />
      </main>
    </div>
  );
}
