'use client';

import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { cx } from '@/components/ui/class-names';
import type { JsonPath } from '@/lib/json-tools/json-path';
import type { PlacedCitation } from '@/lib/workbench/field-table';
import { PageHighlights } from './page-highlights';
import { openPdf } from './pdf-loader';

type PageSize = { width: number; height: number };

export type PagingHandle = { goToPage(page: number): void };

export type PdfViewProps = {
  bytes: ArrayBuffer;
  zoom: number;
  citations: readonly PlacedCitation[];
  selectedPointer: string | null;
  onSelect(path: JsonPath): void;
  onPageCount(count: number): void;
  onCurrentPage(page: number): void;
  pagingRef: { current: PagingHandle | null };
};

/**
 * A PDF as a column of pages drawn by pdf.js, with page thumbnails. A page is drawn only once it
 * scrolls near the view, so a long document opens as fast as a short one.
 */
export function PdfView(props: PdfViewProps) {
  const { bytes, zoom, citations, selectedPointer, onSelect, onPageCount, onCurrentPage, pagingRef } = props;
  const [pdf, setPdf] = useState<{ doc: PDFDocumentProxy; sizes: PageSize[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [currentPage, setCurrentPage] = useState(1);
  const scrollRef = useRef<HTMLDivElement>(null);
  const pageRefs = useRef<(HTMLDivElement | null)[]>([]);
  const fitWidth = useElementWidth(scrollRef);
  const pageWidth = Math.max(200, fitWidth - 32) * zoom;

  useEffect(() => {
    let cancelled = false;
    let opened: PDFDocumentProxy | null = null;
    // pdf.js takes ownership of the buffer it is given: a copy keeps the cached bytes usable.
    openPdf(bytes.slice(0))
      .then(async (doc) => {
        opened = doc;
        const sizes = await Promise.all(
          Array.from({ length: doc.numPages }, async (_, i) => {
            const viewport = (await doc.getPage(i + 1)).getViewport({ scale: 1 });
            return { width: viewport.width, height: viewport.height };
          }),
        );
        if (cancelled) return;
        setPdf({ doc, sizes });
        onPageCount(doc.numPages);
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(error instanceof Error ? error.message : 'The PDF could not be read.');
      });
    return () => {
      cancelled = true;
      void opened?.destroy();
    };
  }, [bytes, onPageCount]);

  const goToPage = (page: number) => {
    const element = pageRefs.current[page - 1];
    const scroller = scrollRef.current;
    if (element && scroller) scroller.scrollTo({ top: element.offsetTop - 8 });
  };
  pagingRef.current = { goToPage };

  // The selected field's first box on this document, centred in the view.
  const target = citations.find((citation) => citation.pointer === selectedPointer);
  useEffect(() => {
    if (!target || !pdf) return;
    const page = pageRefs.current[target.page - 1];
    const scroller = scrollRef.current;
    if (!page || !scroller) return;
    const [x0, y0, x1, y1] = target.bbox;
    const boxTop = page.offsetTop + ((y0 + y1) / 2) * page.offsetHeight;
    const boxLeft = page.offsetLeft + ((x0 + x1) / 2) * page.offsetWidth;
    scroller.scrollTo({ top: boxTop - scroller.clientHeight / 2, left: boxLeft - scroller.clientWidth / 2 });
  }, [target, pdf]);

  const onScroll = () => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const middle = scroller.scrollTop + scroller.clientHeight / 2;
    const index = pageRefs.current.findIndex((page) => page && page.offsetTop + page.offsetHeight > middle);
    const page = index === -1 ? pageRefs.current.length : index + 1;
    if (page !== currentPage) {
      setCurrentPage(page);
      onCurrentPage(page);
    }
  };

  return (
    <div className="flex min-h-0 flex-1">
      {pdf && (
        <nav
          aria-label="Pages"
          className="hidden w-24 shrink-0 space-y-2 overflow-y-auto border-r border-line p-2 sm:block"
        >
          {pdf.sizes.map((size, index) => (
            <button
              // Pages never reorder.
              key={index}
              type="button"
              aria-label={`Page ${index + 1}`}
              aria-current={currentPage === index + 1 ? 'page' : undefined}
              onClick={() => goToPage(index + 1)}
              className={cx(
                'block w-full rounded border p-0.5 text-center text-[11px] text-fg-muted',
                currentPage === index + 1 ? 'border-accent ring-1 ring-accent' : 'border-line hover:border-line-strong',
              )}
            >
              <PdfCanvas doc={pdf.doc} page={index + 1} size={size} width={72} root={null} />
              {index + 1}
            </button>
          ))}
        </nav>
      )}
      <div
        ref={scrollRef}
        onScroll={onScroll}
        data-testid="document-scroller"
        className="min-h-0 flex-1 overflow-auto bg-neutral-200/70 p-4 dark:bg-neutral-900"
      >
        {failure && <p className="text-sm text-danger">{failure}</p>}
        {!pdf && !failure && <p className="text-sm text-fg-muted">Opening the PDF…</p>}
        {pdf?.sizes.map((size, index) => (
          <div
            key={index}
            ref={(element) => {
              pageRefs.current[index] = element;
            }}
            data-page={index + 1}
            className="relative mx-auto mb-4 bg-white shadow-md"
            style={{ width: pageWidth, height: (pageWidth * size.height) / size.width }}
          >
            <PdfCanvas doc={pdf.doc} page={index + 1} size={size} width={pageWidth} root={scrollRef.current} />
            <PageHighlights
              citations={citations.filter((citation) => citation.page === index + 1)}
              selectedPointer={selectedPointer}
              onSelect={onSelect}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

/** One page drawn at `width` CSS pixels (sharp on high-density screens), once it comes near the view. */
function PdfCanvas({
  doc,
  page,
  size,
  width,
  root,
}: {
  doc: PDFDocumentProxy;
  page: number;
  size: PageSize;
  width: number;
  root: Element | null;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [near, setNear] = useState(false);
  const height = (width * size.height) / size.width;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { root, rootMargin: '400px' },
    );
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [near, root]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!near || !canvas) return;
    let task: RenderTask | null = null;
    let cancelled = false;
    void doc.getPage(page).then((pdfPage) => {
      if (cancelled) return;
      const ratio = window.devicePixelRatio || 1;
      const viewport = pdfPage.getViewport({ scale: (width / size.width) * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      task = pdfPage.render({ canvas, viewport });
      task.promise.catch(() => {
        // Cancelled by a newer zoom or by leaving the review: nothing to report.
      });
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [near, doc, page, width, size.width]);

  return <canvas ref={canvasRef} className="block" style={{ width, height }} />;
}

/** The element's content width, followed as the split or the window is resized. */
export function useElementWidth(ref: { current: HTMLElement | null }): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
