/**
 * Draws demo documents with pdf-lib and remembers where each piece of text landed, as the
 * contract's citation boxes: fractions of the page, origin top left.
 */
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

export type BBox = [number, number, number, number];

export interface Placed {
  page: number;
  bbox: BBox;
  text: string;
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  gray?: boolean;
  /** `right`: x is where the text ends (amount columns). */
  align?: 'left' | 'right';
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

export class PdfCanvas {
  private page!: PDFPage;
  private pageNumber = 0;

  private constructor(
    private readonly document: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    readonly width: number,
    readonly height: number,
  ) {}

  static async create(width: number, height: number): Promise<PdfCanvas> {
    const document = await PDFDocument.create();
    // Fixed dates: the same demo document is the same bytes, so a second seed dedupes it.
    document.setCreationDate(new Date('2026-01-01T00:00:00Z'));
    document.setModificationDate(new Date('2026-01-01T00:00:00Z'));
    document.setProducer('Review Inbox demo seed');
    const regular = await document.embedFont(StandardFonts.Helvetica);
    const bold = await document.embedFont(StandardFonts.HelveticaBold);
    const canvas = new PdfCanvas(document, regular, bold, width, height);
    canvas.addPage();
    return canvas;
  }

  addPage(): number {
    this.page = this.document.addPage([this.width, this.height]);
    this.pageNumber += 1;
    return this.pageNumber;
  }

  get currentPage(): number {
    return this.pageNumber;
  }

  /** Draws `text` with its top at `top` points from the top of the page; answers where it is. */
  text(text: string, x: number, top: number, style: TextStyle = {}): Placed {
    const size = style.size ?? 10;
    const font = style.bold ? this.bold : this.regular;
    const width = font.widthOfTextAtSize(text, size);
    const ascent = font.heightAtSize(size, { descender: false });
    const descent = font.heightAtSize(size) - ascent;
    const left = style.align === 'right' ? x - width : x;
    const baseline = this.height - top - ascent;
    this.page.drawText(text, {
      x: left,
      y: baseline,
      size,
      font,
      color: style.gray ? rgb(0.4, 0.4, 0.45) : rgb(0.1, 0.1, 0.12),
    });
    // A point of air around the glyphs, so a highlight does not clip them.
    const pad = 1;
    return {
      page: this.pageNumber,
      bbox: [
        round4(Math.max(0, left - pad) / this.width),
        round4(Math.max(0, top - pad) / this.height),
        round4(Math.min(this.width, left + width + pad) / this.width),
        round4(Math.min(this.height, top + ascent + descent + pad) / this.height),
      ],
      text,
    };
  }

  line(x0: number, top: number, x1: number): void {
    this.page.drawLine({
      start: { x: x0, y: this.height - top },
      end: { x: x1, y: this.height - top },
      thickness: 0.6,
      color: rgb(0.75, 0.75, 0.78),
    });
  }

  box(x: number, top: number, width: number, height: number, shade: number): void {
    this.page.drawRectangle({
      x,
      y: this.height - top - height,
      width,
      height,
      color: rgb(shade, shade, shade + 0.02),
    });
  }

  async save(): Promise<Uint8Array> {
    return this.document.save({ useObjectStreams: false });
  }
}

/** A citation of a placed text in source 0, as the contract spells it. */
export function cite(placed: Placed): { source: number; page: number; bbox: BBox; text: string } {
  return { source: 0, page: placed.page, bbox: placed.bbox, text: placed.text };
}
