'use client';

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CardForm } from '@/components/ui/card-form';
import { describeError } from '@/components/ui/error-state';
import { LabelledInput } from '@/components/ui/labelled-input';
import type { DemoMode } from '@/lib/auth/demo-mode';
import { isApiClientError } from '@/lib/client/api-client';
import { reviewClient } from '@/lib/client/review-client';
import { formatCountdown } from '@/lib/format/time';

type Failure = { kind: 'credentials' } | { kind: 'rate_limited'; retryAt: number } | { kind: 'other'; message: string };

function retryAfterOf(error: unknown): number {
  if (!isApiClientError(error)) return 60;
  const fromBody = error.details?.retry_after_seconds;
  return error.retryAfterSeconds ?? (typeof fromBody === 'number' ? fromBody : 60);
}

/** Seconds until `until`, ticking once a second while there is still time left. */
function useSecondsUntil(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

export function SignInForm({ next, demo }: { next: string; demo: DemoMode | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const waitSeconds = useSecondsUntil(failure?.kind === 'rate_limited' ? failure.retryAt : null);
  const blocked = failure?.kind === 'rate_limited' && waitSeconds > 0;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (blocked) return;
    setSubmitting(true);
    setFailure(null);
    try {
      await reviewClient.signIn({ email: email.trim(), password });
      // A full load: the signed-in layout reads the new cookie on the server.
      window.location.assign(next);
    } catch (error) {
      setSubmitting(false);
      if (isApiClientError(error, 'unauthenticated')) {
        setFailure({ kind: 'credentials' });
        passwordRef.current?.select();
        passwordRef.current?.focus();
      } else if (isApiClientError(error, 'rate_limited')) {
        setFailure({ kind: 'rate_limited', retryAt: Date.now() + retryAfterOf(error) * 1000 });
      } else {
        setFailure({ kind: 'other', message: describeError(error) });
      }
    }
  };

  const fillLogin = (loginEmail: string) => {
    if (!demo) return;
    setEmail(loginEmail);
    setPassword(demo.password);
    setFailure(null);
  };

  return (
    <>
      <CardForm
        onSubmit={submit}
        failure={
          failure && (
            <>
              {failure.kind === 'credentials' && 'That email and password do not match. Check both and try again.'}
              {failure.kind === 'rate_limited' &&
                (waitSeconds > 0
                  ? `Too many failed sign-ins. Try again in ${formatCountdown(waitSeconds)}.`
                  : 'You can try again now.')}
              {failure.kind === 'other' && failure.message}
            </>
          )
        }
      >
        <LabelledInput
          label="Email"
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          onValueChange={setEmail}
          invalid={failure?.kind === 'credentials'}
        />
        <LabelledInput
          ref={passwordRef}
          label="Password"
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValueChange={setPassword}
          invalid={failure?.kind === 'credentials'}
        />
        <Button type="submit" variant="primary" busy={submitting} disabled={blocked} className="w-full">
          {submitting ? 'Signing in…' : 'Sign in'}
        </Button>
      </CardForm>

      {demo && demo.logins.length > 0 && (
        <section
          aria-labelledby="demo-logins-heading"
          className="flex flex-col gap-3 rounded-lg border border-dashed border-line-strong bg-canvas p-4 text-sm"
        >
          <div className="flex flex-col gap-1">
            <h2 id="demo-logins-heading" className="font-semibold">
              Demo logins
            </h2>
            <p className="text-fg-muted">
              This installation runs the demo data. <code className="font-mono text-xs">npm run seed</code> and{' '}
              <code className="font-mono text-xs">npm run dev</code> print these logins too. Everyone’s password is{' '}
              <code className="rounded bg-surface px-1 py-0.5 font-mono text-xs text-fg">{demo.password}</code>.
            </p>
          </div>
          <ul className="flex flex-col divide-y divide-line">
            {demo.logins.map((login) => (
              <li key={login.email} className="flex items-center gap-3 py-1.5">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-mono text-xs text-fg">{login.email}</p>
                  <p className="text-xs text-fg-muted">
                    {login.name} · {login.role}
                  </p>
                </div>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => fillLogin(login.email)}
                  aria-label={`Fill in ${login.name}’s login`}
                >
                  Use
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
