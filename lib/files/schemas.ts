/** Request and response shapes of the file routes (`POST /v1/files`, `GET /v1/files/{file_id}`). */
import { z } from 'zod';
import { FILE_ID_PATTERN } from '../reviews/schemas';

/** Raw bytes per upload. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export const ZFileUploadQuery = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(255)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'no control characters')
    .describe('The file name reviewers see, e.g. `invoice-4711.pdf`.'),
});

export const ZFileParams = z.object({
  fileId: z
    .string()
    .regex(FILE_ID_PATTERN)
    .meta({ description: 'The id `POST /v1/files` answered.', example: 'file_8c1d2e3f4a5b6c7d8e9f0a1b' }),
});

export const ZFile = z
  .object({
    file_id: z.string().describe('`file_…`: name it in a gate’s `sources` as `file_id`.'),
    name: z.string(),
    mime_type: z.string().describe('The Content-Type it was uploaded with (without parameters).'),
    size: z.number().int().describe('Bytes.'),
    sha256: z.string().describe('Hex SHA-256 of the bytes.'),
  })
  .meta({ id: 'File' });

export type FileUploadQuery = z.infer<typeof ZFileUploadQuery>;
export type FileParams = z.infer<typeof ZFileParams>;
export type FileObject = z.infer<typeof ZFile>;
