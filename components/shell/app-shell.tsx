'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { dashboardAccessOf } from '@/lib/auth/dashboard-access';
import type { Me } from '@/lib/auth/schemas';
import { settingsAccessOf } from '@/lib/auth/settings-access';
import { type LiveStatus, useLiveReviewChanges } from '@/lib/client/use-live-review-changes';
import { useMe } from '@/lib/client/use-me';
import { cx } from '../ui/class-names';
import { Kbd } from '../ui/kbd';
import { Logo } from '../ui/logo';
import { ToastProvider } from '../ui/toast';
import { SessionGuard } from './session-guard';
import { ShortcutHelpProvider, useOpenShortcutHelp } from './shortcut-help';
import { UserMenu } from './user-menu';

/** Everything around a signed-in page: header, live updates, toasts, shortcuts help. */
export function AppShell({ me, children }: { me: Me; children: ReactNode }) {
  const live = useLiveReviewChanges();
  return (
    <ToastProvider>
      <ShortcutHelpProvider>
        <SessionGuard />
        <div className="flex h-dvh min-h-0 flex-col bg-canvas text-fg">
          <a
            href="#main"
            className="sr-only z-50 rounded-md bg-canvas px-3 py-2 text-sm font-medium focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
          >
            Skip to content
          </a>
          <ShellHeader initialMe={me} live={live} />
          <ConnectionBanner status={live} />
          {/* Pages scroll inside <main>, under a header that stays put; the inbox scrolls its own list. */}
          <main id="main" tabIndex={-1} className="flex min-h-0 flex-1 flex-col overflow-y-auto focus:outline-none">
            {children}
          </main>
        </div>
      </ShortcutHelpProvider>
    </ToastProvider>
  );
}

function ShellHeader({ initialMe, live }: { initialMe: Me; live: LiveStatus }) {
  const { data: me = initialMe } = useMe(initialMe);
  const openShortcutHelp = useOpenShortcutHelp();
  const pathname = usePathname();

  return (
    // On a phone the words give way to their icons (each keeps its accessible name) so nothing scrolls sideways.
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-line bg-surface px-3 sm:gap-6 sm:px-4">
      <Link href="/" className="flex shrink-0 items-center gap-2 rounded text-sm font-semibold text-fg">
        <Logo size="sm" />
        <span className="sr-only sm:not-sr-only">Review Inbox</span>
      </Link>
      <nav aria-label="Main" className="flex items-center gap-1 text-sm">
        <NavLink href="/" current={pathname === '/'}>
          Inbox
        </NavLink>
        {dashboardAccessOf(me.role) && (
          // On a phone there is no room for it in the header: the account menu has it there.
          <NavLink href="/dashboard" current={pathname.startsWith('/dashboard')} className="hidden sm:block">
            Dashboard
          </NavLink>
        )}
        <NavLink href="/docs" current={pathname.startsWith('/docs')}>
          API
        </NavLink>
        {settingsAccessOf(me.role) && (
          <NavLink href="/settings" current={pathname.startsWith('/settings')}>
            Settings
          </NavLink>
        )}
      </nav>
      <div className="ml-auto flex items-center gap-1 sm:gap-2">
        <LiveIndicator status={live} />
        <button
          type="button"
          onClick={openShortcutHelp}
          aria-label="Keyboard shortcuts"
          className="flex h-8 items-center gap-1.5 rounded-md px-2 text-xs text-fg-muted hover:bg-hover hover:text-fg"
        >
          <Kbd>?</Kbd>
          <span className="hidden sm:inline">Shortcuts</span>
        </button>
        <UserMenu me={me} />
      </div>
    </header>
  );
}

function NavLink({
  href,
  current,
  className,
  children,
}: {
  href: string;
  current: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={cx(
        'rounded-md px-2 py-1 font-medium',
        current ? 'bg-hover text-fg' : 'text-fg-muted hover:bg-hover hover:text-fg',
        className,
      )}
    >
      {children}
    </Link>
  );
}

const LIVE_TEXT: Record<LiveStatus, { label: string; title: string; dot: string }> = {
  connecting: { label: 'Connecting…', title: 'Connecting to live updates', dot: 'bg-neutral-400' },
  live: { label: 'Live', title: 'Changes by anyone appear here as they happen', dot: 'bg-green-600' },
  reconnecting: {
    label: 'Reconnecting…',
    title: 'Live updates are interrupted; reconnecting. What you see may be out of date.',
    dot: 'bg-amber-500',
  },
  offline: {
    label: 'Offline',
    title: 'No network: nothing is sent or received until it is back.',
    dot: 'bg-red-600',
  },
};

const BANNER_TEXT: Partial<Record<LiveStatus, string>> = {
  offline: 'You are offline. What you see may be out of date, and nothing you do is sent until the connection is back.',
  reconnecting: 'The connection to the server was lost; reconnecting. What you see may be out of date.',
};

/** Says, across the page, that the connection is lost; it goes away by itself once it is back. */
function ConnectionBanner({ status }: { status: LiveStatus }) {
  const text = BANNER_TEXT[status];
  if (!text) return null;
  return (
    <div
      role="alert"
      data-testid="connection-banner"
      className="shrink-0 border-b border-amber-300 bg-amber-50 px-4 py-1.5 text-sm text-fg dark:border-amber-800 dark:bg-amber-950/40"
    >
      {text}
    </div>
  );
}

function LiveIndicator({ status }: { status: LiveStatus }) {
  const text = LIVE_TEXT[status];
  return (
    <span data-live-status={status} title={text.title} className="flex items-center gap-1.5 px-2 text-xs text-fg-muted">
      <span aria-hidden="true" className={cx('size-2 rounded-full', text.dot)} />
      <span className="sr-only sm:not-sr-only">{text.label}</span>
    </span>
  );
}
