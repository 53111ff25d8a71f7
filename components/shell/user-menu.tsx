'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { dashboardAccessOf } from '@/lib/auth/dashboard-access';
import type { Me } from '@/lib/auth/schemas';
import { reviewClient } from '@/lib/client/review-client';
import { describeError } from '../ui/error-state';
import { useToast } from '../ui/toast';
import { useOpenShortcutHelp } from './shortcut-help';

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

const ITEM = 'flex h-8 w-full items-center rounded px-2 text-left text-sm text-fg hover:bg-hover disabled:opacity-55';

/** The signed-in person, and the way out. A disclosure: a button that shows a small panel. */
export function UserMenu({ me }: { me: Me }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const openShortcutHelp = useOpenShortcutHelp();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      triggerRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const signOut = async () => {
    setSigningOut(true);
    try {
      await reviewClient.signOut();
      queryClient.clear();
      // A full load, so no page of the signed-in app survives in memory.
      window.location.assign('/sign-in');
    } catch (error) {
      setSigningOut(false);
      toast({ tone: 'error', title: 'Could not sign out', description: describeError(error) });
    }
  };

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={triggerRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`${me.actor.display_name}, account menu`}
        onClick={() => setOpen((value) => !value)}
        className="flex h-8 items-center gap-2 rounded-md px-1.5 text-sm text-fg hover:bg-hover"
      >
        <span
          aria-hidden="true"
          className="flex size-6 items-center justify-center rounded-full bg-accent text-[11px] font-semibold text-accent-fg"
        >
          {initialsOf(me.actor.display_name)}
        </span>
        <span className="hidden max-w-40 truncate md:inline">{me.actor.display_name}</span>
        <svg aria-hidden="true" viewBox="0 0 12 12" className="size-3 text-fg-muted" fill="none">
          <path d="M3 4.5 6 7.5 9 4.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute top-full right-0 z-40 mt-1 w-60 rounded-md border border-line bg-canvas p-1 shadow-lg"
      >
        <div className="border-b border-line px-2 pt-1.5 pb-2">
          <p className="truncate text-sm font-medium text-fg">{me.actor.display_name}</p>
          <p className="text-xs text-fg-muted capitalize">{me.role}</p>
        </div>
        <ul className="pt-1">
          {dashboardAccessOf(me.role) && (
            // The header's Dashboard link, on phones where the header has no room for it.
            <li className="sm:hidden">
              <Link href="/dashboard" className={ITEM} onClick={() => setOpen(false)}>
                Dashboard
              </Link>
            </li>
          )}
          <li>
            <button
              type="button"
              className={ITEM}
              onClick={() => {
                setOpen(false);
                openShortcutHelp();
              }}
            >
              Keyboard shortcuts
            </button>
          </li>
          <li>
            <button type="button" className={ITEM} onClick={signOut} disabled={signingOut}>
              {signingOut ? 'Signing out…' : 'Sign out'}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
