/**
 * Source files: upload limits and types, dedupe by content, tenancy, and the headers a file is
 * served with — through the real route handlers and database.
 */
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { DECLARED_LENGTH_HEADER } from '@/lib/http/declared-length';
import { api } from '../api-client';
import { resetDatabase } from '../db';
import { createTeam, type TestTeam } from '../fixtures';

const MiB = 1024 * 1024;

let team: TestTeam;
let other: TestTeam;

async function pdfOf(pages: number): Promise<Uint8Array<ArrayBuffer>> {
  const document = await PDFDocument.create();
  for (let page = 0; page < pages; page++) document.addPage([595, 842]);
  return new Uint8Array(await document.save());
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function upload(bytes: Uint8Array<ArrayBuffer>, type: string, name = 'doc.pdf', key = team.integration.key) {
  return api('POST', `/v1/files?name=${encodeURIComponent(name)}`, {
    key,
    rawBody: bytes,
    headers: { 'content-type': type },
  });
}

async function fileCount(): Promise<number> {
  return prisma.file.count();
}

beforeAll(async () => {
  await resetDatabase();
  team = await createTeam('acme');
  other = await createTeam('globex');
});

describe('POST /v1/files', () => {
  it('stores a PDF and answers 201 with its id, name, type, size and SHA-256', async () => {
    const bytes = await pdfOf(2);
    const response = await upload(bytes, 'application/pdf', 'invoice 4711.pdf');
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      file_id: expect.stringMatching(/^file_[0-9a-f]{24}$/),
      name: 'invoice 4711.pdf',
      mime_type: 'application/pdf',
      size: bytes.byteLength,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const stored = await prisma.file.findUniqueOrThrow({ where: { id: response.body.file_id } });
    expect(stored.pageCount).toBe(2);
  });

  it('answers the same file for the same bytes, whatever name comes with them', async () => {
    const bytes = await pdfOf(3);
    const first = await upload(bytes, 'application/pdf', 'a.pdf');
    const before = await fileCount();
    const again = await upload(bytes, 'application/pdf', 'b.pdf');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await fileCount()).toBe(before);
  });

  it('stores concurrent uploads of the same bytes once', async () => {
    const bytes = await pdfOf(4);
    const answers = await Promise.all(Array.from({ length: 5 }, () => upload(bytes, 'application/pdf')));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.file_id)).size).toBe(1);
  });

  it('keeps the same bytes of two organizations apart', async () => {
    const bytes = await pdfOf(5);
    const mine = await upload(bytes, 'application/pdf');
    const theirs = await upload(bytes, 'application/pdf', 'doc.pdf', other.integration.key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.file_id).not.toBe(mine.body.file_id);
  });

  it('takes 25 MiB and refuses 25 MiB + 1 byte with 413, storing nothing', async () => {
    const text = new Uint8Array(25 * MiB).fill(0x61);
    expect((await upload(text, 'text/plain', 'big.txt')).status).toBe(201);
    const before = await fileCount();
    const over = new Uint8Array(25 * MiB + 1).fill(0x62);
    const refused = await upload(over, 'text/plain', 'bigger.txt');
    expect(refused.status).toBe(413);
    expect(refused.body.detail.code).toBe('payload_too_large');
    expect(refused.body.detail.details).toEqual({ max_bytes: 25 * MiB });
    expect(await fileCount()).toBe(before);
  });

  it('refuses a type it does not take with 415', async () => {
    const refused = await upload(new TextEncoder().encode('<svg/>') as Uint8Array<ArrayBuffer>, 'image/svg+xml');
    expect(refused.status).toBe(415);
    expect(refused.body.detail.code).toBe('unsupported_media_type');
    expect((await upload(PNG, 'text/html')).status).toBe(415);
  });

  it('refuses bytes that are not of the declared type with 422', async () => {
    for (const [bytes, type] of [
      [PNG, 'application/pdf'],
      [await pdfOf(1), 'image/png'],
      [await pdfOf(1), 'image/jpeg'],
      [new Uint8Array([0xff, 0xfe, 0x00, 0x41]), 'text/plain'],
    ] as const) {
      const refused = await upload(bytes, type);
      expect(refused.status, type).toBe(422);
      expect(refused.body.detail.code).toBe('validation_error');
    }
    expect((await upload(new Uint8Array(0), 'application/pdf')).status).toBe(422);
  });

  it('is for integrations and admins only', async () => {
    expect((await upload(PNG, 'image/png', 'x.png', team.reviewer.key)).status).toBe(403);
    expect((await upload(PNG, 'image/png', 'x.png', team.lead.key)).status).toBe(403);
    expect((await upload(PNG, 'image/png', 'x.png', team.admin.key)).status).toBe(201);
  });

  it('needs a name', async () => {
    const refused = await api('POST', '/v1/files', {
      key: team.integration.key,
      rawBody: PNG,
      headers: { 'content-type': 'image/png' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail.details.issues[0].path).toEqual(['name']);
  });
});

describe('GET /v1/files/{file_id}', () => {
  it('serves the bytes with their type, length, name, nosniff, a sandbox CSP and an immutable ETag', async () => {
    const bytes = await pdfOf(1);
    const { body: file } = await upload(bytes, 'application/pdf', 'Rechnung "März".pdf');
    const response = await fetchFile(file.file_id, team.reviewer.key);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    // Declared for the server edge, which sends it as Content-Length (e2e/files.spec.ts).
    expect(response.headers.get(DECLARED_LENGTH_HEADER)).toBe(String(bytes.byteLength));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe('sandbox');
    expect(response.headers.get('etag')).toBe(`"${file.sha256}"`);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename="Rechnung _M_rz_.pdf"; filename*=UTF-8''${encodeURIComponent('Rechnung "März".pdf')}`,
    );
    const cached = await fetchFile(file.file_id, team.reviewer.key, { 'if-none-match': `"${file.sha256}"` });
    expect(cached.status).toBe(304);
  });

  it('serves text as UTF-8 text', async () => {
    const { body: file } = await upload(
      new TextEncoder().encode('Grüße') as Uint8Array<ArrayBuffer>,
      'text/plain; charset=utf-8',
      'note.txt',
    );
    const response = await fetchFile(file.file_id, team.lead.key);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('Grüße');
  });

  it("answers 404 for another organization's file, exactly like a missing one", async () => {
    const { body: file } = await upload(await pdfOf(6), 'application/pdf');
    const theirs = await api('GET', `/v1/files/${file.file_id}`, { key: other.reviewer.key });
    const missing = await api('GET', '/v1/files/file_000000000000000000000000', { key: other.reviewer.key });
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(theirs.body.detail.code).toBe('not_found');
  });
});

async function fetchFile(fileId: string, key: string, headers: Record<string, string> = {}): Promise<Response> {
  const { callRoute } = await import('../api-client');
  return callRoute('GET', `/v1/files/${fileId}`, { key, headers });
}
