'use client';

import { useEffect, useRef } from 'react';

/** Handlers by `KeyboardEvent.key` (`'j'`, `'?'`, `'Enter'`, `'ArrowDown'`…). */
export type ShortcutMap = Partial<Record<string, (event: KeyboardEvent) => void>>;

const TYPING_ROLES = new Set([
  'textbox',
  'searchbox',
  'combobox',
  'spinbutton',
  'slider',
  'listbox',
  'menu',
  'menuitem',
]);

/** Typing a "j" into a field, or moving through a select or a menu, must never trigger a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  }
  const role = target.getAttribute('role');
  return role !== null && TYPING_ROLES.has(role);
}

/** Keys a focused link or button already answers to: its own activation wins. */
function isActivationOnControl(event: KeyboardEvent): boolean {
  if (event.key !== 'Enter' && event.key !== ' ') return false;
  const target = event.target;
  return target instanceof HTMLElement && target.closest('a[href], button, summary, [role="button"]') !== null;
}

/**
 * Single-key shortcuts for the whole page. Ignored while typing, with Ctrl/Cmd/Alt held (those
 * belong to the browser), inside an open dialog (it has its own keys) and when `enabled` is false.
 */
export function useKeyboardShortcuts(shortcuts: ShortcutMap, { enabled = true }: { enabled?: boolean } = {}): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || isActivationOnControl(event)) return;
      if (event.target instanceof Element && event.target.closest('dialog[open]')) return;
      const handler = latest.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
