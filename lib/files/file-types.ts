/**
 * The media types a source file may have, and whether bytes really are of the type declared:
 * a file served back to browsers must be what its Content-Type says.
 */

export const FILE_MIME_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/tiff',
  'text/plain',
] as const;
export type FileMimeType = (typeof FILE_MIME_TYPES)[number];

/** `Image/PNG; charset=x` → `image/png`, or null when it is none of the accepted types. */
export function acceptedMimeType(contentType: string | null): FileMimeType | null {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (FILE_MIME_TYPES as readonly string[]).includes(essence) ? (essence as FileMimeType) : null;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Whether `bytes` begin the way files of `type` do (their magic number); text must be UTF-8. */
export function bytesMatchType(type: FileMimeType, bytes: Uint8Array): boolean {
  switch (type) {
    case 'application/pdf':
      return startsWith(bytes, ascii('%PDF-'));
    case 'image/png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'image/webp':
      return startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8);
    case 'image/tiff':
      return startsWith(bytes, ascii('II*\0')) || startsWith(bytes, ascii('MM\0*'));
    case 'text/plain':
      return isPlainText(bytes);
  }
}

/**
 * `Content-Disposition` naming the file: an ASCII fallback without quotes or controls, and the
 * full name in RFC 5987 form, so no name can break out of the header.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_').trim() || 'file';
  return `inline; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
