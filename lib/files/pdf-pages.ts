/** How many pages a PDF has, so that citations beyond its last page can be refused. */
import { PDFDocument } from 'pdf-lib';

/** The page count, or null for a PDF this reader cannot parse (it is stored all the same). */
export async function pdfPageCount(bytes: Uint8Array): Promise<number | null> {
  try {
    const document = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return document.getPageCount();
  } catch {
    return null;
  }
}
