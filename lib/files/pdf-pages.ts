/** How many pages a PDF has, so that citations beyond its last page can be refused. */

/**
 * The page count, or null for a PDF this reader cannot parse (it is stored all the same).
 * pdf-lib is loaded on the first PDF upload, not with every route that imports this module.
 */
export async function pdfPageCount(bytes: Uint8Array): Promise<number | null> {
  const { PDFDocument } = await import('pdf-lib');
  try {
    const document = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return document.getPageCount();
  } catch {
    return null;
  }
}
