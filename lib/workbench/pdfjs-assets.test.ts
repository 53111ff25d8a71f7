import { describe, expect, it } from 'vitest';
import { readPdfJsAsset } from './pdfjs-assets';

describe('readPdfJsAsset', () => {
  it('serves a standard font and a character map of the installed pdfjs-dist', async () => {
    const font = await readPdfJsAsset('standard_fonts', 'LiberationSans-Regular.ttf');
    expect(font?.status).toBe(200);
    expect(font?.headers.get('content-type')).toBe('font/ttf');
    expect((await font?.arrayBuffer())?.byteLength).toBeGreaterThan(10_000);
    const cmap = await readPdfJsAsset('cmaps', 'UniJIS-UTF16-H.bcmap');
    expect(cmap?.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('serves nothing outside the package files it names', async () => {
    expect(await readPdfJsAsset('standard_fonts', '../package.json')).toBeNull();
    expect(await readPdfJsAsset('build', 'pdf.mjs')).toBeNull();
    expect(await readPdfJsAsset('standard_fonts', 'LICENSE_FOXIT')).toBeNull();
    expect(await readPdfJsAsset('__proto__', 'x.pfb')).toBeNull();
  });
});
