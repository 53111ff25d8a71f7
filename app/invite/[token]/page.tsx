import type { Metadata } from 'next';
import { Logo } from '@/components/ui/logo';
import { InviteForm } from './invite-form';

export const metadata: Metadata = { title: 'Accept your invitation · Review Inbox' };

/** Where an invite link lands: the invited person chooses a password and is signed in. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <div className="flex min-h-dvh flex-col items-center bg-surface px-4 py-16 text-fg">
      <main className="flex w-full max-w-sm flex-col gap-6">
        <div className="flex flex-col items-center gap-3 text-center">
          <Logo size="lg" />
          <h1 className="text-xl font-semibold">Choose your password</h1>
          <p className="text-sm text-fg-muted">You were invited to Review Inbox. Set a password to sign in.</p>
        </div>
        <InviteForm token={token} />
      </main>
    </div>
  );
}
