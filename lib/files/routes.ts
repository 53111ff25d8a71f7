/** The file routes: source documents a gate cites, uploaded by the workflow engine. */
import { defineRoute } from '../http/define-route';
import { formatBytes } from '../http/read-json-body';
import { FILE_MIME_TYPES } from './file-types';
import { MAX_FILE_BYTES, ZFile, ZFileParams, ZFileUploadQuery } from './schemas';

export const uploadFileRoute = defineRoute({
  name: 'uploadFile',
  method: 'POST',
  path: '/v1/files',
  tag: 'Files',
  action: 'upload_file',
  summary: 'Upload a source file',
  description: `Stores a document a gate can cite in its \`sources\` (as \`{ "name", "mime_type", "file_id" }\`). The body is the file's raw bytes (at most ${formatBytes(MAX_FILE_BYTES)}, else \`413\`) and \`Content-Type\` its type: one of ${FILE_MIME_TYPES.map((type) => `\`${type}\``).join(', ')} (else \`415\`). The bytes must be of that type — checked by their first bytes (magic number); plain text must be UTF-8 — else \`422\`. The same bytes again answer the same file (\`201\`, with the name given first): files are kept once per content within an organization.`,
  query: ZFileUploadQuery,
  queryExample: { name: 'invoice-4711.pdf' },
  rawBody: {
    mediaTypes: FILE_MIME_TYPES,
    description: `The file's bytes, at most ${formatBytes(MAX_FILE_BYTES)}.`,
  },
  response: ZFile,
  success: [{ status: 201, description: 'The file (a new one, or the one these bytes already are).' }],
  errors: ['payload_too_large', 'unsupported_media_type', 'validation_error'],
  passRequest: true,
  reply: (file: unknown) => ({ status: 201, body: file }),
});

export const getFileRoute = defineRoute({
  name: 'getFile',
  method: 'GET',
  path: '/v1/files/{file_id}',
  tag: 'Files',
  action: 'read',
  summary: 'Download a source file',
  description: `The file's bytes, with its \`Content-Type\`, \`Content-Length\` and \`Content-Disposition: inline\` (its name), and \`X-Content-Type-Options: nosniff\` and \`Content-Security-Policy: sandbox\`, so that a file opened in the browser can run nothing. Its \`ETag\` is its quoted SHA-256 and it never changes: caches may keep it (\`immutable\`); \`If-None-Match\` answers \`304\`. A file of another organization is \`404\`, like a missing one.`,
  params: ZFileParams,
  success: [{ status: 200, description: 'The file’s bytes.' }],
  errors: [],
  passRequest: true,
});

export const FILE_ROUTES = [uploadFileRoute, getFileRoute];
