'use client';

import { useId, useRef, useState } from 'react';
import { FIELD_CLASS } from '../review/textarea-field';
import { Button } from '../ui/button';

/**
 * A key, secret or invite link the server shows this once: selectable text, a copy button, and
 * the warning that closing loses it. It takes focus when it appears, so a keyboard user lands on it.
 */
export function OneTimeSecret({ label, value, warning }: { label: string; value: string; warning: string }) {
  const inputId = useId();
  const noteId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'select'>('idle');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopyState('copied');
    } catch {
      // No clipboard access (an insecure origin, a denied permission): leave the text selected to copy by hand.
      inputRef.current?.select();
      setCopyState('select');
    }
  };

  return (
    <div className="space-y-1.5">
      <label htmlFor={inputId} className="block font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          ref={inputRef}
          id={inputId}
          readOnly
          // biome-ignore lint/a11y/noAutofocus: the one thing to do in this dialog now is to copy it
          autoFocus
          data-autofocus
          value={value}
          aria-describedby={noteId}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          className={`${FIELD_CLASS} min-w-0 flex-1 font-mono text-xs`}
        />
        <Button size="md" variant="primary" onClick={copy}>
          {copyState === 'copied' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p role="status" className="min-h-4 text-xs text-fg-muted">
        {copyState === 'copied' && 'Copied to the clipboard.'}
        {copyState === 'select' && 'The browser did not allow copying: the text is selected, press Ctrl+C (⌘C).'}
      </p>
      <p
        id={noteId}
        className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-800 dark:bg-amber-950/40"
      >
        {warning}
      </p>
    </div>
  );
}
