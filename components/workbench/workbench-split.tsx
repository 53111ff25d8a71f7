'use client';

import { type CSSProperties, type ReactNode, useRef, useState } from 'react';

const SPLIT_KEY = 'review-inbox:workbench-split';
const MIN = 0.25;
const MAX = 0.7;
const DEFAULT = 0.46;

function readSplit(): number {
  if (typeof window === 'undefined') return DEFAULT;
  const stored = Number(window.localStorage.getItem(SPLIT_KEY));
  return stored >= MIN && stored <= MAX ? stored : DEFAULT;
}

const clamp = (ratio: number) => Math.min(MAX, Math.max(MIN, ratio));

/**
 * The document and the fields side by side, divided by a handle the reviewer can drag (or move
 * with ←/→); the width is remembered in this browser. On narrow screens they stack.
 */
export function WorkbenchSplit({ document, fields }: { document: ReactNode; fields: ReactNode }) {
  const [ratio, setRatio] = useState(readSplit);
  const containerRef = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  const commit = (next: number) => {
    const clamped = clamp(next);
    setRatio(clamped);
    window.localStorage.setItem(SPLIT_KEY, String(clamped));
  };

  return (
    <div
      ref={containerRef}
      className="grid items-start gap-4 lg:grid-cols-[var(--split)_0.5rem_minmax(0,1fr)] lg:gap-2"
      style={{ '--split': `${(ratio * 100).toFixed(1)}%` } as CSSProperties}
    >
      <div className="h-[70vh] min-w-0 lg:sticky lg:top-2 lg:h-[calc(100dvh-7rem)]">{document}</div>
      {/* biome-ignore lint/a11y/useSemanticElements: an <hr> cannot be dragged or focused to resize */}
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the document and the fields"
        aria-valuemin={MIN * 100}
        aria-valuemax={MAX * 100}
        aria-valuenow={Math.round(ratio * 100)}
        tabIndex={0}
        onKeyDown={(event) => {
          if (event.key === 'ArrowLeft') commit(ratio - 0.02);
          else if (event.key === 'ArrowRight') commit(ratio + 0.02);
          else return;
          event.preventDefault();
        }}
        onPointerDown={(event) => {
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
        }}
        onPointerMove={(event) => {
          const box = containerRef.current?.getBoundingClientRect();
          if (!dragging.current || !box) return;
          setRatio(clamp((event.clientX - box.left) / box.width));
        }}
        onPointerUp={() => {
          dragging.current = false;
          commit(ratio);
        }}
        className="group hidden cursor-col-resize items-center justify-center self-stretch rounded focus-visible:ring-2 focus-visible:ring-focus focus-visible:outline-none lg:flex"
      >
        <span className="h-12 w-1 rounded-full bg-line-strong group-hover:bg-accent" />
      </div>
      <div className="min-w-0 space-y-6">{fields}</div>
    </div>
  );
}
