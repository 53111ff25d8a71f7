'use client';

import { useId } from 'react';
import { formatPath, type JsonPath } from '@/lib/json-tools/json-path';
import { resolvePointer } from '@/lib/json-tools/json-pointer';
import type { SchemaErrors } from '@/lib/workbench/schema-validation';

/** Enough to act on; the rest are counted, and come up as the first ones are fixed. */
const SHOWN = 20;

/** The path a failing pointer names, also when it names a field the value lacks (a missing required one). */
export function pathOfPointer(value: unknown, pointer: string): JsonPath {
  const found = resolvePointer(value, pointer);
  if (found) return found;
  const cut = pointer.lastIndexOf('/');
  const parent = cut <= 0 ? [] : (resolvePointer(value, pointer.slice(0, cut)) ?? []);
  return [
    ...parent,
    pointer
      .slice(cut + 1)
      .replace(/~1/g, '/')
      .replace(/~0/g, '~'),
  ];
}

/**
 * Every path of the draft that fails the schema, rows the grid has not drawn included, each a
 * button that brings its input into view.
 */
export function SchemaErrorSummary({
  errors,
  value,
  onJump,
}: {
  errors: SchemaErrors;
  value: unknown;
  onJump(path: JsonPath): void;
}) {
  const headingId = useId();
  if (errors.size === 0) return null;
  const entries = [...errors].slice(0, SHOWN);
  return (
    <section
      aria-labelledby={headingId}
      tabIndex={-1}
      data-testid="schema-error-summary"
      className="rounded-md border border-danger/50 px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-danger"
    >
      <h3 id={headingId} className="font-medium text-danger">
        {errors.size === 1 ? '1 field does' : `${errors.size} fields do`} not match the schema
      </h3>
      <ul className="mt-1 max-h-32 space-y-0.5 overflow-auto">
        {entries.map(([pointer, message]) => {
          const path = pathOfPointer(value, pointer);
          return (
            <li key={pointer}>
              <button
                type="button"
                onClick={() => onJump(path)}
                className="text-left text-accent underline decoration-dotted underline-offset-2 hover:decoration-solid"
              >
                <span className="font-mono text-xs">{path.length === 0 ? 'the output' : formatPath(path)}</span>
                <span className="text-fg-muted"> — {message}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {errors.size > SHOWN && <p className="mt-1 text-xs text-fg-muted">and {errors.size - SHOWN} more</p>}
    </section>
  );
}

/** Frames to wait for a virtualized grid to scroll to a row and draw it. */
const FRAMES_TO_WAIT = 30;

/**
 * Focuses the input of `pointer` inside `root` once it is in the page (a grid row far from view is
 * drawn only after the grid scrolled to it), or the nearest enclosing field that is.
 */
export function focusFieldWhenDrawn(root: HTMLElement | null, pointer: string): void {
  let frames = 0;
  const attempt = () => {
    const input = root?.querySelector<HTMLElement>(
      `[data-pointer="${CSS.escape(pointer)}"] :is(input, select, textarea)`,
    );
    if (input) {
      input.focus({ preventScroll: true });
      input.scrollIntoView({ block: 'nearest' });
      return;
    }
    if (++frames < FRAMES_TO_WAIT) {
      requestAnimationFrame(attempt);
      return;
    }
    const cut = pointer.lastIndexOf('/');
    if (cut >= 0) focusFieldWhenDrawn(root, pointer.slice(0, cut));
  };
  requestAnimationFrame(attempt);
}
