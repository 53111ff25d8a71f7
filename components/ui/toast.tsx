'use client';

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { cx } from './class-names';

export type ToastTone = 'success' | 'error' | 'info';

export interface ToastInput {
  tone?: ToastTone;
  title: string;
  description?: string;
  /** Milliseconds; errors stay longer because they usually need reading. */
  durationMs?: number;
  /** One button, e.g. "Retry"; pressing it also dismisses the toast. */
  action?: { label: string; onClick: () => void };
}

interface ToastEntry extends Required<Omit<ToastInput, 'description' | 'action'>> {
  id: number;
  description?: string;
  action?: ToastInput['action'];
}

interface Feedback {
  toast: (input: ToastInput) => void;
  /** Says `message` to screen readers only, politely (after what they are reading). */
  announce: (message: string) => void;
}

const FeedbackContext = createContext<Feedback | null>(null);

const TONE_STYLES: Record<ToastTone, { bar: string; label: string }> = {
  success: { bar: 'bg-green-600', label: 'Done' },
  error: { bar: 'bg-red-600', label: 'Error' },
  info: { bar: 'bg-blue-600', label: 'Note' },
};

/**
 * Toasts (brief visible notes, read out by screen readers) and a polite announcer for changes
 * that happen without the person asking, like a live queue update. Errors are announced
 * assertively; everything else waits for the screen reader to finish.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastEntry[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((current) => current.filter((entry) => entry.id !== id));
  }, []);

  const toast = useCallback(
    ({ tone = 'info', title, description, durationMs, action }: ToastInput) => {
      const id = nextId.current++;
      const duration = durationMs ?? (tone === 'error' ? 8000 : 4000);
      // Keep the stack short: a burst of notes should not cover the page.
      setToasts((current) => [...current.slice(-3), { id, tone, title, description, durationMs: duration, action }]);
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), duration),
      );
    },
    [dismiss],
  );

  const announce = useCallback((message: string) => {
    // Clearing first makes a repeated message ("Queue updated") count as new text.
    setAnnouncement('');
    setTimeout(() => setAnnouncement(message), 50);
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  const value = useMemo(() => ({ toast, announce }), [toast, announce]);
  const polite = toasts.filter((entry) => entry.tone !== 'error');
  const assertive = toasts.filter((entry) => entry.tone === 'error');

  return (
    <FeedbackContext.Provider value={value}>
      {children}
      <div className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2">
        <div aria-live="assertive" className="flex flex-col gap-2">
          {assertive.map((entry) => (
            <ToastCard key={entry.id} entry={entry} onDismiss={dismiss} />
          ))}
        </div>
        <div aria-live="polite" className="flex flex-col gap-2">
          {polite.map((entry) => (
            <ToastCard key={entry.id} entry={entry} onDismiss={dismiss} />
          ))}
        </div>
      </div>
      <div id="live-announcer" aria-live="polite" aria-atomic="true" className="sr-only">
        {announcement}
      </div>
    </FeedbackContext.Provider>
  );
}

function ToastCard({ entry, onDismiss }: { entry: ToastEntry; onDismiss: (id: number) => void }) {
  const style = TONE_STYLES[entry.tone];
  return (
    <div
      data-toast={entry.tone}
      className="pointer-events-auto flex overflow-hidden rounded-md border border-line bg-canvas text-sm text-fg shadow-lg"
    >
      <span aria-hidden="true" className={cx('w-1 shrink-0', style.bar)} />
      <div className="flex min-w-0 flex-1 flex-col gap-0.5 px-3 py-2">
        <p className="font-medium">
          <span className="sr-only">{style.label}: </span>
          {entry.title}
        </p>
        {entry.description && <p className="text-fg-muted">{entry.description}</p>}
      </div>
      {entry.action && (
        <button
          type="button"
          onClick={() => {
            onDismiss(entry.id);
            entry.action?.onClick();
          }}
          className="shrink-0 self-center rounded-md border border-line-strong px-2 py-1 text-xs font-medium hover:bg-hover"
        >
          {entry.action.label}
        </button>
      )}
      <button
        type="button"
        onClick={() => onDismiss(entry.id)}
        aria-label="Dismiss notification"
        className="shrink-0 px-2 text-fg-muted hover:text-fg"
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}

function useFeedback(): Feedback {
  const feedback = useContext(FeedbackContext);
  if (!feedback) throw new Error('useToast and useAnnounce need a <ToastProvider> above them');
  return feedback;
}

export function useToast(): Feedback['toast'] {
  return useFeedback().toast;
}

export function useAnnounce(): Feedback['announce'] {
  return useFeedback().announce;
}
