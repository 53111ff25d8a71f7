/**
 * Uploading and serving source files. An upload is stored once per content and organization:
 * the same bytes again answer the file they already are.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Caller } from '../auth/authorization';
import { AppError } from '../errors';
import { DECLARED_LENGTH_HEADER } from '../http/declared-length';
import { readBodyBytes } from '../http/read-json-body';
import { type FileRow, insertFile, selectFile, selectFileBySha256 } from './file-sql';
import { acceptedMimeType, bytesMatchType, contentDisposition, FILE_MIME_TYPES, type FileMimeType } from './file-types';
import { pdfPageCount } from './pdf-pages';
import { type FileObject, type FileParams, type FileUploadQuery, MAX_FILE_BYTES } from './schemas';
import { fileStorage } from './storage';

function wireFile(row: FileRow): FileObject {
  return { file_id: row.id, name: row.name, mime_type: row.mime_type, size: row.size, sha256: row.sha256 };
}

export async function uploadFile(caller: Caller, query: FileUploadQuery, request: Request): Promise<FileObject> {
  const mimeType = acceptedMimeType(request.headers.get('content-type'));
  if (!mimeType) {
    throw new AppError(
      'unsupported_media_type',
      `send the file with its Content-Type: one of ${FILE_MIME_TYPES.join(', ')}`,
      { accepted: [...FILE_MIME_TYPES] },
    );
  }
  const bytes = await readBodyBytes(request, MAX_FILE_BYTES);
  return storeFile(caller, { name: query.name, mimeType, bytes });
}

/** Stores a file once per content: the same bytes again answer the file they already are. */
export async function storeFile(
  caller: Caller,
  { name, mimeType, bytes }: { name: string; mimeType: FileMimeType; bytes: Uint8Array },
): Promise<FileObject> {
  if (bytes.byteLength === 0) throw validationIssue('the file is empty');
  if (!bytesMatchType(mimeType, bytes)) throw validationIssue(`the bytes are not a ${mimeType} file`);

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const key = { organizationId: caller.organizationId, sha256 };
  const existing = await selectFileBySha256(caller.organizationId, sha256);
  if (existing) return wireFile(existing);

  await (await fileStorage()).put(key, bytes, mimeType);
  const row = await insertFile({
    id: `file_${randomBytes(12).toString('hex')}`,
    organizationId: caller.organizationId,
    name,
    mimeType,
    size: bytes.byteLength,
    sha256,
    pageCount: mimeType === 'application/pdf' ? await pdfPageCount(bytes) : null,
    createdById: caller.pk,
    now: new Date(),
  });
  return wireFile(row);
}

function validationIssue(message: string): AppError {
  return new AppError('validation_error', message, { issues: [{ path: [], message }] });
}

/** Immutable content: a file id always names the same bytes, so caches may keep them for good. */
const CACHE_FOREVER = 'private, max-age=31536000, immutable';

export async function getFile(caller: Caller, { fileId }: FileParams, request: Request): Promise<Response> {
  const row = await selectFile(caller.organizationId, fileId);
  if (!row) throw new AppError('not_found', `no file ${fileId}`);
  const etag = `"${row.sha256}"`;
  const headers = new Headers({
    'cache-control': CACHE_FOREVER,
    etag,
    'x-content-type-options': 'nosniff',
    // Opened directly, the file runs no script and reaches nothing of this origin.
    'content-security-policy': 'sandbox',
  });
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const bytes = await (await fileStorage()).get({ organizationId: caller.organizationId, sha256: row.sha256 });
  if (!bytes) throw new Error(`the bytes of file ${row.id} are missing from the file storage`);
  headers.set('content-type', row.mime_type === 'text/plain' ? 'text/plain; charset=utf-8' : row.mime_type);
  headers.set(DECLARED_LENGTH_HEADER, String(bytes.byteLength));
  headers.set('content-disposition', contentDisposition(row.name));
  // Node hands out buffers over a plain ArrayBuffer, never a shared one.
  return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers });
}
