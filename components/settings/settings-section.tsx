import type { ReactNode } from 'react';

/** One part of /settings: a titled region the page's section links jump to, with its main action on the right. */
export function SettingsSection({
  id,
  title,
  description,
  action,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  action?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section id={id} aria-labelledby={headingId} className="scroll-mt-4 space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h2 id={headingId} className="text-base font-semibold">
            {title}
          </h2>
          <p className="max-w-2xl text-sm text-fg-muted">{description}</p>
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}
