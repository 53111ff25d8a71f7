import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { Logo } from '@/components/ui/logo';
import { callerForSessionToken, SESSION_COOKIE } from '@/lib/auth/credentials';
import { getDemoMode } from '@/lib/auth/demo-mode';
import { safeNext } from './safe-next';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in · Review Inbox' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = safeNext((await searchParams).next);
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (token && (await callerForSessionToken(token, new Date()))) redirect(next);
  const demo = await getDemoMode();

  return (
    <div className="flex min-h-dvh flex-col items-center bg-surface px-4 py-16 text-fg">
      <main className="flex w-full max-w-sm flex-col gap-6">
        <div className="flex flex-col items-center gap-3 text-center">
          <Logo size="lg" />
          <h1 className="text-xl font-semibold">Sign in to Review Inbox</h1>
        </div>
        <SignInForm next={next} demo={demo} />
      </main>
    </div>
  );
}
