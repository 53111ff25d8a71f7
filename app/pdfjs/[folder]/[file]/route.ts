import { readPdfJsAsset } from '@/lib/workbench/pdfjs-assets';

/** pdf.js's fonts, character maps and decoders for the document viewer (see components/workbench/pdf-loader.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ folder: string; file: string }> }) {
  const { folder, file } = await params;
  return (await readPdfJsAsset(folder, file)) ?? new Response('Not found', { status: 404 });
}
