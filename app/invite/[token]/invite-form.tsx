'use client';

import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CardForm } from '@/components/ui/card-form';
import { describeError } from '@/components/ui/error-state';
import { LabelledInput } from '@/components/ui/labelled-input';
import { isApiClientError } from '@/lib/client/api-client';
import { reviewClient } from '@/lib/client/review-client';
import { MIN_PASSWORD_LENGTH } from '@/lib/domain/passwords';

export function InviteForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) return setFailure(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
    if (password !== repeated) return setFailure('The two passwords differ.');
    setSubmitting(true);
    setFailure(null);
    try {
      await reviewClient.acceptInvite({ token, password });
      // A full load: the signed-in layout reads the new cookie on the server.
      window.location.assign('/');
    } catch (error) {
      setSubmitting(false);
      setFailure(
        isApiClientError(error, 'not_found')
          ? 'This invitation link was already used or has expired. Ask an admin for a new one.'
          : describeError(error),
      );
    }
  };

  return (
    <CardForm onSubmit={submit} failure={failure}>
      <LabelledInput
        label="New password"
        id="invite-password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        value={password}
        onValueChange={setPassword}
        invalid={failure !== null}
      />
      <LabelledInput
        label="Repeat the password"
        id="invite-password-repeated"
        name="password-repeated"
        type="password"
        autoComplete="new-password"
        value={repeated}
        onValueChange={setRepeated}
        invalid={failure !== null}
      />
      <Button type="submit" variant="primary" busy={submitting} className="w-full">
        {submitting ? 'Setting your password…' : 'Set password and sign in'}
      </Button>
    </CardForm>
  );
}
