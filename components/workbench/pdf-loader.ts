'use client';

import type { PDFDocumentProxy } from 'pdfjs-dist';

type PdfJs = typeof import('pdfjs-dist');

let pdfjsPromise: Promise<PdfJs> | null = null;

/**
 * pdf.js, loaded on first use (it is large, and only review pages with a PDF need it). Its worker
 * is bundled from the package by `new URL(…, import.meta.url)`, so it is served by this app: no
 * CDN, and no copy in public/ to keep in step with the package version.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerPort ??= new Worker(
      new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url),
      { type: 'module' },
    );
    return pdfjs;
  });
  return pdfjsPromise;
}

/** Where app/pdfjs/ serves the package's data files; absolute, as the worker fetches some of them. */
function assetUrl(folder: string): string {
  return new URL(`/pdfjs/${folder}/`, window.location.origin).href;
}

/** Opens a PDF from its bytes (files are served with `CSP: sandbox`, so never embedded by URL). */
export async function openPdf(bytes: ArrayBuffer): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfJs();
  return pdfjs.getDocument({
    data: new Uint8Array(bytes),
    // No eval: the app's pages need not allow it, and the fonts render the same without it.
    isEvalSupported: false,
    // The standard 14 fonts (which pdf-lib, like many generators, does not embed) drawn from
    // pdf.js's own metric-compatible copies rather than whatever this machine has installed, so a
    // document and its citation boxes look the same to every reviewer. Without the URL pdf.js
    // warns and falls back; the CJK character maps are needed the same way.
    useSystemFonts: false,
    standardFontDataUrl: assetUrl('standard_fonts'),
    cMapUrl: assetUrl('cmaps'),
    cMapPacked: true,
    wasmUrl: assetUrl('wasm'),
    iccUrl: assetUrl('iccs'),
  }).promise;
}
