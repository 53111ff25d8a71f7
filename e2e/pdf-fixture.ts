/**
 * A small PDF written by hand for the browser tests: Helvetica text at known places, so a test
 * knows exactly where a citation's box must land. US Letter pages, 612 × 792 points.
 */
export type PdfText = { text: string; x: number; y: number; size: number };

export const PAGE = { width: 612, height: 792 };

/** A citation box (fractions of the page, origin top left) around a text placed with `PdfText`. */
export function boxAround({ text, x, y, size }: PdfText): [number, number, number, number] {
  const width = text.length * size * 0.56;
  const top = PAGE.height - y - size;
  return [
    (x - 2) / PAGE.width,
    (top - 2) / PAGE.height,
    (x + width + 2) / PAGE.width,
    (top + size * 1.25 + 2) / PAGE.height,
  ];
}

export function makePdf(pages: PdfText[][]): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const kids = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (const [i, texts] of pages.entries()) {
    const content = texts
      .map(({ text, x, y, size }) => `BT /F1 ${size} Tf ${x} ${y} Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`)
      .join('\n');
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`,
    );
    add(`<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`);
  }
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, body] of objects.entries()) {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  }
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
