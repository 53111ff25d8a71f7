'use client';

import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { SMALL_BUTTON_CLASS } from '@/components/review/edit-form-inputs';
import { cx } from '@/components/ui/class-names';
import type { JsonPath } from '@/lib/json-tools/json-path';
import type { PlacedCitation } from '@/lib/workbench/field-table';
import { type Source, sourceKindOf } from '@/lib/workbench/workbench-inputs';
import { ImageView } from './image-view';
import { type PagingHandle, PdfView, type PdfViewProps } from './pdf-view';
import { useSourceBytes } from './use-source-bytes';

const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

const VIEWER_KEYS: Partial<Record<string, 'next' | 'previous' | 'zoom-in' | 'zoom-out'>> = {
  PageDown: 'next',
  ArrowRight: 'next',
  PageUp: 'previous',
  ArrowLeft: 'previous',
  '+': 'zoom-in',
  '=': 'zoom-in',
  '-': 'zoom-out',
};

type DocumentViewerProps = {
  sources: readonly Source[];
  citations: readonly PlacedCitation[];
  selectedPointer: string | null;
  onSelect(path: JsonPath): void;
};

/**
 * The documents the output was extracted from, beside its fields. Selecting a field brings its
 * cited box into view (switching to its source if needed); with the focus inside, PageUp/PageDown
 * or ←/→ turn pages and +/− zoom.
 */
export const DocumentViewer = memo(function DocumentViewer({
  sources,
  citations,
  selectedPointer,
  onSelect,
}: DocumentViewerProps) {
  const [sourceIndex, setSourceIndex] = useState(0);
  const [zoomIndex, setZoomIndex] = useState(ZOOM_STEPS.indexOf(1));
  const [pageCount, setPageCount] = useState(1);
  const [currentPage, setCurrentPage] = useState(1);
  const pagingRef = useRef<PagingHandle | null>(null);
  const zoom = ZOOM_STEPS[zoomIndex] ?? 1;

  // A field cited on another source switches to it.
  const selectedSource = citations.find((citation) => citation.pointer === selectedPointer)?.source;
  useEffect(() => {
    if (selectedSource !== undefined && selectedSource < sources.length) setSourceIndex(selectedSource);
  }, [selectedSource, sources.length]);

  const source = sources[sourceIndex];
  const onPageCount = useCallback((count: number) => setPageCount(count), []);
  const turn = (delta: number) => {
    const page = Math.min(pageCount, Math.max(1, currentPage + delta));
    setCurrentPage(page);
    pagingRef.current?.goToPage(page);
  };
  const zoomBy = (delta: number) =>
    setZoomIndex((index) => Math.min(ZOOM_STEPS.length - 1, Math.max(0, index + delta)));

  if (!source) return null;
  const kind = sourceKindOf(source.mime_type);
  const ownCitations = citations.filter((citation) => citation.source === sourceIndex);

  return (
    <section
      aria-label="Source document"
      data-testid="document-viewer"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the viewer takes paging keys while it has the focus
      tabIndex={0}
      onKeyDown={(event) => {
        if (event.target !== event.currentTarget && !(event.target instanceof HTMLButtonElement)) return;
        const action = VIEWER_KEYS[event.key];
        if (!action) return;
        event.preventDefault();
        if (action === 'next') turn(1);
        else if (action === 'previous') turn(-1);
        else zoomBy(action === 'zoom-in' ? 1 : -1);
      }}
      className="flex h-full min-h-0 flex-col overflow-hidden rounded-lg border border-line bg-canvas focus-visible:ring-2 focus-visible:ring-focus focus-visible:outline-none"
    >
      <div className="flex flex-wrap items-center gap-2 border-b border-line bg-surface px-3 py-1.5 text-xs">
        {sources.length > 1 ? (
          <select
            aria-label="Source"
            value={sourceIndex}
            onChange={(event) => setSourceIndex(Number(event.target.value))}
            className="max-w-48 truncate rounded border border-line-strong bg-canvas px-1.5 py-0.5"
          >
            {sources.map((option, index) => (
              <option key={`${option.url}#${index}`} value={index}>
                {option.name}
              </option>
            ))}
          </select>
        ) : (
          <span className="max-w-56 truncate font-medium" title={source.name}>
            {source.name}
          </span>
        )}
        {kind === 'pdf' && (
          <span className="flex items-center gap-1">
            <button type="button" className={SMALL_BUTTON_CLASS} onClick={() => turn(-1)} aria-label="Previous page">
              ‹
            </button>
            <span aria-live="polite" className="tabular-nums text-fg-muted">
              Page {currentPage} of {pageCount}
            </span>
            <button type="button" className={SMALL_BUTTON_CLASS} onClick={() => turn(1)} aria-label="Next page">
              ›
            </button>
          </span>
        )}
        {(kind === 'pdf' || kind === 'image') && (
          <span className="ml-auto flex items-center gap-1">
            <button type="button" className={SMALL_BUTTON_CLASS} onClick={() => zoomBy(-1)} aria-label="Zoom out">
              −
            </button>
            <button
              type="button"
              className={cx(SMALL_BUTTON_CLASS, 'w-12 tabular-nums')}
              onClick={() => setZoomIndex(ZOOM_STEPS.indexOf(1))}
              title="Fit the width"
            >
              {Math.round(zoom * 100)}%
            </button>
            <button type="button" className={SMALL_BUTTON_CLASS} onClick={() => zoomBy(1)} aria-label="Zoom in">
              +
            </button>
          </span>
        )}
        <a
          href={source.url}
          download={source.name}
          className={cx('text-accent hover:underline', kind !== 'pdf' && kind !== 'image' && 'ml-auto')}
        >
          Download
        </a>
      </div>
      <SourceBody
        key={`${source.url}#${sourceIndex}`}
        source={source}
        zoom={zoom}
        citations={ownCitations}
        selectedPointer={selectedPointer}
        onSelect={onSelect}
        onPageCount={onPageCount}
        onCurrentPage={setCurrentPage}
        pagingRef={pagingRef}
      />
    </section>
  );
});

function SourceBody({
  source,
  zoom,
  citations,
  selectedPointer,
  onSelect,
  onPageCount,
  onCurrentPage,
  pagingRef,
}: Omit<PdfViewProps, 'bytes'> & { source: Source }) {
  const kind = sourceKindOf(source.mime_type);
  const bytes = useSourceBytes(source.url, kind !== 'other');
  if (kind === 'other') {
    return (
      <p className="p-4 text-sm text-fg-muted">
        This type of file ({source.mime_type}) cannot be shown here: download it to read it.
      </p>
    );
  }
  if (bytes.isError) return <p className="p-4 text-sm text-danger">{bytes.error.message}</p>;
  if (!bytes.data) return <p className="p-4 text-sm text-fg-muted">Loading {source.name}…</p>;
  if (kind === 'pdf') {
    return (
      <PdfView
        bytes={bytes.data}
        zoom={zoom}
        citations={citations}
        selectedPointer={selectedPointer}
        onSelect={onSelect}
        onPageCount={onPageCount}
        onCurrentPage={onCurrentPage}
        pagingRef={pagingRef}
      />
    );
  }
  if (kind === 'image') {
    return (
      <ImageView
        bytes={bytes.data}
        mimeType={source.mime_type}
        name={source.name}
        zoom={zoom}
        citations={citations}
        selectedPointer={selectedPointer}
        onSelect={onSelect}
      />
    );
  }
  return <TextView bytes={bytes.data} citations={citations} selectedPointer={selectedPointer} />;
}

/** A text source as it is; the selected field's cited text is marked where it first occurs. */
function TextView({
  bytes,
  citations,
  selectedPointer,
}: {
  bytes: ArrayBuffer;
  citations: readonly PlacedCitation[];
  selectedPointer: string | null;
}) {
  const text = new TextDecoder().decode(bytes);
  const cited = citations.find((citation) => citation.pointer === selectedPointer)?.text ?? null;
  const at = cited ? text.indexOf(cited) : -1;
  const markRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (at !== -1) markRef.current?.scrollIntoView({ block: 'center' });
  }, [at]);
  return (
    <pre
      data-testid="document-scroller"
      className="min-h-0 flex-1 overflow-auto p-4 font-mono text-xs leading-5 whitespace-pre-wrap"
    >
      {at === -1 || !cited ? (
        text
      ) : (
        <>
          {text.slice(0, at)}
          <mark ref={markRef} data-testid="citation-highlight" className="rounded-sm bg-blue-200 dark:bg-blue-900">
            {cited}
          </mark>
          {text.slice(at + cited.length)}
        </>
      )}
    </pre>
  );
}
