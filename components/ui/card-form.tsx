'use client';

import { type FormEvent, type ReactNode, useId } from 'react';

/**
 * The boxed form of the signed-out pages (sign-in, invitation), with its failure announced above
 * the fields (`role="alert"`) and tied to the form for assistive technology.
 */
export function CardForm({
  onSubmit,
  failure,
  children,
}: {
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  failure: ReactNode | null;
  children: ReactNode;
}) {
  const errorId = useId();
  return (
    <form
      method="post"
      onSubmit={onSubmit}
      className="flex flex-col gap-4 rounded-lg border border-line bg-canvas p-6 shadow-sm"
      aria-describedby={failure ? errorId : undefined}
    >
      {failure && (
        <div
          id={errorId}
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {failure}
        </div>
      )}
      {children}
    </form>
  );
}
