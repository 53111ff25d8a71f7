/** Hand-written SQL for file metadata (`files`); the bytes are the storage's (storage.ts). */
import { Prisma } from '../db/generated/client';
import { prisma } from '../db/prisma';
import type { KnownFile } from '../reviews/gate-context';

export interface FileRow {
  id: string;
  organization_id: string;
  name: string;
  mime_type: string;
  size: number;
  sha256: string;
  page_count: number | null;
}

const FILE_COLUMNS = Prisma.raw(
  'id, organization_id::text AS organization_id, name, mime_type, size, sha256, page_count',
);

export async function selectFile(organizationId: string, fileId: string): Promise<FileRow | null> {
  const rows = await prisma.$queryRaw<FileRow[]>`
    SELECT ${FILE_COLUMNS} FROM files WHERE organization_id = ${organizationId}::uuid AND id = ${fileId}`;
  return rows[0] ?? null;
}

export async function selectFileBySha256(organizationId: string, sha256: string): Promise<FileRow | null> {
  const rows = await prisma.$queryRaw<FileRow[]>`
    SELECT ${FILE_COLUMNS} FROM files WHERE organization_id = ${organizationId}::uuid AND sha256 = ${sha256}`;
  return rows[0] ?? null;
}

export interface InsertFileInput {
  id: string;
  organizationId: string;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  pageCount: number | null;
  createdById: string;
  now: Date;
}

/** The file of these bytes: the new row, or the one a concurrent upload of the same bytes wrote. */
export async function insertFile(input: InsertFileInput): Promise<FileRow> {
  const rows = await prisma.$queryRaw<FileRow[]>`
    INSERT INTO files (id, organization_id, name, mime_type, size, sha256, page_count, created_by_id, created_at)
    VALUES (${input.id}, ${input.organizationId}::uuid, ${input.name}, ${input.mimeType}, ${input.size}::int,
            ${input.sha256}, ${input.pageCount}::int, ${input.createdById}::uuid, ${input.now}::timestamptz)
    ON CONFLICT (organization_id, sha256) DO NOTHING
    RETURNING ${FILE_COLUMNS}`;
  // The conflicting row may have been committed after this statement's snapshot was taken.
  const row = rows[0] ?? (await selectFileBySha256(input.organizationId, input.sha256));
  if (!row) throw new Error(`file ${input.sha256} vanished after a conflicting insert`);
  return row;
}

/** The organization's files among `ids`, for checking a gate's sources. */
export async function selectKnownFiles(organizationId: string, ids: string[]): Promise<Map<string, KnownFile>> {
  const rows = await prisma.$queryRaw<{ id: string; mime_type: string; page_count: number | null }[]>`
    SELECT id, mime_type, page_count FROM files
     WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::text[])`;
  return new Map(rows.map((row) => [row.id, { mimeType: row.mime_type, pageCount: row.page_count }]));
}
