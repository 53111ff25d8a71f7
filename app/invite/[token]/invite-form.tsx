'use client';

import Link from 'next/link';
import { type FormEvent, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { describeError } from '@/components/ui/error-state';
import { LabelledInput } from '@/components/ui/labelled-input';
import { isApiClientError } from '@/lib/client/api-client';
import { reviewClient } from '@/lib/client/review-client';

// As the server checks it (ZNewPassword): said before sending rather than after a 422.
const MIN_PASSWORD = 8;

export function InviteForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<{ message: string; linkDead?: boolean } | null>(null);
  const errorId = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password.length < MIN_PASSWORD) return setProblem({ message: `Use at least ${MIN_PASSWORD} characters.` });
    if (password !== repeated) return setProblem({ message: 'The two passwords differ. Type the same one twice.' });
    setSubmitting(true);
    setProblem(null);
    try {
      await reviewClient.acceptInvite({ token, password });
      // A full load: the signed-in layout reads the new cookie on the server.
      window.location.assign('/');
    } catch (error) {
      setSubmitting(false);
      setProblem(
        isApiClientError(error, 'not_found')
          ? {
              message: 'This invite link was already used, has expired, or was withdrawn. Ask an admin for a new one.',
              linkDead: true,
            }
          : { message: describeError(error) },
      );
    }
  };

  return (
    <form
      method="post"
      onSubmit={submit}
      noValidate
      aria-describedby={problem ? errorId : undefined}
      className="flex flex-col gap-4 rounded-lg border border-line bg-canvas p-6 shadow-sm"
    >
      {problem && (
        <div
          id={errorId}
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {problem.message}
          {problem.linkDead && (
            <>
              {' '}
              <Link href="/sign-in" className="font-medium underline">
                Sign in
              </Link>{' '}
              if you already set a password.
            </>
          )}
        </div>
      )}
      <LabelledInput
        label={`Password (at least ${MIN_PASSWORD} characters)`}
        id="invite-password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onValueChange={setPassword}
        invalid={problem !== null && !problem.linkDead}
      />
      <LabelledInput
        label="The same password again"
        id="invite-password-again"
        name="password-again"
        type="password"
        autoComplete="new-password"
        value={repeated}
        onValueChange={setRepeated}
        invalid={problem !== null && !problem.linkDead}
      />
      <Button type="submit" variant="primary" busy={submitting} className="w-full">
        {submitting ? 'Setting your password…' : 'Set password and sign in'}
      </Button>
    </form>
  );
}
