'use client';

import { useEffect, useRef, useState } from 'react';
import type { JsonPath } from '@/lib/json-tools/json-path';
import type { PlacedCitation } from '@/lib/workbench/field-table';
import { PageHighlights } from './page-highlights';
import { useElementWidth } from './pdf-view';

/**
 * An image source, zoomed with the viewer's controls and panned by dragging. Its bytes become an
 * object URL: the file's own URL is served as a sandboxed download, not as something to embed.
 */
export function ImageView({
  bytes,
  mimeType,
  name,
  zoom,
  citations,
  selectedPointer,
  onSelect,
}: {
  bytes: ArrayBuffer;
  mimeType: string;
  name: string;
  zoom: number;
  citations: readonly PlacedCitation[];
  selectedPointer: string | null;
  onSelect(path: JsonPath): void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const fitWidth = useElementWidth(scrollRef);
  const [src, setSrc] = useState<string | null>(null);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  const width = Math.max(200, fitWidth - 32) * zoom;

  useEffect(() => {
    const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
    setSrc(url);
    return () => URL.revokeObjectURL(url);
  }, [bytes, mimeType]);

  const target = citations.find((citation) => citation.pointer === selectedPointer);
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!target || !natural || !scroller) return;
    const height = (width * natural.height) / natural.width;
    const [x0, y0, x1, y1] = target.bbox;
    scroller.scrollTo({
      top: 16 + ((y0 + y1) / 2) * height - scroller.clientHeight / 2,
      left: 16 + ((x0 + x1) / 2) * width - scroller.clientWidth / 2,
    });
  }, [target, natural, width]);

  return (
    <div
      ref={scrollRef}
      data-testid="document-scroller"
      className="min-h-0 flex-1 cursor-grab overflow-auto bg-neutral-200/70 p-4 active:cursor-grabbing dark:bg-neutral-900"
      onPointerDown={(event) => {
        if (event.target instanceof HTMLButtonElement) return;
        const scroller = event.currentTarget;
        drag.current = { x: event.clientX, y: event.clientY, left: scroller.scrollLeft, top: scroller.scrollTop };
        scroller.setPointerCapture(event.pointerId);
      }}
      onPointerMove={(event) => {
        const start = drag.current;
        if (!start) return;
        event.currentTarget.scrollLeft = start.left - (event.clientX - start.x);
        event.currentTarget.scrollTop = start.top - (event.clientY - start.y);
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
    >
      {src && (
        <div className="relative mx-auto bg-white shadow-md" style={{ width }}>
          {/* biome-ignore lint/performance/noImgElement: an object URL of the reviewer's own file, not a page asset */}
          <img
            src={src}
            alt={name}
            draggable={false}
            onLoad={(event) =>
              setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })
            }
            className="block w-full select-none"
          />
          <PageHighlights
            citations={citations.filter((citation) => citation.page === 1)}
            selectedPointer={selectedPointer}
            onSelect={onSelect}
          />
        </div>
      )}
    </div>
  );
}
